import { describe, expect, it } from 'vitest';
import { Harness } from '../../sim/harness.js';
import { runOnSimulatedBoard } from '../support/device.js';

describe('simulated board core: virtual clock and pins', () => {
  it('runs timers in deadline order, equal deadlines in arming order, without waiting', () => {
    const board = new Harness();
    board.load(`
      setTimeout(function () { print('b at ' + getTime()); }, 20);
      setTimeout(function () { print('a at ' + getTime()); }, 10);
      setTimeout(function () { print('c at ' + getTime()); }, 20);
    `);
    board.advance(100);
    expect(board.output()).toEqual(['a at 0.01', 'b at 0.02', 'c at 0.02']);
  });

  it('setInterval repeats from its deadline (no drift) until cleared', () => {
    const board = new Harness();
    board.load(`
      var n = 0;
      var id = setInterval(function () { n++; print(n + '@' + Math.round(getTime() * 1000)); if (n === 3) clearInterval(id); }, 250);
    `);
    board.advance(10_000);
    expect(board.output()).toEqual(['1@250', '2@500', '3@750']);
  });

  it('logs pin changes with their virtual time', () => {
    const board = new Harness({ board: 'puckjs' });
    board.load(`digitalWrite(LED1, 1); setTimeout(function () { LED1.reset(); }, 100);`);
    board.advance(200);
    expect(board.pinLog).toEqual([{ t: 0, pin: 'D5', value: 1 }, { t: 100, pin: 'D5', value: 0 }]);
    expect(board.pin('LED1')).toBe(0);
  });

  it('runs Promise reactions after all the timers due at that instant, as Espruino does', () => {
    // Checked on Espruino 2v29 (Linux build): 'timer 1', 'timer 2', 'job'.
    const board = new Harness();
    board.load(`
      setTimeout(function () { Promise.resolve().then(function () { print('job'); }); print('timer 1'); }, 10);
      setTimeout(function () { print('timer 2'); }, 10);
    `);
    board.advance(10);
    expect(board.output()).toEqual(['timer 1', 'timer 2', 'job']);
  });

  it('has none of the globals Espruino lacks', () => {
    const board = new Harness();
    board.load(`print([typeof Map, typeof Set, typeof Symbol, typeof WeakMap, typeof Proxy, typeof Reflect].join())`);
    expect(board.output()).toEqual(['undefined,undefined,undefined,undefined,undefined,undefined']);
  });

  it('reports an error escaping a callback as Uncaught, and keeps running', () => {
    const board = new Harness();
    board.load(`setTimeout(function () { throw new Error('boom'); }, 1); setTimeout(function () { print('still here'); }, 2);`);
    board.advance(5);
    expect(board.output()).toEqual(['Uncaught Error: boom', 'still here']);
  });

  it('names the pin a board lacks', () => {
    const board = new Harness({ board: 'puckjs' });
    expect(() => board.pin('D99')).toThrow(/Puck\.js has no pin D99/);
  });
});

describe('device-compiled async code on the simulated board', () => {
  it('an async function that sleeps in a loop prints on schedule', async () => {
    const board = await runOnSimulatedBoard(`
      import { sleep } from 'coop';
      async function tick() {
        for (let i = 1; i <= 3; i++) {
          await sleep(1000);
          print('tick ' + i + ' at ' + getTime());
        }
      }
      tick();
    `);
    board.advance(5000);
    expect(board.output()).toEqual(['tick 1 at 1', 'tick 2 at 2', 'tick 3 at 3']);
  });

  it('try/catch/finally across awaits works under the Coop helpers', async () => {
    const board = await runOnSimulatedBoard(`
      import { sleep } from 'coop';
      async function fails() { await sleep(10); throw new Error('bad'); }
      async function main() {
        try {
          await fails();
        } catch (e) {
          print('caught ' + (e as Error).message);
        } finally {
          await sleep(5);
          print('finally at ' + getTime());
        }
        return 42;
      }
      main().then((v) => print('result ' + v));
    `);
    board.advance(100);
    expect(board.output()).toEqual(['caught bad', 'finally at 0.015', 'result 42']);
  });

  it('the blink example toggles LED1 every 500 ms', async () => {
    const { build } = await import('../../toolchain/build.js');
    const { code } = await build('examples/blink.ts', { board: 'puckjs' });
    const board = new Harness({ board: 'puckjs' });
    board.load(code);
    board.advance(2000);
    expect(board.pinLog.map((e) => `${e.t}:${e.value}`)).toEqual(['0:1', '500:0', '1000:1', '1500:0', '2000:1']);
  });
});
