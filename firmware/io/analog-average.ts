/** readAverage: one steadier analog reading, the mean of several samples. */
import { sleep } from '../time.js';
import { checkPin, type PinLike } from './pin.js';

/**
 * The mean of `samples` analogRead()s of `pin` (0..1 of the supply), taken
 * `everyMs` apart (default 0: all at once). Waiting between samples lets
 * other tasks run; cancelling the caller stops it.
 */
export const readAverage = async function (pin: PinLike, samples: number, everyMs?: number): Promise<number> {
  const p = checkPin(pin, 'a', 'readAverage');
  if (!(samples >= 1) || samples !== Math.floor(samples)) {
    throw new TypeError('readAverage(' + pin + '): samples must be a whole number >= 1, got ' + samples);
  }
  if (everyMs !== undefined && !(everyMs >= 0)) throw new TypeError('readAverage(' + pin + '): everyMs must be a number of ms >= 0, got ' + everyMs);
  let sum = 0;
  for (let i = 0; i < samples; i++) {
    if (i > 0 && everyMs) await sleep(everyMs);
    sum += analogRead(p);
  }
  return sum / samples;
};
