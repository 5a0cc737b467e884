/**
 * puck-beacon: a Puck.js temperature beacon a phone can configure.
 *
 * Shows: advertise() updated from a task (temperature and battery in the
 * advert's service data, so any phone nearby sees them without connecting),
 * a GATT service whose writes arrive as a stream a task awaits (the reading
 * interval, in seconds), notify() for a connected phone that subscribed, and
 * an Event that wakes the sleeping beacon when the interval changes.
 *   - advert:  name "Puck Temp", 1809 (Health Thermometer) = [°C], 180f (Battery) = [%]
 *   - a000/a001: the interval in seconds, 16-bit little-endian, readable and writable (1..3600)
 *   - 181a/2a6e: the temperature in 0.01 °C, 16-bit little-endian, notified every reading
 *
 * Board: Puck.js (puckjs): E.getTemperature() is the nRF52's die sensor, NRF.getBattery() the cell's volts.
 * Simulate: npx coop sim examples/puck-beacon.ts --diagram examples/puck-beacon.diagram.json --scenario examples/puck-beacon.scenario.yaml
 * Flash:    npx coop flash examples/puck-beacon.ts --board puckjs --port AA:BB:CC:DD:EE:FF
 */
import { spawn, sleep, select, advertise, Characteristic, serve, Event } from 'coop';

declare const NRF: { getBattery(): number };

const MIN_S = 1;
const MAX_S = 3600;
let intervalS = 60;

/** Wakes the beacon when the interval changes, so a new one takes effect at once. */
const changed = new Event();

const interval = new Characteristic('a000', 'a001', { readable: true, writable: true, value: [intervalS, 0], maxLen: 2 });
const temperature = new Characteristic('181a', '2a6e', { readable: true, notify: true, value: [0, 0] });
serve([interval, temperature]);

/** Battery percent from the cell's volts: 2.0 V empty, 3.0 V full (a CR2032, roughly linear over its useful range). */
function batteryPercent(): number {
  const p = Math.round((NRF.getBattery() - 2.0) * 100);
  return p < 0 ? 0 : p > 100 ? 100 : p;
}

spawn(async () => {
  const ad = advertise({ name: 'Puck Temp', interval: 1000 });
  try {
    for (;;) {
      const t = E.getTemperature();
      ad.update({ serviceData: { '1809': [Math.round(t)], '180f': [batteryPercent()] } });
      const centi = Math.round(t * 100) & 0xffff;
      await temperature.notify([centi & 255, centi >> 8]);
      changed.clear();
      await select(sleep(intervalS * 1000), changed.wait());
    }
  } finally {
    ad.stop();
  }
}, { name: 'beacon' });

spawn(async () => {
  for (;;) {
    const v = await interval.written();
    const s = v.length >= 2 ? v[0] | (v[1] << 8) : v[0];
    if (s >= MIN_S && s <= MAX_S) {
      intervalS = s;
      print('interval ' + s + ' s');
      changed.set();
    } else {
      print('interval ' + s + ' s refused: give ' + MIN_S + '..' + MAX_S);
      interval.set([intervalS & 255, intervalS >> 8]);
    }
  }
}, { name: 'settings' });
