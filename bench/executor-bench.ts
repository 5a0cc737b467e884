/**
 * The executor's figures, in the simulator and on a real interpreter: a
 * Linux build of Espruino (ESPRUINO_BIN=path) and/or a board on a port
 * (ESPRUINO_PORT=/dev/ttyACM0, a Bluetooth address or tcp://host:port; each
 * bench is sent to its RAM as `coop flash --save ram` does):
 *   - JsVars per sleeping task, against a plain callback + setInterval
 *   - task-to-task handoff rate through a Channel, against Promise.then and setTimeout(0)
 *   - runtime footprint (blink's bundle loaded, minus an empty program)
 *   - wake lateness of sleep, against a raw setTimeout
 *   - with valgrind installed too: machine instructions per handoff and per
 *     sleep cycle (exact, where rates move by ~10% from run to run), on
 *     ESPRUINO_COUNT_BIN if set (an -Os build, as quoted in docs/speed.md)
 *   - instructions per sleep cycle with 10 and with 1,000 tasks sleeping (callgrind
 *     inside the timer callback; the simulator's CPU model on the same workload), and
 *     user CPU per wake-up with tasks sleeping random lengths (noisy, beside them)
 *   - last, issue 16's targets, each beside its baseline from the same run
 * Run: npm run bench
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../toolchain/build.js';
import { Harness } from '../sim/harness.js';
import { packageRoot } from '../toolchain/package-root.js';
import { parseBenchLines, runOnEspruino } from './espruino-process.js';
import { haveValgrind, instructionCounts } from './instruction-counts.js';
import { cpuPerWake, haveTimeCommand } from './cpu-per-wake.js';
import { withBoardOnPort } from './espruino-port.js';

const firmware = (name: string) => join(packageRoot(), 'bench', 'firmware', name + '.ts');
const scratch = mkdtempSync(join(tmpdir(), 'coop-bench-'));

async function bundle(name: string, board: string, stockHelpers = false): Promise<string> {
  const { code } = await build(firmware(name), { board, stockHelpers });
  const file = join(scratch, `${name}-${board}${stockHelpers ? '-stock' : ''}.js`);
  writeFileSync(file, code);
  return file;
}

/** Run a bench firmware in the simulator; returns its BENCH lines. */
async function inSimulator(name: string, codeInRam = true) {
  const { code } = await build(firmware(name), { board: 'puckjs' });
  const board = new Harness({ board: 'puckjs', codeInRam });
  board.load(code);
  for (let i = 0; i < 6000 && !board.output().includes('BENCH-DONE'); i++) board.advance(10);
  return { results: parseBenchLines(board.output().join('\n')) };
}

const row = (cells: (string | number)[]) => '| ' + cells.map(String).join(' | ') + ' |';
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

/**
 * Channel handoffs against each baseline: two async tasks over Promises built
 * with TypeScript's stock helpers (what the same program costs without Coop),
 * the same two tasks under Coop but over Promises, a bare Promise.then chain
 * (native code, no task at all), and setTimeout(0).
 */
function handoffRows(channel: number, rates: Record<string, number>): string[] {
  const baselines = ['stock async tasks over Promises', 'async tasks over Promises', 'Promise.then', 'setTimeout(0)'].filter((b) => b in rates);
  const rows: string[] = [];
  for (const [label, rate] of [['Channel, await send + recv', channel], ['Channel, trySend + recv', rates['Channel, trySend + recv']]] as [string, number][]) {
    if (rate === undefined) continue;
    baselines.forEach((b, i) =>
      rows.push(row([i === 0 ? `handoffs per second (${label})` : '', i === 0 ? fmt(rate, 0) : '', `${fmt(rates[b], 0)} (${b})`, fmt(rate / rates[b], 2)])));
  }
  return rows;
}

