/**
 * Coop's own awaitables (sleep, channel operations, select, …) are not
 * Promises: a task awaiting one parks on it directly. They still have a
 * `then`, so code outside any task (a setWatch callback, a Promise chain)
 * can use them too.
 */
import { enter, type Waitable } from './executor.js';

/** Something a task can `await`, resolving to T. */
export type Future<T> = PromiseLike<T>;

/** The `then` every Coop awaitable shares: park a one-off waiter that settles a Promise. */
export const waitableThen = function <T>(this: Waitable<T>, ok?: any, fail?: any): any {
  const self = this;
  const p = new Promise<T>(function (resolve, reject) {
    enter(function () {
      self._p({ _k: function (v: any, err: any) { if (err) reject(v); else resolve(v); } });
    });
  });
  return p.then(ok, fail);
};
