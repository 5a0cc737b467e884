/**
 * Pending<T>: one result that an Espruino callback will deliver later (a
 * socket connecting, a response ending, WiFi joining), as something one task
 * can await and cancel.
 *
 * Why not a Promise: a task awaiting a Promise cannot be woken early by
 * cancellation without the Promise settling, and the callback that settles
 * it would keep what it holds alive. A Pending is a Coop Waitable: a task
 * parks on it directly, and cancelling the task calls `_u`, which runs the
 * `release` the owner gave (close the socket, remove the listeners). The
 * owner also calls `release` itself when the result is in (see `finish`).
 *
 *     const p = new Pending<string>(function () { sock.removeAllListeners(); sock.clsNow = true; });
 *     sock.on('data', function (d) { p.ok(d); });
 *     const d = await p;   // cancelled here → release runs
 */
import type { Waitable, Waiter } from '../executor.js';
import { enter } from '../executor.js';
import { waitableThen } from '../future.js';

/** What a Pending is doing; `s` holds one of these. */
const enum PendingState {
  Waiting = 0,
  Ok = 1,
  Failed = 2,
}

export class Pending<T> implements Waitable<T> {
  /** @internal Its state (PendingState), the result or error, the parked waiter, the release. */ s: PendingState = PendingState.Waiting;
  /** @internal */ v: any;
  /** @internal */ w?: Waiter;
  /** @internal */ r?: () => void;

  /** `release`: what to give back when the wait is over or cancelled; runs once. */
  constructor(release?: () => void) {
    this.r = release;
  }

  /** Deliver the result (the first of ok/fail counts). Safe from any Espruino callback. */
  ok(v: T): void {
    this.settle(PendingState.Ok, v);
  }

  /** Deliver an error (the first of ok/fail counts). */
  fail(e: any): void {
    this.settle(PendingState.Failed, e);
  }

  /** True until ok() or fail(). */
  get waiting(): boolean {
    return this.s === PendingState.Waiting;
  }

  /** Run the release now (once). */
  release(): void {
    const r = this.r;
    if (r) {
      this.r = undefined;
      r();
    }
  }

  /** @internal */
  settle(s: PendingState, v: any): void {
    if (this.s !== PendingState.Waiting) return;
    this.s = s;
    this.v = v;
    const w = this.w;
    if (w) {
      this.w = undefined;
      const self = this;
      enter(function () { w._k(self.v, self.s === PendingState.Failed ? 1 : undefined); });
    }
  }

  /** @internal Park `w`: at once when the result is in. */
  _p(w: Waiter): void {
    if (this.s === PendingState.Waiting) this.w = w;
    else w._k(this.v, this.s === PendingState.Failed ? 1 : undefined);
  }

  /** @internal Cancelled: forget the waiter and give back what is held. */
  _u(w: Waiter): void {
    if (this.w === w) this.w = undefined;
    this.release();
  }

  declare then: Waitable<T>['then'];
}
(Pending.prototype as any).then = waitableThen;
(Pending.prototype as any)._n = 'network';
