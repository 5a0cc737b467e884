import { describe, expect, it } from 'vitest';
import { runOnSimulatedBoard } from '../support/device.js';

describe('watchdog', () => {
  it('is fed while the executor is healthy: no reset in a simulated hour', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, watchdog } from 'coop';
      watchdog({ timeout: 5000 });
      spawn(async () => { for (;;) { await sleep(60_000); print('alive at ' + Math.round(getTime())); } }, { name: 'worker' });
    `);
    board.advance(3_600_000);
    expect(board.output()).toHaveLength(60);
    expect(board.notes.filter((n) => /watchdog|reset/.test(n.text))).toEqual([]);
  });

  it('is not fed once its task is cancelled, and the board resets', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, watchdog } from 'coop';
      print('boot');
      const dog = watchdog({ timeout: 2000 });
      spawn(async () => { await sleep(1000); dog.cancel(); }, { name: 'stopper' });
    `);
    board.advance(4000);
    expect(board.notes.some((n) => /watchdog/.test(n.text))).toBe(true);
    expect(board.output().filter((l) => l === 'boot').length).toBeGreaterThanOrEqual(2);
  });

  it('rejects a timeout too short to feed reliably', async () => {
    const board = await runOnSimulatedBoard(`
      import { watchdog } from 'coop';
      try { watchdog({ timeout: 10 }); } catch (e) { print((e as Error).message); }
    `);
    expect(board.output()).toEqual(['watchdog({timeout}): timeout must be at least 1000 ms, got 10']);
  });
});
