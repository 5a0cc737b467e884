/**
 * The executor: one ready queue, run by one flat loop.
 *
 * Coroutines (the frames of compiled async functions, see
 * runtime/state-machine.ts) park on what they await and are woken by it.
 * Waking only queues; the loop below is the one place code runs, so the C
 * stack stays shallow however many tasks hand work to each other. When the
 * queue is empty the loop returns to Espruino's event loop and the board
 * may sleep until a timer or a pin wakes something.
 */
import { Cancelled } from './errors.js';
import { Frame, next } from './runtime/state-machine.js';
import { Op, State } from './runtime/states.js';
import { armTimer, timerRemove } from './timer-list.js';

/** Whatever can be woken: a coroutine, or a small adapter (select branch, Promise callback). */
export interface Waiter {
  /** Wake with value `v`, or throw `v` when `err`. Called at most once per park. */
  _k(v?: any, err?: any): void;
  /**
   * Parked coroutine: what it waits on. In the timer list: its deadline (ms), a number, which
   * a live coroutine holds only there (so `typeof r === 'number'` is how interrupt and the task
   * listings know a sleeper with no `st`). Ready or running: undefined. Ended (State.Returned,
   * State.Threw) or State.Joining: its result or error.
   */
  r?: any;
  /** Next in the ready queue or the timer list. */
  n?: Waiter;
  // No `b` on an adapter: only a coroutine has a body (Frame.b), and the timer resumes a
  // waiter that has one directly (timer-list.ts, onTimer; resumeNow).
}

/** Something a coroutine can await without a Promise. */
export interface Waitable<T> extends PromiseLike<T> {
  /** Park `w`; when ready call `w._k(value)` or `w._k(error, 1)`, once (possibly at once). */
  _p(w: Waiter): void;
  /** `w` no longer waits (it was cancelled): forget it and never call it. */
  _u(w: Waiter): void;
  /** What it is, for task listings: 'Channel recv', 'Event', … (on the prototype). */
  _n?: string;
}

/** A coroutine: a frame plus the executor's fields. A task is a coroutine with a name. */
export interface Coroutine<T = any> extends Frame, Waiter, PromiseLike<T> {
  /**
   * Its state (runtime/states.ts, which says what moves it where):
   * undefined or State.Ready, ready or running; State.Throwing the same,
   * to resume with an error; State.Queued, a task queued that has never
   * run; State.Parked; State.Returned; State.Threw; State.Joining, body
   * ended, children still running. Absent (reading Frame.prototype's
   * undefined) with a number in `r`: parked on the timer by `await sleep(ms)`
   * (timer-list.ts, sleepPark), which deletes it, a JsVar less per sleeping
   * task; resumeNow leaves it absent (ready). A Sleep object parks with
   * State.Parked and the deadline in `r`, the older form of the same state.
   */
  st?: State;
  /** Who awaits it: one waiter or several. */
  w?: Waiter | Waiter[];
  /** A cancellation to throw at its next await. */
  cr?: any;
  /** Task a nested coroutine runs for (not set on task roots). */
  q?: Coroutine;
  /** Task name; its presence is what makes a coroutine a task. */
  name?: string;
  /** Parent task (absent for top-level tasks). */
  p?: Coroutine;
  /** Live child tasks. */
  k?: Coroutine[];
  /** First error of a failed child (the task fails with it). */
  fe?: any;
  /** End state held while the children finish (State.Joining). */
  js?: State;
  /** Start time, whole seconds of getTime(); only in bundles that list tasks (debug.ts). */
  a?: number;
  /** Run time so far, ms (its steps' getTime() deltas); only in bundles that list tasks (debug.ts). */
  rt?: number;
  /**
   * 1: a cancellation was aimed at it (`cancel`); later cancels pass it by, so it is delivered
   * once. Absent otherwise. Only cancelled coroutines carry it; they are on their way out.
   */
  cx?: 1;
  /** Already reported as a hog. */
  hg?: 1;
  /** Someone saw its error (awaited it), so it is not reported as unhandled. */
  h?: 1;
  then: PromiseLike<T>['then'];
}

