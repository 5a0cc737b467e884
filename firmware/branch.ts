/**
 * How `select` and `join` wait on several things at once: one small waiter
 * ("branch") per item, parked on the item the way a coroutine would be.
 */
import { addWaiter, cancel, enter, removeWaiter, type Coroutine, type Waiter } from './executor.js';
import { Frame } from './runtime/state-machine.js';

export interface Branch extends Waiter {
  /** Index of the item it waits on. */
  i: number;
  /** Set once the branch is detached; late Promise callbacks check it. */
  dead?: 1;
}

/** Park `b` on `item`: a coroutine/task, a Coop awaitable, a Promise, or a plain value. */
export const attach = function (item: any, b: Branch) {
  if (item instanceof Frame) {
    const c = item as Coroutine;
    if (c.st === 2 || c.st === 3) {
      if (c.st === 3) c.h = 1;
      b._k(c.r, c.st === 3);
    } else {
      addWaiter(c, b);
    }
  } else if (item !== null && typeof item === 'object' && typeof item._p === 'function') {
    item._p(b);
  } else if (item !== null && (typeof item === 'object' || typeof item === 'function') && typeof item.then === 'function') {
    item.then(
      function (v: any) { if (b.dead === undefined) enter(function () { b._k(v); }); },
      function (e: any) { if (b.dead === undefined) enter(function () { b._k(e, 1); }); },
    );
  } else {
    b._k(item);
  }
};

/** Take `b` off `item`; a coroutine or task that was still running is cancelled. */
export const detach = function (item: any, b: Branch) {
  b.dead = 1;
  if (item instanceof Frame) {
    const c = item as Coroutine;
    removeWaiter(c, b);
    cancel(c);
  } else if (item !== null && typeof item === 'object' && typeof item._u === 'function') {
    item._u(b);
  }
};
