import { describe, expect, it } from 'vitest';
import { runOnSimulatedBoard } from '../support/device.js';

describe('select, race, join', () => {
  it('select gives the first to finish and cancels the losers', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, select } from 'coop';
      async function slow(name: string, ms: number) {
        try { await sleep(ms); return name; } finally { print(name + ' finished or cancelled at ' + getTime()); }
      }
      spawn(async () => {
        const r = await select(slow('slow', 500), slow('fast', 100), slow('slower', 900));
        print('winner ' + r.index + ' ' + r.value);
      }, { name: 't' });
    `);
    board.advance(2000);
    expect(board.output()).toEqual([
      'fast finished or cancelled at 0.1', 'slow finished or cancelled at 0.1', 'slower finished or cancelled at 0.1', 'winner 1 fast',
    ]);
    expect(board.clock.pending).toBe(0);
  });

  it('select over a channel and a timeout', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, select, Channel } from 'coop';
      const ch = new Channel<number>(4);
      spawn(async () => {
        for (let i = 0; i < 3; i++) {
          const r = await select(ch.recv(), sleep(100));
          print(r.index === 0 ? 'value ' + r.value : 'timeout at ' + getTime());
        }
      }, { name: 'rx' });
      spawn(async () => { await sleep(50); ch.trySend(7); }, { name: 'tx' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual(['value 7', 'timeout at 0.15', 'timeout at 0.25']);
  });

  it('race gives just the value', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, race } from 'coop';
      spawn(async () => { print('' + (await race(sleep(20).then(() => 'b'), sleep(10).then(() => 'a')))); }, { name: 't' });
    `);
    board.advance(100);
    expect(board.output()).toEqual(['a']);
  });

  it('join waits for all and keeps the order', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, join, all } from 'coop';
      async function after(ms: number, v: string) { await sleep(ms); return v; }
      spawn(async () => {
        print((await join(after(30, 'x'), after(10, 'y'), 'z')).join());
        print((await all([after(5, 'p'), after(1, 'q')])).join() + ' at ' + getTime());
      }, { name: 't' });
    `);
    board.advance(100);
    expect(board.output()).toEqual(['x,y,z', 'p,q at 0.035']);
  });

  it('join: the first error cancels the others and is thrown', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, join } from 'coop';
      async function ok() { try { await sleep(1000); } finally { print('ok cancelled at ' + getTime()); } }
      async function bad() { await sleep(20); throw new Error('bad sensor'); }
      spawn(async () => {
        try { await join(ok(), bad()); } catch (e) { print('join threw ' + (e as Error).message); }
      }, { name: 't' });
    `);
    board.advance(2000);
    expect(board.output()).toEqual(['ok cancelled at 0.02', 'join threw bad sensor']);
  });

  it('cancelling a task parked in select cancels every branch', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, select } from 'coop';
      async function branch(n: string) { try { await sleep(5000); } finally { print(n + ' cancelled'); } }
      const t = spawn(async () => { await select(branch('a'), branch('b')); }, { name: 't' });
      spawn(async () => { await sleep(10); t.cancel(); }, { name: 'ui' });
    `);
    board.advance(100);
    expect(board.output()).toEqual(['a cancelled', 'b cancelled']);
    expect(board.clock.pending).toBe(0);
  });
});
