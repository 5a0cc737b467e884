/**
 * plant-waterer: water a pot when the soil is dry, and never flood it.
 *
 * Shows: analog sampling (readAverage), a threshold with hysteresis, a pump
 * that runs for at most MAX_ON_MS at a time (select with a sleep), a timeout
 * on the whole watering (withTimeout), and cancellation: when the timeout
 * runs out or the button stops the watering, the task doing it is cancelled
 * and its `finally` switches the pump off. However the watering ends, the
 * pump is off.
 *
 * Wiring: a capacitive soil-moisture sensor's output → A5 (it reads higher when
 * the soil is drier); a pump through a MOSFET or relay module on B3; BTN1
 * stops the pump by hand, and restarts watering after a fault; LED1 (red) lit
 * means a fault (watered for TIMEOUT_MS and the soil is still dry: is the
 * tank empty, or the sensor out of the pot?).
 *
 * Board: Espruino Pico (pico).
 * Simulate: npx coop sim examples/plant-waterer.ts --diagram examples/plant-waterer.diagram.json --scenario examples/plant-waterer.scenario.yaml
 * Flash:    npx coop flash examples/plant-waterer.ts --board pico --port /dev/ttyACM0
 */
import { spawn, sleep, select, withTimeout, readAverage, Button, TimeoutError, type Future } from 'coop';

const SOIL = A5;
const PUMP = B3;
const FAULT_LED = LED1;

// Readings are 0..1 of 3.3 V. Between the two thresholds nothing changes, so
// a reading that wobbles around one of them does not switch the pump on and off.
const DRY = 0.6; // water when the soil reads above this
const WET = 0.45; // stop once it reads below this

const CHECK_MS = 60 * 1000; // how often the soil is checked
const MAX_ON_MS = 8000; // the pump never runs longer than this at a time
const SOAK_MS = 10000; // then wait this long for the water to reach the sensor
const TIMEOUT_MS = 60 * 1000; // a watering that has not made the soil wet by now is a fault

const button = new Button(BTN1);

/** The soil reading: the mean of 8 samples 2 ms apart, to smooth out noise. */
function soil(): Future<number> {
  return readAverage(SOIL, 8, 2);
}

/** Resolves once the soil reads wet. */
async function untilWet(): Promise<void> {
  while ((await soil()) >= WET) await sleep(250);
}

/** Run the pump until the soil reads wet, or for MAX_ON_MS. True if it is wet. */
async function burst(): Promise<boolean> {
  digitalWrite(PUMP, 1);
  print('pump on');
  try {
    const r = await select(untilWet(), sleep(MAX_ON_MS));
    return r.index === 0;
  } finally {
    // Runs however this ends: returned, failed, or cancelled at the await above.
    digitalWrite(PUMP, 0);
    print('pump off');
  }
}

/** Bursts of pumping with soaks in between, until the soil is wet. */
async function water(): Promise<void> {
  for (;;) {
    if (await burst()) return;
    print('soaking for ' + SOAK_MS / 1000 + ' s');
    await sleep(SOAK_MS);
    if ((await soil()) < WET) return;
  }
}

spawn(async () => {
  digitalWrite(PUMP, 0);
  print('plant-waterer: watering above ' + DRY + ', until below ' + WET);
  for (;;) {
    const level = await soil();
    if (level <= DRY) {
      print('soil ' + level.toFixed(2) + ': fine');
    } else {
      print('soil ' + level.toFixed(2) + ': dry, watering');
      try {
        // Whichever ends first wins; the other is cancelled.
        const r = await select(withTimeout(TIMEOUT_MS, water()), button.press());
        print(r.index === 0 ? 'watered: soil is wet' : 'stopped by the button');
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        print('fault: still dry after ' + TIMEOUT_MS / 1000 + ' s of watering; is the tank empty? Press BTN1 to try again');
        digitalWrite(FAULT_LED, 1);
        await button.press();
        digitalWrite(FAULT_LED, 0);
        print('fault cleared');
        continue; // check again at once
      }
    }
    await sleep(CHECK_MS);
  }
}, { name: 'waterer' });
