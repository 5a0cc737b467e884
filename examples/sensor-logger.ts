/**
 * sensor-logger: temperature and humidity every minute, kept in flash.
 *
 * Shows: an I2C sensor (a Sensirion SHT3x: SHT30/31/35) read with I2CDevice,
 * with a CRC check and a timeout; a running average; a log in `Storage` kept
 * as a ring of small files, so it survives a reset or a power cut; a button
 * that prints the log; and `watchdog()`, which resets the board if a task
 * ever stops awaiting (a hang), so the logger comes back by itself.
 *
 * Wiring: SHT3x SDA → D21, SCL → D22 (ESP32's usual I2C pins), ADDR → GND
 * (address 0x44); a push button from D4 to GND (the internal pull-up is used).
 *
 * Board: ESP32 DevKit (esp32).
 * Simulate: npx coop sim examples/sensor-logger.ts --diagram examples/sensor-logger.diagram.json --scenario examples/sensor-logger.scenario.yaml
 * Flash:    npx coop flash examples/sensor-logger.ts --board esp32 --port /dev/ttyUSB0
 */
import { spawn, sleep, watchdog, withTimeout, Button, I2CDevice, Ticker } from 'coop';

const SAMPLE_MS = 60 * 1000; // one sample a minute
const AVERAGE_OF = 5; // the running average covers the last 5 samples
const SLOTS = 60; // the log keeps the last hour

const storage = require('Storage');
const sensor = new I2CDevice('I2C1', 0x44, { scl: D22, sda: D21 });
const button = new Button(D4, { activeLow: true, pull: 'up' });

interface Reading {
  celsius: number;
  humidity: number;
}

/** The SHT3x's CRC-8 (polynomial 0x31, start 0xFF) of bytes i and i+1. */
function crc8(d: Uint8Array, i: number): number {
  let crc = 0xff;
  for (let k = i; k < i + 2; k++) {
    crc ^= d[k];
    for (let b = 0; b < 8; b++) crc = crc & 0x80 ? ((crc << 1) ^ 0x31) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/** One measurement: start it, wait while the sensor works, read 6 bytes. */
async function measure(): Promise<Reading> {
  await sensor.write([0x24, 0x00]); // single shot, high repeatability, no clock stretching
  await sleep(20); // it takes up to 15 ms; other tasks run meanwhile
  const d = await sensor.read(6); // T (2 bytes, CRC), RH (2 bytes, CRC)
  if (crc8(d, 0) !== d[2] || crc8(d, 3) !== d[5]) throw new Error('SHT3x: CRC mismatch (noisy wires?)');
  return {
    celsius: -45 + (175 * ((d[0] << 8) | d[1])) / 65535,
    humidity: (100 * ((d[3] << 8) | d[4])) / 65535,
  };
}

// ---- the log: a ring of SLOTS small files, 'log0' … 'log59' ----------------
// Each record is one file, written whole, so a reset mid-write loses at most
// that record. Each starts with its sequence number, so after a reset the
// logger finds where it was by reading them back: no index file to corrupt.

/** Records written so far, ever; the next goes to slot `next % SLOTS`. */
let next = 0;
for (let slot = 0; slot < SLOTS; slot++) {
  const record = storage.read('log' + slot);
  if (record !== undefined) next = Math.max(next, parseInt(record, 10) + 1);
}

function logRecord(text: string) {
  storage.write('log' + (next % SLOTS), next + ' ' + text);
  next++;
}

function printLog() {
  const first = Math.max(0, next - SLOTS);
  print('log: ' + (next - first) + ' records');
  for (let n = first; n < next; n++) print('  #' + storage.read('log' + (n % SLOTS)));
  print('log: end');
}

// ---- tasks ------------------------------------------------------------------

print('sensor-logger started; ' + Math.min(next, SLOTS) + ' records in the log');
watchdog({ timeout: 10000 });

spawn(async () => {
  const recent: number[] = [];
  const tick = new Ticker(SAMPLE_MS);
  for (;;) {
    try {
      const r = await withTimeout(1000, measure());
      recent.push(r.celsius);
      if (recent.length > AVERAGE_OF) recent.shift();
      let sum = 0;
      for (let i = 0; i < recent.length; i++) sum += recent[i];
      const line = r.celsius.toFixed(1) + ' C ' + r.humidity.toFixed(0) + ' %RH, average ' + (sum / recent.length).toFixed(1) + ' C';
      print('#' + next + ' ' + line);
      logRecord(line);
    } catch (e) {
      // A bad reading is reported and skipped; the next minute tries again.
      print('sensor: ' + (e as Error).message);
    }
    await tick.next();
  }
}, { name: 'sampler' });

spawn(async () => {
  for (;;) {
    await button.press();
    printLog();
  }
}, { name: 'dump' });
