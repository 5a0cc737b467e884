// Mutated real documents (issue 17): random values rarely look like a diagram or a scenario,
// so the parsers' deep branches (a uart-peer's script, a ble-device's services, a wait-mqtt's
// fields) were barely reached. Here every real diagram and scenario (examples/, coop init's
// template for every board, the reference blocks in docs/simulator.md) is the seed, and each
// input is a seed with a few structural mutations (a key deleted or renamed, a value replaced
// by another type, a random string, a huge number or a NaN-like string, a step or part
// duplicated or two swapped) or a text mutation of its file (cut at a random byte, random
// bytes inserted or overwritten) loaded through loadDiagram/loadScenario. Every input must be
// accepted or end in a plain Error whose message names the file; a TypeError, a RangeError
// (a stack overflow), a SyntaxError (a bad regular expression) or a slow input is a crash.
//
// What it found (each has a regression test below):
//   - a duration error inside a diagram part did not name the file ("part 1 ("gps"): script item 1 …")
//   - expect-uart's "match" built a RegExp unchecked: `match: "("` threw a SyntaxError
//   - a YAML alias that contains itself (`- &s { press: [*s] }`) overflowed the stack in the step's message
//   - a part of type "constructor" (or "toString") found Object's own and threw a TypeError; so did a type { "toString": 5 }
//   - an unknown YAML tag (`!!x`) or a list as a key was a Node warning on stderr and the file was used anyway
//   - a scenario "board" mapping with its own "toString" key threw a TypeError from String()
//   - `advance: 1e308` was accepted, and a diagram part that repeats made the run endless (now: at most 366d a step)
// and, reading what the parser let through to the parts (the wire-up property):
//   - a phone's or ble-device's "address" (Bluetooth text) was refused as "a number from 0 to 127"
//   - a button's bounce { "edges": 1e9 } (a loop per press), a route's "status": "abc", "activeLow": "yes",
//     "color": 5, "rssi": "loud", "pin": "" were accepted
//
// FUZZ_RUNS=<n> sets the inputs per property (default 1500; a fifth of that for the wire-up,
// a tenth for running steps, which build boards). ~6 s in all on an idle machine.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { boards, findBoard } from '../../boards/index.js';
import { projectFiles } from '../../cli/project-template.js';
import { loadDiagram, parseDiagram } from '../../sim/diagram.js';
import { Harness } from '../../sim/harness.js';
import { buildPart } from '../../sim/parts/index.js';
import { runScenario } from '../../sim/run-scenario.js';
import { loadScenario, parseScenario, type Step } from '../../sim/scenario.js';
import { createSim } from '../../sim/simulation.js';
import { build } from '../../toolchain/build.js';

const runs = Number(process.env.FUZZ_RUNS ?? 1500);
/** Host time one input may take before it counts as a hang (the parsers take ~0.05 ms; the margin is for a loaded machine). */
const SLOW_MS = 2000;

/** A real document: where it comes from (the name errors must carry), its text and its parsed value. */
interface Seed {
  kind: 'diagram' | 'scenario';
  file: string;
  text: string;
  doc: unknown;
}

/** Every diagram and scenario the project ships or writes. */
function seeds(): Seed[] {
  const out: Seed[] = [];
  const add = (kind: Seed['kind'], file: string, text: string) =>
    // A counterexample shows the seed by its file, not its whole text.
    out.push({ kind, file, text, doc: file.endsWith('.json') ? JSON.parse(text) : parseYaml(text), [fc.toStringMethod]: () => file } as Seed);
  for (const f of readdirSync('examples').sort()) {
    if (f.endsWith('.diagram.json')) add('diagram', `examples/${f}`, readFileSync(`examples/${f}`, 'utf8'));
    if (/\.scenario\.ya?ml$/.test(f)) add('scenario', `examples/${f}`, readFileSync(`examples/${f}`, 'utf8'));
  }
  for (const board of Object.values(boards)) {
    const files = projectFiles({ name: 'fuzz', board, coopSpec: '^0.0.0', typescript: '*', vitest: '*', typings: '' });
    add('diagram', `init-${board.id}/diagram.json`, files['diagram.json']);
    add('scenario', `init-${board.id}/main.scenario.yaml`, files['scenarios/main.scenario.yaml']);
  }
  // docs/simulator.md's reference diagram (every part type) and scenario (every step kind).
  const doc = readFileSync('docs/simulator.md', 'utf8');
  for (const [, lang, body] of doc.matchAll(/```(json|yaml)\n([\s\S]*?)```/g)) {
    if (lang === 'json' && body.includes('"parts"')) add('diagram', 'docs-simulator.diagram.json', body);
    if (lang === 'yaml' && /^steps:/m.test(body)) add('scenario', 'docs-simulator.scenario.yaml', body);
  }
  return out;
}

