import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { sourceLocator } from '../../cli/source-locate.js';
import { Harness } from '../../sim/harness.js';
import { build } from '../../toolchain/build.js';
import { createSim } from '../../sim/simulation.js';
import { deviceBundle, firmwareFile } from '../support/device.js';

/** Runaway guards (sim/cost-model.ts): code that never returns is stopped, named, and located; nothing hangs. */

async function coop(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const SPINNER = `import { spawn, sleep } from 'coop';

let i = 0;
spawn(async () => {
  for (;;) {
    await sleep(100);
    print('tick ' + i);
  }
}, { name: 'ticker' });

spawn(async () => {
  await sleep(250);
  while (true) {
    i++;
  }
}, { name: 'spinner' });
`;

describe('runaway guards', () => {
  it('coop sim ends a task that never awaits with its name and line instead of hanging', async () => {
    const file = firmwareFile(SPINNER, 'spin.ts');
    const r = await coop('sim', file, '--board', 'puckjs', '--until', '60s');
    expect(r.code).toBe(1);
    expect(r.out).toContain('tick 0');
    expect(r.err).toMatch(/coop sim: the simulator stopped the firmware: task 'spinner' did not return to the event loop for 10\.0\d\d s of board time at .*spin\.ts:13 \(.*\): the simulator's limit \(runawayMs\); a board would hang here/);
    expect(r.out).toMatch(/simulation ended: 60\.000s/);
  });

  it('finds the line of a loop terser inlined into the task that called its function', async () => {
    const file = firmwareFile(`import { spawn, sleep } from 'coop';

let total = 0;

function findPrime(limit: number): number {
  let n = 2;
  while (n < limit) {
    total += n;
    if (total < 0) n++;
  }
  return n;
}

spawn(async () => {
  await sleep(700);
  print('prime ' + findPrime(100));
}, { name: 'primes' });
`, 'primes.ts');
    const { code } = await build(file, { board: 'puckjs' });
    const sim = await createSim({ bundle: code, board: 'puckjs', locate: sourceLocator(code, file) });
    sim.advance(20_000);
    expect(sim.harness.stoppedBy).toMatch(/^task 'primes' did not return to the event loop for [\d.]+ s of board time at .*primes\.ts:7 \(/);
  });

  it('halts the board: the other tasks stop too, and nothing is reported as an uncaught error', async () => {
    const sim = await createSim({ bundle: await deviceBundle(SPINNER), board: 'puckjs' });
    sim.advance(60_000);
    expect(sim.harness.stoppedBy).toMatch(/^task 'spinner' did not return to the event loop/);
    expect(sim.harness.halted).toBe(true);
    expect(sim.output()).toEqual(['tick 0', 'tick 0']);
    expect(sim.errors).toEqual([]);
  });

  it('stops a runaway at the board\'s watchdog timeout when one is enabled, and resets the board', () => {
    const board = new Harness({ board: 'puckjs', cpuTime: true });
    board.load(`print('boot'); E.enableWatchdog(2, false); setTimeout(function () { var n = 0; for (;;) n++; }, 100);`);
    board.advance(2050); // (at 2.1 s the rebooted code's timer would start the loop again)
    expect(board.output()).toEqual(['boot', 'boot']);
    const note = board.notes.find((n) => n.text.startsWith('watchdog:'))!;
    expect(note.text).toMatch(/^watchdog: the watchdog was not kicked for 2s while code outside tasks was running at bundle offset \d+ \(for \(;;\) n\+\+;\), 1\.9\d\ds since it was called from the event loop$/);
    expect(note.t).toBeGreaterThanOrEqual(2000);
    expect(note.t).toBeLessThan(2010);
  });

  it('a try/catch in the loop cannot swallow the stop', () => {
    const board = new Harness({ board: 'puckjs', runawayMs: 500 });
    board.load(`for (;;) { try { for (;;) {} } catch (e) { print('caught'); } }`);
    expect(board.stoppedBy).toMatch(/^code outside tasks did not return to the event loop for 0\.50\d s of board time/);
    expect(board.output()).toEqual([]);
  });

  it('stops code by host time when board time would allow it to go on', () => {
    const board = new Harness({ board: 'puckjs', runawayMs: 1e12, hostLimitMs: 200 });
    const t0 = Date.now();
    board.load(`var i = 0; while (true) { i++; }`);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(board.stoppedBy).toMatch(/did not return to the event loop for [\d.]+ s of host time .*: the simulator's host-time limit \(hostLimitMs\)/);
  });

  it('a reset clears the stop: the board runs again', () => {
    const board = new Harness({ board: 'puckjs', runawayMs: 100 });
    board.load(`print('up'); if (!E.firstRun) for (;;) {}`);
    expect(board.stoppedBy).not.toBeNull();
    board.reset();
    board.load(`print('again')`);
    expect(board.output()).toEqual(['up', 'again']);
  });
});
