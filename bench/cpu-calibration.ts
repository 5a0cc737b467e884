/**
 * Calibrates the simulator's cost model (sim/cost-model.ts) against the real
 * interpreter: for each program, Espruino's instructions (callgrind on a Linux
 * build, ESPRUINO_BIN; the -Os build gives the figures in docs/simulator.md)
 * against what the simulator counted (calls, iterations, callbacks,
 * characters and tokens passed over). Fits the weights by least squares on
 * relative error over the micro programs, then reports the error on the
 * held-out Coop bundles, which were not fitted.
 *
 *   ESPRUINO_BIN=/path/espruino-Os npm run calibrate:cpu
 *
 * Each case runs with a few and with many iterations; the difference leaves
 * out starting the interpreter and loading the code, on both sides.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../toolchain/build.js';
import { Harness } from '../sim/harness.js';
import { WEIGHTS } from '../sim/cost-model.js';

interface Case {
  what: string;
  /** Program text; `N` is defined before it, and `quit()` ends it. */
  code: string;
  small: number;
  big: number;
  /** Held out: not fitted, only checked. */
  heldOut?: boolean;
}

const MICRO: Case[] = [
  { what: 'empty function calls', code: 'function f(){}\nfor(var i=0;i<N;i++)f();', small: 2, big: 2000 },
  { what: 'calls of a 6-statement function', code: 'function g(a){var b=a+1;b=b*2;b=b-3;b=b+a;b=b*b;return b}\nfor(var i=0;i<N;i++)g(i);', small: 2, big: 2000 },
  { what: 'long names', code: 'function longFunctionName(someArgument){var anotherVariable=someArgument+1;return anotherVariable}\nfor(var i=0;i<N;i++)longFunctionName(i);', small: 2, big: 2000 },
  { what: 'empty loop', code: 'for(var i=0;i<N;i++){}', small: 2, big: 5000 },
  { what: 'loop of 4 statements', code: 'var s=0;for(var i=0;i<N;i++){s=s+i;s=s*2;s=s-i;s=s%1000;}', small: 2, big: 3000 },
  { what: 'while loop', code: 'var i=0;while(i<N){i++}', small: 2, big: 5000 },
  { what: 'skipped branch', code: 'function h(x){if(x){var a=1;a=a+2;a=a+3;a=a+4;a=a+5;a=a+6;a=a+7;a=a+8;a=a+9;}return 1}\nfor(var i=0;i<N;i++)h(0);', small: 2, big: 2000 },
  { what: 'switch', code: 'function sw(x){switch(x){case 0:return 1;case 1:return 2;case 2:return 3;case 3:return 4;default:return 5}}\nfor(var i=0;i<N;i++)sw(i%5);', small: 2, big: 2000 },
  { what: 'closures', code: 'function mk(){return function(){return 1}}\nfor(var i=0;i<N;i++)mk()();', small: 2, big: 2000 },
  { what: 'properties', code: 'var o={a:1,b:2};for(var i=0;i<N;i++){o.a=o.b+o.a;o.b=o.a-o.b}', small: 2, big: 3000 },
  { what: 'array push/pop', code: 'var a=[];for(var i=0;i<N;i++){a.push(i);a.pop()}', small: 2, big: 3000 },
  { what: 'setTimeout(0) chain', code: 'var n=0;function t(){if(++n<N)setTimeout(t,0);else quit()}\nt();', small: 2, big: 300 },
  { what: 'string building', code: 'var s="";for(var i=0;i<N;i++){s=s+"x"+i;if(s.length>50)s=""}', small: 2, big: 2000 },
  { what: 'object literals', code: 'var o;for(var i=0;i<N;i++){o={a:i,b:[i,i+1],c:"x"}}', small: 2, big: 2000 },
];

/** Coop bundles (bench/firmware), built for linux: the held-out check. */
async function coopCases(): Promise<Case[]> {
  const dir = fileURLToPath(new URL('../../bench/firmware/', import.meta.url));
  const bundle = async (file: string) => (await build(join(dir, file), { board: 'linux' })).code;
  const handoff = await bundle('handoff.ts');
  const sleep = await bundle('sleep-cycle.ts');
  return [
    { what: 'Coop Channel handoff', code: 'var BENCH_N=N,BENCH_ONLY="Channel",BENCH_QUIT=1;\n' + handoff, small: 2, big: 400, heldOut: true },
    { what: 'Coop sleep(0) cycle', code: 'var BENCH_N=N,BENCH_ONLY="sleep";\n' + sleep, small: 2, big: 300, heldOut: true },
  ];
}

type Features = [number, number, number, number, number, number];
const NAMES = ['perCall', 'perIteration', 'perEntry', 'perChar', 'perToken', 'perCallSite'] as const;

