/** Mutex: one holder at a time, e.g. for a shared I2C bus or display. */
import { Semaphore } from './semaphore.js';
import type { Future } from './future.js';

export class Mutex {
  private s = new Semaphore(1);

  constructor() {
    // Listed as what it is, not as the semaphore inside it.
    (this.s as any)._n = 'Mutex';
  }

  get locked(): boolean {
    return this.s.available === 0;
  }

  /** Wait for the lock. Pair with `unlock()` in a finally block, or use `withLock`. */
  lock(): Future<void> {
    return this.s.acquire();
  }

  tryLock(): boolean {
    return this.s.tryAcquire();
  }

  unlock(): void {
    if (this.s.available !== 0) throw new Error('Mutex.unlock(): the mutex is not locked');
    this.s.release();
  }

  /** Run `fn` holding the lock, released however `fn` ends (cancellation too). */
  withLock<R>(fn: () => PromiseLike<R> | R): Promise<R> {
    return this.s.with(fn);
  }
}
