import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { parseDuration } from './duration.js';
import type { AdvertMatch } from './parts/phone.js';

/**
 * A scenario drives a simulation and checks what the firmware does, in the
 * spirit of wokwi-cli's automation scenarios. YAML (or JSON):
 *
 *     name: LED follows the button
 *     diagram: button-led.diagram.json
 *     timeout: 5s
 *     steps:
 *       - wait-console: ready
 *       - press: btn1
 *       - wait-pin: { pin: LED1, value: 1, timeout: 100ms }
 *
 * Each step is an object with one key, the action. See docs/simulator.md.
 */
export type Step =
  | { kind: 'wait-console'; text?: string; match?: RegExp; timeout: number }
  | { kind: 'expect-console'; text?: string; match?: RegExp }
  | { kind: 'write-console'; text: string }
  | { kind: 'press' | 'release'; part: string }
  | { kind: 'click'; part: string; hold: number }
  | { kind: 'set-voltage'; target: string; volts: number }
  | { kind: 'set-temperature'; part: string; celsius: number }
  | { kind: 'set-humidity'; part: string; percent: number }
  | { kind: 'uart-send'; part: string; text: string }
  | { kind: 'expect-uart'; part: string; text?: string; match?: RegExp }
  | { kind: 'expect-pin'; pin: string; value: 0 | 1 }
  | { kind: 'wait-pin'; pin: string; value: 0 | 1; timeout: number }
  | { kind: 'expect-advert'; part: string; match: AdvertMatch; timeout: number }
  | { kind: 'ble-connect' | 'ble-disconnect'; part: string; timeout: number }
  | { kind: 'ble-write'; part: string; service: string; characteristic: string; data: number[] | string }
  | { kind: 'ble-read'; part: string; service: string; characteristic: string; expect?: number[] | string }
  | { kind: 'ble-subscribe'; part: string; service: string; characteristic: string }
  | { kind: 'expect-notify'; part: string; service: string; characteristic: string; data?: number[] | string; timeout: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'wait-mqtt' | 'expect-mqtt'; part: string; topic: string; text?: string; match?: RegExp; count?: number; timeout: number }
  | { kind: 'wifi-down' | 'wifi-up'; part: string }
  | { kind: 'reset' };

export interface ScenarioStep {
  /** 1-based position in the file. */
  number: number;
  /** The step as written, for messages: `wait-pin: {pin: D5, value: 0}`. */
  source: string;
  step: Step;
}

export interface Scenario {
  name: string;
  /** Board id, if the scenario is for one. */
  board?: string;
  /** Path of the diagram (resolved against the scenario file). */
  diagram?: string;
  steps: ScenarioStep[];
  /** Where it was read from, for messages. */
  source: string;
}

export const STEP_KINDS = [
  'wait-console', 'expect-console', 'write-console', 'press', 'release', 'click', 'set-voltage', 'set-temperature',
  'set-humidity', 'uart-send', 'expect-uart', 'expect-pin', 'wait-pin', 'advance', 'delay', 'reset',
  'expect-advert', 'ble-connect', 'ble-disconnect', 'ble-write', 'ble-read', 'ble-subscribe', 'expect-notify',
  'wait-mqtt', 'expect-mqtt', 'wifi-down', 'wifi-up',
] as const;

/**
 * The most board time one step may cover (an advance, a timeout, a hold): 366 days. Beyond it is
 * a typo (`advance: 1e308`), and the run would not end: a part that repeats every second (a
 * uart-peer, a ble-device's adverts) is an event per second to simulate (blink: ~0.8 s per day).
 */
const MAX_STEP_MS = 366 * 86_400_000;

