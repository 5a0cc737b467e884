import { spawn as spawnProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { build } from '../../toolchain/build.js';
import { Harness } from '../../sim/harness.js';
import { createReference } from './reference.js';

/**
 * How a differential test runs a program both ways.
 *
 * A program is TypeScript that defines `async function main()` and uses
 * Coop's task API (`sleep`, `spawn`, `select`, …) and `print` as globals.
 * It prints strings (one argument: `print('n ' + n)`), since Espruino and
 * Node print other values differently. It runs:
 * - natively: Node's own async/await over reference.ts, on a virtual clock;
 * - compiled: the device way (TypeScript → ES5 → rollup → terser → the
 *   build's passes), in the simulator, as a board runs it; many programs
 *   go into one bundle (one module each, so each is compiled exactly as a
 *   file of its own would be) and each run loads it with one selected;
 * - on a real Espruino (ESPRUINO_BIN), the same bundle.
 */
export interface Program {
  name: string;
  source: string;
  /** Virtual milliseconds to run for (default 60 s). */
  untilMs?: number;
}

/** The names a program may use from Coop (and the reference provides). */
export const COOP_NAMES = ['sleep', 'spawn', 'run', 'yieldNow', 'now', 'select', 'race', 'join', 'all', 'withTimeout', 'Cancelled', 'TimeoutError', 'isCancelled'];

const DEFAULT_UNTIL = 60_000;

/** What `program` prints under Node's native async/await. */
export async function runNatively(program: Program): Promise<string[]> {
  const js = ts.transpileModule(program.source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
  const ref = createReference();
  const names = Object.keys(ref.api);
  let main: () => unknown;
  try {
    main = new Function(...names, `${js}\nreturn main;`)(...names.map((n) => ref.api[n]));
  } catch (e) {
    return ['native: ' + String(e)];
  }
  (ref.api.spawn as Function)(main, { name: 'main' });
  await ref.runFor(program.untilMs ?? DEFAULT_UNTIL);
  return ref.lines;
}

/** One bundle holding `programs`; run number i by defining `__program = i` before it. */
export async function buildBatch(programs: readonly Program[], options: { board?: string; minify?: boolean } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'coop-diff-'));
  const imports = `import { ${COOP_NAMES.join(', ')} } from 'coop';\n`;
  programs.forEach((p, i) => writeFileSync(join(dir, `p${i}.ts`), `${imports}${p.source}\nexport { main };\n`));
  const entry = [
    `import { spawn } from 'coop';`,
    ...programs.map((_, i) => `import { main as main${i} } from './p${i}';`),
    `declare const __program: number;`,
    `const mains: (() => unknown)[] = [${programs.map((_, i) => `main${i}`).join(', ')}];`,
    `spawn(mains[__program], { name: 'main' });`,
  ].join('\n');
  writeFileSync(join(dir, 'entry.ts'), entry);
  const { code } = await build(join(dir, 'entry.ts'), { board: options.board ?? 'linux', minify: options.minify });
  return code;
}

/** What program `index` of `bundle` prints on a simulated board. */
export function runInSimulator(bundle: string, index: number, untilMs = DEFAULT_UNTIL): string[] {
  const board = new Harness({ board: 'linux' });
  board.load(`var __program = ${index};\n${bundle}`);
  board.advance(untilMs);
  return board.output();
}

/** What program `index` of `bundle` prints on ESPRUINO_BIN, run until it has been quiet for `quietMs`. */
export function runOnEspruino(bundle: string, index: number, timeoutMs = 20_000): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'coop-diff-esp-'));
  const file = join(dir, 'bundle.js');
  // Print a marker once nothing is left to run (no timers): the program is over.
  writeFileSync(file, `var __program = ${index};\n${bundle}\n;(function w(){ setTimeout(function(){ if (Object.keys(global['\\xff'].timers || {}).length <= 1) print('<<DONE>>'); else w(); }, 100); })();\n`);
  return new Promise((resolve, reject) => {
    const child = spawnProcess(process.env.ESPRUINO_BIN!, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('no end within ' + timeoutMs + ' ms:\n' + out)); }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d.toString();
      if (out.includes('<<DONE>>')) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        // After the banner; the console's prompt and line-clearing codes are not output.
        const body = out.slice(out.indexOf('http://espruino.com/Donate'), out.indexOf('<<DONE>>'));
        resolve(body.split('\n').slice(1).map((l) => l.replace(/\r|\x1b\[J/g, '').replace(/^>/, '')).filter((l) => l !== ''));
      }
    });
  });
}

/** A program whose compiled output differs from the native one. */
export interface Difference {
  program: Program;
  native: string[];
  compiled: string[];
}

/**
 * Run every program natively and compiled (in batches of `batchSize` per
 * bundle), optionally on ESPRUINO_BIN too, and return the differences.
 * `board` is the board the bundles are built for (default 'linux', whose
 * 4096 JsVars hold few generated programs; they run in the Linux
 * simulator either way).
 */
export async function compare(programs: readonly Program[], options: { batchSize?: number; onEspruino?: boolean; minify?: boolean; board?: string } = {}): Promise<Difference[]> {
  const batchSize = options.batchSize ?? 40;
  const differences: Difference[] = [];
  for (let from = 0; from < programs.length; from += batchSize) {
    const batch = programs.slice(from, from + batchSize);
    let bundle: string;
    try {
      bundle = await buildBatch(batch, { minify: options.minify, board: options.board });
    } catch (e) {
      // One program that does not build: find it, so the report names it.
      if (batch.length === 1) {
        differences.push({ program: batch[0], native: await runNatively(batch[0]), compiled: ['build failed: ' + String((e as Error).message)] });
        continue;
      }
      differences.push(...await compare(batch, { ...options, batchSize: Math.ceil(batch.length / 2) }));
      continue;
    }
    for (let i = 0; i < batch.length; i++) {
      const native = await runNatively(batch[i]);
      const compiled = options.onEspruino ? await runOnEspruino(bundle, i) : runInSimulator(bundle, i, batch[i].untilMs);
      if (JSON.stringify(native) !== JSON.stringify(compiled)) differences.push({ program: batch[i], native, compiled });
    }
  }
  return differences;
}

/** A difference as a readable report: the program, then both outputs. */
export function describeDifference(d: Difference): string {
  return `--- ${d.program.name}\n${d.program.source.trim()}\n--- native async/await printed:\n${d.native.join('\n')}\n--- compiled printed:\n${d.compiled.join('\n')}\n`;
}
