// Bench baseline: two async tasks handing off over Promises, as plain
// TypeScript without Coop: built with TypeScript's own tslib helpers (the
// bench driver builds it with `stockHelpers`), every await a Promise.then.
import { promiseSlot } from './promise-slot.js';

declare const BENCH_N: number | undefined;
declare const BENCH_QUIT: number | undefined;
declare const quit: () => void;
const N = typeof BENCH_N === 'number' ? BENCH_N : 2000;

const ping = promiseSlot<number>();
const pong = promiseSlot<number>();

async function pinger() {
  const t0 = getTime();
  for (let i = 0; i < N / 2; i++) { ping.put(i); await pong.take(); }
  const s = getTime() - t0;
  print('BENCH ' + JSON.stringify({ what: 'stock async tasks over Promises', handoffs: N, seconds: s, perSecond: N / s }));
  print('BENCH-DONE');
  if (typeof BENCH_QUIT === 'number') setTimeout(quit, 1);
}

async function ponger() {
  for (let i = 0; i < N / 2; i++) { const v = await ping.take(); pong.put(v); }
}

setTimeout(() => { ponger(); pinger(); }, 10);
