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
 *     sleep cycle (exact, where rates move by ~10% from run to run)
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
function sleepingTaskRows(mem: Record<string, number>): string[] {
  return [
    row(['JsVars per sleeping task (module-level async function)', fmt(mem.coop), `${fmt(mem.callback)} (callback + setInterval)`, fmt(mem.coop / mem.callback, 2)]),
    row(['JsVars per sleeping task (async closure spawned inside a running task)', fmt(mem.closure), `${fmt(mem.callback)} (callback + setInterval)`, fmt(mem.closure / mem.callback, 2)]),
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
  lines.push(...sleepingTaskRows(mem));
  const hand = await on.run(await bundle('handoff', on.board));
  const rates: Record<string, number> = {};
  for (const h of hand) rates[h.what] = h.perSecond;
  const stockAsync = (await on.run(await bundle('handoff-stock', on.board, true)))[0];
  rates[stockAsync.what] = stockAsync.perSecond;
  lines.push(...handoffRows(rates.Channel, rates));
  const emptyFile = await bundle('empty', on.board);
  const full = (await on.run(await bundle('footprint', on.board)))[0].usage;
  const empty = (await on.run(emptyFile))[0].usage;
  lines.push(row(['runtime footprint, JsVars (blink)', full - empty, '600 (target)', fmt((full - empty) / 600, 2)]));
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

/** The same steps counted in machine instructions (valgrind): exact, where rates move from run to run. */
async function instructionTable(bin: string): Promise<string[]> {
  const lines = [`### Instructions per step on Espruino (${bin}, counted by valgrind)`, '', row(['step', 'instructions', 'against a Channel handoff']), row(['---', '---', '---'])];
  const handoff = await bundle('handoff', 'linux');
  const counts = instructionCounts(bin, scratch, [
    { what: 'Channel handoff (await send + recv)', bundle: handoff, globals: { BENCH_ONLY: 'Channel' } },
    { what: 'Channel handoff (trySend + recv)', bundle: handoff, globals: { BENCH_ONLY: 'Channel, trySend + recv' } },
    { what: 'stock TypeScript async tasks over Promises', bundle: await bundle('handoff-stock', 'linux', true) },
    { what: 'Coop tasks over Promises', bundle: handoff, globals: { BENCH_ONLY: 'async tasks over Promises' } },
    { what: 'Promise.then hop (no task)', bundle: handoff, globals: { BENCH_ONLY: 'Promise.then' } },
    { what: 'setTimeout(0) hop', bundle: handoff, globals: { BENCH_ONLY: 'setTimeout(0)' } },
    { what: 'sleep(0) cycle: park, timer, wake, resume', bundle: await bundle('sleep-cycle', 'linux') },
  ]);
  const channel = counts['Channel handoff (await send + recv)'];
  for (const [what, n] of Object.entries(counts)) lines.push(row([what, n.toLocaleString('en-US'), fmt(n / channel, 2)]));
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
if (bin && haveValgrind()) out.push('', ...(await orReason('Instructions per step', () => instructionTable(bin))));
else if (bin) out.push('', '(Install valgrind to count instructions per step too: exact, where rates move from run to run.)');
else if (!port) out.push('(Set ESPRUINO_BIN to a Linux build of Espruino, or ESPRUINO_PORT to a board\'s port, to measure on a real interpreter too.)');
console.log(out.join('\n'));
