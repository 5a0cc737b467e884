/**
 * Everything that sleeps, in one list sorted by deadline, behind a single
 * armed Espruino timer for the earliest deadline. A thousand sleeping tasks
 * cost a thousand list links, not a thousand `setTimeout`s (6 JsVars each).
 * Equal deadlines wake in the order they were set.
 *
 * The list is the bottom of a skip list: about one sleeper in 8 also sits in
 * express lane 1 (`n1`), one in 64 in lane 2 (`n2`), so a deadline that is
 * not the latest finds its place in a few steps per lane instead of walking
 * the whole list:
 *
 *   before: while (p.n !== undefined && p.n.r <= d) p = p.n;      ~500 steps among 1,000 sleepers
 *   after:  lane 2, lane 1, then the list, each while (p.nK.r <= d)  ~20 steps
 *
 * Measured on Espruino 2v29 -Os (callgrind), taking the first sleeper and
 * inserting it again at a random deadline (plain JS of the same shape; a
 * FIFO with no sorting costs 107k of it):
 *
 *   sleepers    sorted list   skip list, 2 lanes
 *   10          182k          225k
 *   100         1.01M         326k
 *   1,000       9.68M         425k
 *
 * Why a skip list and not a heap (MicroPython's asyncio uses a pairing heap):
 * it keeps equal deadlines in FIFO order with no sequence number (a heap
 * needs one, a JsVar per sleeper), taking the first stays O(1), and a pairing
 * heap measured 1.26M at 1,000 (its two-pass merge). An array-backed heap is
 * out: Espruino arrays are linked lists (a[i] walks, ~190 instructions an
 * element). A third lane (1 in 512) would save ~3 of the ~20 steps at 1,000
 * (an estimate) for ~4 JsVars of code in every bundle; blink must stay ≤ 600.
 *
 * Lanes cost a JsVar per lane link: 1/7 of a JsVar per sleeper on average,
 * only for sleepers that went in by search. A sleeper that goes to the end
 * (the newest wakes last: sleepPark's written-out case) or to the front gets
 * no lane, so a lone sleeper or a row of equal periods pays nothing; the flip
 * side is that a list that only ever grows at its end has no lanes for the
 * odd earlier deadline to use (it walks, as before).
 *
 * Which sleepers get lanes is not random (no Math.random, nothing to seed in
 * the simulator): a Weyl sequence (`seq`) picks 1/8 and 1/64 of the inserts,
 * spread evenly whatever order tasks sleep in.
 */
import { enter, head, parkCancelled, pendingCancels, resumeNow, running, type Coroutine, type Waiter } from './executor.js';

/**
 * A sleeper as the list sees it. Legend:
 *   r   deadline, ms (getTime() * 1000)
 *   n   next in the list (the bottom lane); absent on the last
 *   n1  next in express lane 1 (only on sleepers in it; the lane's last points at H)
 *   n2  next in lane 2, likewise
 */
type Node = Waiter & { n1?: Node; n2?: Node };

let first: Node | undefined;
let last: Node | undefined;
/**
 * Head of the express lanes: `H.n1` is the first sleeper in lane 1 (H itself
 * when the lane is empty), and so on. Each lane ends by pointing back at H,
 * whose deadline is Infinity, so every walk `while (p.nK.r <= d)` stops there
 * with no undefined check (a walk searches only for d < last.r, never Infinity).
 */
const H = { r: Infinity } as Node;
H.n1 = H.n2 = H;
/** Weyl sequence (317 ≈ 512/φ a step, mod 512): below 64 lane 1, below 8 lane 2. */
let seq = 0;
/** The Espruino timer armed for `armedAt`, if any. */
let armedId: number | undefined;
let armedAt: number | undefined;

/** Put `w` (its deadline in `w.r`, ms) in the list, after every sleeper due at or before it. */
export const timerAdd = function (w: Node) {
  const d = w.r as number;
  if (first === undefined) {
    first = last = w;
  } else if (d >= (last!.r as number)) {
    // The common case: the newest sleeper wakes last. O(1), and no lanes (see above).
    last!.n = w;
    last = w;
  } else if (d < (first.r as number)) {
    // Due before all the others: to the front, in no lane (it is the next to go).
    w.n = first;
    first = w;
  } else {
    // Down the lanes to the last sleeper due at or before d (H if none), joining the ones seq picks.
    seq = (seq + 317) & 511;
    let p = H;
    while (p.n2!.r <= d) p = p.n2!;
    if (seq < 8) {
      w.n2 = p.n2;
      p.n2 = w;
    }
    while (p.n1!.r <= d) p = p.n1!;
    if (seq < 64) {
      w.n1 = p.n1;
      p.n1 = w;
    }
    if (p === H) p = first;
    // first.r <= d < last.r: the walk starts at a sleeper due at or before d and stops before the end.
    while ((p.n!.r as number) <= d) p = p.n!;
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
  // Parked on the timer: no `st` (a JsVar per sleeping task: 12.22 -> 11.22 in tasks-memory,
  // Espruino 2v29), the number in `r` says so (executor.ts, Coroutine.st). After a direct
  // resume (resumeNow) there is none to delete: Frame.prototype's is found, not deleted.
  delete c.st;
  c.r = d;
  // A parked frame keeps no resume value (nor has one after resumeNow, likewise).
  delete c.v;
  if (first === undefined) first = last = c;
  else if (d >= (last!.r as number)) {
    last!.n = c;
    last = c;
  } else /*@__NOINLINE__*/ timerAdd(c);
  return true;
};

/**
 * Take `w` out of the list: it was cancelled, or it is the first and in a
 * lane (1 in 8: wakeDue and onTimer come here for those). `w` must be in
 * the list: its callers know by `r` (a coroutine's is a number only while it
 * sleeps; edge, button and scan waits delete theirs when the timer fires; a
 * select branch never attached has none, see time.ts). Walking a list
 * that lacks `w` would throw, and checking costs blink's last JsVar. O(log n) like an insert: down each lane to the last
 * sleeper due before `w`, then to `w` among those due at the same time. The
 * lanes are named as strings here, which is slower but short: this is not
 * the hot path, and a board keeps its code in RAM (blink's footprint).
 */
export const timerRemove = function (w: Node) {
  const d = w.r as number;
  // Declared here, not in the blocks: the build hoists block declarations into one more `var`.
  let p: any = H;
  let q: any;
  let k: string;
  // b: the sleeper before w; undefined when w is the first (then the last too if it was).
  let b: Node | undefined;
  for (let i = 2; i; ) {
    k = 'n' + i--;
    while (p[k].r < d) p = p[k];
    if ((w as any)[k] !== undefined) {
      for (q = p; q[k] !== w; ) q = q[k];
      q[k] = (w as any)[k];
      delete (w as any)[k];
    }
  }
  if (first === w) first = w.n;
  else {
    b = (p === H ? first : p) as Node;
    while (b.n !== w) b = b.n!;
    b.n = w.n;
  }
  if (last === w) last = b;
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
    if (H.n1 === w) timerRemove(w);
    else {
      first = w.n;
      if (first === undefined) last = undefined;
      else delete w.n;
    }
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
    if (H.n1 === w) timerRemove(w);
    else {
      first = w.n;
      if (first === undefined) last = undefined;
      else delete w.n;
    }
    /*@__NOINLINE__*/ resumeNow(w as Coroutine, t0);
    return;
  }
  enter(wakeDue);
};
