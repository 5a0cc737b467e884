import { describe, expect, it } from 'vitest';
import { held, simulate } from './io-sim.js';

describe('analog sampling', () => {
  it('readAverage: the mean of N samples taken apart, while other tasks run', async () => {
    const sim = await simulate(`
      import { spawn, readAverage, sleep, now } from 'coop';
      spawn(async () => {
        const v = await readAverage(D3, 4, 100);
        print('average ' + v.toFixed(2) + ' at ' + now());
        print('at once ' + (await readAverage('D3', 3)).toFixed(2));
      }, { name: 'reader' });
      spawn(async () => { await sleep(150); print('other task ran'); }, { name: 'other' });
    `, { diagram: { parts: [{ id: 'pot', type: 'potentiometer', pin: 'D3', value: 0 }] } });
    // Samples at 0, 100, 200, 300 ms: 0 V, then 3.3 V, 3.3 V, 3.3 V.
    sim.advance(50);
    sim.setVoltage('pot', 3.3);
    sim.advance(1000);
    expect(sim.output()).toEqual(['other task ran', 'average 0.75 at 300', 'at once 1.00']);
  });

  it('sampleAnalog: a steady sampler into a Channel; with a slow reader it waits and skips ticks', async () => {
    const sim = await simulate(`
      import { spawn, sampleAnalog, Channel, sleep, now } from 'coop';
      const readings = new Channel<number>(1);
      const sampler = sampleAnalog(D3, 100, readings, { average: 4 });
      spawn(async () => {
        for (let i = 0; i < 4; i++) {
          const v = await readings.recv();
          print(now() + ': ' + v.toFixed(2));
          await sleep(250); // slower than the sampler
        }
        sampler.cancel();
      }, { name: 'reader' });
    `, { diagram: { parts: [{ id: 'pot', type: 'potentiometer', pin: 'D3', value: 0.5 }] } });
    sim.advance(320);
    sim.setVoltage('pot', 3.3);
    sim.advance(1000);
    // Read at 100, 200, 300 (waits: channel full), 400 (waits), 600 (the tick at 500 skipped)…
    // The reader gets them in order: the channel's one, then the waiting sender's.
    expect(sim.output()).toEqual(['100: 0.50', '350: 0.50', '600: 0.50', '850: 1.00']);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });

  it('a pin with no ADC is an error naming the pins that have one', async () => {
    const sim = await simulate(`
      import { readAverage } from 'coop';
      const name = 'D' + (1 + 1 - 2);
      try { readAverage(name, 2); } catch (e) { print((e as Error).message); }
    `);
    sim.advance(10);
    expect(sim.output()).toEqual(['readAverage: D0 on Puck.js has no ADC (analog input); pins with ADC (analog input): D2..D5, D28..D31']);
  });
});
