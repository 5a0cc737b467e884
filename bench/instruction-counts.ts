import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Machine instructions Espruino executes per handoff or wake-up, counted by
 * valgrind (callgrind): exact and repeatable, where rates in wall time move
 * by 10% from run to run on a shared machine. Each case runs twice, with
 * a few and with many iterations; the difference over the extra iterations
 * leaves out loading the bundle. Needs `valgrind` on the PATH.
 */
export interface InstructionCase {
  /** Row label. */
  what: string;
  /** Bundle file (built for 'linux'). */
  bundle: string;
  /** Globals to set before the bundle (BENCH_ONLY, …); BENCH_N and BENCH_QUIT are added. */
  globals?: Record<string, string | number>;
}

export function haveValgrind(): boolean {
  const r = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Instructions per iteration of each case (iterations: extra ones counted). */
export function instructionCounts(bin: string, scratch: string, cases: InstructionCase[], iterations = 500): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cases) {
    const total = (n: number) => {
      const globals = { ...(c.globals ?? {}), BENCH_N: n, BENCH_QUIT: 1 };
      const prefix = 'var ' + Object.entries(globals).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',') + ';\n';
      const file = join(scratch, `count-${c.what.replace(/\W+/g, '-')}-${n}.js`);
      writeFileSync(file, prefix + readFileSync(c.bundle, 'utf8'));
      const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', bin, file], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
      const m = /Collected\s*:\s*(\d+)/.exec(r.stderr ?? '');
      if (!m) throw new Error(`valgrind gave no count for ${c.what}: ${(r.stderr ?? '').slice(-300)}`);
      return Number(m[1]);
    };
    out[c.what] = Math.round((total(2 + iterations) - total(2)) / iterations);
  }
  return out;
}
