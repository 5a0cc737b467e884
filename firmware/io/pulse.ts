/** pulse: a pulse train on a pin (Espruino's digitalPulse) that can be awaited to its end. */
import type { Future } from '../future.js';
import { sleep } from '../time.js';
import { checkPin, type PinLike } from './pin.js';

/**
 * Pulse `pin`: `value` for times[0] ms, the opposite for times[1] ms, and so
 * on; resolves when the train has ended. The hardware timer plays the
 * pulses, so they are exact; cancelling the wait does not stop a train
 * already handed to it. Start the next train after the last has ended:
 * Espruino queues them per pin, and this future would end too early.
 */
export const pulse = function (pin: PinLike, value: boolean | number, times: number | number[]): Future<void> {
  const p = checkPin(pin, 'o', 'pulse');
  const list = typeof times === 'number' ? [times] : times;
  if (list.length === 0) throw new TypeError('pulse(' + pin + '): give at least one time in ms');
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    if (typeof list[i] !== 'number' || !(list[i] > 0)) {
      throw new TypeError('pulse(' + pin + '): each time must be a number of ms > 0, got ' + list[i]);
    }
    total += list[i];
  }
  digitalPulse(p, value, times);
  return sleep(total);
};
