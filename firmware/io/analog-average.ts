/** readAverage: one steadier analog reading, the mean of several samples. */
import type { Future } from '../future.js';
import { sleep } from '../time.js';
import { checkPin, type PinLike } from './pin.js';

/**
 * The mean of `samples` analogRead()s of `pin` (0..1 of the supply), taken
 * `everyMs` apart (default 0: all at once). Waiting between samples lets
 * other tasks run; cancelling the caller stops it. Bad arguments throw at
 * the call.
 */
export const readAverage = function (pin: PinLike, samples: number, everyMs?: number): Future<number> {
  const p = checkPin(pin, 'a', 'readAverage');
  if (!(samples >= 1) || samples !== Math.floor(samples)) {
    throw new TypeError('readAverage(' + pin + '): samples must be a whole number >= 1, got ' + samples);
  }
  if (everyMs !== undefined && !(everyMs >= 0)) throw new TypeError('readAverage(' + pin + '): everyMs must be a number of ms >= 0, got ' + everyMs);
  return average(p, samples, everyMs || 0);
};

const average = async function (p: Pin, samples: number, everyMs: number): Promise<number> {
  let sum = 0;
  for (let i = 0; i < samples; i++) {
    if (i > 0 && everyMs > 0) await sleep(everyMs);
    sum += analogRead(p);
  }
  return sum / samples;
};
