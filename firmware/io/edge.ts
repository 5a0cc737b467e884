/**
 * waitForEdge: one pin edge as a future. Awaiting it sets one Espruino
 * watch (repeat off), which is cleared by its id when the wait is cancelled
 * or times out; a watch that fired has already gone by itself.
 */
import { enter, now, type Waitable, type Waiter } from '../executor.js';
import { TimeoutError } from '../errors.js';
import { waitableThen, type Future } from '../future.js';
import { timerAdd, timerRemove } from '../timer-list.js';
import { checkPin, type PinLike } from './pin.js';

export type Edge = 'rising' | 'falling' | 'both';

export interface EdgeOptions {
  /** Ignore bounces: the level must be steady this many ms (Espruino's setWatch debounce). */
  debounce?: number;
  /** Give up after this many ms with a TimeoutError. */
  timeout?: number;
}

/** What a watch reports: the new level and when it changed (getTime() seconds). */
export interface EdgeEvent {
  state: boolean;
  time: number;
  lastTime?: number;
}

/**
 * One wait. While a timeout runs it is itself in the executor's timer list
 * (fields r, n, _k). Every field is a JsVar while it waits, so it keeps the
 * two numbers it needs, not the options object.
 */
interface EdgeWait extends Waitable<EdgeEvent>, Waiter {
  /** Pin, edge, debounce and timeout (ms, when given). */
  p: Pin;
  e: Edge;
  d?: number;
  t?: number;
  /** Who waits, and the watch id, while waiting. */
  w?: Waiter;
  id?: number;
}

const EdgeWait = function (this: EdgeWait, p: Pin, e: Edge, o?: EdgeOptions) {
  this.p = p;
  this.e = e;
  if (o !== undefined) {
    if (o.debounce !== undefined) this.d = o.debounce;
    if (o.timeout !== undefined) this.t = o.timeout;
  }
} as unknown as { new (p: Pin, e: Edge, o?: EdgeOptions): EdgeWait; prototype: EdgeWait };

/** The watch's callback, made here so that its closure holds only the wait (Espruino keeps every local of the enclosing call). */
const watcher = function (x: EdgeWait) {
  return function (ev: EdgeEvent) {
    enter(function () { finish(x, ev, 0); });
  };
};

EdgeWait.prototype._p = function (this: EdgeWait, w: Waiter) {
  if (this.w !== undefined) throw new Error('waitForEdge(' + this.p + ') is already being awaited; call waitForEdge again for another wait');
  this.w = w;
  this.id = setWatch(watcher(this), this.p,
    this.d !== undefined ? { edge: this.e, repeat: false, debounce: this.d } : { edge: this.e, repeat: false });
  if (this.t !== undefined) {
    this.r = now() + this.t;
    timerAdd(this);
  }
};

/** The timeout ran out (called by the timer list). */
EdgeWait.prototype._k = function (this: EdgeWait) {
  delete this.r; // the timer list has already let go of it
  clearWatch(this.id);
  finish(this, new TimeoutError('waitForEdge(' + this.p + ", '" + this.e + "'): no edge within " + this.t + ' ms'), 1);
};

/** The task waiting was cancelled: the watch and the timeout go. */
EdgeWait.prototype._u = function (this: EdgeWait, _w: Waiter) {
  if (this.w === undefined) return;
  clearWatch(this.id);
  release(this);
};

const release = function (x: EdgeWait) {
  if (x.r !== undefined) {
    timerRemove(x);
    delete x.r;
  }
  delete x.w;
  delete x.id;
};

const finish = function (x: EdgeWait, v: any, err: number) {
  const w = x.w;
  if (w === undefined) return;
  release(x);
  w._k(v, err);
};

EdgeWait.prototype.then = waitableThen;
EdgeWait.prototype._n = 'pin edge';

/**
 * Wait for `edge` on `pin` ('rising' by default): resolves with the watch's
 * event ({state, time}), or throws TimeoutError after `options.timeout` ms.
 * Each await sets one watch; cancelling the waiting task clears it.
 */
export const waitForEdge = function (pin: PinLike, edge?: Edge, options?: EdgeOptions): Future<EdgeEvent> {
  const e = edge === undefined ? 'rising' : edge;
  if (e !== 'rising' && e !== 'falling' && e !== 'both') {
    throw new TypeError('waitForEdge(' + pin + ", '" + e + "'): edge must be 'rising', 'falling' or 'both'");
  }
  if (options !== undefined) {
    const d = options.debounce;
    const t = options.timeout;
    if (d !== undefined && !(d >= 0)) throw new TypeError('waitForEdge(' + pin + '): debounce must be a number of ms >= 0, got ' + d);
    if (t !== undefined && !(t >= 0)) throw new TypeError('waitForEdge(' + pin + '): timeout must be a number of ms >= 0, got ' + t);
  }
  return new EdgeWait(checkPin(pin, 'w', 'waitForEdge'), e, options);
};
