import { describe, expect, it } from 'vitest';
import { runOnSimulatedBoard } from '../support/device.js';

describe('structured cancellation', () => {
  it('cancelling a task runs finally blocks in nested async functions, innermost first', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, isCancelled } from 'coop';
      async function pump() {
        digitalWrite(D1, 1);
        try { await sleep(60_000); } finally { digitalWrite(D1, 0); print('pump off'); }
      }
      async function water() {
        try { await pump(); } finally { print('watering done'); }
      }
      const t = spawn(async () => {
        try { await water(); } catch (e) { print('task saw ' + (e as Error).name + ' ' + isCancelled(e)); throw e; }
      }, { name: 'waterer' });
      spawn(async () => { await sleep(100); t.cancel(); print('cancel called'); }, { name: 'ui' });
      spawn(async () => { try { await t; } catch (e) { print('awaiter got ' + (e as Error).message); } }, { name: 'awaiter' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual(['cancel called', 'pump off', 'watering done', 'task saw Cancelled true', "awaiter got task 'waterer' was cancelled"]);
    expect(board.pin('D1')).toBe(0);
    expect(board.clock.pending).toBe(0);
  });

  it('cancelling a parent cancels its children first; a parent is done only when its children are', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      const parent = spawn(async () => {
        spawn(async () => { try { await sleep(60_000); } finally { print('child a stopped'); } }, { name: 'a' });
        spawn(async () => { try { await sleep(60_000); } finally { print('child b stopped'); } }, { name: 'b' });
        try { await sleep(60_000); } finally { print('parent stopped'); }
      }, { name: 'parent' });
      spawn(async () => { await sleep(10); parent.cancel(); }, { name: 'ui' });
      spawn(async () => { try { await parent; } catch (e) { print('parent done: ' + (e as Error).name + ' at ' + getTime()); } }, { name: 'w' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual(['child a stopped', 'child b stopped', 'parent stopped', 'parent done: Cancelled at 0.01']);
  });

  it('a parent whose body returns waits for its children', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      const parent = spawn(async () => {
        spawn(async () => { await sleep(300); print('child finished'); }, { name: 'child' });
        return 'parent result';
      }, { name: 'parent' });
      spawn(async () => { print((await parent) + ' at ' + getTime()); }, { name: 'w' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual(['child finished', 'parent result at 0.3']);
  });

  it("an error in a child cancels its siblings and becomes the parent's error", async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      const parent = spawn(async () => {
        spawn(async () => { try { await sleep(60_000); } finally { print('sibling cancelled'); } }, { name: 'sibling' });
        spawn(async () => { await sleep(50); throw new Error('sensor unplugged'); }, { name: 'reader' });
        try { await sleep(60_000); } finally { print('parent body cancelled'); }
      }, { name: 'parent' });
      spawn(async () => {
        try { await parent; } catch (e) { print('parent failed: ' + (e as Error).message + ' at ' + getTime()); }
      }, { name: 'supervisor' });
      spawn(async () => { await sleep(500); print('unrelated task still runs'); }, { name: 'other' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual([
      'sibling cancelled', 'parent body cancelled', 'parent failed: sensor unplugged at 0.05', 'unrelated task still runs',
    ]);
  });

  it('a task cancelled before it ever ran never starts', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn } from 'coop';
      const t = spawn(async () => { print('should not run'); }, { name: 'never' });
      t.cancel();
      print('done ' + t.done);
    `);
    board.advance(10);
    expect(board.output()).toEqual(['done true']);
  });

  it('cancellation waits for a value the task was just woken with: nothing is dropped', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, Channel } from 'coop';
      const ch = new Channel<string>(1);
      const consumer = spawn(async () => {
        try {
          for (;;) { const v = await ch.recv(); print('got ' + v); }
        } finally { print('consumer stopped'); }
      }, { name: 'consumer' });
      spawn(async () => {
        await sleep(10);
        await ch.send('last reading');
        consumer.cancel(); // the consumer is already woken with the value
      }, { name: 'producer' });
    `);
    board.advance(100);
    expect(board.output()).toEqual(['got last reading', 'consumer stopped']);
  });
});

describe('a cancellation that finds no await', () => {
  it('is dropped when the task ends first; other tasks are unaffected', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      let self: any;
      self = spawn(async () => { await sleep(10); self.cancel(); print('ends without another await'); return 1; }, { name: 'quick' });
      spawn(async () => { for (let i = 0; i < 3; i++) { await sleep(20); print('other ' + i); } }, { name: 'other' });
    `);
    board.advance(200);
    expect(board.output()).toEqual(['ends without another await', 'other 0', 'other 1', 'other 2']);
  });

  it("is delivered once: a sibling cleaning up in its finally is not cancelled again when the parent's body ends", async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      const parent = spawn(async () => {
        spawn(async () => { await sleep(5); throw new Error('boom'); }, { name: 'bad' });
        spawn(async () => {
          try { await sleep(100); }
          finally { await sleep(10); print('motor stopped gently at ' + getTime()); }
        }, { name: 'motor' });
        try { await sleep(50); } finally { print('parent body ends at ' + getTime()); }
      }, { name: 'parent' });
      spawn(async () => { try { await parent; } catch (e) { print('parent failed: ' + (e as Error).message + ' at ' + getTime()); } }, { name: 'w' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual(['parent body ends at 0.005', 'motor stopped gently at 0.015', 'parent failed: boom at 0.015']);
  });

  it('a parent cancelled by hand cancels each child once, however its body ends', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      const parent = spawn(async () => {
        spawn(async () => {
          try { await sleep(100); }
          finally { await sleep(10); print('child cleaned up at ' + getTime()); }
        }, { name: 'child' });
        try { await sleep(100); } finally { print('parent body ends at ' + getTime()); }
      }, { name: 'parent' });
      spawn(async () => { await sleep(20); parent.cancel(); }, { name: 'ui' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual(['parent body ends at 0.02', 'child cleaned up at 0.03']);
  });
});
