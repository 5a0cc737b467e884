/** A FIFO of parked waiters, for the sync primitives. Cancelling a waiter removes it. */
import type { Waiter } from './executor.js';

export const removeWaiterFrom = function (list: Waiter[], w: Waiter): boolean {
  const i = list.indexOf(w);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
};