const all = seeds();
const diagrams = all.filter((s) => s.kind === 'diagram');
const scenarios = all.filter((s) => s.kind === 'scenario');

/** A structural mutation. */
const enum Op { Delete, Replace, Rename, Duplicate, Swap }
/** A mutation record: op; at picks the node (an index into the document's nodes, modulo); other picks a second array index; value replaces, key renames. */
interface Mutation { op: Op; at: number; other: number; value: unknown; key: string }

/** Field names the documents use, so a rename often lands on a real but wrong field. */
const fieldNames = [...new Set(all.flatMap((s) => keysOf(s.doc)))];
function keysOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(keysOf);
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]);
  return [];
}

/** Replacement values: other types, huge and NaN-like numbers and strings, random text, other real values. */
const replacement: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -1, 0.5, 1e308, -1e308, 2 ** 53 + 1, NaN, Infinity, -Infinity,
    '', ' ', 'NaN', 'Infinity', '-Infinity', '1e999', '-0', '0x', '0xZZ', 'null', 'true', '(', '[', '\\', '\u0000', '💥', '9'.repeat(400),
    [], {}, [[]], { '': null }, { toString: 5 }, { valueOf: null, toString: null }, { length: 1e9 }, '__proto__', 'constructor', 'toString', '1s', '-5s', '0ms', 'LED1', 'D999'),
  fc.string({ maxLength: 12 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(...all.flatMap((s) => valuesOf(s.doc)).slice(0, 400)),
);
function valuesOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return [v, ...v.flatMap(valuesOf)];
  if (v !== null && typeof v === 'object') return [v, ...Object.values(v).flatMap(valuesOf)];
  return [v];
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(Op.Delete, Op.Replace, Op.Replace, Op.Rename, Op.Duplicate, Op.Swap),
  at: fc.nat(),
  other: fc.nat(),
  value: replacement,
  key: fc.oneof(fc.constantFrom(...fieldNames, '__proto__', 'constructor', 'toString'), fc.string({ maxLength: 6 })),
});

/** Every value inside `root` with its container and key (not the root itself). */
function nodes(root: unknown): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  const out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i }), walk(x)));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push({ parent: v as Record<string, unknown>, key: k }), walk(x);
  };
  walk(root);
  return out;
}

/** Apply mutations to a deep copy of `doc` (a mutation of the root replaces it). */
function mutate(doc: unknown, mutations: Mutation[]): unknown {
  let root = structuredClone(doc);
  for (const m of mutations) {
    const all = nodes(root);
    if (all.length === 0) {
      if (m.op === Op.Replace) root = structuredClone(m.value);
      continue;
    }
    const { parent, key } = all[m.at % all.length];
    const value = (parent as Record<string | number, unknown>)[key];
    if (Array.isArray(parent)) {
      const i = key as number;
      const j = m.other % parent.length;
      if (m.op === Op.Delete) parent.splice(i, 1);
      else if (m.op === Op.Duplicate) parent.splice(i, 0, structuredClone(value));
      else if (m.op === Op.Swap) [parent[i], parent[j]] = [parent[j], parent[i]];
      else parent[i] = structuredClone(m.value);
    } else {
      const k = key as string;
      if (m.op === Op.Delete) delete parent[k];
      // An own property even for "__proto__", as JSON.parse and the yaml package make it.
      else if (m.op === Op.Rename) (delete parent[k], Object.defineProperty(parent, m.key, { value, enumerable: true, writable: true, configurable: true }));
      else parent[k] = structuredClone(m.value);
    }
  }
  return root;
}