/** The ready queue, linked through `n`. `tail` means something only while `head` is set. */
export let head: Coroutine | undefined;
let tail: Coroutine | undefined;
export let running = false;
/** The coroutine the loop is running now: spawn() finds its parent task from it. */
let current: Coroutine | undefined;

/** Hooks set by other modules (task structure, reporting), so this file stays the loop. */
export const hooks = {} as {
  /** A task's body ended with (st, value): State.Returned or State.Threw. */
  taskEnded: (t: Coroutine, st: State, value: any) => void;
  /** A coroutine ended with an error nobody awaited. */
  unhandled: (c: Coroutine, e: any) => void;
  /** A step ran for `ms` without awaiting (longer than `hogLimit`); absent until task.ts sets it. */
  hog?: (task: Coroutine | undefined, ms: number) => void;
};
// Empty, not `{ taskEnded: undefined, … }`: task.ts sets all three as it loads; the placeholders
// were 46 bytes of every bundle for nothing.

/** A step longer than this (ms) is a hog. */
export const HOG_MS = 100;
/** How long a step may run before `hooks.hog` hears of it: HOG_MS, in seconds (what getTime() counts in). */
let hogLimit = HOG_MS / 1000;

/**
 * From now on `hooks.hog` hears of every step that took any time, and
 * compares `ms` with HOG_MS itself: how debug.ts counts each task's run time.
 * A bundle without debug.ts never calls this, so rollup drops it and terser
 * inlines hogLimit as the constant it then is: those bundles are unchanged.
 */
export const hearEveryStep = function () {
  hogLimit = 0;
};

/**
 * How many coroutines have a cancellation waiting (`cr`). Checked before
 * `c.cr` on the hot paths: reading a property an object lacks costs
 * Espruino a walk up the prototype chain.
 */
export let pendingCancels = 0;

/** The task whose code is running now. */
export const task = function (): Coroutine | undefined {
  const c = current;
  return c === undefined || c.name !== undefined ? c : c.q;
};

/** Milliseconds since the board started, as an integer. */
export const now = function (): number {
  return Math.round(getTime() * 1000);
};

/** Queue `c` to run. Only queues: the loop runs it. */
export const schedule = function (c: Coroutine) {
  if (head === undefined) head = c;
  else tail!.n = c;
  tail = c;
};

/**
 * Run `fn` (which wakes things) and then the loop, once: how code outside
 * the loop (a timer, a pin watch, a Promise callback) hands work to tasks.
 */
export const enter = function (fn?: () => void) {
  if (running) {
    if (fn) fn();
    return;
  }
  running = true;
  try {
    if (fn) fn();
    let c: Coroutine | undefined;
    let op: any[] | undefined;
    // One clock reading per step: each step's time is from the end of the one before.
    let t0 = getTime();
    let t1: number;
    while ((c = head) !== undefined) {
      head = c.n as Coroutine | undefined;
      delete c.n;
      current = c;
      if (c.st === State.Throwing && c.y === undefined) {
        // Resumed with an error: thrown at its await by the try/catch bookkeeping (`next`)
        // without running the body for it, so compiled bodies read a resume value as plain
        // `f.v` (toolchain/inline-awaits.ts). A frame that delegates (yield*) runs its body:
        // the inner frame's own try blocks see the error first.
        c.st = State.Ready;
        carryOut(c, [Op.Catch, c.v]);
      } else {
        // carryOut(c), written out: this is every resume.
        try {
          op = c.b!(c);
        } catch (e) {
          op = [Op.Catch, e];
        }
        if (op !== undefined) carryOut(c, op);
      }
      t1 = getTime();
      if (t1 - t0 > hogLimit && hooks.hog) hooks.hog(task(), (t1 - t0) * 1000);
      t0 = t1;
    }
  } finally {
    running = false;
    current = undefined;
  }
  // NOINLINE: inlined, terser would make it a closure Espruino rebuilds on every call (docs/speed.md).
  /*@__NOINLINE__*/ armTimer();
};

/**
 * The one timer fired and coroutine `c` (taken off the timer list) is the
 * only thing due, while the loop is idle and nothing is ready: resume its
 * body straight from the timer callback (timer-list.ts, onTimer). This is
 * the wake-up a board spends its life in; through `enter` it would be four
 * more calls (enter, wakeDue, `_k`, the loop's own bookkeeping). `t0` is
 * the clock reading (seconds) the timer took, for the hog detector.
 */
