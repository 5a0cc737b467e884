import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Machine instructions Espruino executes per handoff or wake-up, counted by
 * valgrind (callgrind): exact and repeatable, where rates in wall time move
 * by 10% from run to run on a shared machine. Each case runs twice, with
 * a few and with many iterations; the difference over the extra iterations
 * leaves out loading the bundle (and spawning, for a case that starts later
 * runs: `runs`). Needs `valgrind` on the PATH.
 */
export interface InstructionCase {
  /** Row label. */
  what: string;
  /** Bundle file (built for 'linux'). */
  bundle: string;
  /** Globals to set before the bundle (BENCH_ONLY, …); BENCH_N and BENCH_QUIT are added. */
  globals?: Record<string, string | number>;
  /**
   * The two run lengths whose difference is counted, [a, b]: (I(b) − I(a)) / (b − a).
   * Default [2, 2 + iterations]. A start that is not over after 2 iterations (1,000 tasks
   * spawned, their first sleeps) needs a later a.
   */
  runs?: [number, number];
  /**
   * Count only inside this interpreter function and what it calls (valgrind's
   * `--toggle-collect`), e.g. 'jsiExecuteEventCallbackArgsArray', which runs a timer's
   * callback: leaves out the idle loop, which on the Linux build spins for timers under
   * 1 ms away and wakes every 50 ms otherwise, so its count depends on wall time.
   */
  collectIn?: string;
}

export function haveValgrind(): boolean {
  const r = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Instructions per iteration of each case (iterations: extra ones counted). */
export function instructionCounts(bin: string, scratch: string, cases: InstructionCase[], iterations = 500): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cases) {
    const once = (n: number) => {
      const globals = { ...(c.globals ?? {}), BENCH_N: n, BENCH_QUIT: 1 };
      const prefix = 'var ' + Object.entries(globals).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',') + ';\n';
      const file = join(scratch, `count-${c.what.replace(/\W+/g, '-')}-${n}.js`);
      writeFileSync(file, prefix + readFileSync(c.bundle, 'utf8'));
      const only = c.collectIn !== undefined ? [`--toggle-collect=${c.collectIn}`] : [];
      const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', ...only, bin, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
      const m = /Collected\s*:\s*(\d+)/.exec(r.stderr ?? '');
      if (!m) throw new Error(`valgrind gave no count for ${c.what}: ${(r.stderr ?? '').slice(-300)}`);
      // A bench that could not keep to its own timing assumptions says so (sleepers-apart.ts).
      const late = /BENCH-LATE (\d+)/.exec(r.stdout ?? '');
      return late ? `${late[1]} wake-ups came due together under valgrind (a loaded machine)` : Number(m[1]);
    };
    // A run refused for its timing is tried again, twice.
    const total = (n: number) => {
      let r = once(n);
      for (let i = 0; i < 2 && typeof r === 'string'; i++) r = once(n);
      if (typeof r === 'string') throw new Error(`${c.what}: ${r}, 3 runs: not counted`);
      return r;
    };
    const [a, b] = c.runs ?? [2, 2 + iterations];
    out[c.what] = Math.round((total(b) - total(a)) / (b - a));
  }
  return out;
}
