/**
 * Everything that sleeps, in one list sorted by deadline, behind a single
 * armed Espruino timer for the earliest deadline. A thousand sleeping tasks
 * cost a thousand list links, not a thousand `setTimeout`s (6 JsVars each).
 * Equal deadlines wake in the order they were set.
 *
 * Inserting is O(n) for a deadline that is not the latest: with 1,000 tasks
 * sleeping random lengths a wake-up costs ~10× what it does with 10
 * (bench: CPU per wake-up as sleepers pile up). A heap would be O(log n) but
 * not stable without a sequence number per sleeper (a JsVar each); see
 * docs/speed.md, "Waking from sleep".
 */
import { enter, head, parkCancelled, pendingCancels, resumeNow, running, type Coroutine, type Waiter } from './executor.js';
import { State } from './runtime/states.js';

let first: Waiter | undefined;
let last: Waiter | undefined;
/** The Espruino timer armed for `armedAt`, if any. */
let armedId: number | undefined;
let armedAt: number | undefined;

/** Put `w` (its deadline in `w.r`, ms) in the list. */
export const timerAdd = function (w: Waiter) {
  const d = w.r as number;
  if (first === undefined) {
    first = last = w;
  } else if (d >= (last!.r as number)) {
    // The common case: the newest sleeper wakes last. O(1).
    last!.n = w;
    last = w;
  } else if (d < (first.r as number)) {
    w.n = first;
    first = w;
  } else {
    let p = first;
    while (p.n !== undefined && (p.n.r as number) <= d) p = p.n;
    w.n = p.n;
    p.n = w;
  }
};

/**
 * `await sleep(ms)` as the build compiles it (toolchain/inline-awaits.ts):
 * `if (__sleep(F, ms, next)) return;`. Parks coroutine `c`, to resume at
 * `label`, on this list until now + `ms`, in one call: no Sleep object, no
 * `park`, no `_p`. The common insert (the newest sleeper wakes last) is
 * written out here, which saves a call. Always true (it waits): even
 * sleep(0) goes through the timer, as a Sleep does.
 *
 *   before: sleep(ms) → new Sleep → __park → Sleep._p → timerAdd     5 calls, 1 object
 *   after:  __sleep(F, ms, next)                                      1 call
 *
 * Same semantics as `await sleep(ms)`: bad `ms` throws at the await, a
 * cancellation waiting for `c` is thrown there instead of sleeping.
 */
export const sleepPark = function (c: Coroutine, ms: number, label: number): boolean {
  if (typeof ms !== 'number' || !(ms >= 0)) throw new Error('sleep(ms): ms must be a number >= 0, got ' + ms);
  c.label = label;
  if (pendingCancels !== 0 && c.cr !== undefined) return parkCancelled(c);
  // Deadlines are kept to the microsecond (getTime() * 1000): a sleep never ends early.
  const d = getTime() * 1000 + ms;
  c.st = State.Parked;
  c.r = d;
  // A parked frame keeps no resume value.
  delete c.v;
  if (first === undefined) first = last = c;
  else if (d >= (last!.r as number)) {
    last!.n = c;
    last = c;
  } else /*@__NOINLINE__*/ timerAdd(c);
  return true;
};

/** Take `w` out of the list (it was cancelled). */
export const timerRemove = function (w: Waiter) {
  if (first === w) {
    first = w.n;
    if (first === undefined) last = undefined;
  } else {
    let p = first;
    while (p !== undefined && p.n !== w) p = p.n;
    if (p === undefined) return;
    p.n = w.n;
    if (last === w) last = p;
  }
  delete w.n;
};

/**
 * Make sure the one Espruino timer is armed for the earliest deadline.
 * Called by the loop each time it goes idle. An armed timer that is early
 * (its sleeper was cancelled) is left to fire and re-arm, which is cheaper
 * than clearing and setting a new one.
 */
export const armTimer = function () {
  if (first === undefined) return;
  const d = first.r as number;
  if (armedId !== undefined) {
    if ((armedAt as number) <= d) return;
    clearTimeout(armedId);
  }
  armedAt = d;
  armedId = setTimeout(onTimer, Math.max(0, d - getTime() * 1000));
};

/** Wake everything that is due (run inside `enter`, so the loop runs once after). */
const wakeDue = function () {
  // A few microseconds of slack: Espruino's timer may fire that early, and re-arming costs more.
  const t = getTime() * 1000 + 0.01;
  while (first !== undefined && (first.r as number) <= t) {
    const w = first;
    first = w.n;
    if (first === undefined) last = undefined;
    delete w.n;
    w._k();
  }
};

/**
 * The timer fired. When one coroutine is due and the executor is idle, it
 * is resumed at once (executor.ts, resumeNow); else everything due is
 * woken in order and the loop runs them.
 */
const onTimer = function () {
  armedId = armedAt = undefined;
  const t0 = getTime();
  const w = first;
  // A few microseconds of slack: Espruino's timer may fire that early, and re-arming costs more.
  const t = t0 * 1000 + 0.01;
  if (w !== undefined && (w.r as number) <= t && (w.n === undefined || (w.n.r as number) > t) && !running && head === undefined &&
      (w as Coroutine).b !== undefined) {
    first = w.n;
    if (first === undefined) last = undefined;
    else delete w.n;
    /*@__NOINLINE__*/ resumeNow(w as Coroutine, t0);
    return;
  }
  enter(wakeDue);
};
