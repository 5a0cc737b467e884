/** Event: a flag tasks can wait for. `set()` wakes every waiter; it stays set until `clear()`. */
import type { Waitable, Waiter } from './executor.js';
import { waitableThen, type Future } from './future.js';
import { removeWaiterFrom } from './wait-list.js';

export class Event implements Waitable<void> {
  private ws: Waiter[] = [];
  private on = false;

  get isSet(): boolean {
    return this.on;
  }

  /** Set the flag and wake everyone waiting. */
  set(): void {
    this.on = true;
    const ws = this.ws;
    this.ws = [];
    for (let i = 0; i < ws.length; i++) ws[i]._k();
  }

  clear(): void {
    this.on = false;
  }

  /** Wait until the flag is set (at once if it already is). */
  wait(): Future<void> {
    return this;
  }

  /** @internal */ _p(w: Waiter) {
    if (this.on) w._k();
    else this.ws.push(w);
  }
  /** @internal */ _u(w: Waiter) {
    removeWaiterFrom(this.ws, w);
  }
  declare then: Waitable<void>['then'];
}

// On the prototype, not on each instance: a property per object costs a JsVar.
(Event.prototype as any).then = waitableThen;
(Event.prototype as any)._n = 'Event';