/** JsVars per sleeping task: a module-level async function, and the same task as a closure spawned inside a running task. */
function sleepingTaskRows(mem: Record<string, number>, where?: string): string[] {
  // Targets are for a real interpreter: the simulator's JsVars are an estimate.
  if (where !== undefined) target(`JsVars per sleeping task (${where})`, fmt(mem.coop), `${fmt(mem.callback)} (callback + setInterval)`, mem.coop / mem.callback, '≤ 12', mem.coop <= 12);
  return [
    row(['JsVars per sleeping task (module-level async function)', fmt(mem.coop), `${fmt(mem.callback)} (callback + setInterval)`, fmt(mem.coop / mem.callback, 2)]),
    row(['JsVars per sleeping task (async closure spawned inside a running task)', fmt(mem.closure), `${fmt(mem.callback)} (callback + setInterval)`, fmt(mem.closure / mem.callback, 2)]),
  ];
}

/**
 * Issue 16's many-sleepers row, one workload for every place it is measured (bench/firmware/
 * sleepers-apart.ts): K tasks on slots GAP ms apart, so every wake-up is a lone one (the
 * timer resumes the task directly, as on a board) and its re-sleep lands at a random place in
 * the timer list; per wake-up (I(b) − I(a)) / (b − a) over wake-ups a…b, which leaves out
 * spawning the tasks and their first sleeps (all of them by search, in random order, so the
 * express lanes are filled as they stay). Windows of 300–1,000 wake-ups model 1.33–1.37× in
 * the simulator, from where the LCG puts them. GAP 150 ms: a wake-up among 1,000 takes ~35 ms
 * of CPU under valgrind, 3× that at load 6 on 2 cores (100 ms slots saw wake-ups come due
 * together), and a run where they did is refused (BENCH-LATE) and run again.
 */
const APART = { gap: 150, runs: [300, 600] as [number, number] };
/**
 * Its globals for K sleepers: the first slot 60 ms per task after the first task ran (spawning
 * 1,000 under valgrind took 12–50 s as the machine's load went from 2 to 10; a start that is
 * late shows as BENCH-LATE).
 */
const apartGlobals = (k: number) => ({ BENCH_SLEEPERS: k, BENCH_GAP: APART.gap, BENCH_START: Math.max(2000, 60 * k) });

/**
 * Instructions and board time per wake-up with 10 and 1,000 sleepers in the simulator's CPU
 * model of an ESP32 (sim/cost-model.ts; deterministic), on the same workload and window as the
 * callgrind row, so the model can be checked against the interpreter; and equal periods
 * ('sleepers', BENCH_EQUAL: every sleeper goes to the end of the list, no search), which is
 * what grows with the number of tasks outside the timer list.
 */
async function modelledWakeRows(): Promise<string[]> {
  // The benches quit the interpreter when done; the simulator has no quit.
  const forSim = async (name: string) => (await build(firmware(name), { board: 'esp32' })).code.replace(/setTimeout\(quit, ?1\)/, '0');
  const apart = await forSim('sleepers-apart');
  const cycle = await forSim('sleep-cycle');
  const perWake = (body: string, globals: Record<string, string | number>, [a, b]: [number, number]) => {
    const counted = (n: number) => {
      const board = new Harness({ board: 'esp32', runawayMs: 1e9 });
      const all = { ...globals, BENCH_N: n };
      board.load('var ' + Object.entries(all).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',') + ';\n' + body);
      for (let i = 0; i < 100_000 && !board.output().includes('BENCH-DONE'); i++) board.advance(10);
      if (board.output().some((l) => l.includes('BENCH-LATE'))) throw new Error(`simulated wake-ups came late (${JSON.stringify(globals)})`);
      return { us: board.cpu.busyUs, ins: board.cpu.instructions };
    };
    const x = counted(a), y = counted(b);
    return { us: (y.us - x.us) / (b - a), ins: (y.ins - x.ins) / (b - a) };
  };
  const r10 = perWake(apart, apartGlobals(10), APART.runs), r1000 = perWake(apart, apartGlobals(1000), APART.runs);
  const equal = (k: number) => perWake(cycle, { BENCH_ONLY: 'sleepers', BENCH_SLEEPERS: k, BENCH_SPACING: 5, BENCH_EQUAL: 1 }, [2, 1002]);
  const e10 = equal(10), e1000 = equal(1000);
  const ratio = r1000.ins / r10.ins;
  manySleepers.model.push(row(['  beside it: the simulator\'s ESP32 model, same workload', `${fmt(r1000.ins / 1000, 0)}k instructions (${fmt(r1000.us, 0)} µs)`,
    `${fmt(r10.ins / 1000, 0)}k (${fmt(r10.us, 0)} µs) (10 sleepers)`, fmt(ratio, 2), '(a model: checks sim/cost-model.ts)', '']));
  return [
    row(['modelled instructions per lone wake-up + re-sleep at a random deadline, 1,000 sleepers', `${fmt(r1000.ins / 1000, 0)}k (${fmt(r1000.us, 0)} µs)`, `${fmt(r10.ins / 1000, 0)}k (${fmt(r10.us, 0)} µs) (10 sleepers)`, fmt(ratio, 2)]),
    row(['modelled ESP32 µs per wake-up, 1,000 sleepers, equal periods (no timer search)', fmt(e1000.us, 0), `${fmt(e10.us, 0)} (10 sleepers)`, fmt(e1000.us / e10.us, 2)]),
  ];
}

