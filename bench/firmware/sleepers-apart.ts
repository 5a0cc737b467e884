// Bench: what one wake-up from `sleep` costs with 1,000 tasks asleep against 10 (issue 16:
// within 1.5x), counted by callgrind (bench/executor-bench.ts, sleepersInstructionTable) and
// in the simulator's CPU model on the same runs. One lone wake-up and its re-sleep at a
// random place in the timer list, with nothing else in the count:
//   - no two deadlines closer than BENCH_GAP ms (G, default 100): time is cut into slots G
//     apart, in rounds of K = BENCH_SLEEPERS (10) slots; task k owns one slot per round (where,
//     an affine permutation of the tasks that changes every round decides); it wakes there and
//     sleeps 1–3 rounds (a seeded LCG picks) to its slot in that round. So the timer always
//     resumes one task directly (the path a board spends its life in), the Linux build never
//     spins (it does for timers under 1 ms away), and the re-sleep lands anywhere in the list,
//     not only at its end;
//   - spawning left out by the counter (two run lengths, after the first sleeps); the first slot
//     is BENCH_START ms (default 60·K) after the first task ran, room to spawn the rest;
//   - a wake-up so late that the next one was due before it ran (a loaded machine under
//     valgrind) would take the executor's loop instead: those are counted and printed as
//     BENCH-LATE, so the counter refuses the run.
// BENCH_N is the number of wake-ups. With BENCH_WORK set, no tasks: the task's own work per
// wake-up (clock reading, check, LCG, slot), N times in a plain loop.
//
// A file of its own, not a case of sleep-cycle.ts: its names in that bundle's scope made
// every lookup of a global there pass them (sleep(0) cycle 461,812 -> 472,980 instructions,
// callgrind -Os), and in a function of their own the task became a closure whose body text
// each of the 1,000 tasks copied.
import { spawn, sleep } from 'coop';

declare const BENCH_N: number | undefined;
declare const BENCH_SLEEPERS: number | undefined;
declare const BENCH_GAP: number | undefined;
declare const BENCH_START: number | undefined;
declare const BENCH_WORK: number | undefined;
declare const quit: () => void;
const N = typeof BENCH_N === 'number' ? BENCH_N : 2000;

const done = () => {
  print('BENCH-DONE');
  setTimeout(quit, 1);
};

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
  // same statements in a plain loop with no sleep: what a count holds besides Coop's.
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
