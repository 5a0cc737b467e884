/**
 * Everything that sleeps, in one list sorted by deadline, behind a single
 * armed Espruino timer for the earliest deadline. A thousand sleeping tasks
 * cost a thousand list links, not a thousand `setTimeout`s (6 JsVars each).
 * Equal deadlines wake in the order they were set.
 */
import { enter, type Waiter } from './executor.js';

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

const onTimer = function () {
  armedId = armedAt = undefined;
  enter(wakeDue);
};
