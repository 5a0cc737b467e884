/** Semaphore: at most `permits` holders at once; waiters are served first come, first served. */
import type { Waitable, Waiter } from './executor.js';
import { waitableThen, type Future } from './future.js';
import { removeWaiterFrom } from './wait-list.js';

export class Semaphore implements Waitable<void> {
  private ws: Waiter[] = [];

  constructor(private permits: number) {
    if (typeof permits !== 'number' || permits < 0 || permits !== Math.floor(permits)) {
      throw new Error('new Semaphore(permits): permits must be a whole number >= 0, got ' + permits);
    }
  }

  /** Permits free now. */
  get available(): number {
    return this.permits;
  }

  /** Take a permit, waiting for one. */
  acquire(): Future<void> {
    return this;
  }

  /** Take a permit if one is free now. */
  tryAcquire(): boolean {
    if (this.permits > 0 && this.ws.length === 0) {
      this.permits--;
      return true;
    }
    return false;
  }

  /** Give a permit back; the longest waiter gets it. */
  release(): void {
    if (this.ws.length > 0) this.ws.shift()!._k();
    else this.permits++;
  }

  /** Run `fn` holding a permit, released however `fn` ends. */
  async with<R>(fn: () => PromiseLike<R> | R): Promise<R> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /** @internal */ _p(w: Waiter) {
    if (this.tryAcquire()) w._k();
    else this.ws.push(w);
  }
  /** @internal */ _u(w: Waiter) {
    removeWaiterFrom(this.ws, w);
  }
  declare then: Waitable<void>['then'];
}

// On the prototype, not on each instance: a property per object costs a JsVar.
(Semaphore.prototype as any).then = waitableThen;
(Semaphore.prototype as any)._n = 'Semaphore';