/** A text mutation of a file. */
const enum TextOp { Truncate, Insert, Overwrite }
const textMutation = fc.record({
  op: fc.constantFrom(TextOp.Truncate, TextOp.Insert, TextOp.Overwrite),
  at: fc.nat(),
  bytes: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 6 }), fc.constantFrom(...[':', '-', '&a', '*a', '!!', '{', '[', '"', "'", '\t', '\n  ', '#', '|', '>', '? ', '%YAML 1.1\n'].map((s) => new TextEncoder().encode(s)))),
});

/** Cut, insert into or overwrite a file's bytes. */
function mutateText(text: string, ops: { op: TextOp; at: number; bytes: Uint8Array }[]): Buffer {
  let b = Buffer.from(text);
  for (const m of ops) {
    const at = m.at % (b.length + 1);
    if (m.op === TextOp.Truncate) b = b.subarray(0, at);
    else if (m.op === TextOp.Insert) b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    else b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at + m.bytes.length)]);
  }
  return b;
}

/** A stack frame line ("    at parseStep (sim/scenario.ts:120:5)"); a YAML excerpt may hold "   at " itself. */
const stackLine = /^\s+at .*:\d+:\d+\)?$/m;

/** Coop's own error for `file`: a plain Error naming the file, with no stack in its message. */
function isOwnError(e: unknown, file: string): boolean {
  return e instanceof Error && e.constructor === Error && e.message.includes(file) && !stackLine.test(e.message);
}

/** Run `fn` on every input; each must return, or throw Coop's own error naming the file, in under SLOW_MS; count them. */
async function fuzz<T>(name: string, input: fc.Arbitrary<T>, fn: (x: T) => Promise<unknown> | unknown, file: (x: T) => string): Promise<void> {
  let count = 0;
  let rejected = 0;
  await fc.assert(fc.asyncProperty(input, async (x) => {
    count++;
    const t0 = performance.now();
    try {
      await fn(x);
    } catch (e) {
      if (!isOwnError(e, file(x))) throw e;
      rejected++;
    }
    const ms = performance.now() - t0;
    if (ms > SLOW_MS) throw new Error(`took ${ms.toFixed(0)} ms`);
  }), { numRuns: runs });
  console.log(`fuzz ${name}: ${count} inputs (${count - rejected} accepted, ${rejected} Coop errors)`);
  expect(count).toBe(runs);
}

