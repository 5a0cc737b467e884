/** Time: sleeping, deadlines and steady ticks, all on the executor's one timer. */
import { later, now, type Waitable, type Waiter } from './executor.js';
import { waitableThen, type Future } from './future.js';
import { timerAdd, timerRemove } from './timer-list.js';

export { now };

interface Sleep extends Waitable<void> {
  /** Deadline, ms. */
  d: number;
}

const Sleep = function (this: Sleep, deadline: number) {
  this.d = deadline;
} as unknown as { new (deadline: number): Sleep; prototype: Sleep };

Sleep.prototype._p = function (this: Sleep, w: Waiter) {
  // The deadline moves onto the waiter; this object is garbage from here on.
  w.r = this.d;
  // NOINLINE: see executor.ts, armTimer.
  /*@__NOINLINE__*/ timerAdd(w);
};
Sleep.prototype._u = function (w: Waiter) {
  // A select branch detached without ever being attached (the select was over at once) is in no list.
  if (w.r !== undefined) timerRemove(w);
};
Sleep.prototype.then = waitableThen;

/** Wait `ms` milliseconds (counted from this call). */
export const sleep = function (ms: number): Future<void> {
  if (typeof ms !== 'number' || !(ms >= 0)) throw new Error('sleep(ms): ms must be a number >= 0, got ' + ms);
  // Deadlines are kept to the microsecond (getTime() * 1000, not now()): a sleep never ends early.
  return new Sleep(getTime() * 1000 + ms);
};

/** Wait until `now()` reaches `t` (ms since the board started). */
export const sleepUntil = function (t: number): Future<void> {
  if (typeof t !== 'number' || t !== t) throw new Error('sleepUntil(t): t must be a time in ms, got ' + t);
  return new Sleep(t);
};

const YieldNow = {
  _p: function (w: Waiter) {
    // To the back of the ready queue: everything already ready runs first.
    later(w);
  },
  _u: function (_w: Waiter) {},
  then: waitableThen,
  _n: 'yield',
} as Waitable<void>;

/** Let every other ready task run, then continue. */
export const yieldNow = function (): Future<void> {
  return YieldNow;
};

/**
 * Fires every `period` ms on a fixed grid from its creation, so a loop body's
 * run time does not add drift. A loop that falls behind gets one tick at
 * once and is back on the grid after it: missed ticks are skipped, never
 * fired in a burst.
 */
export class Ticker {
  private t: number;
  constructor(readonly period: number) {
    if (typeof period !== 'number' || !(period > 0)) throw new Error('new Ticker(period): period must be a number of ms > 0, got ' + period);
    this.t = now();
  }
  /** Wait for the next tick. */
  next(): Future<void> {
    const n = now();
    this.t += this.period;
    if (this.t < n - this.period) this.t += Math.floor((n - this.t) / this.period) * this.period;
    return new Sleep(this.t);
  }
}
