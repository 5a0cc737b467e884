import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { build } from '../../toolchain/build.js';
import { BuildError } from '../../toolchain/build-error.js';
import { IO_API } from '../../toolchain/pin-check.js';
import { firmwareFile } from '../support/device.js';

/** Build `source` for `board` and return the BuildError's lines (file:line:col: message). */
async function buildErrors(source: string, board = 'puckjs'): Promise<string[]> {
  const err = await build(firmwareFile(source), { board }).then(() => undefined, (e) => e);
  if (err === undefined) return [];
  expect(err).toBeInstanceOf(BuildError);
  return (err as BuildError).message.split('\n').map((l) => l.replace(/^.*[\\/]main\.ts:/, 'main.ts:'));
}

describe('pins checked at build time', () => {
  it('a pin the board lacks, named as a string, is an error at its line and column', async () => {
    expect(await buildErrors(`import { waitForEdge } from 'coop';\nwaitForEdge('D40', 'rising');\n`)).toEqual([
      'main.ts:2:13: waitForEdge: Puck.js has no pin D40; its pins are D0..D31, LED1..LED3, BTN1',
    ]);
  });

  it('a capability the pin lacks names the pins that have it, and what the pin is', async () => {
    expect(await buildErrors(`import { readAverage } from 'coop';\nreadAverage(BTN1, 4);\n`)).toEqual([
      'main.ts:2:13: readAverage: BTN1 (D0) on Puck.js has no ADC (analog input) (BTN1 (input_pulldown)); pins with ADC (analog input): D2..D5, D28..D31',
    ]);
  });

  it("checks the board's own pin constants as well as strings", async () => {
    expect(await buildErrors(`import { Led } from 'coop';\nconst led = new Led(D36);\n`, 'esp32')).toEqual([
      'main.ts:2:21: new Led: D36 on ESP32 DevKit has no digital output (input only: no output, no pull resistors (usable as UART RX / SPI MISO); marked VP); ' +
        'pins with digital output: D0..D5, D12..D19, D21..D23, D25..D27, D32..D33',
    ]);
  });

  it('pin(name, need) checks the capability named', async () => {
    expect(await buildErrors(`import { pin } from 'coop';\nconst p = pin('D25', 'pwm');\nconst q = pin('D25', 'dac');\n`, 'esp32')).toEqual([
      'main.ts:2:15: pin(D25): D25 on ESP32 DevKit has no PWM (DAC channel 1: analogWrite outputs a voltage, not PWM); ' +
        'pins with PWM: D0..D5, D12..D19, D21..D23, D27, D32..D33',
    ]);
  });

  it('a case slip gets a hint', async () => {
    expect(await buildErrors(`import { pin } from 'coop';\npin('d5');\n`)).toEqual([
      'main.ts:2:5: pin(d5): Puck.js has no pin d5 (pin names are case-sensitive: did you mean D5?); its pins are D0..D31, LED1..LED3, BTN1',
    ]);
  });

  it('finds Coop calls however they are imported: renamed or as a namespace', async () => {
    expect(await buildErrors(`
import { pulse as beep } from 'coop';
import * as coop from 'coop';
beep('D99', 1, 10);
coop.waitForEdge('D12', 'both');
`, 'esp32')).toEqual([
      'main.ts:4:6: pulse: ESP32 DevKit has no pin D99; its pins are D0..D39, LED1, BTN1',
      'main.ts:5:18: waitForEdge: D12 on ESP32 DevKit has no pin watch (setWatch) (boot strapping pin (flash voltage: keep low at boot); setWatch refuses it (jshCanWatch excludes D6-D12); SPI1 MISO default); ' +
        'pins with pin watch (setWatch): D0..D5, D13..D19, D21..D23, D25..D27, D32..D39',
    ]);
  });

  it("ignores a function of the same name that is not Coop's, and pins only known at run time", async () => {
    expect(await buildErrors(`
import { pwm as coopPwm } from 'coop';
function pwm(name: string, duty: number) { return name + duty; }
pwm('D99', 7);
const which = 'D' + 99;
try { coopPwm(which, 0.5); } catch (e) {}
`)).toEqual([]);
  });

  it('pins inside option objects: Uart rx/tx and I2CDevice scl/sda', async () => {
    expect(await buildErrors(`
import { Uart, I2CDevice } from 'coop';
new Uart('Serial1', { baud: 9600, rx: 'A4', tx: A2 });
new I2CDevice('I2C1', 0x44, { scl: B6, sda: 'A1' });
`, 'pico')).toEqual([
      'main.ts:3:39: new Uart(Serial1) rx: A4 on Espruino Pico has no UART; pins with UART: A2..A3, A9..A12, B6..B7',
      'main.ts:4:45: new I2CDevice(I2C1) sda: A1 on Espruino Pico has no I2C; pins with I2C: A8, B3..B4, B6..B10',
    ]);
  });

  it('a literal PWM duty out of range', async () => {
    expect(await buildErrors(`import { pwm } from 'coop';\npwm(D2, 1.5);\npwm(D2, -0.25, { freq: 100 });\npwm(D2, 0.5);\n`)).toEqual([
      'main.ts:2:9: pwm(D2, 1.5): duty must be a number from 0 (off) to 1 (fully on), got 1.5',
      'main.ts:3:9: pwm(D2, -0.25): duty must be a number from 0 (off) to 1 (fully on), got -0.25',
    ]);
  });

  it('a literal I2C address out of range', async () => {
    expect(await buildErrors(`import { I2CDevice } from 'coop';\nnew I2CDevice('I2C1', 0x88);\nnew I2CDevice('I2C1', 0x44);\n`)).toEqual([
      'main.ts:2:23: new I2CDevice(I2C1, 0x88): an I2C address is 7 bits, 0x00..0x7F; if 0x88 is an 8-bit address, the 7-bit one is 0x44',
    ]);
  });

  it('knows every I/O function Coop exports, and nothing it does not', () => {
    const index = readFileSync(new URL('../../firmware/index.ts', import.meta.url), 'utf8');
    const ioExports = [...index.matchAll(/export \{ ([^}]*) \} from '\.\/io\//g)]
      .flatMap((m) => m[1].split(',').map((s) => s.trim()).filter((s) => s && !s.startsWith('type ')));
    expect(Object.keys(IO_API).sort()).toEqual(ioExports.sort());
  });
});
