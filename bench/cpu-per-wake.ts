import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CPU time Espruino spends per wake-up, from the user time the operating
 * system charges the interpreter (`/usr/bin/time`), for cases too slow to
 * run under valgrind: 1,000 sleeping tasks take minutes there. A sleeping
 * interpreter is charged nothing (the Linux build sleeps in the kernel
 * between timers), so user time is the work done. Each case runs with 2 and
 * with 2 + `wakes` wake-ups; the difference over the extra wake-ups leaves
 * out starting the interpreter and spawning the tasks.
 */
export interface WakeCase {
  /** Row label. */
  what: string;
  /** Bundle file (built for 'linux'). */
  bundle: string;
  /** Globals to set before the bundle; BENCH_N is added. */
  globals?: Record<string, string | number>;
}

export function haveTimeCommand(): boolean {
  return spawnSync('/usr/bin/time', ['-f', '%U', 'true'], { encoding: 'utf8' }).status === 0;
}

/** Microseconds of user CPU per wake-up of each case (best of `repeats`, as other load only adds). */
export function cpuPerWake(bin: string, scratch: string, cases: WakeCase[], wakes = 300, repeats = 3): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cases) {
    const userSeconds = (n: number) => {
      const globals = { ...(c.globals ?? {}), BENCH_N: n };
      const prefix = 'var ' + Object.entries(globals).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',') + ';\n';
      const file = join(scratch, `cpu-${c.what.replace(/\W+/g, '-')}-${n}.js`);
      const times = file + '.time';
      writeFileSync(file, prefix + readFileSync(c.bundle, 'utf8'));
      const r = spawnSync('/usr/bin/time', ['-f', '%U', '-o', times, bin, file], { stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8', timeout: 300_000 });
      if (!(r.stdout ?? '').includes('BENCH-DONE')) throw new Error(`${c.what}: no BENCH-DONE from ${bin}`);
      return Number(readFileSync(times, 'utf8').trim().split('\n').pop());
    };
    let best = Infinity;
    for (let i = 0; i < repeats; i++) best = Math.min(best, (userSeconds(2 + wakes) - userSeconds(2)) / wakes);
    out[c.what] = best * 1e6;
  }
  return out;
}
