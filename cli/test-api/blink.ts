/**
 * Is a pin blinking, and with what period? Read from its change history: the
 * times between changes repeat with some even number of changes (2 for a
 * plain on/off blink, 4 for a heartbeat's on-off-on-off, …); the period is
 * the time those changes take.
 */
import { formatTime } from '../../sim/index.js';

/** A pin level change at virtual time `t` (ms). */
export interface PinChange {
  t: number;
  value: 0 | 1;
}

export interface Blinking {
  /** ms one repeat of the pattern takes. */
  period: number;
  /** ms at each level in one repeat, starting with the level after the first change. */
  pattern: { value: 0 | 1; ms: number }[];
  /** Whole repeats seen. */
  cycles: number;
  /** The changes it was read from. */
  changes: PinChange[];
}

/**
 * The blinking in `changes`, or undefined when they do not repeat. Two times
 * between changes are the same when they differ by at most `tolerance` ms
 * (default: 5% of the longer, at least 1 ms).
 */
export function findBlinking(changes: PinChange[], tolerance?: number): Blinking | undefined {
  const gaps: number[] = [];
  for (let i = 1; i < changes.length; i++) gaps.push(changes[i].t - changes[i - 1].t);
  const same = (a: number, b: number) => Math.abs(a - b) <= (tolerance ?? Math.max(1, 0.05 * Math.max(a, b)));
  // The shortest even repeat that at least one further gap confirms.
  for (let m = 2; m < gaps.length; m += 2) {
    let repeats = true;
    for (let i = 0; i + m < gaps.length && repeats; i++) repeats = same(gaps[i], gaps[i + m]);
    if (!repeats) continue;
    const pattern = gaps.slice(0, m).map((ms, i) => ({ value: changes[i].value, ms }));
    return { period: pattern.reduce((sum, p) => sum + p.ms, 0), pattern, cycles: Math.floor(gaps.length / m), changes };
  }
  return undefined;
}

/** "high 500ms, low 500ms". */
export function describePattern(b: Blinking): string {
  return b.pattern.map((p) => `${p.value ? 'high' : 'low'} ${formatMs(p.ms)}`).join(', ');
}

/** The first few changes, as "0.000s → 1, 0.500s → 0, …". */
export function describeChanges(changes: PinChange[], max = 6): string {
  const shown = changes.slice(0, max).map((c) => `${formatTime(c.t)} → ${c.value}`);
  return shown.join(', ') + (changes.length > max ? `, … (${changes.length} in all)` : '');
}

/** 500 → "500ms", 1500 → "1.500s", 0.25 → "0.25ms". */
export function formatMs(ms: number): string {
  if (ms >= 1000) return formatTime(ms);
  return `${Number.isInteger(ms) ? ms : Number(ms.toFixed(3))}ms`;
}
