import { describe, expect, it } from 'vitest';
import { simulate } from './io-sim.js';

const sensor = { parts: [{ id: 'th', type: 'sht3x' as const, sda: 'D7', scl: 'D6', address: 0x44, temperature: 21.5, humidity: 40 }] };

describe('I2CDevice', () => {
  it('reads an SHT3x: a command, a wait, a read, as awaits in a task', async () => {
    const sim = await simulate(`
      import { spawn, I2CDevice, sleep } from 'coop';
      const sht = new I2CDevice('I2C1', 0x44, { scl: D6, sda: D7 });
      spawn(async () => {
        await sht.write([0x24, 0x00]);        // single shot, no clock stretching
        await sleep(20);
        const d = await sht.read(6);
        const t = -45 + 175 * ((d[0] << 8) | d[1]) / 65535;
        const rh = 100 * ((d[3] << 8) | d[4]) / 65535;
        print('T ' + t.toFixed(1) + ' RH ' + rh.toFixed(0));
        const status = await sht.readRegister([0xF3, 0x2D], 3);   // a 16-bit command
        print('status bytes ' + status.length);
        try { await sht.readRegister(0xF3, 3); } catch (e) { print((e as Error).message); }
      }, { name: 'sensor' });
    `, { diagram: sensor });
    sim.advance(100);
    expect(sim.output()).toEqual([
      'T 21.5 RH 40',
      'status bytes 3',
      // Half a command: the sensor refuses it (the nRF52's error for a data NACK).
      'I2C device 0x44 on I2C1: read of register 0xF3 failed (I2C Write Error 33282); is it wired, powered, and at address 0x44?',
    ]);
  });

  it('a device that does not answer is an Error naming its address in hex', async () => {
    const sim = await simulate(`
      import { spawn, I2CDevice } from 'coop';
      const missing = new I2CDevice('I2C1', 0x45, { scl: D6, sda: D7 });
      spawn(async () => {
        try { await missing.readRegister(0xE0, 6); } catch (e) { print((e as Error).message); }
        try { await missing.writeRegister(0x30, [0xA2]); } catch (e) { print((e as Error).message); }
      }, { name: 'sensor' });
    `, { diagram: sensor });
    sim.advance(100);
    expect(sim.output()).toEqual([
      'I2C device 0x45 on I2C1: read of register 0xE0 failed (I2C Write Error 33281); is it wired, powered, and at address 0x45?',
      'I2C device 0x45 on I2C1: write of register 0x30 failed (I2C Write Error 33281); is it wired, powered, and at address 0x45?',
    ]);
  });

  it('an address out of range, computed at run time, is a clear error (with the 7-bit address for an 8-bit one)', async () => {
    const sim = await simulate(`
      import { I2CDevice } from 'coop';
      const addresses = [0x88, 300, -1, 4.5];
      for (const a of addresses) {
        try { new I2CDevice('I2C1', a); } catch (e) { print((e as Error).message); }
      }
    `);
    expect(sim.output()).toEqual([
      'new I2CDevice(I2C1, 0x88): an I2C address is 7 bits, 0x00..0x7F; if 0x88 is an 8-bit address, the 7-bit one is 0x44',
      'new I2CDevice(I2C1, 0x12C): an I2C address is 7 bits, 0x00..0x7F',
      'new I2CDevice(I2C1, -1): an I2C address is 7 bits, 0x00..0x7F',
      'new I2CDevice(I2C1, 4.5): an I2C address is 7 bits, 0x00..0x7F',
    ]);
  });

  it('a bus the board lacks, and a pin with no I2C, are clear errors', async () => {
    const sim = await simulate(`
      import { I2CDevice } from 'coop';
      const bus = 'I2C' + 4;
      try { new I2CDevice(bus, 0x44); } catch (e) { print((e as Error).message); }
      const pin = 'A' + 0;
      try { new I2CDevice('I2C1', 0x44, { scl: pin, sda: B7 }); } catch (e) { print((e as Error).message); }
    `, { board: 'pico', diagram: { parts: [] } });
    expect(sim.output()).toEqual([
      "new I2CDevice(I2C4): Espruino Pico has no I2C bus I2C4; use one it has, such as 'I2C1', or new I2C() for software I2C",
      'new I2CDevice(I2C1) scl: A0 on Espruino Pico has no I2C; pins with I2C: A8, B8..B9, B3..B4, B10, B6..B7',
    ]);
  });
});
