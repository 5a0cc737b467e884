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
//   'apart'       BENCH_SLEEPERS (K) tasks whose wake-ups never come near each
//                 other, for counting one lone wake-up (the timer resumes the task
//                 directly, as on a board) and its re-sleep at a random place in
//                 the timer list. Time is cut into slots BENCH_GAP ms (G, default
//                 100) apart, in rounds of K; task k owns one slot in each round
//                 (where, a permutation per round decides): it wakes at one, then
//                 sleeps 1–3 rounds (an LCG picks) to its slot there, so no two
//                 deadlines are ever closer than G, the Linux build never spins
//                 (it does for timers under 1 ms away) and a slow interpreter
//                 (valgrind) wakes each task alone. The first
//                 slot is BENCH_START ms (default 60·K) after the first task ran,
//                 room to spawn the rest. A wake-up so late that the next one was due
//                 before it ran (a loaded machine under valgrind) would take the
//                 loop's path instead: those are counted and printed as BENCH-LATE,
//                 so a counter can refuse the run. With BENCH_WORK set, no tasks: the
//                 task's own work per wake-up, N times in a plain loop
// BENCH_N is the number of wake-ups; the counter subtracts a shorter run (2 wake-ups; for
// 'apart', one after spawning is over: bench/executor-bench.ts, APART).
import { spawn, sleep } from 'coop';

declare const BENCH_N: number | undefined;
declare const BENCH_ONLY: string | undefined;
declare const BENCH_SLEEPERS: number | undefined;
declare const BENCH_SPACING: number | undefined;
declare const BENCH_EQUAL: number | undefined;
declare const BENCH_GAP: number | undefined;
declare const BENCH_START: number | undefined;
declare const BENCH_WORK: number | undefined;
declare const quit: () => void;
const N = typeof BENCH_N === 'number' ? BENCH_N : 2000;
const only = typeof BENCH_ONLY === 'string' ? BENCH_ONLY : 'sleep';

const done = () => {
  print('BENCH-DONE');
  setTimeout(quit, 1);
};

/**
 * The 'apart' case, in a function of its own: its names in the bundle's scope would make every
 * lookup of a global in the other cases pass them (+11,000 instructions per sleep(0) cycle,
 * 461,812 -> 472,980, callgrind -Os).
 */
const apart = function () {
  const K = typeof BENCH_SLEEPERS === 'number' ? BENCH_SLEEPERS : 10;
  const G = typeof BENCH_GAP === 'number' ? BENCH_GAP : 100;
  const start = typeof BENCH_START === 'number' ? BENCH_START : 60 * K;
  let m = K;
  while (m % 2 === 0) m /= 2;
  while (m % 5 === 0) m /= 5;
  if (m !== 1) throw new Error('BENCH_SLEEPERS must be a product of 2s and 5s (10, 100, 1000), got ' + K);
  // An LCG (Numerical Recipes' constants, mod 2^32, exact in doubles): the same rounds every run.
  let seed = 12345;
  const rounds = () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return 1 + ((seed >>> 16) % 3);
  };
  // The slot task k owns in round j: j·K plus an affine permutation of 0…K−1 that j picks (its
  // factor ends in 1, 3, 7 or 9, so it is a bijection for these K), so the order of the tasks
  // changes every round and a re-sleep lands anywhere in the list, not only at its end.
  const slotOf = (j: number, k: number) => {
    const h = (j * 2654435761) % 4294967296;
    const u = h % 4;
    return j * K + (((10 * ((h >>> 2) % 100) + 1 + 2 * (u + (u >> 1))) * k + (h >>> 8)) % K);
  };
  let base = -1;
  let wakes = 0;
  // Wake-ups that were due before the previous one ran: the timer found both due (the loop's
  // path, not a lone wake-up). A late wake-up alone is not one: it takes the same path.
  let batched = 0;
  let prev = -1;
  const sleeper = async (k: number) => {
    if (base < 0) base = getTime() * 1000 + start;
    // The first wake-up in round 0, 1 or 2: the list starts shuffled, as it stays.
    let j = rounds() - 1;
    let due = base + slotOf(j, k) * G;
    await sleep(Math.max(0, due - getTime() * 1000));
    for (;;) {
      const t = getTime() * 1000;
      if (due <= prev) batched++;
      prev = t;
      if (++wakes === N) {
        if (batched > 0) print('BENCH-LATE ' + batched);
        done();
      }
      j += rounds();
      due = base + slotOf(j, k) * G;
      await sleep(due - t);
    }
  };
  if (typeof BENCH_WORK === 'number') {
    // The task's own work per wake-up (the clock reading, the check, the LCG, the slot), the
    // same statements in a plain loop with no sleep: what an 'apart' count holds besides Coop's.
    base = getTime() * 1000;
    let j = 0;
    let due = base;
    let x = 0;
    for (let i = 0; i < N; i++) {
      const t = getTime() * 1000;
      if (due <= prev) batched++;
      prev = t;
      if (++wakes === 0) print('never');
      j += rounds();
      due = base + slotOf(j, i % K) * G;
      x += due - t;
    }
    done();
  } else for (let k = 0; k < K; k++) spawn(() => sleeper(k), { name: 's' });
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
} else if (only === 'apart') {
  apart();
} else {
  spawn(async () => {
    for (let i = 0; i < N; i++) await sleep(0);
    done();
  }, { name: 'sleeper' });
}
