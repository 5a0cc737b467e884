/**
 * blink: one task that blinks LED1, forever.
 *
 * Shows: spawn() starts a task; `await sleep(ms)` parks it and lets the board
 * sleep (or other tasks run) until the time is up.
 *
 * Board: Puck.js (puckjs); any board with an LED1 works (ESP32 DevKit, Pico,
 * MDBT42Q, Pixl.js).
 * Simulate: npm run blink
 *           npx coop sim examples/blink.ts --diagram examples/blink.diagram.json --scenario examples/blink.scenario.yaml
 * Flash:    npx coop flash examples/blink.ts --board puckjs --port AA:BB:CC:DD:EE:FF
 *           npx coop flash examples/blink.ts --board esp32 --port /dev/ttyUSB0
 */
import { spawn, sleep } from 'coop';

spawn(async () => {
  let on = false;
  for (;;) {
    on = !on;
    digitalWrite(LED1, on);
    await sleep(500);
  }
}, { name: 'blink' });
