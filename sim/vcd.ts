import type { AnalogEvent, PinEvent } from './host.js';

/** What a waveform is made of; a Simulation or Harness has all of it. */
export interface TraceSource {
  board: { name: string; id: string; pins: Record<string, unknown>; leds: Record<string, string>; buttons: Record<string, string> };
  pinLog: PinEvent[];
  analogLog: AnalogEvent[];
  /** Virtual time now (ms): where the waveform ends. */
  now: number;
  /** Radio events (Bluetooth LE adverts, connections, writes, notifications): one VCD `event` per kind. */
  events?: { t: number; kind: string }[];
}

export interface VcdOptions {
  /** Pins to include (names or aliases); default: every pin that changed, plus `extra`. */
  pins?: string[];
  /** Pins to include even if they never changed (e.g. those wired to parts). */
  extra?: string[];
}

/**
 * The pin trace as a Value Change Dump (IEEE 1364 §18), for GTKWave or
 * PulseView: one 1-bit wire per pin, a real variable per pin that had PWM
 * (duty 0..1) or a voltage on it, time in microseconds. Deterministic: no
 * date, signals in board pin order.
 */
export function toVcd(source: TraceSource, options: VcdOptions = {}): string {
  const order = Object.keys(source.board.pins);
  const alias = aliasesOf(source.board);
  const resolve = (n: string) => (order.includes(n) ? n : Object.entries(alias).find(([, a]) => a.split('_').includes(n))?.[0] ?? n);
  let digital: string[];
  if (options.pins) digital = options.pins.map(resolve);
  else {
    const used = new Set([...source.pinLog.map((e) => e.pin), ...(options.extra ?? []).map(resolve)]);
    digital = order.filter((p) => used.has(p));
  }
  const analogKeys = new Set(source.analogLog.filter((e) => digital.includes(e.pin) || !options.pins).map((e) => `${e.pin}:${e.kind}`));
  const analog = order.flatMap((p) => (['duty', 'volts'] as const).filter((k) => analogKeys.has(`${p}:${k}`)).map((k) => ({ pin: p, kind: k })));

  const signals: { key: string; id: string; name: string; real: boolean }[] = [];
  let n = 0;
  for (const p of digital) signals.push({ key: `${p}`, id: vcdId(n++), name: alias[p] ? `${p}_${alias[p]}` : p, real: false });
  for (const a of analog) signals.push({ key: `${a.pin}:${a.kind}`, id: vcdId(n++), name: `${a.pin}_${a.kind}`, real: true });
  // Events (IEEE 1364 `event` variables): one per kind, triggered at each occurrence, named ble_<kind>.
  const events = source.events ?? [];
  const eventSignals = [...new Set(events.map((e) => e.kind))].map((k) => ({ key: `event:${k}`, id: vcdId(n++), name: `ble_${k}` }));
  const byKey = new Map(signals.map((s) => [s.key, s]));

  const out: string[] = [
    '$comment Coop board simulator $end',
    `$comment board ${source.board.name} (${source.board.id}) $end`,
    '$version coop sim $end',
    '$timescale 1us $end',
    `$scope module ${source.board.id} $end`,
    ...signals.map((s) => (s.real ? `$var real 64 ${s.id} ${s.name} $end` : `$var wire 1 ${s.id} ${s.name} $end`)),
    ...eventSignals.map((s) => `$var event 1 ${s.id} ${s.name} $end`),
    '$upscope $end',
    '$enddefinitions $end',
  ];

  // Merge both logs into per-instant final values.
  type Change = { us: number; key: string; value: string };
  const changes: Change[] = [];
  for (const e of source.pinLog) if (byKey.has(e.pin)) changes.push({ us: Math.round(e.t * 1000), key: e.pin, value: String(e.value) });
  for (const e of source.analogLog) {
    const key = `${e.pin}:${e.kind}`;
    if (byKey.has(key)) changes.push({ us: Math.round(e.t * 1000), key, value: realValue(e.value ?? 0) });
  }
  for (const e of events) changes.push({ us: Math.round(e.t * 1000), key: `event:${e.kind}`, value: '1' });
  const eventIds = new Map(eventSignals.map((s) => [s.key, s.id]));
  changes.sort((a, b) => a.us - b.us); // stable: same-instant changes keep their order

  const current = new Map<string, string>(signals.map((s) => [s.key, s.real ? '0' : '0']));
  let i = 0;
  // Values at time 0 (after everything that happened at 0) go in $dumpvars.
  const atZero: string[] = [];
  for (; i < changes.length && changes[i].us === 0; i++) {
    if (eventIds.has(changes[i].key)) atZero.push(`1${eventIds.get(changes[i].key)}`);
    else current.set(changes[i].key, changes[i].value);
  }
  out.push('#0', '$dumpvars');
  for (const s of signals) out.push(line(s, current.get(s.key)!));
  out.push('$end', ...atZero);
  while (i < changes.length) {
    const us = changes[i].us;
    const final = new Map<string, string>();
    const lines: string[] = [];
    for (; i < changes.length && changes[i].us === us; i++) {
      if (eventIds.has(changes[i].key)) lines.push(`1${eventIds.get(changes[i].key)}`);
      else final.set(changes[i].key, changes[i].value);
    }
    for (const s of signals) {
      const v = final.get(s.key);
      if (v === undefined || v === current.get(s.key)) continue;
      current.set(s.key, v);
      lines.push(line(s, v));
    }
    if (lines.length > 0) out.push(`#${us}`, ...lines);
  }
  const end = Math.round(source.now * 1000);
  if (end > 0 && (changes.length === 0 || end > changes[changes.length - 1].us)) out.push(`#${end}`);
  return out.join('\n') + '\n';
}

function line(s: { id: string; real: boolean }, value: string): string {
  return s.real ? `r${value} ${s.id}` : `${value}${s.id}`;
}

function realValue(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
}

/** Short identifiers from the printable ASCII range 33..126: "!", "\"", …, "!!", … */
function vcdId(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(33 + (n % 94)) + s;
    n = Math.floor(n / 94) - 1;
  } while (n >= 0);
  return s;
}

function aliasesOf(board: TraceSource['board']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [a, p] of Object.entries({ ...board.leds, ...board.buttons })) out[p] = out[p] ? `${out[p]}_${a}` : a;
  return out;
}