async function simulatorTable(): Promise<string[]> {
  const lines = ['### In the simulator, as a Puck.js (JsVars are the simulator\'s estimate; speeds only on Espruino, below)', '', row(['figure', 'Coop', 'baseline', 'ratio']), row(['---', '---', '---', '---'])];
  const mem = (await inSimulator('tasks-memory')).results[0];
  lines.push(...sleepingTaskRows(mem));
  // Handoff rates are not measured here: in the simulator they would be V8's speed (and the
  // simulator's own Promise), which says nothing about a board's interpreter.
  const full = (await inSimulator('footprint')).results[0].usage;
  const empty = (await inSimulator('empty')).results[0].usage;
  lines.push(row(['runtime footprint, JsVars (blink, code uploaded to RAM)', full - empty, '600 (target)', fmt((full - empty) / 600, 2)]));
  const fullFlash = (await inSimulator('footprint', false)).results[0].usage;
  const emptyFlash = (await inSimulator('empty', false)).results[0].usage;
  lines.push(row(['runtime footprint, JsVars (blink, code saved to flash)', fullFlash - emptyFlash, '600 (target)', fmt((fullFlash - emptyFlash) / 600, 2)]));
  lines.push(...(await modelledWakeRows()));
  return lines;
}

/**
 * The stock tslib helpers TypeScript would otherwise import (__awaiter and
 * __generator), minified the same way, as a plain script that only defines
 * them and reports memory: the baseline for Coop's own helpers. They are
 * only loaded, never called: stock __generator cannot run on Espruino.
 */
async function stockHelpersScript(): Promise<{ file: string; bytes: number }> {
  const source = readFileSync(join(packageRoot(), 'node_modules', 'tslib', 'tslib.es6.js'), 'utf8').replace(/\r\n/g, '\n');
  const pick = (name: string) => {
    const start = source.indexOf(`export function ${name}(`);
    const end = source.indexOf('\n}\n', start) + 3;
    return source.slice(start, end).replace('export ', '');
  };
  const helpers = (await minify(pick('__awaiter') + pick('__generator'), { ecma: 5, compress: false, mangle: false, format: { ecma: 5 } })).code!;
  const minified = (await minify(helpers, { ecma: 5, mangle: { toplevel: false }, compress: { ecma: 5, unused: false } })).code!;
  const file = join(scratch, 'stock-tslib.js');
  writeFileSync(file, minified + `\nsetTimeout(function () { print('BENCH ' + JSON.stringify({ what: 'footprint', usage: process.memory().usage })); print('BENCH-DONE'); }, 100);`);
  return { file, bytes: Buffer.byteLength(minified) };
}

/** Where the Espruino table runs: which board to build for, and how to run a bundle there. */
interface Interpreter {
  title: string;
  board: string;
  /** Run the bundle in `file`; its BENCH lines. */
  run(file: string): Promise<Record<string, any>[]>;
}

