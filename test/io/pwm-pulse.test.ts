import { describe, expect, it } from 'vitest';
import { held, simulate } from './io-sim.js';

describe('pwm', () => {
  it('sets a duty cycle and frequency on a PWM pin', async () => {
    const sim = await simulate(`
      import { pwm } from 'coop';
      pwm(D2, 0.25, { freq: 200 });
    `);
    expect(sim.duty('D2')).toBe(0.25);
    expect(sim.harness.pins.byName('D2', 'test').freq).toBe(200);
  });

  it('a duty out of range, computed at run time, is an error naming the pin and the value', async () => {
    const sim = await simulate(`
      import { pwm } from 'coop';
      const duties = [1.5, -0.1, NaN];
      for (const d of duties) {
        try { pwm(D2, d); } catch (e) { print((e as Error).message); }
      }
      const freq = duties.length - 3;
      try { pwm(D2, 0.5, { freq: freq }); } catch (e) { print((e as Error).message); }
    `);
    expect(sim.output()).toEqual([
      'pwm(D2, 1.5): duty must be a number from 0 (off) to 1 (fully on), got 1.5',
      'pwm(D2, -0.1): duty must be a number from 0 (off) to 1 (fully on), got -0.1',
      'pwm(D2, NaN): duty must be a number from 0 (off) to 1 (fully on), got NaN',
      'pwm(D2, 0.5): freq must be a number of Hz > 0, got 0',
    ]);
    expect(sim.duty('D2')).toBe(null);
  });

  it('a pin with no PWM (computed name) is an error naming the pins that have it', async () => {
    const sim = await simulate(`
      import { pwm } from 'coop';
      const which = 'D3' + '4';
      try { pwm(which, 0.5); } catch (e) { print((e as Error).message); }
    `, { board: 'esp32' });
    expect(sim.output()).toEqual([
      'pwm: D34 on ESP32 DevKit has no PWM; pins with PWM: D0..D5, D13..D19, D21..D23, D27, D12, D25..D26, D32..D33',
    ]);
  });
});

describe('pulse', () => {
  it('plays a pulse train and resolves when it has ended', async () => {
    const sim = await simulate(`
      import { spawn, pulse, now } from 'coop';
      spawn(async () => {
        await pulse(D2, 1, [10, 20, 30]);
        print('done at ' + now());
        await pulse('D2', 0, 5);
        print('done at ' + now());
      }, { name: 'pulser' });
    `);
    sim.advance(200);
    const edges = sim.harness.pinLog.filter((e) => e.pin === 'D2').map((e) => [e.t, e.value]);
    // The second pulse is 0 for 5 ms, and the pin then goes to the other level.
    expect(edges).toEqual([[0, 1], [10, 0], [30, 1], [60, 0], [65, 1]]);
    expect(sim.output()).toEqual(['done at 60', 'done at 65']);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });

  it('cancelling the wait drops its timer; the train itself (in hardware) plays out', async () => {
    const sim = await simulate(`
      import { spawn, pulse, withTimeout } from 'coop';
      spawn(async () => {
        try { await withTimeout(15, pulse(D2, 1, [10, 20])); } catch (e) { print((e as Error).name); }
      }, { name: 'pulser' });
    `);
    sim.advance(100);
    expect(sim.output()).toEqual(['TimeoutError']);
    const edges = sim.harness.pinLog.filter((e) => e.pin === 'D2').map((e) => [e.t, e.value]);
    expect(edges).toEqual([[0, 1], [10, 0], [30, 1]]);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });

  it('rejects bad times with a clear error', async () => {
    const sim = await simulate(`
      import { pulse } from 'coop';
      try { pulse(D2, 1, [10, 0]); } catch (e) { print((e as Error).message); }
      try { pulse(D2, 1, []); } catch (e) { print((e as Error).message); }
    `);
    expect(sim.output()).toEqual(['pulse(D2): each time must be a number of ms > 0, got 0', 'pulse(D2): give at least one time in ms']);
  });
});
