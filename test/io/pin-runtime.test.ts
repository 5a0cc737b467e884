import { describe, expect, it } from 'vitest';
import { build } from '../../toolchain/build.js';
import { firmwareFile } from '../support/device.js';
import { simulate } from './io-sim.js';

describe('pins checked at run time (names computed by the program)', () => {
  it('pin(name) gives the pin, LEDs and buttons by their names too', async () => {
    const sim = await simulate(`
      import { pin } from 'coop';
      const names = ['LED' + 2, 'D' + 3];
      for (const n of names) { const p = pin(n, 'output'); digitalWrite(p, 1); print(n + ' is ' + p); }
    `);
    expect(sim.output()).toEqual(['LED2 is D4', 'D3 is D3']);
    expect(sim.pin('D4')).toBe(1);
    expect(sim.pin('D3')).toBe(1);
  });

  it('an unknown pin lists the pins the board has', async () => {
    const sim = await simulate(`
      import { pin } from 'coop';
      try { pin('D' + 40); } catch (e) { print((e as Error).message); }
    `);
    expect(sim.output()).toEqual(['pin(D40): Puck.js has no pin D40; its pins are D0..D31, LED1..LED3, BTN1']);
  });

  it('a missing capability names the pins that have it', async () => {
    const sim = await simulate(`
      import { pin, waitForEdge } from 'coop';
      const n = 12;
      try { pin('D' + n, 'analog'); } catch (e) { print((e as Error).message); }
      try { waitForEdge('D' + n); } catch (e) { print((e as Error).message); }
      try { pin('D' + (n - 4)); } catch (e) { print((e as Error).message); }
    `, { board: 'esp32' });
    expect(sim.output()).toEqual([
      'pin(D12): D12 on ESP32 DevKit has no ADC (analog input); pins with ADC (analog input): D32..D33, D34..D39',
      'waitForEdge: D12 on ESP32 DevKit has no pin watch (setWatch); pins with pin watch (setWatch): D0..D5, D13..D19, D21..D23, D27, D25..D26, D32..D33, D34..D39',
      'pin(D8): D8 on ESP32 DevKit has no digital I/O; pins with digital I/O: D0..D5, D13..D19, D21..D23, D27, D12, D25..D26, D32..D33, D34..D39',
    ]);
  });

  it('something that is not a pin is a TypeError saying what a pin looks like', async () => {
    const sim = await simulate(`
      import { Led } from 'coop';
      const config: any = {};
      try { new Led(config.ledPin); } catch (e) { print((e as Error).name + ': ' + (e as Error).message); }
    `);
    expect(sim.output()).toEqual(["TypeError: new Led: expected a pin such as D5, LED1 or 'D5', got undefined"]);
  });

  it('the board data is in a bundle only when something checks a pin', async () => {
    const plain = await build(firmwareFile(`import { spawn, sleep } from 'coop';\nspawn(async () => { await sleep(10); });\n`), { board: 'puckjs' });
    const withPins = await build(firmwareFile(`import { pin } from 'coop';\ndigitalWrite(pin('D' + 5), 1);\n`), { board: 'puckjs' });
    expect(plain.code).not.toContain('Puck.js');
    expect(withPins.code).toContain('LED1=D5');
  });
});