async function espruinoTable(on: Interpreter): Promise<string[]> {
  const lines = [`### ${on.title}`, '', row(['figure', 'Coop', 'baseline', 'ratio']), row(['---', '---', '---', '---'])];
  const mem = (await on.run(await bundle('tasks-memory', on.board)))[0];
  lines.push(...sleepingTaskRows(mem, on.board));
  const hand = await on.run(await bundle('handoff', on.board));
  const rates: Record<string, number> = {};
  for (const h of hand) rates[h.what] = h.perSecond;
  const stockAsync = (await on.run(await bundle('handoff-stock', on.board, true)))[0];
  rates[stockAsync.what] = stockAsync.perSecond;
  lines.push(...handoffRows(rates.Channel, rates));
  const wall = rates.Channel / rates['setTimeout(0)'];
  target(`Channel handoffs per second (${on.board}, wall clock)`, fmt(rates.Channel, 0), `${fmt(rates['setTimeout(0)'], 0)} (setTimeout(0) ping-pong)`, wall, '≥ 1.0×', wall >= 1);
  const emptyFile = await bundle('empty', on.board);
  const full = (await on.run(await bundle('footprint', on.board)))[0].usage;
  const empty = (await on.run(emptyFile))[0].usage;
  lines.push(row(['runtime footprint, JsVars (blink)', full - empty, '600 (target)', fmt((full - empty) / 600, 2)]));
  target(`blink footprint, JsVars (${on.board})`, String(full - empty), '600 (target)', (full - empty) / 600, '≤ 600', full - empty <= 600);
  const helpersFile = await bundle('async-helpers', on.board);
  const helpersBytes = readFileSync(helpersFile).length - readFileSync(emptyFile).length;
  const helpersVars = (await on.run(helpersFile))[0].usage - empty;
  const stock = await stockHelpersScript();
  const stockVars = (await on.run(stock.file))[0].usage - empty;
  lines.push(row(['async helpers + executor core, bytes', helpersBytes, `${stock.bytes} (stock tslib __awaiter + __generator)`, fmt(helpersBytes / stock.bytes, 2)]));
  lines.push(row(['async helpers + executor core, JsVars to load', helpersVars, `${stockVars} (stock tslib)`, fmt(helpersVars / stockVars, 2)]));
  const late = (await on.run(await bundle('lateness', on.board)))[0];
  lines.push(row(['wake lateness, ms (sleep 25 ms)', fmt(late.coop, 3), `${fmt(late.setTimeout, 3)} (setTimeout)`, fmt(late.coop / late.setTimeout, 2)]));
  return lines;
}

/**
 * Issue 16's targets, each beside its baseline measured in the same run:
 * filled in by the tables that measure them, printed last.
 */
const targets: string[] = [];
const targetRow = (what: string, coop: string, baseline: string, ratio: number, goal: string, met: boolean) =>
  row([what, coop, baseline, fmt(ratio, 2), goal, met ? 'met' : 'not met']);
const target = (what: string, coop: string, baseline: string, ratio: number, goal: string, met: boolean) =>
  targets.push(targetRow(what, coop, baseline, ratio, goal, met));
/** The many-sleepers target, printed together in this order after the others: callgrind, the model, user CPU. */
const manySleepers = { counted: [] as string[], model: [] as string[], cpu: [] as string[] };

/** The same steps counted in machine instructions (valgrind): exact, where rates move from run to run. */
async function instructionTable(bin: string): Promise<string[]> {
  const lines = [`### Instructions per step on Espruino (${bin}, counted by valgrind)`, '', row(['step', 'instructions', 'against a Channel handoff']), row(['---', '---', '---'])];
  const handoff = await bundle('handoff', 'linux');
  const sleepCycle = await bundle('sleep-cycle', 'linux');
  const counts = instructionCounts(bin, scratch, [
    { what: 'Channel handoff (await send + recv)', bundle: handoff, globals: { BENCH_ONLY: 'Channel' } },
    { what: 'Channel handoff (trySend + recv)', bundle: handoff, globals: { BENCH_ONLY: 'Channel, trySend + recv' } },
    { what: 'stock TypeScript async tasks over Promises', bundle: await bundle('handoff-stock', 'linux', true) },
    { what: 'Coop tasks over Promises', bundle: handoff, globals: { BENCH_ONLY: 'async tasks over Promises' } },
    { what: 'Promise.then hop (no task)', bundle: handoff, globals: { BENCH_ONLY: 'Promise.then' } },
    { what: 'setTimeout(0) hop', bundle: handoff, globals: { BENCH_ONLY: 'setTimeout(0)' } },
    { what: 'sleep(0) cycle: park, timer, wake, resume', bundle: sleepCycle, globals: { BENCH_ONLY: 'sleep' } },
    { what: 'raw setTimeout callback re-arming itself (0 ms)', bundle: sleepCycle, globals: { BENCH_ONLY: 'setTimeout' } },
  ]);
  const channel = counts['Channel handoff (await send + recv)'];
  for (const [what, n] of Object.entries(counts)) lines.push(row([what, n.toLocaleString('en-US'), fmt(n / channel, 2)]));
  const n = (what: string) => counts[what].toLocaleString('en-US');
  const sleepRatio = counts['sleep(0) cycle: park, timer, wake, resume'] / counts['raw setTimeout callback re-arming itself (0 ms)'];
  target('instructions per sleep cycle', n('sleep(0) cycle: park, timer, wake, resume'), `${n('raw setTimeout callback re-arming itself (0 ms)')} (raw setTimeout callback)`, sleepRatio, '≤ 5×', sleepRatio <= 5);
  const handoffRatio = channel / counts['setTimeout(0) hop'];
  target('instructions per Channel handoff', n('Channel handoff (await send + recv)'), `${n('setTimeout(0) hop')} (setTimeout(0) hop)`, handoffRatio, '≤ 5×', handoffRatio <= 5);
  return lines;
}

