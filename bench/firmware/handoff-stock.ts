// Bench baseline: two async tasks handing off over Promises, as plain
// TypeScript without Coop: built with TypeScript's own tslib helpers (the
// bench driver builds it with `stockHelpers`), every await a Promise.then.
import { promiseSlot } from './promise-slot.js';

const N = 2000;

const ping = promiseSlot<number>();
const pong = promiseSlot<number>();

async function pinger() {
  const t0 = getTime();
  for (let i = 0; i < N / 2; i++) { ping.put(i); await pong.take(); }
  const s = getTime() - t0;
  print('BENCH ' + JSON.stringify({ what: 'stock async tasks over Promises', handoffs: N, seconds: s, perSecond: N / s }));
  print('BENCH-DONE');
}

async function ponger() {
  for (let i = 0; i < N / 2; i++) { const v = await ping.take(); pong.put(v); }
}

setTimeout(() => { ponger(); pinger(); }, 10);
