// Bench: task-to-task handoff rate through a Channel, against a Promise.then
// ping-pong and a setTimeout(fn, 0) ping-pong, in the same run.
import { spawn, Channel } from 'coop';
import { promiseSlot } from './promise-slot.js';

// The instruction-count bench (bench/instruction-counts.ts) sets these before the bundle.
declare const BENCH_N: number | undefined;
declare const BENCH_QUIT: number | undefined;
declare const quit: () => void;
const N = typeof BENCH_N === 'number' ? BENCH_N : 2000;

function report(what: string, n: number, t0: number) {
  const s = getTime() - t0;
  print('BENCH ' + JSON.stringify({ what: what, handoffs: n, seconds: s, perSecond: n / s }));
}

function promisePingPong(done: () => void) {
  const t0 = getTime();
  let i = 0;
  const step = (): any => {
    if (++i >= N) { report('Promise.then', N, t0); done(); return; }
    return Promise.resolve(i).then(step);
  };
  step();
}

function timeoutPingPong(done: () => void) {
  const t0 = getTime();
  let i = 0;
  const step = () => {
    if (++i >= N) { report('setTimeout(0)', N, t0); done(); return; }
    setTimeout(step, 0);
  };
  step();
}

function channelPingPong(done: () => void) {
  const ping = new Channel<number>(1);
  const pong = new Channel<number>(1);
  const t0 = getTime();
  spawn(async () => {
    for (let i = 0; i < N / 2; i++) { await ping.send(i); await pong.recv(); }
    report('Channel', N, t0);
    done();
  }, { name: 'ping' });
  spawn(async () => {
    for (let i = 0; i < N / 2; i++) { const v = await ping.recv(); await pong.send(v); }
  }, { name: 'pong' });
}

// The simulator's bench driver times one at a time from outside (virtual time stands still in a run).
declare const BENCH_ONLY: string | undefined;
const only = typeof BENCH_ONLY === 'string' ? BENCH_ONLY : undefined;
const done = () => {
  print('BENCH-DONE');
  if (typeof BENCH_QUIT === 'number') setTimeout(quit, 1);
};

/**
 * The same handoff with the shape of the Promise versions below: the value is
 * put without awaiting (the other task is waiting for it), only the take is awaited.
 */
function channelTrySendPingPong(done: () => void) {
  const ping = new Channel<number>(1);
  const pong = new Channel<number>(1);
  const t0 = getTime();
  spawn(async () => {
    for (let i = 0; i < N / 2; i++) { ping.trySend(i); await pong.recv(); }
    report('Channel, trySend + recv', N, t0);
    done();
  }, { name: 'ping' });
  spawn(async () => {
    for (let i = 0; i < N / 2; i++) { const v = await ping.recv(); pong.trySend(v); }
  }, { name: 'pong' });
}

/** The same two tasks as channelPingPong, handing off through Promises. */
function promiseTaskPingPong(done: () => void) {
  const ping = promiseSlot<number>();
  const pong = promiseSlot<number>();
  const t0 = getTime();
  spawn(async () => {
    for (let i = 0; i < N / 2; i++) { ping.put(i); await pong.take(); }
    report('async tasks over Promises', N, t0);
    done();
  }, { name: 'ping' });
  spawn(async () => {
    for (let i = 0; i < N / 2; i++) { const v = await ping.take(); pong.put(v); }
  }, { name: 'pong' });
}

setTimeout(() => {
  if (only === 'Channel') channelPingPong(done);
  else if (only === 'Channel, trySend + recv') channelTrySendPingPong(done);
  else if (only === 'async tasks over Promises') promiseTaskPingPong(done);
  else if (only === 'Promise.then') promisePingPong(done);
  else if (only === 'setTimeout(0)') timeoutPingPong(done);
  else channelPingPong(() => channelTrySendPingPong(() => promiseTaskPingPong(() => promisePingPong(() => timeoutPingPong(done)))));
}, 10);