/** Read a scenario file (.yaml, .yml or .json). */
export async function loadScenario(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`scenario ${path}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'a folder, not a file' : 'no such file'}`);
  }
  let doc: unknown;
  try {
    doc = path.endsWith('.json') ? JSON.parse(text) : yamlValue(text);
  } catch (e) {
    throw new Error(`scenario ${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
  const scenario = parseScenario(doc, path);
  if (scenario.diagram) scenario.diagram = resolve(dirname(path), scenario.diagram);
  return scenario;
}

/**
 * The value of YAML text. The yaml package's warnings (an unknown tag such as `!!foo`, a list
 * used as a key) are errors here, with their line, and never Node warnings on stderr.
 */
function yamlValue(text: string): unknown {
  const yaml = parseDocument(text, { logLevel: 'error' });
  const problem = yaml.errors[0] ?? yaml.warnings[0];
  if (problem) throw problem;
  return yaml.toJS();
}

/** Check a scenario object; errors name the file, the step number and the field. */
export function parseScenario(doc: unknown, source = 'scenario'): Scenario {
  const fail = (msg: string): never => {
    throw new Error(`${source}: ${msg}`);
  };
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) fail('a scenario is a mapping with "steps" (and optionally "name", "board", "diagram", "timeout")');
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!['name', 'version', 'board', 'diagram', 'timeout', 'steps', 'author', 'description'].includes(k)) fail(`unknown field "${k}"; a scenario has name, board, diagram, timeout, steps`);
  if (!Array.isArray(d.steps) || d.steps.length === 0) fail('"steps" must be a non-empty list');
  // Text only: String() of a mapping with its own "toString" key throws a TypeError.
  if (d.board !== undefined && typeof d.board !== 'string') fail('"board" must be a board id such as "puckjs"');
  if (d.diagram !== undefined && typeof d.diagram !== 'string') fail('"diagram" must be the diagram file\'s name, e.g. "diagram.json" (relative to the scenario)');
  const defaultTimeout = d.timeout === undefined ? 5000 : parseDuration(d.timeout, `${source}: "timeout"`);
  if (defaultTimeout > MAX_STEP_MS) fail(`"timeout" is ${defaultTimeout} ms, more than a year (366d) of board time: a typo?`);
  const steps = (d.steps as unknown[]).map((raw, i) => parseStep(raw, i + 1, defaultTimeout, fail));
  return {
    name: typeof d.name === 'string' ? d.name : source,
    board: d.board as string | undefined,
    diagram: d.diagram as string | undefined,
    steps,
    source,
  };
}

function parseStep(raw: unknown, number: number, defaultTimeout: number, fail: (msg: string) => never): ScenarioStep {
  const at = `step ${number}`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(`${at}: a step is a mapping with one action, e.g. "- press: btn1"`);
  const keys = Object.keys(raw as object);
  if (keys.length !== 1) fail(`${at}: a step has exactly one action; found ${keys.length ? keys.join(', ') : 'none'}`);
  const kind = keys[0];
  const arg = (raw as Record<string, unknown>)[kind];
  const source = `${kind}: ${show(arg)}`;
  const where = `${at} (${source})`;
  const bad = (msg: string): never => fail(`${where}: ${msg}`);
  if (!(STEP_KINDS as readonly string[]).includes(kind)) bad(`unknown action "${kind}"; actions are ${STEP_KINDS.join(', ')}`);
  const obj = (fields: string[], required: string[]): Record<string, unknown> => {
    if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) bad(`give { ${fields.join(', ')} }`);
    const o = arg as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!fields.includes(k)) bad(`unknown field "${k}"; ${kind} takes ${fields.join(', ')}`);
    for (const k of required) if (o[k] === undefined) bad(`"${k}" is required`);
    return o;
  };
  const str = (v: unknown, what: string): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : bad(`${what} must be text`));
  const num = (v: unknown, what: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : bad(`${what} must be a number`));
  const level = (v: unknown): 0 | 1 => (v === 0 || v === 1 || v === true || v === false ? (Number(v) as 0 | 1) : v === 'high' ? 1 : v === 'low' ? 0 : bad('"value" must be 0 or 1'));
  const bytesArg = (v: unknown, what: string): number[] | string => {
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 255)) return v as number[];
    return bad(`${what} must be bytes ([22, 95]) or text`);
  };
  const dur = (v: unknown, what: string) => {
    let ms: number;
    try {
      ms = parseDuration(v, what);
    } catch (e) {
      return bad((e as Error).message);
    }
    return ms <= MAX_STEP_MS ? ms : bad(`${what} is ${ms} ms, more than a year (366d) of board time: a typo?`);
  };
  /** A step's "match" field as a RegExp (undefined when absent); a bad pattern is the step's error. */
  const matchOf = (v: unknown): RegExp | undefined => {
    if (v === undefined) return undefined;
    try {
      return new RegExp(str(v, '"match"'));
    } catch (e) {
      return bad(`"match" is not a regular expression: ${(e as Error).message}`);
    }
  };
  const textOrMatch = (): { text?: string; match?: RegExp; timeout?: unknown } => {
    if (typeof arg === 'string' || typeof arg === 'number') return { text: String(arg) };
    const o = obj(['text', 'match', 'timeout'], []);
    if ((o.text === undefined) === (o.match === undefined)) bad('give either "text" (a substring) or "match" (a regular expression)');
    return { text: o.text === undefined ? undefined : str(o.text, '"text"'), match: matchOf(o.match), timeout: o.timeout };
  };
  let step: Step;
  switch (kind) {
    case 'wait-console': {
      const t = textOrMatch();
      step = { kind, text: t.text, match: t.match, timeout: t.timeout === undefined ? defaultTimeout : dur(t.timeout, 'timeout') };
      break;
    }
    case 'expect-console': {
      const t = textOrMatch();
      if (t.timeout !== undefined) bad('expect-console does not wait; use wait-console for a timeout');
      step = { kind, text: t.text, match: t.match };
      break;
    }
    case 'write-console':
      step = { kind, text: str(arg, 'the text') };
      break;
    case 'press':
    case 'release':
      step = { kind, part: typeof arg === 'string' ? arg : str(obj(['part'], ['part']).part, '"part"') };
      break;
    case 'click': {
      if (typeof arg === 'string') step = { kind, part: arg, hold: 100 };
      else {
        const o = obj(['part', 'hold'], ['part']);
        step = { kind, part: str(o.part, '"part"'), hold: o.hold === undefined ? 100 : dur(o.hold, 'hold') };
      }
      break;
    }
    case 'set-voltage': {
      const o = obj(['part', 'pin', 'volts'], ['volts']);
      if ((o.part === undefined) === (o.pin === undefined)) bad('give either "part" (a potentiometer or voltage-source) or "pin"');
      step = { kind, target: str(o.part ?? o.pin, 'the target'), volts: num(o.volts, '"volts"') };
      break;
    }
    case 'set-temperature': {
      const o = obj(['part', 'celsius', 'value'], ['part']);
      const v = o.celsius ?? o.value;
      step = { kind, part: str(o.part, '"part"'), celsius: num(v, '"celsius"') };
      break;
    }
    case 'set-humidity': {
      const o = obj(['part', 'percent', 'value'], ['part']);
      const v = o.percent ?? o.value;
      step = { kind, part: str(o.part, '"part"'), percent: num(v, '"percent"') };
      break;
    }
    case 'uart-send': {
      const o = obj(['part', 'text'], ['part', 'text']);
      step = { kind, part: str(o.part, '"part"'), text: str(o.text, '"text"') };
      break;
    }
    case 'expect-uart': {
      const o = obj(['part', 'text', 'match'], ['part']);
      if ((o.text === undefined) === (o.match === undefined)) bad('give either "text" or "match"');
      step = { kind, part: str(o.part, '"part"'), text: o.text === undefined ? undefined : str(o.text, '"text"'), match: matchOf(o.match) };
      break;
    }
    case 'expect-pin': {
      const o = obj(['pin', 'value'], ['pin', 'value']);
      step = { kind, pin: str(o.pin, '"pin"'), value: level(o.value) };
      break;
    }
    case 'wait-pin': {
      const o = obj(['pin', 'value', 'timeout'], ['pin', 'value']);
      step = { kind, pin: str(o.pin, '"pin"'), value: level(o.value), timeout: o.timeout === undefined ? defaultTimeout : dur(o.timeout, 'timeout') };
      break;
    }
    case 'advance':
    case 'delay':
      step = { kind: 'advance', ms: dur(arg, kind) };
      break;
    case 'reset':
      step = { kind: 'reset' };
      break;
    case 'expect-advert': {
      const o = obj(['part', 'name', 'serviceData', 'manufacturer', 'manufacturerData', 'timeout'], ['part']);
      const match: AdvertMatch = {};
      if (o.name !== undefined) match.name = str(o.name, '"name"');
      if (o.serviceData !== undefined) {
        if (o.serviceData === null || typeof o.serviceData !== 'object' || Array.isArray(o.serviceData)) bad('"serviceData" maps a UUID (as text: "1809") to bytes: { "1809": [22] }');
        match.serviceData = Object.fromEntries(Object.entries(o.serviceData as object).map(([k, v]) => [k, bytesArg(v, `serviceData ${k}`)]));
      }
      if (o.manufacturer !== undefined) match.manufacturer = num(o.manufacturer, '"manufacturer"');
      if (o.manufacturerData !== undefined) match.manufacturerData = bytesArg(o.manufacturerData, '"manufacturerData"');
      step = { kind, part: str(o.part, '"part"'), match, timeout: o.timeout === undefined ? defaultTimeout : dur(o.timeout, 'timeout') };
      break;
    }
    case 'ble-connect':
    case 'ble-disconnect': {
      if (typeof arg === 'string') step = { kind, part: arg, timeout: defaultTimeout };
      else {
        const o = obj(['part', 'timeout'], ['part']);
        step = { kind, part: str(o.part, '"part"'), timeout: o.timeout === undefined ? defaultTimeout : dur(o.timeout, 'timeout') };
      }
      break;
    }
    case 'ble-write': {
      const o = obj(['part', 'service', 'characteristic', 'data'], ['part', 'service', 'characteristic', 'data']);
      step = { kind, part: str(o.part, '"part"'), service: str(o.service, '"service"'), characteristic: str(o.characteristic, '"characteristic"'), data: bytesArg(o.data, '"data"') };
      break;
    }
    case 'ble-read': {
      const o = obj(['part', 'service', 'characteristic', 'expect'], ['part', 'service', 'characteristic']);
      step = { kind, part: str(o.part, '"part"'), service: str(o.service, '"service"'), characteristic: str(o.characteristic, '"characteristic"'), expect: o.expect === undefined ? undefined : bytesArg(o.expect, '"expect"') };
      break;
    }
    case 'ble-subscribe': {
      const o = obj(['part', 'service', 'characteristic'], ['part', 'service', 'characteristic']);
      step = { kind, part: str(o.part, '"part"'), service: str(o.service, '"service"'), characteristic: str(o.characteristic, '"characteristic"') };
      break;
    }
    case 'expect-notify': {
      const o = obj(['part', 'service', 'characteristic', 'data', 'timeout'], ['part', 'service', 'characteristic']);
      step = { kind, part: str(o.part, '"part"'), service: str(o.service, '"service"'), characteristic: str(o.characteristic, '"characteristic"'), data: o.data === undefined ? undefined : bytesArg(o.data, '"data"'), timeout: o.timeout === undefined ? defaultTimeout : dur(o.timeout, 'timeout') };
      break;
    }
    case 'wait-mqtt':
    case 'expect-mqtt': {
      const o = obj(['part', 'topic', 'text', 'match', 'count', 'timeout'], ['part', 'topic']);
      if (o.text !== undefined && o.match !== undefined) bad('give "text" (a substring of the payload) or "match" (a regular expression), not both');
      if (kind === 'wait-mqtt' && o.count !== undefined) bad('"count" is for expect-mqtt');
      if (kind === 'expect-mqtt' && o.timeout !== undefined) bad('expect-mqtt does not wait; use wait-mqtt for a timeout');
      step = { kind, part: str(o.part, '"part"'), topic: str(o.topic, '"topic"'), text: o.text === undefined ? undefined : str(o.text, '"text"'), match: matchOf(o.match), count: o.count === undefined ? undefined : num(o.count, '"count"'), timeout: o.timeout === undefined ? defaultTimeout : dur(o.timeout, 'timeout') };
      break;
    }
    case 'wifi-down':
    case 'wifi-up':
      step = { kind, part: typeof arg === 'string' ? arg : str(obj(['part'], ['part']).part, '"part"') };
      break;
    default:
      return bad('unknown action');
  }
  return { number, source, step };
}

/**
 * A step argument in short YAML-ish form, for messages. `inside` holds the lists and mappings
 * being shown: a YAML alias can make one contain itself (`- &s { press: [*s] }`), shown as "…".
 */
function show(v: unknown, inside: object[] = []): string {
  if (typeof v === 'string') return /^[\w.\-/ ]+$/.test(v) && v.trim() === v && v !== '' ? v : JSON.stringify(v);
  if (v === null || typeof v !== 'object') return String(v);
  if (inside.includes(v)) return '…';
  const within = [...inside, v];
  if (Array.isArray(v)) return `[${v.map((x) => show(x, within)).join(', ')}]`;
  return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${show(x, within)}`).join(', ')} }`;
}
