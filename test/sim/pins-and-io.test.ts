import { describe, expect, it } from 'vitest';
import { simulate } from '../support/device.js';

describe('digital pins', () => {
  it('digitalWrite and Pin methods change the level and log it with the time', async () => {
    const sim = await simulate(`
      digitalWrite(D5, 1);
      setTimeout(() => D5.reset(), 100);
      setTimeout(() => D5.set(), 200);
      setTimeout(() => print('toggle gives ' + D5.toggle()), 300);
    `);
    sim.advance(400);
    expect(sim.harness.pinLog).toEqual([
      { t: 0, pin: 'D5', value: 1 }, { t: 100, pin: 'D5', value: 0 }, { t: 200, pin: 'D5', value: 1 }, { t: 300, pin: 'D5', value: 0 },
    ]);
    expect(sim.output()).toEqual(['toggle gives false']);
  });

  it('writes and reads arrays of pins, first pin the most significant bit', async () => {
    const sim = await simulate(`
      digitalWrite([D1, D2, D3], 0b101);
      pinMode(D8, 'input_pullup');
      pinMode(D9, 'input_pulldown');
      print(digitalRead([D8, D9, D8]) + ' ' + digitalRead([D9, D8]));
    `);
    expect([sim.pin('D1'), sim.pin('D2'), sim.pin('D3')]).toEqual([1, 0, 1]);
    expect(sim.output()).toEqual(['5 1']);
  });

  it('switches modes automatically, as Espruino does: reading an LED pin turns it off', async () => {
    const sim = await simulate(`
      digitalWrite(LED1, 1);
      print(getPinMode(LED1) + ' ' + digitalRead(LED1) + ' ' + getPinMode(LED1));
    `);
    expect(sim.output()).toEqual(['output 0 input']);
    expect(sim.led('LED1')).toBe(false);
  });

  it('keeps a mode set by pinMode, and reads pull-ups', async () => {
    const sim = await simulate(`
      pinMode(D8, 'input_pullup');
      print(getPinMode(D8) + ' ' + digitalRead(D8));
      pinMode(D9, 'output');
      digitalWrite(D9, 1);
      print(digitalRead(D9) + ' ' + getPinMode(D9));
    `);
    expect(sim.output()).toEqual(['input_pullup 1', '1 output']);
  });

  it('refuses a pin the board lacks, naming the board and its pins', async () => {
    const sim = await simulate(`try { digitalWrite('D40' as any, 1); } catch (e) { print((e as Error).message); }`);
    expect(sim.output()).toEqual(['digitalWrite: Puck.js has no pin D40; its pins are D0..D31 (and LED1=D5, LED2=D4, LED3=D3, BTN1=D0)']);
  });

  it('refuses something that is not a pin', async () => {
    const sim = await simulate(`try { digitalRead({} as any); } catch (e) { print((e as Error).name + ': ' + (e as Error).message); }`);
    expect(sim.output()).toEqual(['TypeError: digitalRead: expected a pin such as D0 or LED1, got { }']);
  });

  it('refuses to drive an input-only pin (ESP32 D34)', async () => {
    const sim = await simulate(`try { digitalWrite(D34, 1); } catch (e) { print((e as Error).message); }`, { board: 'esp32' });
    expect(sim.output()[0]).toMatch(/^digitalWrite: D34 on ESP32 DevKit is input only and cannot be driven; output pins: D0\.\.D5, D12\.\.D19, D21\.\.D23, D25\.\.D27, D32, D33$/);
  });

  it('names the reason a pin wired to the flash chip cannot be used (ESP32 D6)', async () => {
    const sim = await simulate(`try { digitalWrite(D6, 1); } catch (e) { print((e as Error).message); }`, { board: 'esp32' });
    expect(sim.output()[0]).toMatch(/^digitalWrite: D6 on ESP32 DevKit has no digital I\/O \(wired to the SPI flash chip: using it crashes the board\); pins that can:/);
  });
});

