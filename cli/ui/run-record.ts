/**
 * One plain JSON object with everything a person looks at after (or during)
 * a simulated run: what the live page (`coop sim --ui`) streams, what the
 * report (`--report out.html`) embeds and what the waveform picture
 * (`--svg out.svg`) draws. Before this, each view would read the Simulation
 * itself:
 *
 *     before: page ← harness.pinLog, harness.console, sim.parts …  (Node objects, not JSON)
 *     after:  page ← recordOf(sim) → JSON → waveform.ts / page/app.ts (the same in all three)
 *
 * It holds only the wired pins (those of the diagram's parts and the board's
 * own LEDs and buttons), so a run that toggles other pins does not flood it.
 */
import type { Simulation } from '../../sim/index.js';

/**
 * Legend of a RunRecord:
 *   title     what ran: "examples/blink.ts on Puck.js"
 *   board     { id, name } of the simulated board
 *   now       virtual time (ms) the record reaches
 *   signals   the waveform's rows, one per wired pin: pin (D5), label ("red · LED1 (D5)"),
 *             kind 'digital' (levels) or 'analog' (volts 0..3.3 or PWM duty 0..1 drawn as a level)
 *   pins      level changes of wired pins: t (ms), pin, value 0|1
 *   analog    analog changes of wired pins: t, pin, kind 'duty'|'volts', value (null: stopped)
 *   console   lines the board printed: t, text
 *   notes     what the simulation did (presses, resets, watchdogs) and warnings: t, text, warn?
 *   memory    samples of the memory estimate: t, usage (JsVars); memTotal is the board's JsVars
 *   steps     a scenario's steps: n (1-based), source (as written), t0 (start, ms), t1 (end),
 *             status 'todo' | 'run' | 'pass' | 'fail', why (the failure's text)
 *   parts     the diagram's parts and the board's own: id, type, pins, color, state (one line), builtIn
 *   errors    uncaught errors, as text
 *   ended     set once the run is over: why ("the run ended at 10.000s", "scenario … passed")
 */
export interface RunRecord {
  title: string;
  board: { id: string; name: string };
  now: number;
  signals: Signal[];
  pins: { t: number; pin: string; value: 0 | 1 }[];
  analog: { t: number; pin: string; kind: 'duty' | 'volts'; value: number | null }[];
  console: { t: number; text: string }[];
  notes: { t: number; text: string; warn?: boolean }[];
  memory: { t: number; usage: number }[];
  memTotal: number;
  scenario?: string;
  steps: StepRecord[];
  parts: PartRecord[];
  errors: string[];
  ended?: string;
}

export interface Signal {
  pin: string;
  label: string;
  kind: 'digital' | 'analog';
}

export interface StepRecord {
  n: number;
  source: string;
  t0?: number;
  t1?: number;
  status: 'todo' | 'run' | 'pass' | 'fail';
  why?: string;
}

export interface PartRecord {
  id: string;
  type: string;
  pins: string[];
  color?: string;
  state: string;
  builtIn: boolean;
  /** Volts on a potentiometer / voltage source; °C and %RH of an SHT3x; what a UART peer received. */
  volts?: number;
  celsius?: number;
  humidity?: number;
  received?: string;
  pressed?: boolean;
  brightness?: number;
}

/** Labels of the board's pins: D5 → "LED1 (D5)" where the board names it. */
export function pinLabels(sim: Simulation): Map<string, string> {
  const def = sim.harness.board;
  const alias = new Map<string, string>();
  for (const [a, p] of Object.entries({ ...def.leds, ...def.buttons })) alias.set(p, alias.has(p) ? `${alias.get(p)}/${a}` : a);
  const out = new Map<string, string>();
  for (const name of sim.harness.pins.names()) out.set(name, alias.has(name) ? `${alias.get(name)} (${name})` : name);
  return out;
}

