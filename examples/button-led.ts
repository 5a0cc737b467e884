/**
 * button-led: one button, three gestures.
 *
 * Shows: a debounced Button whose events arrive in a Channel, a task that
 * tells a click from a double press by waiting (select with a sleep), and
 * Led blink patterns that run as tasks and stop cleanly.
 *   - click:        LED1 (red) toggles
 *   - long press:   LED2 (green) starts a heartbeat blink pattern
 *   - double press: the blink stops (LED1 is left as it was)
 *
 * Board: Puck.js (puckjs): BTN1 is the Puck itself (press it), LED1/LED2 inside.
 * Simulate: npx coop sim examples/button-led.ts --diagram examples/button-led.diagram.json --scenario examples/button-led.scenario.yaml
 * Flash:    npx coop flash examples/button-led.ts --board puckjs --port AA:BB:CC:DD:EE:FF
 */
import { spawn, sleep, select, Button, Channel, Led, type ButtonEvent } from 'coop';

const DEBOUNCE_MS = 25; // contact bounce shorter than this is ignored
const DOUBLE_MS = 300; // a second press this soon after a release is a double press
const LONG_MS = 800; // held this long is a long press

const button = new Button(BTN1, { debounce: DEBOUNCE_MS, doubleMs: DOUBLE_MS, longMs: LONG_MS });
const toggled = new Led(LED1);
const blinker = new Led(LED2);

// Every event, in order, from now on. A Channel (rather than awaiting
// button.press() and friends one at a time) sees a double press whole.
const events = button.events(new Channel<ButtonEvent>(8));

type Gesture = 'click' | 'long' | 'double';

/**
 * The next gesture. The Button reports press, release, long and double; a
 * click is a short press with no second press soon after its release, so
 * after each short press we wait a little to see whether a double follows.
 */
async function nextGesture(): Promise<Gesture> {
  for (;;) {
    const e = await events.recv();
    if (e === 'long' || e === 'double') return e;
    if (e === 'press') continue; // wait to see how it ends
    // A short press was released. Either another press comes soon (the Button
    // tells us, with 'press' then 'double'), or it was a click.
    const r = await select(events.recv(), sleep(DOUBLE_MS + DEBOUNCE_MS));
    if (r.index === 1) return 'click';
    // A second press: if the Button counted it as a double press, the 'double'
    // is already in the channel behind it.
    if (events.tryRecv() === 'double') return 'double';
    // A new press, too late for a double: the first one was a click.
    return 'click';
  }
}

spawn(async () => {
  print('ready: click toggles LED1, long press blinks LED2, double press stops it');
  for (;;) {
    const g = await nextGesture();
    if (g === 'click') {
      print('click: LED1 ' + (toggled.toggle() ? 'on' : 'off'));
    } else if (g === 'long') {
      blinker.blink([100, 150, 100, 650]); // a heartbeat, until stopped
      print('long press: LED2 blinking');
      await events.recv(); // the release that ends the long press
    } else {
      blinker.off(); // stops the blink task, LED2 off
      print('double press: blink stopped');
      await events.recv(); // the release that ends the double press
    }
  }
}, { name: 'ui' });