/**
 * CPU per wake-up with 10 and with 1,000 tasks sleeping random lengths: what
 * the timer structure costs as it fills. User CPU time on the default build
 * (under valgrind, 1,000 sleepers take minutes).
 */
async function sleepersTable(bin: string): Promise<string[]> {
  const lines = [`### CPU per wake-up as sleepers pile up (${bin}, user CPU time)`, '', row(['sleeping tasks', 'µs of CPU per wake-up', 'against 10 sleepers']), row(['---', '---', '---'])];
  const file = await bundle('sleep-cycle', 'linux');
  const cases = [10, 1000].map((k) => ({ what: String(k), bundle: file, globals: { BENCH_ONLY: 'sleepers', BENCH_SLEEPERS: k, BENCH_SPACING: 5 } }));
  // The same with equal periods: every sleeper goes to the end of the timer list (no search), so
  // their ratio is what grows with the number of tasks outside the timer structure.
  const equal = [10, 1000].map((k) => ({ what: `${k} equal`, bundle: file, globals: { BENCH_ONLY: 'sleepers', BENCH_SLEEPERS: k, BENCH_SPACING: 5, BENCH_EQUAL: 1 } }));
  const us = cpuPerWake(bin, scratch, [...cases, ...equal], 1000, 2);
  for (const k of ['10', '1000']) lines.push(row([`${k}, random lengths`, fmt(us[k], 0), fmt(us[k] / us['10'], 2)]));
  for (const k of ['10', '1000']) lines.push(row([`${k}, equal periods (no timer search)`, fmt(us[`${k} equal`], 0), fmt(us[`${k} equal`] / us['10 equal'], 2)]));
  // Beside the counted row, not the judge: wake-ups 5 ms apart often fall under 1 ms apart, where
  // the Linux build spins (counted as CPU), and other load moves user time by more than 1.5×.
  const ratio = us['1000'] / us['10'];
  manySleepers.cpu.push(row(['  beside it: user CPU per wake-up (-O0), random lengths 0–5 s', `${fmt(us['1000'], 0)} µs`, `${fmt(us['10'], 0)} µs (10 sleepers)`, fmt(ratio, 2), '(noisy: idle spin, load)', '']));
  const floor = us['1000 equal'] / us['10 equal'];
  manySleepers.cpu.push(row(['  beside it: the same, equal periods, no timer search', `${fmt(us['1000 equal'], 0)} µs`, `${fmt(us['10 equal'], 0)} µs (10 sleepers)`, fmt(floor, 2), '(what grows outside the timer list)', '']));
  return lines;
}

/**
 * Issue 16's measure of many sleepers: instructions per sleep cycle (a lone wake-up, the task's
 * step, its re-sleep at a random deadline) with 1,000 sleeping tasks against 10, counted by
 * callgrind inside the timer callback only (the idle loop's count depends on wall time), over
 * wake-ups 300…600 (spawning left out). ~12 minutes: valgrind runs the 150 ms slots in real time.
 */
