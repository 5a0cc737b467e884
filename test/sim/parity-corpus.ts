import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../toolchain/build.js';
import { Harness } from '../../sim/harness.js';
import { closures } from '../differential/catalogue/closures.js';
import { COOP_NAMES } from '../differential/programs.js';

/**
 * The parity corpus: the same bundle, built for board `linux`, run in the
 * simulator and on the real interpreter (ESPRUINO_BIN, the Linux build of
 * Espruino 2v29), comparing console output and process.memory().usage at the
 * same virtual instants.
 *
 * Why probes at chosen instants: the Linux build runs in real time, the
 * simulator on a virtual clock, and the simulator only sees memory between
 * events (no call stack). So each program gets probe times that fall where
 * nothing is due (half way between its timers), and a probe appended to the
 * bundle prints `PARITY-USAGE <ms> <usage>` there, on both sides:
 *
 *   <bundle>
 *   ;(function(){ … setTimeout(probe, 2250) … print('PARITY-END') })();
 *
 * - examples: built for `linux` with the board's names (LED1, BTN1, A5, …)
 *   bound to Linux pins by a first line; probed after a few periods;
 * - bench firmware: probed before it starts measuring (timing figures in
 *   its BENCH lines are masked: they are rates, not behaviour);
 * - closures of the differential catalogue: each program alone, its `sleep`
 *   scaled ×100 (sleep(1) is 100 ms) so probes at 50, 150, 250 ms … fall
 *   between its steps even on a real-time interpreter.
 */
export interface ParityProgram {
  name: string;
  kind: 'example' | 'bench' | 'closures';
  /** TypeScript source of the firmware (an entry file). */
  source: string;
  /** Where the source lives, when it imports files next to it (bench firmware). */
  file?: string;
  /** Virtual ms at which memory is compared (ascending). */
  probes: number[];
  /** Lines to compare with digits masked (timing figures). */
  maskDigits?: boolean;
}

/** One side's run: console lines (probes left out) and usage at each probe. */
export interface ParitySide {
  console: string[];
  usage: number[];
}

const root = join(import.meta.dirname, '..', '..');

/** Board names the examples use, bound to pins of the Linux build (D0..D32). */
const PIN_ALIASES = 'const LED1 = D10, LED2 = D11, LED3 = D12, BTN1 = D13, BTN = D13, A5 = D14, B3 = D15;\n';

/** Probe times per example: away from every period the program uses. */
const EXAMPLE_PROBES: Record<string, number[]> = {
  'blink': [250, 1250, 2250],
  'button-led': [250, 1250],
  'gps-nmea': [250, 1250],
  'many-tasks': [500, 950],
  'plant-waterer': [250, 1250],
  'sensor-logger': [250, 1250],
};

/**
 * Probe times per bench firmware: before its measuring starts, or after it is done.
 * io-memory is left out: it drives Serial1, which the Linux build has and the
 * simulator's `linux` board does not (boards/linux.ts lists no UART).
 */
const BENCH_PROBES: Record<string, number[]> = {
  'async-helpers': [50, 150],
  'empty': [50, 150],
  'footprint': [50, 150],
  'handoff-stock': [5],
  'handoff': [5],
  'lateness': [5],
  'sleep-cycle': [5],
  // Only before its steps: on a real-time interpreter its 50 ms steps race the spawning they start.
  'tasks-memory': [25],
};
const TIMING_BENCHES = new Set(['handoff-stock', 'handoff', 'lateness', 'sleep-cycle']);

/** Closure programs that print now(): virtual time in the simulator, wall time on Espruino. */
const PRINTS_TIME = /\bnow\(\)/;

/** Scale of `sleep` in closure programs (see above). */
const SLEEP_SCALE = 100;

