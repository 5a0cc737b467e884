import { describe, expect, it } from 'vitest';
import { sht3xCrc } from '../../sim/index.js';
import { simulate } from '../support/device.js';

const GPS = {
  board: 'puckjs',
  parts: [{ id: 'gps', type: 'uart-peer' as const, rx: 'D28', tx: 'D29', baud: 9600 }],
};

describe('the console and serial ports', () => {
  it('print, console.log and the console device write lines; partial writes join up', async () => {
    const sim = await simulate(`
      declare const Bluetooth: SerialPort;
      print('a', 1, [2, 3], { b: true });
      console.log('log');
      Bluetooth.write('par');
      Bluetooth.print('tial');
      Bluetooth.println('!');
    `);
    expect(sim.output()).toEqual(['a 1 [ 2, 3 ] { "b": true }', 'log', 'partial!']);
  });

  it('Serial1 talks to a uart-peer: bytes take their time on the wire', async () => {
    const sim = await simulate(`
      Serial1.setup(9600, { rx: D29, tx: D28 });
      let line = '';
      Serial1.on('data', (d: string) => {
        line += d;
        if (line.indexOf('\\n') >= 0) { print('got ' + JSON.stringify(line) + ' at ' + getTime().toFixed(4)); Serial1.println('ack'); line = ''; }
      });
    `, { diagram: GPS });
    sim.uartSend('gps', '$GPGGA,1*00\n');
    sim.advance(100);
    // 12 bytes at 9600 baud (10 bits each) = 12.5 ms.
    expect(sim.output()).toEqual(['got "$GPGGA,1*00\\n" at 0.0125']);
    expect(sim.uartReceived('gps')).toBe('ack\r\n');
  });

  it('a uart-peer can send scripted and repeating lines', async () => {
    const sim = await simulate(`
      Serial1.setup(9600, { rx: D29, tx: D28 });
      Serial1.on('data', (d: string) => print(JSON.stringify(d)));
    `, {
      diagram: { board: 'puckjs', parts: [{ id: 'gps', type: 'uart-peer', tx: 'D29', script: [{ at: 50, send: 'hello' }], repeat: { every: 1000, lines: ['A', 'B'] } }] },
    });
    sim.advance(3500);
    expect(sim.output()).toEqual(['"hello"', '"A"', '"B"', '"A"']);
  });

  it('warns (and drops the bytes) when the board listens at another baud rate or not at all', async () => {
    const sim = await simulate(`Serial1.setup(115200, { rx: D29, tx: D28 });`, { diagram: GPS });
    sim.uartSend('gps', 'x');
    sim.advance(10);
    expect(sim.harness.warnings.map((w) => w.text)).toEqual([
      'gps sent "x" at 9600 baud but Serial1 is set up at 115200 baud: on a board it would receive garbage, so the simulator drops it',
    ]);
    const quiet = await simulate(``, { diagram: GPS });
    quiet.uartSend('gps', 'y');
    quiet.advance(10);
    expect(quiet.harness.warnings[0].text).toMatch(/^gps sent "y" on D29 but no serial port of the board is set up to receive on D29/);
  });

  it('refuses UART pins the chip cannot route (Pico)', async () => {
    const sim = await simulate(`try { Serial1.setup(9600, { rx: B2, tx: B12 }); } catch (e) { print((e as Error).message); }`, { board: 'pico' });
    expect(sim.output()[0]).toMatch(/^Serial1\.setup \(rx\): B2 on Espruino Pico has no UART.*; pins that can: /);
  });

  it('write-console delivers text to the console device\'s data listeners', async () => {
    const sim = await simulate(`declare const Bluetooth: SerialPort; Bluetooth.on('data', (d: string) => print('typed ' + d));`);
    sim.writeConsole('hi');
    expect(sim.output()).toEqual(['typed hi']);
  });
});

const SENSOR = {
  board: 'puckjs',
  parts: [{ id: 'sensor', type: 'sht3x' as const, sda: 'D7', scl: 'D6', temperature: 25, humidity: 50 }],
};

const READ_SHT3X = `
  I2C1.setup({ scl: D6, sda: D7 });
  function measure() {
    I2C1.writeTo(0x44, [0x2c, 0x06]);
    const d = I2C1.readFrom(0x44, 6);
    const t = -45 + (175 * ((d[0] << 8) | d[1])) / 65535;
    const rh = (100 * ((d[3] << 8) | d[4])) / 65535;
    print(t.toFixed(2) + ' C ' + rh.toFixed(2) + ' %RH crc ' + d[2] + ',' + d[5]);
  }
  measure();
  setTimeout(measure, 1000);
`;

