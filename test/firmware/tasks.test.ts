import { describe, expect, it } from 'vitest';
import { runOnSimulatedBoard } from '../support/device.js';

describe('spawn and task handles', () => {
  it('await a task for its result', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      const doubler = spawn(async () => { await sleep(100); return 21 * 2; }, { name: 'doubler' });
      spawn(async () => {
        print('done before? ' + doubler.done);
        const v = await doubler;
        print('got ' + v + ' at ' + getTime() + ', done ' + doubler.done + ', name ' + doubler.name);
      }, { name: 'reader' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual(['done before? false', 'got 42 at 0.1, done true, name doubler']);
  });

  it('await a task for its error', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      const failing = spawn(async () => { await sleep(10); throw new Error('sensor gone'); }, { name: 'reader' });
      spawn(async () => {
        try { await failing; } catch (e) { print('caught: ' + (e as Error).message); }
      }, { name: 'watcher' });
    `);
    board.advance(100);
    expect(board.output()).toEqual(['caught: sensor gone']);
  });

  it('a task that throws does not stop the others; its error is reported once, by name', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      spawn(async () => { await sleep(150); throw new Error('I2C timeout'); }, { name: 'sensor' });
      spawn(async () => { for (let i = 1; i <= 3; i++) { await sleep(100); print('blink ' + i); } }, { name: 'blink' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual(['blink 1', "coop: task 'sensor' failed: Error: I2C timeout", 'blink 2', 'blink 3']);
  });

  it('spawn starts the task on the next turn of the executor, not inside spawn()', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn } from 'coop';
      spawn(async () => { print('task runs'); }, { name: 't' });
      print('after spawn');
    `);
    board.advance(1);
    expect(board.output()).toEqual(['after spawn', 'task runs']);
  });

  it('run(main) starts the app as a task named main', async () => {
    const board = await runOnSimulatedBoard(`
      import { run, sleep, tasks } from 'coop';
      run(async () => { await sleep(5); print(JSON.stringify(tasks())); });
    `);
    board.advance(10);
    expect(JSON.parse(board.output()[0])).toEqual([{ name: 'main', state: 'ready', age: 0, depth: 0, runMs: 0 }]);
  });

  it('a plain async function called from a task is part of that task', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, tasks } from 'coop';
      async function readSensor(channel: number, scale: number) {
        let total = 0;
        for (let i = 0; i < 3; i++) { await sleep(10); total += channel * scale; }
        return total;
      }
      spawn(async () => { print('sum ' + (await readSensor(2, 5))); }, { name: 'sampler' });
      spawn(async () => { await sleep(15); const t = tasks(); print(t.map((x) => x.name + ':' + x.state + ':' + x.waitingOn).join()); }, { name: 'lister' });
    `);
    board.advance(100);
    expect(board.output()).toEqual(['sampler:sleeping:until 20 ms,lister:ready:undefined', 'sum 30']);
  });

  it('tasks() lists name, state (and what it waits on) and age, children nested', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, Channel, printTasks } from 'coop';
      const ch = new Channel<number>(1);
      spawn(async () => {
        spawn(async () => { await ch.recv(); }, { name: 'consumer' });
        await sleep(60_000);
      }, { name: 'parent' });
      spawn(async () => { await sleep(3000); printTasks(); }, { name: 'debug' });
    `);
    board.advance(5000);
    expect(board.output()).toEqual([
      // Run time 0 ms: without cpuTime simulated code takes no board time (test/sim/time-cpu.test.ts has it with).
      'parent: sleeping (until 60000 ms), 3 s, ran 0 ms',
      '  consumer: waiting (Channel recv), 3 s, ran 0 ms',
      'debug: ready, 3 s, ran 0 ms',
    ]);
  });

  it('a loop with an await and a closure over its per-iteration variable (TypeScript yield*)', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      const jobs: Record<string, () => Promise<void>> = {
        a: async () => { await sleep(5); print('a ran'); },
        b: async () => { print('b ran'); },
      };
      spawn(async () => {
        for (const k in jobs) {
          const job = jobs[k];
          spawn(async () => { await job(); }, { name: 'job ' + k });
          await sleep(1);
          try { if (k === 'b') throw new Error('from ' + k); } catch (e) { print('caught ' + (e as Error).message); }
        }
        print('loop done at ' + getTime());
      }, { name: 'looper' });
    `);
    board.advance(100);
    expect(board.output()).toEqual(['b ran', 'caught from b', 'loop done at 0.002', 'a ran']);
  });

  it('an async function that throws before its first await is not "unhandled" when awaited just after', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep } from 'coop';
      async function check(n: number) { if (n < 0) throw new Error('negative'); await sleep(1); return n; }
      spawn(async () => {
        const p = check(-1);
        print('called');
        try { await p; } catch (e) { print('caught ' + (e as Error).message); }
      }, { name: 't' });
      check(-2); // never awaited: reported
    `);
    board.advance(10);
    expect(board.output()).toEqual(['called', 'caught negative', 'coop: unhandled error in async function: Error: negative']);
  });
});