export function parityCorpus(): ParityProgram[] {
  const out: ParityProgram[] = [];
  for (const f of readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts')).sort()) {
    const name = f.slice(0, -3);
    out.push({ name: 'examples/' + name, kind: 'example', source: PIN_ALIASES + readFileSync(join(root, 'examples', f), 'utf8'), probes: EXAMPLE_PROBES[name] ?? [250, 1250] });
  }
  for (const f of readdirSync(join(root, 'bench', 'firmware')).filter((f) => f.endsWith('.ts')).sort()) {
    const name = f.slice(0, -3);
    if (!BENCH_PROBES[name]) continue; // a module the benches import, not a firmware
    const file = join(root, 'bench', 'firmware', f);
    out.push({ name: 'bench/' + name, kind: 'bench', source: readFileSync(file, 'utf8'), file, probes: BENCH_PROBES[name], maskDigits: TIMING_BENCHES.has(name) });
  }
  for (const p of closures) {
    if (PRINTS_TIME.test(p.source)) continue;
    const names = COOP_NAMES.filter((n) => n !== 'sleep');
    const source = `import { ${names.join(', ')}, sleep as coopSleep } from 'coop';\nconst sleep = (ms: number) => coopSleep(ms * ${SLEEP_SCALE});\n${p.source}\nspawn(main, { name: 'main' });\n`;
    out.push({ name: 'closures: ' + p.name, kind: 'closures', source, probes: [] });
  }
  return out;
}

const scratch = mkdtempSync(join(tmpdir(), 'coop-parity-'));
let files = 0;