describe('I2C and the SHT3x sensor', () => {
  it('computes the SHT3x CRC of the datasheet example (0xBEEF → 0x92)', () => {
    expect(sht3xCrc([0xbe, 0xef])).toBe(0x92);
  });

  it('measures: 6 bytes with CRCs, temperature and humidity settable', async () => {
    const sim = await simulate(READ_SHT3X, { diagram: SENSOR });
    sim.setTemperature('sensor', -10.5);
    sim.setHumidity('sensor', 87.25);
    sim.advance(1000);
    const st = Math.round((25 + 45) / 175 * 65535);
    const srh = Math.round(0.5 * 65535);
    expect(sim.output()).toEqual([
      `25.00 C 50.00 %RH crc ${sht3xCrc([st >> 8, st & 255])},${sht3xCrc([srh >> 8, srh & 255])}`,
      expect.stringMatching(/^-10\.50 C 87\.25 %RH crc \d+,\d+$/),
    ]);
  });

  it('NACKs a read before a no-stretch measurement is done (15 ms), like the chip', async () => {
    const sim = await simulate(`
      I2C1.setup({ scl: D6, sda: D7 });
      I2C1.writeTo(0x44, [0x24, 0x00]);
      try { I2C1.readFrom(0x44, 6); } catch (e) { print('early: ' + (e as Error).message); }
      setTimeout(() => print('after 15 ms: ' + I2C1.readFrom(0x44, 6).length + ' bytes'), 15);
    `, { diagram: SENSOR });
    sim.advance(20);
    expect(sim.output()).toEqual(['early: I2C Read Error 33281', 'after 15 ms: 6 bytes']);
    expect(sim.harness.warnings[0].text).toMatch(/still measuring/);
  });

  it('with no device at the address, throws what Espruino throws on each chip', async () => {
    const src = (scl: string, sda: string) => `
      I2C1.setup({ scl: ${scl}, sda: ${sda} });
      try { I2C1.writeTo(0x40, 1); } catch (e) { print((e as Error).name + ': ' + (e as Error).message); }
      try { I2C1.readFrom(0x40, 2); } catch (e) { print((e as Error).name + ': ' + (e as Error).message); }
    `;
    const puck = await simulate(src('D6', 'D7'), { diagram: SENSOR });
    expect(puck.output()).toEqual(['InternalError: I2C Write Error 33281', 'InternalError: I2C Read Error 33281']);
    expect(puck.harness.warnings[0].text).toBe('I2C1 (SDA D7, SCL D6): no device answered at address 0x40 (64); devices on this bus: sensor at 0x44');
    const esp32 = await simulate(src('D22', 'D21'), { board: 'esp32' });
    expect(esp32.output()).toEqual(["Error: jshI2CWrite: slave doesn't ACK the transfer", "Error: jshI2CRead: slave doesn't ACK the transfer"]);
    const pico = await simulate(src('B6', 'B7'), { board: 'pico' });
    expect(pico.output()).toEqual(['InternalError: Timeout on I2C Write Transmit Mode 2', 'InternalError: Timeout on I2C Read Receive Mode']);
  });

  it('refuses an address that is not 7-bit, suggesting the 7-bit one', async () => {
    const sim = await simulate(`I2C1.setup({ scl: D6, sda: D7 }); try { I2C1.writeTo(0x88, 1); } catch (e) { print((e as Error).message); }`, { diagram: SENSOR });
    expect(sim.output()).toEqual(['I2C1.writeTo: 136 is not a 7-bit I2C address (0..127); if it is an 8-bit address use 68 (0x44)']);
  });

  it('refuses a bus that is not set up, and a software bus with nothing at the address', async () => {
    const sim = await simulate(`
      try { I2C1.writeTo(0x44, 1); } catch (e) { print((e as Error).message); }
      const soft = new I2C();
      soft.setup({ scl: D12, sda: D13 });
      try { soft.readFrom(0x44, 1); } catch (e) { print((e as Error).message); }
    `, { diagram: SENSOR });
    expect(sim.output()).toEqual([
      'I2C1.writeTo: I2C1 is not set up; call I2C1.setup({scl: …, sda: …}) first',
      'I2C Error: no ACK from address 0x44 (on a board, software I2C does not check the ACK and would read 0xFF)',
    ]);
  });

  it('finds the ESP32\'s default I2C1 pins when none are given', async () => {
    const sim = await simulate(`
      I2C1.setup({});
      I2C1.writeTo(0x44, [0xf3, 0x2d]);
      print(JSON.stringify(Array.prototype.slice.call(I2C1.readFrom(0x44, 3))));
    `, { diagram: { board: 'esp32', parts: [{ id: 's', type: 'sht3x', sda: 'D21', scl: 'D22' }] } });
    // Status after power-up: the reset-detected bit (4) is set.
    expect(sim.output()).toEqual([`[0,16,${sht3xCrc([0, 16])}]`]);
  });
});