export const resumeNow = function (c: Coroutine, t0: number) {
  running = true;
  current = c;
  // What `_k` does to a woken coroutine, written out, less two stores: `st` stays absent
  // (ready; sleepPark deleted it) and so does `v` (the resume value is undefined, which
  // Frame.prototype.v reads). -2 JsVars of blink's code, and sleepPark's deletes find nothing.
  c.r = undefined;
  let op: any[] | undefined;
  try {
    try {
      op = c.b!(c);
    } catch (e) {
      op = [Op.Catch, e];
    }
    if (op !== undefined) carryOut(c, op);
    // The step's time, in t0 (no second local: blink's code is counted in JsVars).
    t0 = getTime() - t0;
    if (t0 > hogLimit && hooks.hog) hooks.hog(task(), t0 * 1000);
  } finally {
    running = false;
    current = undefined;
  }
  // What it woke runs through the loop as usual, which arms the timer when it goes idle.
  if (head !== undefined) enter();
  else /*@__NOINLINE__*/ armTimer();
};

let soonPending = false;
/**
 * Run the loop once the code running now (e.g. the program's top level) has
 * finished: one Promise job, however many tasks were queued meanwhile.
 */
export const soon = function () {
  if (running || soonPending) return;
  soonPending = true;
  Promise.resolve().then(function () {
    soonPending = false;
    enter();
  });
};

/**
 * Run `c` until it parks or ends: its body first when `op` is undefined,
 * else what its body returned instead of parking itself (an await left to
 * the driver, its end, or another TypeScript op). Most resumes never come
 * here: the body parks itself and returns nothing.
 */
const carryOut = function (c: Coroutine, op: any[] | undefined) {
  for (;;) {
    if (op === undefined) {
      try {
        op = c.b!(c);
      } catch (e) {
        op = [Op.Catch, e];
      }
      if (op === undefined) return;
    }
    op = next(c, op);
    if (op === undefined) return;
    if (op[0] !== Op.Yield) return end(c, op[0] === Op.Return ? State.Returned : State.Threw, op[1]);
    if (park(c, op[1], c.label)) return;
    op = undefined;
  }
};

/** Start a freshly called async function now, as JavaScript does, up to its first await. */
export const start = function (c: Coroutine) {
  const t = task();
  if (t !== undefined) c.q = t;
  carryOut(c, undefined);
  // Called from plain code (not from a task): run what became ready, arm the timer.
  if (!running) enter();
};

const isThenable = function (x: any): boolean {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && typeof x.then === 'function';
};

/** The coroutine being parked: if it is woken while parking, it just goes on. */
let parking: Coroutine | undefined;
let wokeWhileParking = false;

/** For awaitables that must not complete at once (yieldNow): wake `w` through the queue. */
export const later = function (w: Waiter) {
  if (w === parking) parking = undefined;
  w._k();
};

/**
 * `c` awaits `x`, to resume at `label`: park it where `x` will wake it.
 * Returns false when `c` can go on at once (its resume value is set), true
 * when it waits. Compiled bodies call this themselves, as `__park`.
 * Coop's own awaitables are the hot path, first and short (Espruino reads
 * every character it passes); everything else is in `parkOther`.
 */
export const park = function (c: Coroutine, x: any, label: number): boolean {
  c.label = label;
  if (x === READY) {
    c.v = undefined;
    return false;
  }
  if (pendingCancels !== 0 && c.cr !== undefined) return parkCancelled(c);
  if (x != null && x._p !== undefined) {
    // A parked frame keeps no resume value.
    c.st = State.Parked;
    c.r = x;
    delete c.v;
    parking = c;
    wokeWhileParking = false;
    try {
      (x as Waitable<any>)._p(c);
    } catch (e) {
      // An awaitable that fails to park throws at the await.
      throwLater(c, e);
    }
    parking = undefined;
    return !wokeWhileParking;
  }
  return !parkOther(c, x);
};

/**
 * `c` reached an await with a cancellation waiting (`cr`, see `pendingCancels`): the
 * await throws it instead. Returns true (it waits: the error goes through the queue).
 * Also for the timer's own park (timer-list.ts, sleepPark).
 */