/** Counts already taken, by binary and program text (callgrind counts are exact, so they keep). */
const CACHE = join(tmpdir(), 'coop-cpu-calibration.json');
const cache: Record<string, number> = existsSync(CACHE) ? JSON.parse(readFileSync(CACHE, 'utf8')) : {};

/** Espruino's instructions for `code` with N = n (callgrind). */
function espruino(bin: string, scratch: string, c: Case, n: number): number {
  const text = `var N=${n};\n${c.code}\n`;
  const key = createHash('sha1').update(bin + '\0' + text).digest('hex');
  if (cache[key] === undefined) {
    cache[key] = callgrind(bin, scratch, c, n, text);
    writeFileSync(CACHE, JSON.stringify(cache));
  }
  return cache[key];
}

function callgrind(bin: string, scratch: string, c: Case, n: number, text: string): number {
  const file = join(scratch, `${c.what.replace(/\W+/g, '-')}-${n}.js`);
  writeFileSync(file, text);
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', bin, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  const m = /Collected\s*:\s*(\d+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`valgrind gave no count for ${c.what}: ${(r.stderr ?? '').slice(-300)}`);
  return Number(m[1]);
}

/** What the simulator counted for `code` with N = n, run to its end on the linux board. */
function simulator(c: Case, n: number): Features {
  const h = new Harness({ board: 'linux' });
  let quit = false;
  h.realm.define('quit', () => { quit = true; });
  h.load(`var N=${n};\n${c.code}\n`);
  for (let i = 0; i < 10_000 && !quit && h.clock.nextDue() !== undefined; i++) h.runUntilUs(h.clock.nextDue()!);
  const f = h.cpu.features();
  return [f.calls, f.iterations, f.entries, f.chars, f.tokens, f.callSites];
}

/** Least squares on relative error: minimise Σ ((w·x − y)/y)². */
function fit(rows: { x: number[]; y: number }[]): number[] {
  const k = rows[0].x.length;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (const { x, y } of rows) {
    const s = x.map((v) => v / y);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) a[i][j] += s[i] * s[j];
      a[i][k] += s[i];
    }
  }
  // Gaussian elimination with partial pivoting.
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = 0; r < k; r++) {
      if (r === c || a[c][c] === 0) continue;
      const m = a[r][c] / a[c][c];
      for (let j = c; j <= k; j++) a[r][j] -= m * a[c][j];
    }
  }
  return a.map((row, i) => (row[i] === 0 ? 0 : row[k] / row[i]));
}

async function main() {
  const bin = process.env.ESPRUINO_BIN;
  if (!bin) {
    console.log('Set ESPRUINO_BIN to a Linux build of Espruino (the -Os build for the documented figures); valgrind must be on the PATH.');
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'coop-cpu-'));
  const cases = [...MICRO, ...(await coopCases())];
  const rows: { c: Case; x: Features; y: number }[] = [];
  for (const c of cases) {
    const y = (espruino(bin, scratch, c, c.big) - espruino(bin, scratch, c, c.small)) / (c.big - c.small);
    const fb = simulator(c, c.big);
    const fs = simulator(c, c.small);
    const x = fb.map((v, i) => (v - fs[i]) / (c.big - c.small)) as Features;
    rows.push({ c, x, y });
  }
  // Non-negative: a weight that fits below zero is dropped (fixed at 0) and the rest refitted.
  const fitted = rows.filter((r) => !r.c.heldOut);
  const active = NAMES.map(() => true);
  let w: number[] = [];
  for (;;) {
    const idx = NAMES.map((_, i) => i).filter((i) => active[i]);
    const sub = fit(fitted.map((r) => ({ x: idx.map((i) => r.x[i]), y: r.y })));
    w = NAMES.map(() => 0);
    idx.forEach((i, k) => { w[i] = sub[k]; });
    const worst = idx.reduce((m, i) => (w[i] < w[m] ? i : m), idx[0]);
    if (w[worst] >= 0) break;
    active[worst] = false;
  }
  const current = NAMES.map((n) => WEIGHTS[n]);
  console.log('fitted weights:   ' + NAMES.map((n, i) => `${n} ${Math.round(w[i])}`).join(', '));
  console.log('weights in use:   ' + NAMES.map((n, i) => `${n} ${current[i]}`).join(', '));
  console.log('');
  console.log('| program | Espruino instructions per iteration | model (weights in use) | error |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) {
    const model = r.x.reduce((s, v, i) => s + v * current[i], 0);
    console.log(`| ${r.c.what}${r.c.heldOut ? ' (held out)' : ''} | ${Math.round(r.y).toLocaleString('en')} | ${Math.round(model).toLocaleString('en')} | ${(((model - r.y) / r.y) * 100).toFixed(0)}% |`);
  }
}

await main();
