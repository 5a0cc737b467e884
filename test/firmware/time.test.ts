import { describe, expect, it } from 'vitest';
import { runOnSimulatedBoard } from '../support/device.js';

describe('time', () => {
  it('1,000 sleeping tasks share one armed Espruino timer', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      let woke = 0;
      for (let i = 0; i < 1000; i++) {
        spawn(async () => { await sleep(1000 + (i % 10)); woke++; }, { name: 'sleeper' });
      }
      spawn(async () => { await sleep(2000); print('woke ' + woke); }, { name: 'counter' });
    `, { board: 'esp32' });
    // 1,000 spawns in one step, ten deadlines shared by 100 tasks each: within the default 10 s runaway
    // limit since the timer list has express lanes (was ~22 s of modelled ESP32 time, O(n) per insert).
    board.advance(1);
    expect(board.clock.pending).toBe(1);
    board.advance(3000);
    expect(board.output()).toEqual(['woke 1000']);
    expect(board.clock.pending).toBe(0);
  });

  it('equal deadlines wake in the order the tasks went to sleep', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      for (const name of ['c', 'a', 'b']) spawn(async () => { await sleep(100); print(name); }, { name });
      spawn(async () => { await sleep(50); print('early'); }, { name: 'early' });
    `);
    board.advance(200);
    expect(board.output()).toEqual(['early', 'c', 'a', 'b']);
  });

  it('sleepUntil and now() use whole milliseconds since the board started', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleepUntil, now } from 'coop';
      spawn(async () => { await sleepUntil(1234); print('now ' + now()); }, { name: 't' });
    `);
    board.advance(2000);
    expect(board.output()).toEqual(['now 1234']);
  });

  it('Ticker keeps a fixed grid however long the loop body takes', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, now, Ticker } from 'coop';
      spawn(async () => {
        const tick = new Ticker(100);
        for (let i = 0; i < 4; i++) {
          await tick.next();
          print('tick at ' + now());
          await sleep(30 + 10 * i); // work that takes a while
        }
      }, { name: 'ticker' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual(['tick at 100', 'tick at 200', 'tick at 300', 'tick at 400']);
  });

  it('Ticker that fell behind fires once at once, skipping the missed ticks (no burst)', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, now, Ticker } from 'coop';
      spawn(async () => {
        const tick = new Ticker(100);
        await tick.next();
        await sleep(350);
        await tick.next();
        print('late tick at ' + now());
        await tick.next();
        print('back on the grid at ' + now());
      }, { name: 'ticker' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual(['late tick at 450', 'back on the grid at 500']);
  });

  it('yieldNow lets every other ready task run first', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, yieldNow } from 'coop';
      spawn(async () => { for (let i = 0; i < 3; i++) { print('a' + i); await yieldNow(); } }, { name: 'a' });
      spawn(async () => { for (let i = 0; i < 3; i++) { print('b' + i); await yieldNow(); } }, { name: 'b' });
    `);
    board.advance(1);
    expect(board.output().join(' ')).toBe('a0 b0 a1 b1 a2 b2');
  });

  it('withTimeout throws TimeoutError and cancels what it waited for', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, withTimeout, TimeoutError } from 'coop';
      async function slowRead() {
        try { await sleep(5000); return 1; } finally { print('slowRead cleaned up at ' + getTime()); }
      }
      spawn(async () => {
        try {
          await withTimeout(200, slowRead());
        } catch (e) {
          print((e instanceof TimeoutError) + ' ' + (e as Error).message + ' at ' + getTime());
        }
        print('fast: ' + (await withTimeout(200, sleep(10).then(() => 7))));
      }, { name: 't' });
    `);
    board.advance(10_000);
    expect(board.output()).toEqual(['slowRead cleaned up at 0.2', 'true timed out after 200 ms at 0.2', 'fast: 7']);
  });

  it('sleep rejects a bad duration with a clear error', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      spawn(async () => { await sleep(-5); }, { name: 'bad' });
    `);
    board.advance(10);
    expect(board.output()).toEqual(["coop: task 'bad' failed: Error: sleep(ms): ms must be a number >= 0, got -5"]);
  });
});
