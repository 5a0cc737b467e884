import { describe, expect, it } from 'vitest';
import { runOnSimulatedBoard } from '../support/device.js';

/**
 * The timer list (firmware/timer-list.ts) against a reference model: a
 * priority queue ordered by (deadline, order of going to sleep). Hundreds of
 * tasks sleep pseudo-random whole milliseconds (so many deadlines are equal
 * and the express lanes fill, empty and refill), some are cancelled while
 * they sleep, and the order the board wakes them in must be the model's.
 */

/** Park–Miller, as the benches use: the same durations on every run. */
function durations(tasks: number, sleeps: number, longest: number): number[][] {
  let seed = 12345;
  const next = () => (seed = (seed * 16807) % 2147483647);
  return Array.from({ length: tasks }, () => Array.from({ length: sleeps }, () => 1 + (next() % longest)));
}

/** Wake order the model gives: ids, a task cancelled at `cancelAt` (ms, not whole) never wakes again. */
function modelWakes(durs: number[][], cancelAt: number, cancelled: (id: number) => boolean): number[] {
  type Sleeper = { d: number; seq: number; id: number; k: number };
  let seq = 0;
  let queue: Sleeper[] = durs.map((ds, id) => ({ d: ds[0], seq: seq++, id, k: 0 }));
  let cancelDone = false;
  const out: number[] = [];
  while (queue.length > 0) {
    queue.sort((a, b) => a.d - b.d || a.seq - b.seq);
    const s = queue[0];
    if (!cancelDone && s.d > cancelAt) {
      queue = queue.filter((x) => !cancelled(x.id));
      cancelDone = true;
      continue;
    }
    queue.shift();
    out.push(s.id);
    if (s.k + 1 < durs[s.id].length) queue.push({ d: s.d + durs[s.id][s.k + 1], seq: seq++, id: s.id, k: s.k + 1 });
  }
  return out;
}

describe('timer list', () => {
  it('wakes 400 tasks sleeping random lengths in deadline order, equal deadlines first come first served, through cancels', async () => {
    const durs = durations(400, 6, 40);
    const cancelAt = 60.5;
    const cancelled = (id: number) => id % 7 === 3;
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, type Task } from 'coop';
      const durs: number[][] = ${JSON.stringify(durs)};
      const log: number[] = [];
      const tasks: Task<void>[] = [];
      for (let id = 0; id < durs.length; id++) {
        tasks.push(spawn(async () => {
          for (let k = 0; k < durs[id].length; k++) {
            await sleep(durs[id][k]);
            log.push(id);
          }
        }, { name: 't' + id }));
      }
      spawn(async () => {
        await sleep(${cancelAt});
        for (let id = 0; id < tasks.length; id++) if (id % 7 === 3) tasks[id].cancel();
        await sleep(1000);
        print(log.join(','));
      }, { name: 'canceller' });
    `, { board: 'esp32' });
    board.advance(2000);
    expect(board.output()).toEqual([modelWakes(durs, cancelAt, cancelled).join(',')]);
    expect(board.clock.pending).toBe(0);
  });

  it('withTimeout of a task that has already finished leaves the timer list alone (its sleep was never listed)', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, withTimeout } from 'coop';
      const quick = spawn(async () => { await sleep(5); return 7; }, { name: 'quick' });
      spawn(async () => {
        await sleep(20);
        print('got ' + (await withTimeout(60, quick)));
        await sleep(10);
        print('after');
      }, { name: 'main' });
    `);
    board.advance(200);
    expect(board.output()).toEqual(['got 7', 'after']);
    expect(board.clock.pending).toBe(0);
  });

  it('an earlier deadline set later still wakes first; equal ones keep their order when the list is long', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      // 300 sleepers far out, then three that share an earlier deadline, then one earlier still.
      for (let i = 0; i < 300; i++) spawn(async () => { await sleep(5000 + i); }, { name: 'far' + i });
      for (const name of ['c', 'a', 'b']) spawn(async () => { await sleep(2500); print(name); }, { name });
      spawn(async () => { await sleep(1000); print('first'); }, { name: 'first' });
    `);
    board.advance(3000);
    expect(board.output()).toEqual(['first', 'c', 'a', 'b']);
  });
});