describe('analog pins', () => {
  it('analogRead gives the voltage of a potentiometer relative to 3.3 V, in the ADC steps of the chip', async () => {
    const sim = await simulate(`setInterval(() => print(analogRead(D30).toFixed(5)), 100);`, {
      diagram: { board: 'puckjs', parts: [{ id: 'pot', type: 'potentiometer', pin: 'D30', value: 0.25 }] },
    });
    sim.advance(100);
    sim.setVoltage('pot', 3.3);
    sim.advance(100);
    sim.setVoltage('pot', 1.0);
    sim.advance(100);
    // nRF52: 14-bit SAADC, value / 16384.
    expect(sim.output()).toEqual(['0.25000', '0.99994', String((Math.floor((1 / 3.3) * 16384) / 16384).toFixed(5))]);
  });

  it('analogRead on a pin without an ADC names the pins that have one', async () => {
    const sim = await simulate(`try { analogRead(D1); } catch (e) { print((e as Error).message); }`);
    expect(sim.output()).toEqual(["analogRead: D1 on Puck.js has no ADC (analog input) (XL2 (32 kHz crystal pin)); pins that can: D2..D5, D28..D31"]);
  });

  it('analogWrite records the PWM duty; an LED part on the pin dims with it', async () => {
    const sim = await simulate(`
      analogWrite(D11, 0.25, { freq: 200 });
      setTimeout(() => digitalWrite(D11, 0), 100);
    `, { diagram: { board: 'puckjs', parts: [{ id: 'lamp', type: 'led', pin: 'D11' }] } });
    expect(sim.duty('D11')).toBe(0.25);
    expect(sim.harness.pins.byName('D11', 'test').freq).toBe(200);
    expect(sim.part('lamp', (await import('../../sim/index.js')).Led, 'check').brightness()).toBe(0.25);
    sim.advance(150);
    expect(sim.duty('D11')).toBe(null);
    expect(sim.harness.analogLog).toEqual([
      { t: 0, pin: 'D11', kind: 'duty', value: 0.25 },
      { t: 100, pin: 'D11', kind: 'duty', value: null },
    ]);
  });

  it('analogWrite out of 0..1 is an error naming the pin and the value', async () => {
    const sim = await simulate(`try { analogWrite(D11, 1.5); } catch (e) { print((e as Error).message); }`);
    expect(sim.output()).toEqual(['analogWrite: value 1.5 for D11 is out of range; it must be between 0 and 1 (Espruino would silently clamp it)']);
  });

  it('analogWrite on a pin with no PWM (Pico) names the pins that have it', async () => {
    const sim = await simulate(`try { analogWrite(B2, 0.5); } catch (e) { print((e as Error).message); }`, { board: 'pico' });
    expect(sim.output()[0]).toMatch(/^analogWrite: B2 on Espruino Pico has no PWM or DAC output \(pass \{soft:true\} for software PWM\).*; pins that can: /);
  });
});

describe('digitalPulse', () => {
  it('plays a pulse train on its own timer and ends at the opposite level', async () => {
    const sim = await simulate(`digitalPulse(D12, 1, [5, 2, 4]);`);
    sim.advance(20);
    expect(sim.harness.pinLog.filter((e) => e.pin === 'D12')).toEqual([
      { t: 0, pin: 'D12', value: 1 }, { t: 5, pin: 'D12', value: 0 }, { t: 7, pin: 'D12', value: 1 }, { t: 11, pin: 'D12', value: 0 },
    ]);
  });

  it('queues a second pulse after the first', async () => {
    const sim = await simulate(`digitalPulse(D12, 1, 3); digitalPulse(D12, 1, 2);`);
    sim.advance(20);
    expect(sim.harness.pinLog.filter((e) => e.pin === 'D12').map((e) => `${e.t}:${e.value}`)).toEqual(['0:1', '3:0', '3:1', '5:0']);
  });

  it('refuses to block for pulses to finish (digitalPulse(pin, v, 0)), saying why', async () => {
    const sim = await simulate(`digitalPulse(D12, 1, 5); try { digitalPulse(D12, 1, 0); } catch (e) { print((e as Error).message); }`);
    expect(sim.output()[0]).toMatch(/^digitalPulse\(D12, 1, 0\) waits for the pulses on D12 to end; the simulator runs code in zero time/);
  });
});