async function sleepersInstructionTable(bin: string): Promise<string[]> {
  const lines = [`### Instructions per sleep cycle as sleepers pile up (${bin}, counted by valgrind in the timer callback)`, '',
    row(['sleeping tasks', 'instructions per wake-up', 'against 10 sleepers']), row(['---', '---', '---'])];
  const file = await bundle('sleepers-apart', 'linux');
  const counts = instructionCounts(bin, scratch, [
    ...[10, 1000].map((k) => ({ what: String(k), bundle: file, globals: apartGlobals(k), runs: APART.runs, collectIn: 'jsiExecuteEventCallbackArgsArray' })),
    // The task's own statements per wake-up, in a plain loop: in both counts, so it narrows their ratio.
    { what: 'work', bundle: file, globals: { ...apartGlobals(1000), BENCH_WORK: 1 }, runs: [2, 402] as [number, number] },
  ]);
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  for (const k of ['10', '1000']) lines.push(row([k, n(counts[k]), fmt(counts[k] / counts['10'], 2)]));
  lines.push(row(['(of each: the task\'s own work, its statements in a plain loop)', n(counts.work), '']));
  const ratio = counts['1000'] / counts['10'];
  manySleepers.counted.push(targetRow('instructions per sleep cycle, 1,000 sleepers (lone wake-up, re-sleep at a random deadline)',
    n(counts['1000']), `${n(counts['10'])} (10 sleepers)`, ratio, '≤ 1.5×', ratio <= 1.5));
  const own = (counts['1000'] - counts.work) / (counts['10'] - counts.work);
  manySleepers.counted.push(row(['  beside it: the same less the task\'s own work (Coop\'s part alone)', n(counts['1000'] - counts.work),
    `${n(counts['10'] - counts.work)} (10 sleepers)`, fmt(own, 2), '(the stricter reading)', '']));
  return lines;
}

/** A table that could not be measured says why instead of stopping the bench. */
async function orReason(title: string, table: () => Promise<string[]>): Promise<string[]> {
  try {
    return await table();
  } catch (e) {
    return [`### ${title}`, '', `not measured: ${(e as Error).message}`];
  }
}

const out = ['## Coop executor benchmark', ''];
out.push(...(await orReason('In the simulator', simulatorTable)), '');
const bin = process.env.ESPRUINO_BIN;
if (bin) {
  const linux: Interpreter = { title: `On Espruino (${bin}, board 'linux')`, board: 'linux', run: (file) => runOnEspruino(bin, file) };
  out.push(...(await orReason('On Espruino', () => espruinoTable(linux))));
}
const port = process.env.ESPRUINO_PORT;
if (port) {
  out.push('', ...(await orReason(`On the board at ${port}`, () => withBoardOnPort(port, (board) => espruinoTable({
    title: `On ${board.name} at ${port} (code sent to RAM)`,
    board: board.id,
    run: (file) => board.run(readFileSync(file, 'utf8')),
  })))));
}
// Instructions are quoted for an -Os build (ESPRUINO_COUNT_BIN), as a board's firmware is built; default: ESPRUINO_BIN.
const countBin = process.env.ESPRUINO_COUNT_BIN || bin;
if (countBin && haveValgrind()) {
  out.push('', ...(await orReason('Instructions per step', () => instructionTable(countBin))));
  out.push('', ...(await orReason('Instructions per sleep cycle as sleepers pile up', () => sleepersInstructionTable(countBin))));
}
else if (bin) out.push('', '(Install valgrind to count instructions per step too: exact, where rates move from run to run.)');
else if (!port) out.push('(Set ESPRUINO_BIN to a Linux build of Espruino, or ESPRUINO_PORT to a board\'s port, to measure on a real interpreter too.)');
if (bin && haveTimeCommand()) out.push('', ...(await orReason('CPU per wake-up as sleepers pile up', () => sleepersTable(bin))));
targets.push(...manySleepers.counted, ...manySleepers.model, ...manySleepers.cpu);
if (targets.length > 0) {
  out.push('', `### Targets (issue 16), each beside its baseline from this run (${new Date().toISOString().slice(0, 10)})`, '',
    row(['target', 'Coop', 'baseline', 'ratio', 'goal', '']), row(['---', '---', '---', '---', '---', '---']), ...targets);
}
console.log(out.join('\n'));