export const parkCancelled = function (c: Coroutine): boolean {
  const e = c.cr;
  delete c.cr;
  pendingCancels--;
  throwLater(c, e);
  return true;
};

/** `c` goes on by throwing `e` at its await: through the queue, as every error does. */
const throwLater = function (c: Coroutine, e: any) {
  c.v = e;
  c.st = State.Throwing;
  schedule(c);
};

/**
 * What an await of something already done returns, to resume with
 * undefined at once (a channel send that went straight through):
 * `park` recognises it before anything else.
 */
export const READY: Waitable<any> = {
  _p: function (w: Waiter) { w._k(); },
  _u: function (_w: Waiter) {},
  then: function (ok?: any) { return Promise.resolve().then(ok); },
};

/** Awaiting a coroutine, a Promise or a plain value. Returns true when `c` can go on at once. */
const parkOther = function (c: Coroutine, x: any): boolean {
  if (x instanceof Frame) {
    const other = x as Coroutine;
    if (other.st === State.Returned) {
      c.v = other.r;
      return true;
    }
    if (other.st === State.Threw) {
      other.h = 1;
      throwLater(c, other.r);
      return false;
    }
    c.st = State.Parked;
    c.r = other;
    addWaiter(other, c);
    return false;
  }
  if (isThenable(x)) {
    // A Promise or other thenable: the only path that goes through Promise jobs.
    c.st = State.Parked;
    c.r = x;
    x.then(
      function (v: any) { if (c.r === x) enter(function () { c._k(v); }); },
      function (e: any) { if (c.r === x) enter(function () { c._k(e, 1); }); },
    );
    return false;
  }
  c.v = x;
  return true;
};

/** Body that finishes a coroutine with the value it was woken with (returning a thenable adopts it). */
const adopt = function (f: Frame) {
  return [Op.Return, f.v];
};

/** The coroutine's body returned (State.Returned) or threw (State.Threw). */
const end = function (c: Coroutine, st: State, value: any) {
  if (st === State.Returned && value !== null && typeof value === 'object' && (value instanceof Frame || isThenable(value))) {
    // `return promise` in an async function resolves to the promise's result.
    c.b = adopt;
    if (!park(c, value, 0)) schedule(c);
    return;
  }
  delete c.b;
  delete c.s;
  delete c.t;
  delete c.o;
  delete c.q;
  if (pendingCancels !== 0 && c.cr !== undefined) {
    // Cancelled while it ran, and it ended before another await: nothing left to throw it at.
    delete c.cr;
    pendingCancels--;
  }
  if (c.name !== undefined) hooks.taskEnded(c, st, value);
  else settle(c, st, value);
};

let unhandled: Coroutine[] | undefined;
/**
 * An async function threw and nobody awaits it yet. Like JavaScript, wait
 * until the code running now has finished (`const p = f(); … await p` is
 * fine) before reporting it.
 */
const unhandledLater = function (c: Coroutine) {
  if (unhandled === undefined) {
    unhandled = [];
    Promise.resolve().then(function () {
      const list = unhandled!;
      unhandled = undefined;
      for (let i = 0; i < list.length; i++) if (list[i].h === undefined) hooks.unhandled(list[i], list[i].r);
    });
  }
  unhandled.push(c);
};

/** Record the result and wake everyone waiting for it. */
export const settle = function (c: Coroutine, st: State, value: any) {
  c.st = st;
  c.r = value;
  const w = c.w;
  if (w === undefined) {
    // Tasks report their own failures (task.ts), by name.
    if (st === State.Threw && c.h === undefined && c.name === undefined) unhandledLater(c);
    return;
  }
  delete c.w;
  if (st === State.Threw) c.h = 1;
  if (Array.isArray(w)) {
    for (let i = 0; i < w.length; i++) w[i]._k(value, st === State.Threw);
  } else {
    w._k(value, st === State.Threw);
  }
};

export const addWaiter = function (c: Coroutine, w: Waiter) {
  const ws = c.w;
  if (ws === undefined) c.w = w;
  else if (Array.isArray(ws)) ws.push(w);
  else c.w = [ws, w];
};