const dir = mkdtempSync(join(tmpdir(), 'coop-fuzz-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mutated real documents: each accepted or an error naming the file', () => {
  it(`has seeds: ${diagrams.length} diagrams and ${scenarios.length} scenarios`, () => {
    expect(diagrams.length).toBeGreaterThanOrEqual(8 + Object.keys(boards).length);
    expect(scenarios.length).toBeGreaterThanOrEqual(8 + Object.keys(boards).length);
    expect(all.map((s) => s.file)).toContain('docs-simulator.diagram.json');
    // The seeds themselves are valid.
    for (const s of diagrams) parseDiagram(s.doc, s.file);
    for (const s of scenarios) parseScenario(s.doc, s.file);
  });

  it('diagrams with structural mutations (parseDiagram)', async () => {
    const input = fc.tuple(fc.constantFrom(...diagrams), fc.array(mutation, { minLength: 1, maxLength: 3 }));
    await fuzz('mutated diagrams', input, ([s, ms]) => parseDiagram(mutate(s.doc, ms), s.file), ([s]) => s.file);
  });

  it('scenarios with structural mutations (parseScenario)', async () => {
    const input = fc.tuple(fc.constantFrom(...scenarios), fc.array(mutation, { minLength: 1, maxLength: 3 }));
    await fuzz('mutated scenarios', input, ([s, ms]) => parseScenario(mutate(s.doc, ms), s.file), ([s]) => s.file);
  });

  it('accepted mutated diagrams wire up: each part is built on its board, or a plain Error', async () => {
    // What createSim does with a checked diagram (sim/simulation.ts), without its wrapper that
    // turns any error of a part into "diagram: part …", so a TypeError inside a part shows.
    let wired = 0;
    let refused = 0;
    const input = fc.tuple(fc.constantFrom(...diagrams), fc.array(mutation, { minLength: 1, maxLength: 3 }));
    fc.assert(fc.property(input, ([s, ms]) => {
      let diagram;
      try {
        diagram = parseDiagram(mutate(s.doc, ms), s.file);
      } catch {
        return; // the parser's error: the property above
      }
      try {
        const h = new Harness({ board: findBoard(diagram.board ?? 'puckjs').id });
        for (const spec of diagram.parts) buildPart(spec, h);
        wired++;
      } catch (e) {
        // A pin the board lacks is the simulator's Espruino-style Error (the board's realm's Error); never a TypeError.
        if (!(Object.prototype.toString.call(e) === '[object Error]' && (e as Error).name === 'Error' && !stackLine.test((e as Error).message))) throw e;
        refused++;
      }
    }), { numRuns: Math.ceil(runs / 5) });
    console.log(`fuzz wired diagrams: ${wired + refused} accepted of ${Math.ceil(runs / 5)} inputs (${wired} wired, ${refused} refused by a part)`);
  });

  it('accepted mutated scenarios run: each passes or fails a step with Coop\'s message', async () => {
    // A firmware that prints "ready" and idles, on each scenario's own diagram and board: the
    // steps reach the parts (buttons, sensors, the phone, the broker) with mutated values. A
    // step's error is caught into the result's "seen", so a TypeError shows as its words there.
    const app = join(dir, 'ready.ts');
    writeFileSync(app, "console.log('ready');\n");
    const { code } = await build(app, { board: 'linux' });
    const diagramOf = (s: Seed) => {
      const named = (s.doc as { diagram?: string }).diagram;
      const file = s.file.startsWith('init-') ? s.file.replace(/[^/]+$/, 'diagram.json') : s.file.startsWith('docs-') ? 'docs-simulator.diagram.json' : `examples/${named}`;
      return diagrams.find((d) => d.file === file)?.doc;
    };
    const jsWords = /Cannot read prop|Cannot set prop|is not a function|is not iterable|is not defined|Cannot convert|Maximum call stack|Invalid array length|Invalid time value|toFixed\(\) digits/;
    let passed = 0;
    let failed = 0;
    let tooLong = 0;
    const n = Math.ceil(runs / 10);
    const input = fc.tuple(fc.constantFrom(...scenarios), fc.array(mutation, { minLength: 1, maxLength: 2 }));
    await fc.assert(fc.asyncProperty(input, async ([s, ms]) => {
      let scenario;
      try {
        scenario = parseScenario(mutate(s.doc, ms), s.file);
      } catch {
        return; // the parser's error: the properties above
      }
      // Board time costs host time (a part repeating every second: ~1 s per simulated day), so steps
      // of more than an hour are left out here: up to 366 days is the parser's limit (tested above).
      const long = (st: Step) => ['ms', 'timeout', 'hold'].some((k) => ((st as unknown as Record<string, number>)[k] ?? 0) > 3_600_000);
      if (scenario.steps.some((st) => long(st.step))) {
        tooLong++;
        return;
      }
      const sim = await createSim({ bundle: code, diagram: diagramOf(s) as never });
      // Each step on its own, so a failing wait-console does not keep the later steps from running.
      for (const step of scenario.steps) {
        const t0 = performance.now();
        const r = await runScenario(sim, { ...scenario, steps: [step] });
        const took = performance.now() - t0;
        if (took > 5 * SLOW_MS) throw new Error(`${step.source} took ${took.toFixed(0)} ms`);
        if (r.ok) passed++;
        else failed++;
        expect(r.message).not.toMatch(jsWords);
        expect(r.message).not.toMatch(stackLine);
      }
    }), { numRuns: n });
    console.log(`fuzz run scenarios: ${n} inputs, ${passed + failed} steps of the accepted ones run one by one (${passed} passed, ${failed} failed; ${tooLong} scenarios with a step over 1 h left out)`);
  });

  it('diagram and scenario files cut, or with random bytes (loadDiagram, loadScenario)', async () => {
    let n = 0;
    const input = fc.tuple(fc.constantFrom(...all), fc.array(textMutation, { minLength: 1, maxLength: 3 })).map(([s, ops]) => {
      const path = join(dir, `${n++}-${s.file.replace(/\//g, '-')}`);
      const show = () => `${s.file} with ${ops.map((o) => `${['cut', 'insert', 'overwrite'][o.op]} at ${o.at % (s.text.length + 1)} ${JSON.stringify(Buffer.from(o.bytes).toString('latin1'))}`).join(', ')}`;
      return { s, path, bytes: mutateText(s.text, ops), [fc.toStringMethod]: show };
    });
    await fuzz('mutated files', input, ({ s, path, bytes }) => {
      writeFileSync(path, bytes);
      return s.kind === 'diagram' ? loadDiagram(path) : loadScenario(path);
    }, ({ path }) => path);
  });
});

describe('what the fuzzing found, fixed', () => {
  const diagramError = (doc: unknown) => {
    try {
      parseDiagram(doc, 'gps.diagram.json');
    } catch (e) {
      return e;
    }
    return undefined;
  };
  it('a bad duration inside a diagram part names the file', () => {
    const part = { id: 'gps', type: 'uart-peer', rx: 'D26', script: [{ at: 'soon', send: 'hi' }] };
    expect(diagramError({ parts: [part] })).toEqual(new Error('gps.diagram.json: part 1 ("gps"): script item 1 "at": "soon" is not a duration; use e.g. 500ms, 2s, 5m, 24h'));
    const phone = { id: 'phone', type: 'phone', interval: [] };
    expect(String(diagramError({ parts: [phone] }))).toMatch(/^Error: gps\.diagram\.json: part 1 \("phone"\): "interval": \[\] is not a duration/);
  });

  it('expect-uart with a "match" that is not a regular expression is the step\'s error', () => {
    const doc = { steps: [{ 'expect-uart': { part: 'gps', match: '(' } }] };
    expect(() => parseScenario(doc, 'gps.scenario.yaml')).toThrow(new Error(
      'gps.scenario.yaml: step 1 (expect-uart: { part: gps, match: "(" }): "match" is not a regular expression: Invalid regular expression: /(/: Unterminated group'));
  });

  it('a part whose type is the name of an Object method is an unknown type', () => {
    const led = { id: 'led', type: 'constructor', pin: 'D5' };
    expect(String(diagramError({ parts: [led] }))).toMatch(/^Error: gps\.diagram\.json: part 1 \("led"\): unknown type "constructor"; types are led, button/);
    expect(String(diagramError({ parts: [{ ...led, type: { toString: 5 } }] }))).toMatch(/^Error: gps\.diagram\.json: part 1 \("led"\): unknown type \{"toString":5\}; types are/);
  });

  it('an unknown YAML tag is the file\'s error, with its line, not a warning', async () => {
    const path = join(dir, 'tag.scenario.yaml');
    writeFileSync(path, 'steps:\n  - press: !!btn btn1\n');
    await expect(loadScenario(path)).rejects.toThrow(`scenario ${path}: not valid YAML: Unresolved tag: tag:yaml.org,2002:btn at line 2, column 12`);
  });

  it('a phone\'s Bluetooth address is text; an SHT3x\'s I2C address a number', () => {
    const parts = [{ id: 'phone', type: 'phone', address: 'aa:bb:cc:dd:ee:ff public' }, { id: 'sht', type: 'sht3x', sda: 'D7', scl: 'D6', address: '0x45' }];
    expect(parseDiagram({ parts }, 'd.json').parts).toEqual([parts[0], { ...parts[1], address: 0x45 }]);
    expect(String(diagramError({ parts: [{ id: 'tag', type: 'ble-device', address: 12 }] }))).toBe('Error: gps.diagram.json: part 1 ("tag"): "address" is a Bluetooth address such as "aa:bb:cc:dd:ee:ff public"');
  });

  it('values a part cannot use are the diagram\'s errors, naming the field', () => {
    const cases: [object, string][] = [
      [{ id: 'b', type: 'button', pin: 'D1', bounce: { edges: 1e9 } }, '"bounce" is true, or { "ms": 5, "edges": 4 } (ms 0 to 1000, edges 0 to 100)'],
      [{ id: 'b', type: 'button', pin: 'D1', bounce: 'yes' }, '"bounce" is true, or { "ms": 5, "edges": 4 }'],
      [{ id: 'l', type: 'led', pin: 'D1', activeLow: 'yes' }, '"activeLow" is true or false'],
      [{ id: 'l', type: 'led', pin: 'D1', color: 5 }, '"color" is a colour name such as "red"'],
      [{ id: 'l', type: 'led', pin: '' }, '"pin" must be a pin name such as "D5"'],
      [{ id: 'tag', type: 'ble-device', rssi: 'loud' }, '"rssi" is the signal strength in dBm, from -127 to 20'],
      [{ id: 'tag', type: 'ble-device', manufacturer: -1 }, '"manufacturer" is a company id from 0 to 65535'],
      [{ id: 'web', type: 'http-server', host: 'h', routes: { 'GET /': { status: 'abc' } } }, 'route "GET /" must be { "status": 200, "body": "…", "headers": { "name": "value" } } (status 100 to 599)'],
      [{ id: 'web', type: 'http-server', host: 'h', routes: { 'GET /': { body: 'x', headers: { a: 1 } } } }, 'route "GET /" must be'],
    ];
    for (const [part, message] of cases) expect(String(diagramError({ parts: [part] }))).toContain(`gps.diagram.json: part 1 ("${(part as { id: string }).id}"): ${message}`);
  });

  it('a scenario\'s board or diagram that is not text is its error, not a TypeError from String()', () => {
    const steps = [{ press: 'btn' }];
    expect(() => parseScenario({ board: { toString: 5 }, steps }, 's.yaml')).toThrow(new Error('s.yaml: "board" must be a board id such as "puckjs"'));
    expect(() => parseScenario({ diagram: ['d.json'], steps }, 's.yaml')).toThrow(new Error('s.yaml: "diagram" must be the diagram file\'s name, e.g. "diagram.json" (relative to the scenario)'));
  });

  it('a step longer than a year of board time is a typo, not a run that never ends', () => {
    expect(() => parseScenario({ steps: [{ advance: 1e308 }] }, 's.yaml')).toThrow(new Error('s.yaml: step 1 (advance: 1e+308): advance is 1e+308 ms, more than a year (366d) of board time: a typo?'));
    expect(() => parseScenario({ timeout: '400d', steps: [{ reset: true }] }, 's.yaml')).toThrow(new Error('s.yaml: "timeout" is 34560000000 ms, more than a year (366d) of board time: a typo?'));
    expect(parseScenario({ steps: [{ advance: '366d' }] }, 's.yaml').steps[0].step).toEqual({ kind: 'advance', ms: 366 * 86_400_000 });
  });

  it('a YAML step that contains itself (an alias) is an error, not a stack overflow', async () => {
    const path = join(dir, 'alias.scenario.yaml');
    writeFileSync(path, 'steps:\n  - &s\n    press: [*s]\n');
    await expect(loadScenario(path)).rejects.toThrow(new Error(`${path}: step 1 (press: [{ press: … }]): give { part }`));
  });
});
