/**
 * Signal<T>: the latest value, for one consumer. `signal(v)` replaces any
 * value not yet taken (a sensor's newest reading beats a stale one);
 * `wait()` takes the value, waiting for one if there is none.
 */
import type { Waitable, Waiter } from './executor.js';
import { waitableThen, type Future } from './future.js';
import { removeWaiterFrom } from './wait-list.js';

export class Signal<T> implements Waitable<T> {
  private ws: Waiter[] = [];
  private has = false;
  private value: T | undefined;

  /** Deliver `v` to the first waiter, or keep it (replacing an older one) for the next `wait()`. */
  signal(v: T): void {
    if (this.ws.length > 0) {
      this.ws.shift()!._k(v);
      return;
    }
    this.value = v;
    this.has = true;
  }

  /** True when a value is waiting to be taken. */
  get signaled(): boolean {
    return this.has;
  }

  /** Take the value, waiting for one. */
  wait(): Future<T> {
    return this;
  }

  /** @internal */ _p(w: Waiter) {
    if (this.has) {
      const v = this.value;
      this.has = false;
      this.value = undefined;
      w._k(v);
    } else {
      this.ws.push(w);
    }
  }
  /** @internal */ _u(w: Waiter) {
    removeWaiterFrom(this.ws, w);
  }
  declare then: Waitable<T>['then'];
}

// On the prototype, not on each instance: a property per object costs a JsVar.
(Signal.prototype as any).then = waitableThen;
(Signal.prototype as any)._n = 'Signal';
