/**
 * Everything that sleeps, in one list sorted by deadline, behind a single
 * armed Espruino timer for the earliest deadline. A thousand sleeping tasks
 * cost a thousand list links, not a thousand `setTimeout`s (6 JsVars each).
 * Equal deadlines wake in the order they were set.
 *
 * The list is the bottom of a skip list: about one sleeper in 8 also sits in
 * express lane 1 (`n1`), one in 64 in lane 2 (`n2`), one in 512 in lane 3
 * (`n3`), so a deadline that is not the latest finds its place in
 * O(log n) steps instead of walking the whole list:
 *
 *   before: while (p.n !== undefined && p.n.r <= d) p = p.n;       ~500 steps among 1,000 sleepers
 *   after:  lanes 3, 2, 1, then the list, each `while (p.nK.r <= d)`  ~19 steps (measured: 6 per lane)
 *
 * Measured on Espruino 2v29 -Os (callgrind), one take-first + insert with
 * random deadlines: 10 sleepers 182k → 276k instructions, 1,000 sleepers
 * 9.68M → 477k. Why a skip list and not a heap (MicroPython's asyncio uses
 * a pairing heap): it keeps equal deadlines in FIFO order with no sequence
 * number (a heap needs one, a JsVar per sleeper), taking the first is O(1)
 * as in the plain list, and a pairing heap measured 1.26M at 1,000 (its
 * two-pass merge). An array-backed heap is out: Espruino arrays are linked
 * lists (a[i] walks, ~190 instructions per element).
 *
 * Lanes cost a JsVar per lane link: 1/7 of a JsVar per sleeper on average,
 * only for sleepers that went in by search (timerAdd). The one-call sleep
 * (sleepPark) appends the newest-latest sleeper to the end without a lane, so
 * a lone sleeper or a row of equal periods pays nothing; the flip side is a
 * list that only ever grows at its end has no lanes for the odd earlier
 * deadline to use (it walks, as before).
 *
 * Which sleepers get lanes is not random (no Math.random, nothing to seed in
 * the simulator): a Weyl sequence (`seq`, steps of 65536/φ) picks 1/8, 1/64,
 * 1/512 of the inserts, spread evenly whatever order tasks sleep in.
 */
import { enter, head, parkCancelled, pendingCancels, resumeNow, running, type Coroutine, type Waiter } from './executor.js';
import { State } from './runtime/states.js';

/**
 * A sleeper as the list sees it. Legend:
 *   r   deadline, ms (getTime() * 1000)
 *   n   next in the list (the bottom lane); absent on the last
 *   n1  next in express lane 1 (only on sleepers in it; the lane's last points at H)
 *   n2  next in lane 2, likewise
 *   n3  next in lane 3, likewise
 */
type Node = Waiter & { n1?: Node; n2?: Node; n3?: Node };

let first: Node | undefined;
let last: Node | undefined;
/**
 * Head of the express lanes: `H.n1` is the first sleeper in lane 1 (H itself
 * when the lane is empty), and so on. Each lane ends by pointing back at H,
 * whose deadline is Infinity, so every walk `while (p.nK.r <= d)` stops there
 * with no undefined check (a walk searches only for d < last.r, never Infinity).
 */
const H = { r: Infinity } as Node;
H.n1 = H.n2 = H.n3 = H;
/** The last sleeper in lanes 1, 2, 3 (H when empty): where the next one at the end goes. */
let l1: Node = H;
let l2: Node = H;
let l3: Node = H;
/** Weyl sequence (65536/φ a step, mod 65536): below 8192 lane 1, below 1024 lane 2, below 128 lane 3. */
let seq = 0;
/** The Espruino timer armed for `armedAt`, if any. */
let armedId: number | undefined;
let armedAt: number | undefined;

