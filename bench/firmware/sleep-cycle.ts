// Bench: what one wake-up from `sleep` costs, for the instruction counts
// (bench/instruction-counts.ts), against what an Espruino programmer writes
// without Coop, in the same run. BENCH_ONLY picks the case:
//   'sleep'       one task sleeping 0 ms over and over: parking on the timer
//                 list, the one Espruino timer firing, the wake-up, the resume
//   'setTimeout'  the baseline: a raw callback doing the same work (counting
//                 and re-arming itself with setTimeout(f, 0))
//   'sleepers'    BENCH_SLEEPERS (K) tasks, each sleeping a pseudo-random
//                 0…K×BENCH_SPACING ms (default 20) over and over, so about
//                 1000/BENCH_SPACING wake-ups a second whatever K is;
//                 counted per wake-up: 10 against 1,000 sleepers shows what the
//                 timer structure costs as it fills. With BENCH_EQUAL set, every
//                 sleep after the first is the same length (range): each sleeper
//                 goes to the end of the timer list, no search, which leaves
//                 what else grows with the number of tasks
// BENCH_N is the number of wake-ups; the counter subtracts a run with 2.
import { spawn, sleep } from 'coop';

declare const BENCH_N: number | undefined;
declare const BENCH_ONLY: string | undefined;
declare const BENCH_SLEEPERS: number | undefined;
declare const BENCH_SPACING: number | undefined;
declare const BENCH_EQUAL: number | undefined;
declare const quit: () => void;
const N = typeof BENCH_N === 'number' ? BENCH_N : 2000;
const only = typeof BENCH_ONLY === 'string' ? BENCH_ONLY : 'sleep';

const done = () => {
  print('BENCH-DONE');
  setTimeout(quit, 1);
};

if (only === 'setTimeout') {
  let i = 0;
  const tick = () => {
    if (++i < N) setTimeout(tick, 0);
    else done();
  };
  setTimeout(tick, 0);
} else if (only === 'sleepers') {
  const K = typeof BENCH_SLEEPERS === 'number' ? BENCH_SLEEPERS : 10;
  const range = K * (typeof BENCH_SPACING === 'number' ? BENCH_SPACING : 20);
  const equal = typeof BENCH_EQUAL === 'number';
  // Park–Miller: the same sequence of deadlines in every run, with no Math.random.
  let seed = 12345;
  let wakes = 0;
  const sleeper = async (k: number) => {
    // The first sleeps in spawn order (each lands at the end of the timer list), so starting
    // K tasks costs little next to the wake-ups counted; after that, random lengths.
    await sleep((k / K) * range);
    for (;;) {
      if (++wakes === N) done();
      seed = (seed * 16807) % 2147483647;
      await sleep(equal ? range : (seed / 2147483647) * range);
    }
  };
  for (let k = 0; k < K; k++) spawn(() => sleeper(k), { name: 's' });
} else {
  spawn(async () => {
    for (let i = 0; i < N; i++) await sleep(0);
    done();
  }, { name: 'sleeper' });
}
