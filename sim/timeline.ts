import type { ConsoleLine } from './console-output.js';
import type { AnalogEvent, PinEvent, SimNote } from './host.js';

export interface TimelineSource {
  board: { pins: Record<string, unknown>; leds: Record<string, string>; buttons: Record<string, string> };
  pinLog: PinEvent[];
  analogLog: AnalogEvent[];
  console: ConsoleLine[];
  notes: SimNote[];
  now: number;
}

export interface TimelineOptions {
  /** At most this many event lines (default 200); a per-pin summary always follows. */
  limit?: number;
  /** Only these pins (names or aliases); default all that changed. */
  pins?: string[];
  /** Leave out console lines. */
  noConsole?: boolean;
}

/** "[   1.500s]" */
export function stamp(ms: number): string {
  return `[${(ms / 1000).toFixed(3).padStart(9)}s]`;
}

/**
 * A short text timeline: pin changes (with LED/button names), analog
 * changes, console lines and what the simulation did (presses, resets), in
 * time order, then one summary line per pin: changes, time high, period.
 */
export function toTimeline(source: TimelineSource, options: TimelineOptions = {}): string {
  const limit = options.limit ?? 200;
  const alias = new Map<string, string>();
  for (const [a, p] of Object.entries({ ...source.board.leds, ...source.board.buttons })) alias.set(p, alias.has(p) ? `${alias.get(p)}/${a}` : a);
  const label = (p: string) => (alias.has(p) ? `${alias.get(p)} (${p})` : p);
  const wanted = options.pins ? new Set(options.pins.map((n) => [...alias].find(([, a]) => a.split('/').includes(n))?.[0] ?? n)) : null;
  const events: { t: number; order: number; text: string }[] = [];
  let order = 0;
  for (const e of source.pinLog) if (!wanted || wanted.has(e.pin)) events.push({ t: e.t, order: order++, text: `${label(e.pin)} → ${e.value}` });
  for (const e of source.analogLog) {
    if (wanted && !wanted.has(e.pin)) continue;
    const v = e.value === null ? 'off' : e.kind === 'duty' ? `${+(e.value * 100).toFixed(2)}%` : `${+e.value.toFixed(3)} V`;
    events.push({ t: e.t, order: order++, text: `${label(e.pin)} ${e.kind} ${v}` });
  }
  if (!options.noConsole) for (const l of source.console) events.push({ t: l.t, order: order++, text: `console: ${l.text}` });
  for (const n of source.notes) events.push({ t: n.t, order: order++, text: `sim: ${n.text}` });
  events.sort((a, b) => a.t - b.t || a.order - b.order);
  const lines = events.slice(0, limit).map((e) => `${stamp(e.t)} ${e.text}`);
  if (events.length > limit) lines.push(`… ${events.length - limit} more events (see the VCD for the full trace)`);

  // Per-pin summary.
  const byPin = new Map<string, PinEvent[]>();
  for (const e of source.pinLog) if (!wanted || wanted.has(e.pin)) byPin.set(e.pin, [...(byPin.get(e.pin) ?? []), e]);
  const order2 = Object.keys(source.board.pins);
  const summary: string[] = [];
  for (const pin of order2.filter((p) => byPin.has(p))) summary.push(`${label(pin)}: ${pinSummary(byPin.get(pin)!, source.now)}`);
  if (summary.length > 0) lines.push(`-- ${(source.now / 1000).toFixed(3)}s simulated --`, ...summary);
  return lines.join('\n');
}

function pinSummary(events: PinEvent[], end: number): string {
  let high = 0;
  let level = 0;
  let since = 0;
  for (const e of events) {
    if (level === 1) high += e.t - since;
    level = e.value;
    since = e.t;
  }
  if (level === 1) high += end - since;
  const rises = events.filter((e) => e.value === 1).map((e) => e.t);
  const gaps = rises.slice(1).map((t, i) => t - rises[i]);
  const periodic = gaps.length >= 2 && gaps.every((g) => Math.abs(g - gaps[0]) < 1e-6);
  const parts = [`${events.length} change${events.length === 1 ? '' : 's'}`, `high ${end > 0 ? ((100 * high) / end).toFixed(1) : '0.0'}% of the time`];
  if (periodic) parts.push(`period ${(gaps[0] / 1000).toFixed(3)}s`);
  parts.push(`now ${level}`);
  return parts.join(', ');
}
