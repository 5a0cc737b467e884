/** A one-slot mailbox on Promises: what two async tasks use to hand off without Coop's Channel. */
export function promiseSlot<T>() {
  let waiter: ((v: T) => void) | undefined;
  let has = false;
  let value: T | undefined;
  return {
    put(v: T) {
      if (waiter) { const w = waiter; waiter = undefined; w(v); } else { has = true; value = v; }
    },
    take(): Promise<T> {
      if (has) { has = false; return Promise.resolve(value as T); }
      return new Promise<T>((resolve) => { waiter = resolve; });
    },
  };
}
