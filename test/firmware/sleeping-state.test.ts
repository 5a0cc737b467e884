import { describe, expect, it } from 'vitest';
import { runOnSimulatedBoard } from '../support/device.js';

/**
 * A task asleep on the timer after `await sleep(ms)` keeps no `st` (firmware/timer-list.ts,
 * sleepPark: a JsVar less per sleeping task); the number in its `r` says it sleeps. The
 * timer's direct resume (executor.ts, resumeNow) leaves `st` absent too. Everything that
 * reads a task's state must see such a task as asleep: tasks(), and cancel(), which must take
 * it off the timer list and end its sleep at once, not at its deadline.
 */
describe('a task asleep with no st', () => {
  it('is listed as sleeping, and cancel() ends its sleep at once with its finally run', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, tasks, now } from 'coop';
      const t = spawn(async () => {
        try {
          for (;;) await sleep(100);
        } finally {
          print('finally at ' + now());
        }
      }, { name: 'ticker' });
      spawn(async () => {
        // By now the timer has resumed the ticker directly three times; it sleeps again.
        await sleep(350);
        print(tasks().map((x) => x.name + ':' + x.state + ':' + x.waitingOn).join());
        t.cancel();
        await sleep(1);
        print('done ' + t.done);
      }, { name: 'boss' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual(['ticker:sleeping:until 400 ms,boss:ready:undefined', 'finally at 350', 'done true']);
  });
});