export const removeWaiter = function (c: Coroutine, w: Waiter) {
  const ws = c.w;
  if (ws === w) {
    delete c.w;
  } else if (Array.isArray(ws)) {
    const i = ws.indexOf(w);
    if (i >= 0) ws.splice(i, 1);
    if (ws.length === 0) delete c.w;
  }
};

/**
 * Throw `e` into `c` at the await it is parked on, after taking it off
 * whatever it waits on. A coroutine that is ready or running gets it at its
 * next await instead, so a value it was just woken with is never dropped.
 */
const interrupt = function (c: Coroutine, e: any) {
  const r = c.r;
  if (typeof r === 'number') {
    // Asleep on the timer (its `st` Parked, or none: timer-list.ts, sleepPark). A coroutine
    // that is not parked has no number in `r`: ready ones none, ended ones never come here.
    timerRemove(c);
  } else if (c.st !== State.Parked) {
    if (c.st === State.Queued) {
      // Queued but never ran: it ends with the error, its body never starts.
      c.v = e;
      c.st = State.Throwing;
    } else if (c.cr === undefined) {
      c.cr = e;
      pendingCancels++;
    }
    return;
  } else if (r instanceof Frame) {
    // r: the coroutine it awaits (no alias: blink's code is counted in JsVars).
    if ((r as Coroutine).name === undefined && (r as Coroutine).w === c) {
      // It awaits its own callee: cancel inward; the error comes back out through it.
      interrupt(r as Coroutine, e);
      return;
    }
    removeWaiter(r as Coroutine, c);
  } else if (r !== undefined && typeof r._u === 'function') {
    r._u(c);
  }
  c._k(e, 1);
};

/** Wake a parked coroutine: queue it with its resume value. */
(Frame.prototype as Coroutine)._k = function (this: Coroutine, v?: any, err?: any) {
  // Plain stores, not deletes: a ready coroutine parks again soon and needs them.
  this.st = err ? State.Throwing : State.Ready;
  this.r = undefined;
  this.v = v;
  if (this === parking && !err) {
    // Woken while parking: park() lets it go on.
    parking = undefined;
    wokeWhileParking = true;
    return;
  }
  if (head === undefined) head = this;
  else tail!.n = this;
  tail = this;
  if (!running) enter();
};

/**
 * Cancel a task or coroutine: its children go first, then `Cancelled` is thrown at its await.
 * Delivered once (docs/task-model.md): a coroutine already cancelled is not interrupted again,
 * so a `finally` that awaits (stopping a motor gently) runs to its end even when the parent's
 * body ends meanwhile (which cancels the parent's children, task.ts) or cancel() is called
 * twice. Children spawned since the first cancel are still reached, each once too.
 */
export const cancel = function (c: Coroutine) {
  if (c.st === State.Returned || c.st === State.Threw) return;
  const kids = c.k;
  // Truthy tests here (`kids`, `c.cx`, `c.name`: each absent or never falsy), not `!== undefined`:
  // a function's text is stored per function, and the once-only check cost blink a JsVar of its 600.
  if (kids) {
    const copy = kids.slice();
    for (let i = 0; i < copy.length; i++) cancel(copy[i]);
  }
  if (c.st === State.Joining || c.cx) return;
  c.cx = 1;
  // A task's name is never empty (task.ts, adoptAsTask).
  interrupt(c, new Cancelled(c.name ? "task '" + c.name + "' was cancelled" : 'cancelled'));
};

/** Coroutines and tasks are thenables, so Promise code can await them too. */
(Frame.prototype as Coroutine).then = function (this: Coroutine, ok?: any, fail?: any) {
  const c = this;
  return new Promise(function (resolve, reject) {
    if (c.st === State.Returned) resolve(c.r);
    else if (c.st === State.Threw) {
      c.h = 1;
      reject(c.r);
    } else {
      addWaiter(c, { _k: function (v: any, err: any) { if (err) reject(v); else resolve(v); } });
    }
  }).then(ok, fail);
};

/** `.catch` too, since TypeScript types async functions as returning Promises. */
(Frame.prototype as any).catch = function (this: Coroutine, fail?: any) {
  return this.then(undefined, fail);
};
