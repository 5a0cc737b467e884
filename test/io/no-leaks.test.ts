import { describe, expect, it } from 'vitest';
import { held, simulate } from './io-sim.js';

/**
 * 10,000 waits on each kind of I/O future, each cancelled while it waits:
 * afterwards no watch or timer is left, and memory (the simulator's estimate
 * of process.memory().usage) is where it was after the first hundred.
 */
describe('cancelled I/O waits leave nothing behind', () => {
  it('10,000 cancelled waits of each kind: watches and timers back to zero, JsVars flat', async () => {
    const sim = await simulate(`
      import { spawn, sleep, yieldNow, waitForEdge, Button, Led, Uart, readAverage, Channel, sampleAnalog } from 'coop';
      const btn = new Button(BTN1);
      const led = new Led(LED1);
      const port = new Uart('Serial1', { baud: 9600, rx: D29, tx: D28 });
      const ch = new Channel<number>(1);
      const kept: any[] = [];
      // Reachable from a global, so the simulator's memory estimate (which walks from the
      // globals, timers and watches) is sure to price them and all they hold.
      declare const global: any;
      global.app = { btn: btn, led: led, port: port, ch: ch, kept: kept };
      const kinds: { [name: string]: () => PromiseLike<any> } = {
        'waitForEdge': function () { return waitForEdge(D4, 'both', { debounce: 5, timeout: 60000 }); },
        'Button.press': function () { return btn.press(); },
        'Button.longPress': function () { return btn.longPress(); },
        'Uart.readLine': function () { return port.readLine(); },
        'readAverage': function () { return readAverage(D3, 10, 1000); },
        'Led.blink': function () { return led.blink([1000, 1000]); },
        'sampleAnalog': function () { return sampleAnalog(D3, 1000, ch); },
        // A control that does leak: one small object per wait, to show the measure sees it.
        'leaky': function () { kept.push({ n: 1 }); return sleep(60000); },
      };
      /**
       * Memory in use, read just after a sleep: the simulator estimates it from
       * what timers, watches and globals reach, and the timer that woke this
       * task reaches everything the bundle holds.
       */
      async function usage(): Promise<number> {
        await sleep(1);
        return process.memory().usage;
      }
      /** Start a task waiting on wait(), let it park, cancel it; 10,000 times. JsVars gained after the first 100. */
      async function cancelledWaits(wait: () => PromiseLike<any>): Promise<number> {
        let before = 0;
        for (let i = 0; i < 10000; i++) {
          if (i === 100) before = await usage();
          const t = spawn(async () => { await wait(); }, { name: 'waiter' });
          await yieldNow();   // it runs up to its wait
          t.cancel();
          try { await t; } catch (e) {}
        }
        return (await usage()) - before;
      }
      spawn(async () => {
        const names = Object.keys(kinds);
        for (let k = 0; k < names.length; k++) print(names[k] + ' ' + (await cancelledWaits(kinds[names[k]])));
        print('waiting on btn ' + btn.q.length + ', on port ' + port.q.length + ', blinking ' + led.isBlinking);
      }, { name: 'main' });
    `, { diagram: { parts: [
      { id: 'sw', type: 'button', pin: 'D4' },
      { id: 'pot', type: 'potentiometer', pin: 'D3', value: 0.5 },
      { id: 'peer', type: 'uart-peer', rx: 'D28', tx: 'D29' },
    ] }, runawayMs: 3_600_000, board: 'mdbt42q' });
    // An MDBT42Q (the Puck.js's nRF52832 with 2,950 JsVars): every kind of I/O future in one bundle
    // needs ~2,665 JsVars to load into RAM, past a Puck.js's 2,630 since the runtime grew for issue 16
    // (timer lanes, loop-head copies: blink's bundle 7,409 -> 7,854 bytes).
    // 80,000 spawn/park/cancel cycles chained by yieldNow() never go back to the event loop: on a
    // Puck.js that is minutes of board time in one go, far past the simulator's 10 s runaway limit.
    sim.advance(100);
    const lines = sim.output();
    expect(lines.pop()).toBe('waiting on btn 0, on port 0, blinking false');
    const gained = Object.fromEntries(lines.map((l) => [l.split(' ')[0], Number(l.split(' ')[1])]));
    expect(gained).toEqual({
      waitForEdge: 0, 'Button.press': 0, 'Button.longPress': 0, 'Uart.readLine': 0, readAverage: 0, 'Led.blink': 0, sampleAnalog: 0,
      leaky: expect.any(Number),
    });
    // 9,900 objects of one property, 3 JsVars each (object, name, array element).
    expect(gained.leaky).toBeGreaterThan(9900 * 2);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
    expect(sim.errors).toEqual([]);
  });
});
