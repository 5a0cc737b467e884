/** sampleAnalog: a task that reads a pin on a steady tick and sends each reading into a Channel. */
import type { Channel } from '../channel.js';
import { spawn, type Task } from '../task.js';
import { Ticker } from '../time.js';
import { checkPin, type PinLike } from './pin.js';

export interface SamplerOptions {
  /** Average this many analogRead()s into each reading. Default 1. */
  average?: number;
}

/**
 * Read `pin` every `periodMs` (on a fixed grid, see Ticker) and send each
 * reading (0..1 of the supply) into `into`. When the channel is full the
 * sampler waits for the reader (no reading is dropped), and the ticks it
 * misses meanwhile are skipped, not fired in a burst. A small channel keeps
 * what the reader gets fresh. Runs until the task it returns (or its
 * parent) is cancelled.
 */
export const sampleAnalog = function (pin: PinLike, periodMs: number, into: Channel<number>, options?: SamplerOptions): Task<void> {
  const p = checkPin(pin, 'a', 'sampleAnalog');
  if (!(periodMs > 0)) throw new TypeError('sampleAnalog(' + pin + '): periodMs must be a number of ms > 0, got ' + periodMs);
  const n = options !== undefined && options.average !== undefined ? options.average : 1;
  if (!(n >= 1) || n !== Math.floor(n)) throw new TypeError('sampleAnalog(' + pin + '): average must be a whole number >= 1, got ' + n);
  return spawn(async function () {
    const tick = new Ticker(periodMs);
    for (;;) {
      await tick.next();
      let sum = 0;
      for (let i = 0; i < n; i++) sum += analogRead(p);
      await into.send(sum / n);
    }
  }, { name: 'sample ' + p });
};
