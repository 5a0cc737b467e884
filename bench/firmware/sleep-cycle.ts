// Bench: one task sleeping 0 ms over and over: parking on the timer list,
// the one Espruino timer firing, the wake-up and the resume. For the
// instruction counts (bench/instruction-counts.ts); the baseline is the
// handoff bench's setTimeout(0) ping-pong.
import { spawn, sleep } from 'coop';

declare const BENCH_N: number | undefined;
declare const quit: () => void;
const N = typeof BENCH_N === 'number' ? BENCH_N : 2000;

spawn(async () => {
  for (let i = 0; i < N; i++) await sleep(0);
  print('BENCH-DONE');
  setTimeout(quit, 1);
}, { name: 'sleeper' });