/** The live fields of one part (its drawing needs them). */
export function partRecord(sim: Simulation, id: string): PartRecord {
  const part = sim.parts.get(id)!;
  const spec = (part as unknown as { spec: Record<string, unknown> }).spec;
  const r: PartRecord = { id, type: part.type, pins: part.pins, state: part.state(), builtIn: sim.builtInParts.has(id) };
  if (typeof spec.color === 'string') r.color = spec.color;
  const p = part as unknown as Record<string, unknown>;
  if (part.type === 'led') r.brightness = (part as unknown as { brightness(): number }).brightness();
  if (part.type === 'button') r.pressed = (part as unknown as { isPressed(): boolean }).isPressed();
  if (part.type === 'potentiometer' || part.type === 'voltage-source') {
    const pin = sim.harness.pins.byName(part.pins[0], 'part');
    r.volts = pin.drive?.kind === 'volts' ? pin.drive.volts : 0;
  }
  if (part.type === 'sht3x') {
    r.celsius = p.temperature as number;
    r.humidity = p.humidity as number;
  }
  if (part.type === 'uart-peer') r.received = String(p.received ?? '');
  return r;
}

/** The waveform's rows: every pin a part is wired to, in board pin order; analog where something drives volts or PWM. */
export function signalsOf(sim: Simulation): Signal[] {
  const labels = pinLabels(sim);
  const byPin = new Map<string, string[]>();
  for (const part of sim.parts.values()) for (const p of part.pins) byPin.set(p, [...(byPin.get(p) ?? []), part.id]);
  const analogPins = new Set(sim.harness.analogLog.map((e) => e.pin));
  for (const part of sim.parts.values()) if (part.type === 'potentiometer' || part.type === 'voltage-source') for (const p of part.pins) analogPins.add(p);
  const order = sim.harness.pins.names();
  return order.filter((p) => byPin.has(p)).map((pin) => ({
    pin,
    label: `${byPin.get(pin)!.join('/')} · ${labels.get(pin)}`,
    kind: analogPins.has(pin) ? 'analog' : 'digital',
  }));
}

/**
 * Everything so far as a RunRecord. Logs are copied from `from` (indices
 * into the harness's logs) on, so a live view can send only what is new.
 */
export function recordOf(sim: Simulation, title: string, from: Cursor = { pins: 0, analog: 0, console: 0, notes: 0, warnings: 0 }): { record: RunRecord; cursor: Cursor } {
  const h = sim.harness;
  const wired = new Set([...sim.parts.values()].flatMap((p) => p.pins));
  const notes = [
    ...h.notes.slice(from.notes).map((n) => ({ t: n.t, text: n.text })),
    ...h.warnings.slice(from.warnings).map((n) => ({ t: n.t, text: n.text, warn: true })),
  ].sort((a, b) => a.t - b.t);
  const record: RunRecord = {
    title,
    board: { id: h.board.id, name: h.board.name },
    now: sim.now,
    signals: signalsOf(sim),
    pins: h.pinLog.slice(from.pins).filter((e) => wired.has(e.pin)).map((e) => ({ t: e.t, pin: e.pin, value: e.value })),
    analog: h.analogLog.slice(from.analog).filter((e) => wired.has(e.pin)).map((e) => ({ t: e.t, pin: e.pin, kind: e.kind, value: e.value })),
    console: h.console.slice(from.console).map((l) => ({ t: l.t, text: l.text })),
    notes,
    memory: [],
    memTotal: h.board.jsVars,
    steps: [],
    parts: [...sim.parts.keys()].map((id) => partRecord(sim, id)),
    errors: h.errors.map((e) => errorText(e)),
  };
  const cursor = { pins: h.pinLog.length, analog: h.analogLog.length, console: h.console.length, notes: h.notes.length, warnings: h.warnings.length };
  return { record, cursor };
}

/** Where a live view has got to in the harness's logs. */
export interface Cursor {
  pins: number;
  analog: number;
  console: number;
  notes: number;
  warnings: number;
}

/** An uncaught error as one line of text. */
export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) {
    const name = (e as { name?: unknown }).name;
    return `${typeof name === 'string' ? name : 'Error'}: ${String((e as { message: unknown }).message)}`;
  }
  return String(e);
}

/** JSON safe to put inside an HTML <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