/** Put `w` (its deadline in `w.r`, ms) in the list, after every sleeper due at or before it. */
export const timerAdd = function (w: Node) {
  const d = w.r as number;
  if (first === undefined) {
    first = last = w;
    return;
  }
  seq = (seq + 40503) & 65535;
  if (d >= (last!.r as number)) {
    // The common case: the newest sleeper wakes last. O(1).
    last!.n = w;
    last = w;
    if (seq < 8192) {
      l1 = l1.n1 = w;
      w.n1 = H;
      if (seq < 1024) {
        l2 = l2.n2 = w;
        w.n2 = H;
        if (seq < 128) {
          l3 = l3.n3 = w;
          w.n3 = H;
        }
      }
    }
    return;
  }
  // Down the lanes: p ends as the last sleeper in lane 1 due at or before d (or H).
  let p = H;
  let p2 = H;
  let p3 = H;
  if (H.n1 !== H) {
    while (p.n3!.r <= d) p = p.n3!;
    p3 = p;
    while (p.n2!.r <= d) p = p.n2!;
    p2 = p;
    while (p.n1!.r <= d) p = p.n1!;
  }
  if (seq < 8192) {
    if ((w.n1 = p.n1) === H) l1 = w;
    p.n1 = w;
    if (seq < 1024) {
      if ((w.n2 = p2.n2) === H) l2 = w;
      p2.n2 = w;
      if (seq < 128) {
        if ((w.n3 = p3.n3) === H) l3 = w;
        p3.n3 = w;
      }
    }
  }
  if (p === H) {
    if (d < (first.r as number)) {
      w.n = first;
      first = w;
      return;
    }
    p = first;
  }
  // d < last.r: the walk stops before the end.
  while ((p.n!.r as number) <= d) p = p.n!;
  w.n = p.n;
  p.n = w;
};

/** `w`, the first sleeper, leaves the lanes it is in (the first of each). */
const leaveLanes = function (w: Node) {
  if ((H.n1 = w.n1) === H) l1 = H;
  delete w.n1;
  if (H.n2 === w) {
    if ((H.n2 = w.n2) === H) l2 = H;
    delete w.n2;
    if (H.n3 === w) {
      if ((H.n3 = w.n3) === H) l3 = H;
      delete w.n3;
    }
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

/**
 * Take `w` out of the list (it was cancelled; not in it: nothing happens).
 * O(log n) like an insert: down the lanes to the last sleeper due before
 * `w`, then to `w` itself among those due at the same time.
 */
export const timerRemove = function (w: Node) {
  const d = w.r as number;
  let p = H;
  let q: Node;
  while (p.n3!.r < d) p = p.n3!;
  if (w.n3 !== undefined) {
    for (q = p; q.n3 !== w; ) q = q.n3!;
    q.n3 = w.n3;
    if (l3 === w) l3 = q;
    delete w.n3;
  }
  while (p.n2!.r < d) p = p.n2!;
  if (w.n2 !== undefined) {
    for (q = p; q.n2 !== w; ) q = q.n2!;
    q.n2 = w.n2;
    if (l2 === w) l2 = q;
    delete w.n2;
  }
  while (p.n1!.r < d) p = p.n1!;
  if (w.n1 !== undefined) {
    for (q = p; q.n1 !== w; ) q = q.n1!;
    q.n1 = w.n1;
    if (l1 === w) l1 = q;
    delete w.n1;
  }
  if (first === w) {
    first = w.n;
    if (first === undefined) last = undefined;
  } else {
    let b = p === H ? first : p;
    while (b !== undefined && b.n !== w) b = b.n;
    if (b === undefined) return;
    b.n = w.n;
    if (last === w) last = b;
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
    const w: Node = first;
    first = w.n;
    if (first === undefined) last = undefined;
    delete w.n;
    if (H.n1 === w) leaveLanes(w);
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
    if (H.n1 === w) leaveLanes(w);
    /*@__NOINLINE__*/ resumeNow(w as Coroutine, t0);
    return;
  }
  enter(wakeDue);
};
