import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { Harness } from '../../sim/harness.js';
import { instrument, stripCounters } from '../../sim/instrument.js';
import { createSim } from '../../sim/simulation.js';
import { deviceBundle } from '../support/device.js';

/** Board time for code (sim/cost-model.ts): with `cpuTime`, the clock moves while code runs. */

async function coop(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A task that sums for about half a second of Puck.js time before its next await. */
const CRUNCHER = `
  import { spawn, sleep } from 'coop';
  spawn(async () => {
    for (;;) {
      await sleep(1000);
      let x = 0;
      for (let i = 0; i < 1500; i++) x = (x + i * 7) % 1000;
      print('sum ' + x);
    }
  }, { name: 'cruncher' });
`;

describe('board time for code', () => {
  it('moves the clock while code runs, so getTime() advances inside a loop', () => {
    const board = new Harness({ board: 'puckjs', cpuTime: true });
    board.load(`var t0 = getTime(); for (var i = 0; i < 1000; i++) {} print(getTime() > t0);`);
    expect(board.output()).toEqual(['true']);
    expect(board.clock.us).toBeGreaterThan(50_000); // 1,000 iterations: tens of ms on a 64 MHz nRF52
  });

  it('leaves virtual time alone without cpuTime, but still counts the code', () => {
    const board = new Harness({ board: 'puckjs' });
    board.load(`var t0 = getTime(); for (var i = 0; i < 1000; i++) {} print(getTime() === t0);`);
    expect(board.output()).toEqual(['true']);
    expect(board.clock.us).toBe(0);
    expect(board.cpu.busyUs).toBeGreaterThan(50_000);
  });

  it('counts on a copy of the bundle: stripping the counters gives the board\'s bundle back, and firmware never sees them', async () => {
    const bundle = await deviceBundle(CRUNCHER);
    const copy = instrument(bundle);
    expect(copy.code).not.toBe(bundle);
    expect(stripCounters(copy.code)).toBe(bundle);
    const board = new Harness({ board: 'puckjs' });
    board.load(`function f(a) { for (;;) { if (a) return a; } } print(f.toString().indexOf('__coop'));`);
    expect(board.output()).toEqual(['-1']);
  });

  it('prices the same code by the board CPU: an ESP32 at 240 MHz runs it faster than a Puck.js', () => {
    const run = (board: string) => {
      const h = new Harness({ board, cpuTime: true });
      h.load(`for (var i = 0; i < 1000; i++) {}`);
      return h.clock.us;
    };
    expect(run('esp32')).toBeLessThan(run('puckjs'));
  });

  it('makes a sleep late by the code that ran before the wake-up', async () => {
    const firmware = `
      import { spawn, sleep } from 'coop';
      spawn(async () => {
        const t0 = getTime();
        await sleep(100);
        print('slept ' + Math.round((getTime() - t0) * 1000) + ' ms');
      }, { name: 'sleeper' });
    `;
    const bundle = await deviceBundle(firmware);
    const exact = await createSim({ bundle, board: 'puckjs' });
    exact.advance(1000);
    expect(exact.output()).toEqual(['slept 100 ms']);
    const timed = await createSim({ bundle, board: 'puckjs', cpuTime: true });
    timed.advance(1000);
    const ms = Number(/slept (\d+) ms/.exec(timed.output()[0])![1]);
    expect(ms).toBeGreaterThan(100);
    expect(ms).toBeLessThan(150);
  });

  it('fires the hog detector when a task computes for longer than 100 ms without awaiting', async () => {
    const sim = await createSim({ bundle: await deviceBundle(CRUNCHER), board: 'puckjs', cpuTime: true });
    sim.advance(3000);
    // The step prints its sum, then the executor sees how long the step took.
    expect(sim.output()[0]).toBe('sum 750');
    expect(sim.output()[1]).toMatch(/^coop: task 'cruncher' ran \d+ ms without awaiting; other tasks were stalled \(add an await in its loop\)$/);
  });

  it('trips the automatic watchdog: a hog stops the feeding and the board resets', async () => {
    const firmware = `
      import { spawn, sleep, watchdog } from 'coop';
      print('boot');
      watchdog({ timeout: 2000 });
      ${CRUNCHER.replace("import { spawn, sleep } from 'coop';", '')}
    `;
    const sim = await createSim({ bundle: await deviceBundle(firmware), board: 'puckjs', cpuTime: true });
    sim.advance(5000);
    expect(sim.harness.notes.map((n) => n.text).some((t) => t.startsWith('watchdog: the watchdog was not kicked for 2s'))).toBe(true);
    expect(sim.output().filter((l) => l === 'boot').length).toBe(2);
  });

  it('gives the same virtual times on every run of the same bundle', async () => {
    const bundle = await deviceBundle(CRUNCHER);
    const run = async () => {
      const sim = await createSim({ bundle, board: 'puckjs', cpuTime: true });
      sim.advance(5000);
      return JSON.stringify([sim.harness.console, sim.harness.cpu.busyUs]);
    };
    expect(await run()).toBe(await run());
  });

  it('keeps each task\'s run time', async () => {
    const sim = await createSim({ bundle: await deviceBundle(CRUNCHER), board: 'puckjs' });
    sim.advance(3500);
    const tasks = sim.harness.cpu.byTask();
    expect(tasks[0].name).toBe('cruncher');
    expect(tasks[0].us).toBeGreaterThan(3 * 100_000); // three sums of more than 100 ms each
    expect(tasks.map((t) => t.name)).toContain('(outside tasks)');
  });

  it('tasks() shows each task\'s run time, the board time its steps took (with cpuTime)', async () => {
    const firmware = `
      import { spawn, sleep, tasks } from 'coop';
      ${CRUNCHER.replace("import { spawn, sleep } from 'coop';", '')}
      spawn(async () => { for (;;) await sleep(250); }, { name: 'idler' });
      setTimeout(() => {
        const list = tasks();
        for (let i = 0; i < list.length; i++) print(list[i].name + ' ran ' + list[i].runMs + ' ms');
      }, 3500);
    `;
    const sim = await createSim({ bundle: await deviceBundle(firmware), board: 'puckjs', cpuTime: true });
    sim.advance(4000);
    const ran = (name: string) => Number(new RegExp(`^${name} ran (\\d+) ms$`).exec(sim.output().find((l) => l.startsWith(name + ' ran '))!)![1]);
    // The same board time the simulator's own count gives the task (getTime() deltas, so to within a step's bookkeeping).
    const counted = sim.harness.cpu.byTask().find((t) => t.name === 'cruncher')!.us / 1000;
    expect(ran('cruncher')).toBeGreaterThan(300); // three sums of more than 100 ms each
    expect(Math.abs(ran('cruncher') - counted) / counted).toBeLessThan(0.05);
    expect(ran('idler')).toBeLessThan(ran('cruncher') / 10);
    // Steps over 100 ms still reach the hog report, once.
    expect(sim.output().filter((l) => /^coop: task 'cruncher' ran \d+ ms without awaiting/.test(l)).length).toBe(1);
  });

  it('with tasks() in the bundle, short steps still feed the watchdog (only a hog stops it)', async () => {
    const firmware = `
      import { spawn, sleep, tasks, watchdog } from 'coop';
      print('boot');
      watchdog({ timeout: 2000 });
      spawn(async () => { for (;;) { let x = 0; for (let i = 0; i < 50; i++) x += i; await sleep(200); } }, { name: 'worker' });
      setTimeout(() => print('worker ran ' + (tasks().filter((t) => t.name === 'worker')[0].runMs > 0)), 4500);
    `;
    const sim = await createSim({ bundle: await deviceBundle(firmware), board: 'puckjs', cpuTime: true });
    sim.advance(5000);
    expect(sim.output()).toEqual(['boot', 'worker ran true']);
  });

  it('coop sim prints CPU busy % over the run and the run time of each task (many-tasks)', async () => {
    const r = await coop('sim', 'examples/many-tasks.ts', '--diagram', 'examples/many-tasks.diagram.json', '--until', '5s', '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/CPU busy \d+\.\d\d% of 5\.000s \([\d.]+ (ms|s) running code on Puck\.js's 64 MHz Cortex-M4F; a simulator estimate, docs\/simulator\.md\):/);
    expect(r.out).toMatch(/\n {2}worker ×100 +\d+\.\d\d% +[\d.]+ (ms|s) run time/);
    expect(r.out).toMatch(/\n {2}heartbeat +\d+\.\d\d% +[\d.]+ (ms|s) run time/);
    expect(r.out).toMatch(/\n {2}main +\d+\.\d\d% +[\d.]+ (ms|s) run time/);
  });
});
