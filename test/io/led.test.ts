import { describe, expect, it } from 'vitest';
import { held, simulate } from './io-sim.js';

/** The level changes of one pin after time `from`, as [ms, level]. */
const edges = (sim: Awaited<ReturnType<typeof simulate>>, pin: string, from = 0) =>
  sim.harness.pinLog.filter((e) => e.pin === pin && e.t >= from).map((e) => [e.t, e.value]);

describe('Led', () => {
  it('on, off, toggle', async () => {
    const sim = await simulate(`
      import { Led } from 'coop';
      const led = new Led(LED1);
      led.on(); print(led.isOn);
      led.toggle(); print(led.isOn);
      print(led.toggle());
    `);
    expect(sim.output()).toEqual(['true', 'false', 'true']);
    expect(sim.led('LED1')).toBe(true);
  });

  it('active low: on drives the pin to 0', async () => {
    const sim = await simulate(`
      import { Led } from 'coop';
      const led = new Led(D2, { activeLow: true });
      led.on();
    `, { diagram: { parts: [{ id: 'lamp', type: 'led', pin: 'D2', activeLow: true }] } });
    expect(sim.pin('D2')).toBe(0);
    expect(sim.led('lamp')).toBe(true);
  });

  it('blinks a pattern as a task, a given number of times, then puts the LED back', async () => {
    const sim = await simulate(`
      import { spawn, Led } from 'coop';
      const led = new Led(LED1);
      spawn(async () => {
        const blink = led.blink([100, 200, 50, 150], { times: 2 });
        print('blinking: ' + led.isBlinking);
        await blink;
        print('done, on: ' + led.isOn + ', blinking: ' + led.isBlinking);
      }, { name: 'main' });
    `);
    sim.advance(2000);
    expect(edges(sim, 'D5')).toEqual([[0, 1], [100, 0], [300, 1], [350, 0], [500, 1], [600, 0], [800, 1], [850, 0]]);
    expect(sim.output()).toEqual(['blinking: true', 'done, on: false, blinking: false']);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });

  it('cancelling the blink puts the LED back as it was before', async () => {
    const sim = await simulate(`
      import { spawn, Led, sleep } from 'coop';
      const led = new Led(LED1);
      led.on();
      const blink = led.blink(100);
      spawn(async () => {
        await sleep(350);          // mid-blink: the LED is off
        blink.cancel();
        await sleep(10);
        print('after cancel, on: ' + led.isOn);
      }, { name: 'main' });
    `);
    sim.advance(1000);
    expect(sim.output()).toEqual(['after cancel, on: true']);
    expect(sim.pin('D5')).toBe(1);
    expect(edges(sim, 'D5', 340)).toEqual([[350, 1]]);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });

  it('cancelling the task that started the blink stops it too (it is a child task)', async () => {
    const sim = await simulate(`
      import { spawn, Led, sleep } from 'coop';
      const led = new Led(LED1);
      const ui = spawn(async () => {
        led.blink([50, 50]);
        await sleep(60_000);
      }, { name: 'ui' });
      spawn(async () => { await sleep(175); ui.cancel(); }, { name: 'stopper' });
    `);
    sim.advance(1000);
    expect(edges(sim, 'D5')).toEqual([[0, 1], [50, 0], [100, 1], [150, 0]]);
    expect(sim.pin('D5')).toBe(0);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });

  it('on(), off() and a new blink replace a running blink', async () => {
    const sim = await simulate(`
      import { spawn, Led, sleep } from 'coop';
      const led = new Led(LED1);
      spawn(async () => {
        led.blink(100);
        await sleep(150);
        led.blink([20, 30]);        // replaces it; restores to "off" (before the first) when cancelled
        await sleep(120);           // the blink's own timer is due at this instant too
        led.on();                   // stops the blink: stays on
        await sleep(100);
        print('on: ' + led.isOn); // (not digitalRead(LED1): reading an output pin makes it an input on Espruino)
      }, { name: 'main' });
    `);
    sim.advance(1000);
    expect(sim.output()).toEqual(['on: true']);
    expect(sim.pin('D5')).toBe(1);
    expect(edges(sim, 'D5', 271)).toEqual([]);
  });

  it('a blink cancelled before it ever ran still leaves the LED as it was before any blink', async () => {
    const sim = await simulate(`
      import { spawn, Led, sleep } from 'coop';
      const led = new Led(LED1);
      led.blink(100);
      spawn(async () => {
        await sleep(50);               // the first blink has the LED on
        const second = led.blink(30);  // replaces it…
        second.cancel();               // …and is cancelled before it starts
        await sleep(10);
        print('on: ' + led.isOn + ', blinking: ' + led.isBlinking);
      }, { name: 'main' });
    `);
    sim.advance(500);
    expect(sim.output()).toEqual(['on: false, blinking: false']);
    expect(sim.pin('D5')).toBe(0);
  });

  it('rejects a bad pattern with a clear error', async () => {
    const sim = await simulate(`
      import { Led } from 'coop';
      const led = new Led(LED1);
      try { led.blink([100, -5]); } catch (e) { print((e as Error).message); }
      try { led.blink([]); } catch (e) { print((e as Error).message); }
    `);
    expect(sim.output()).toEqual([
      'Led(D5).blink: each time in the pattern must be a number of ms > 0, got -5',
      'Led(D5).blink: the pattern is empty',
    ]);
  });
});
