/**
 * A duration in milliseconds from a number (ms) or text: "500", "500ms",
 * "2s", "1.5m", "24h", "1d", "250us". Throws naming `what` and the text.
 */
export function parseDuration(value: unknown, what: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new Error(`${what}: ${value} is not a duration; use a number of ms or text such as 500ms, 2s, 5m, 24h`);
  }
  if (typeof value === 'string') {
    const m = /^(\d+(?:\.\d+)?)\s*(us|µs|ms|s|m|min|h|d)?$/.exec(value.trim());
    if (m) {
      const unit = { us: 0.001, µs: 0.001, ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
      return Number(m[1]) * unit;
    }
  }
  throw new Error(`${what}: ${JSON.stringify(value)} is not a duration; use e.g. 500ms, 2s, 5m, 24h`);
}

/** "1.500s" — virtual time for messages. */
export function formatTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}
