// Bench baseline: two async tasks handing off over Promises, as plain
// TypeScript without Coop: built with TypeScript's own tslib helpers (the
// bench driver builds it with `stockHelpers`), every await a Promise.then.
const N = 2000;

function promiseSlot<T>() {
  let waiter: ((v: T) => void) | undefined;
  let has = false;
  let value: T | undefined;
  return {
    put(v: T) {
      if (waiter) { const w = waiter; waiter = undefined; w(v); } else { has = true; value = v; }
    },
    take(): Promise<T> {
      if (has) { has = false; return Promise.resolve(value as T); }
      return new Promise<T>((resolve) => { waiter = resolve; });
    },
  };
}

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