/** The program's bundle for board `linux`, exactly as it would go to the interpreter. */
export async function parityBundle(p: ParityProgram): Promise<string> {
  if (p.file) return (await build(p.file, { board: 'linux' })).code;
  const file = join(scratch, `p${files++}.ts`);
  writeFileSync(file, p.source);
  try {
    return (await build(file, { board: 'linux' })).code;
  } catch (e) {
    // An example using UART, I2C or analog pins, which the Linux build does not have: build it for
    // its own board, and bind that board's names to Linux pins in the bundle's first line instead.
    const board = /\bBoard: [^(\n]*\((\w+)\)/.exec(p.source)?.[1];
    if (p.kind !== 'example' || !board) throw e;
    writeFileSync(file, p.source.slice(PIN_ALIASES.length));
    return `var ${PIN_ALIASES.slice(6, -2)};\n` + (await build(file, { board })).code;
  }
}

/**
 * The probe put before a bundle: prints usage at each time, then PARITY-END.
 * One timer per probe, all set at load, each callback reading memory itself:
 * what an empty interpreter's figure was calibrated with (BASELINE in
 * sim/memory-estimate.ts). No array (reading an array's length makes Espruino
 * create its Array class, 7 vars) and no nesting (each level of nested
 * closures adds a scope link on Espruino).
 */
export function probeCode(probes: number[]): string {
  const timers = probes.map((t) => `setTimeout(function(){var u=process.memory().usage;print('PARITY-USAGE ${t} '+u);},${t});`);
  timers.push(`setTimeout(function(){print('PARITY-END');},${probes[probes.length - 1] + 1});`);
  return timers.join('\n') + '\n';
}

/** Split a run's lines into console output and probe readings. */
function sides(lines: string[], mask: boolean): ParitySide {
  const usage: number[] = [];
  const console: string[] = [];
  for (const l of lines) {
    const m = /^PARITY-USAGE \d+ (\d+)$/.exec(l);
    if (m) usage.push(Number(m[1]));
    else if (l !== 'PARITY-END') console.push(mask && l.startsWith('BENCH ') ? l.replace(/\d+(\.\d+)?(e-?\d+)?/g, '#') : l);
  }
  return { console, usage };
}

/** Closure programs: probe half way between the 100 ms steps, until the simulator says main has ended. */
export function closureProbes(bundle: string): number[] {
  const h = new Harness({ board: 'linux' });
  h.load(bundle);
  let last = 0;
  for (let t = 0; t <= 20_000; t += SLEEP_SCALE) {
    h.runUntil(t);
    if (h.console.length > 0) last = h.console[h.console.length - 1].t;
  }
  const probes: number[] = [];
  for (let t = SLEEP_SCALE / 2; t <= last + SLEEP_SCALE && probes.length < 12; t += SLEEP_SCALE) probes.push(t);
  return probes;
}

/** Run `bundle` with probes in the simulator. */
export function runParityInSimulator(bundle: string, p: ParityProgram, probes = p.probes): ParitySide & { peak: number } {
  const h = new Harness({ board: 'linux' });
  h.load(probeCode(probes) + bundle);
  const end = probes[probes.length - 1] + 50;
  for (let t = 0; t <= end && !h.output().includes('PARITY-END'); t += 10) h.runUntil(t);
  return { ...sides(h.output(), p.maskDigits ?? false), peak: (h.memory as { peak?: number }).peak ?? 0 };
}

/** Run `bundle` with probes on ESPRUINO_BIN (in a scratch folder: Storage writes a file there). */
export function runParityOnEspruino(bin: string, bundle: string, p: ParityProgram, probes = p.probes): Promise<ParitySide> {
  const dir = mkdtempSync(join(scratch, 'esp-'));
  const file = join(dir, 'bundle.js');
  writeFileSync(file, probeCode(probes) + bundle);
  const timeoutMs = probes[probes.length - 1] + 15_000;
  return new Promise((resolve) => {
    const child = spawn(bin, [file], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const finish = () => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      const start = out.indexOf('http://espruino.com/Donate');
      const body = out.slice(start < 0 ? 0 : out.indexOf('\n', start) + 1);
      const lines = body.split('\n').map((l) => l.replace(/\r|\x1b\[J/g, '').replace(/^>/, '')).filter((l) => l !== '');
      resolve(sides(lines, p.maskDigits ?? false));
    };
    const timer = setTimeout(finish, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d.toString('latin1');
      if (out.includes('PARITY-END')) finish();
    });
  });
}

/** One row of the table. */
export interface ParityRow {
  name: string;
  sim: number[];
  espruino: number[];
  /** The probe where the two differ most, as % of Espruino's figure. */
  worstPercent: number;
  worstAt: number;
  consoleSame: boolean;
  simConsole: string[];
  espruinoConsole: string[];
}

export function compareSides(name: string, probes: number[], sim: ParitySide, esp: ParitySide): ParityRow {
  let worst = 0;
  let worstAt = 0;
  for (let i = 0; i < Math.max(sim.usage.length, esp.usage.length); i++) {
    const pct = esp.usage[i] ? ((sim.usage[i] ?? 0) - esp.usage[i]) / esp.usage[i] * 100 : 100;
    if (Math.abs(pct) >= Math.abs(worst)) { worst = pct; worstAt = i; }
  }
  return {
    name, sim: sim.usage, espruino: esp.usage, worstPercent: worst, worstAt: probes[worstAt] ?? 0,
    consoleSame: JSON.stringify(sim.console) === JSON.stringify(esp.console), simConsole: sim.console, espruinoConsole: esp.console,
  };
}

/** The table as markdown. */
export function parityTable(rows: ParityRow[]): string {
  const lines = ['| program | sim JsVars | Espruino JsVars | difference | at | console identical |', '| --- | ---: | ---: | ---: | ---: | --- |'];
  for (const r of rows) {
    if (r.espruino.length === 0) {
      // The interpreter stopped before the first probe (an example for hardware the Linux build lacks).
      lines.push(`| ${r.name} | – | – | not comparable | – | ${r.consoleSame ? 'yes' : 'no'} |`);
      continue;
    }
    lines.push(`| ${r.name} | ${pick(r.sim, r)} | ${pick(r.espruino, r)} | ${r.worstPercent >= 0 ? '+' : ''}${r.worstPercent.toFixed(1)}% | ${r.worstAt} ms | ${r.consoleSame ? 'yes' : 'no'} |`);
  }
  return lines.join('\n');
}

/** The figure at the row's worst probe. */
function pick(values: number[], r: ParityRow): string {
  const k = r.espruino.length === 0 ? -1 : indexOfWorst(r);
  return k >= 0 && values[k] !== undefined ? String(values[k]) : '–';
}

function indexOfWorst(r: ParityRow): number {
  let worst = -1;
  let best = -1;
  for (let i = 0; i < r.espruino.length; i++) {
    const pct = Math.abs(((r.sim[i] ?? 0) - r.espruino[i]) / r.espruino[i]);
    if (pct >= best) { best = pct; worst = i; }
  }
  return worst;
}
