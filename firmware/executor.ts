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
import { Frame, step } from './runtime/state-machine.js';
import { armTimer, timerRemove } from './timer-list.js';

/** Whatever can be woken: a coroutine, or a small adapter (select branch, Promise callback). */
export interface Waiter {
  /** Wake with value `v`, or throw `v` when `err`. Called at most once per park. */
  _k(v?: any, err?: any): void;
  /** Parked coroutine: what it waits on. In the timer list: its deadline (ms). */
  r?: any;
  /** Next in the ready queue or the timer list. */
  n?: Waiter;
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
  /** undefined or 0: ready or running; 1 parked; 2 returned; 3 threw; 4 body ended, children still running. */
  st?: number;
  /** Who awaits it: one waiter or several. */
  w?: Waiter | Waiter[];
  /** A cancellation to throw at its next await. */
  cr?: any;
  /** Task a nested coroutine runs for (not set on task roots). */
  q?: Coroutine;
  /** Task name; its presence is what makes a coroutine a task. */
  nm?: string;
  /** Parent task (absent for top-level tasks). */
  p?: Coroutine;
  /** Live child tasks. */
  k?: Coroutine[];
  /** First error of a failed child (the task fails with it). */
  fe?: any;
  /** End state held while the children finish (st 4). */
  js?: number;
  /** Start time, whole seconds of getTime(). */
  a?: number;
  /** Already reported as a hog. */
  hg?: 1;
  /** Someone saw its error (awaited it), so it is not reported as unhandled. */
  h?: 1;
  then: PromiseLike<T>['then'];
}

let head: Coroutine | undefined;
let tail: Coroutine | undefined;
let running = false;
/** The task whose code is running now, for spawn() to find its parent. */
let currentTask: Coroutine | undefined;

/** Hooks set by other modules (task structure, reporting), so this file stays the loop. */
export const hooks = {
  /** A task's body ended with (st, value). */
  taskEnded: undefined as unknown as (t: Coroutine, st: number, value: any) => void,
  /** A coroutine ended with an error nobody awaited. */
  unhandled: undefined as unknown as (c: Coroutine, e: any) => void,
  /** A step ran for `ms` without awaiting. */
  hog: undefined as undefined | ((task: Coroutine | undefined, ms: number) => void),
  /** Limit for `hog`, in ms. */
  hogMs: 100,
};

export const task = function (): Coroutine | undefined {
  return currentTask;
};

/** Milliseconds since the board started, as an integer. */
export const now = function (): number {
  return Math.round(getTime() * 1000);
};

/**
 * The same, to the microsecond: what sleep deadlines are measured in, so a
 * sleep never ends early and is no later than a raw setTimeout. (A float
 * costs one JsVar more per sleeping task than a whole number of ms would.)
 */
export const nowExact = function (): number {
  return getTime() * 1000;
};

/** Queue `c` to run. Only queues: the loop runs it. */
export const schedule = function (c: Coroutine) {
  if (tail !== undefined) tail.n = c;
  else head = c;
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
    while ((c = head) !== undefined) {
      head = c.n as Coroutine | undefined;
      if (head === undefined) tail = undefined;
      delete c.n;
      run(c);
    }
  } finally {
    running = false;
    currentTask = undefined;
  }
  armTimer();
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

/** Run one coroutine from the ready queue. */
const run = function (c: Coroutine) {
  if (c.cr !== undefined && c.label === 0 && c.t === undefined) return neverStarted(c);
  currentTask = c.nm !== undefined ? c : c.q;
  const t0 = getTime();
  drive(c);
  const ms = (getTime() - t0) * 1000;
  if (ms > hooks.hogMs && hooks.hog) hooks.hog(currentTask, ms);
};

/** Cancelled before it ever ran: it never starts. */
const neverStarted = function (c: Coroutine) {
  const e = c.cr;
  delete c.cr;
  end(c, 3, e);
};

/**
 * Step `c` until it parks or ends. An await of something already done
 * (a value, a finished coroutine, a channel with data) continues at once,
 * without a trip through the queue, as a Rust future that is Ready does.
 */
const drive = function (c: Coroutine) {
  let op = step(c);
  while (op[0] === 4 && park(c, op[1])) op = step(c);
  if (op[0] !== 4) end(c, op[0] === 2 ? 2 : 3, op[1]);
};

/** Start a freshly called async function now, as JavaScript does, up to its first await. */
export const start = function (c: Coroutine) {
  if (currentTask !== undefined) c.q = currentTask;
  drive(c);
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
 * `c` awaits `x`: park it where `x` will wake it. Returns true when `c` can
 * go on at once (its resume value is set), false when it waits.
 * Coop's own awaitables are the hot path, first and short (Espruino reads
 * every character it passes); everything else is in `parkOther`.
 */
export const park = function (c: Coroutine, x: any): boolean {
  if (c.cr === undefined && x != null && x._p !== undefined) {
    c.st = 1;
    c.r = x;
    parking = c;
    wokeWhileParking = false;
    try {
      (x as Waitable<any>)._p(c);
    } catch (e) {
      // An awaitable that fails to park throws at the await.
      c.st = 0;
      c.v = e;
      c.x = 1;
      wokeWhileParking = true;
    }
    parking = undefined;
    return wokeWhileParking;
  }
  return parkOther(c, x);
};

/** Awaiting a coroutine, a Promise or a plain value, or reaching an await after being cancelled. */
const parkOther = function (c: Coroutine, x: any): boolean {
  if (c.cr !== undefined) {
    // Cancelled while it ran: the await it reached throws instead.
    c.v = c.cr;
    c.x = 1;
    delete c.cr;
    return true;
  }
  if (x instanceof Frame) {
    const other = x as Coroutine;
    if (other.st === 2 || other.st === 3) {
      c.v = other.r;
      if (other.st === 3) {
        c.x = 1;
        other.h = 1;
      }
      return true;
    }
    c.st = 1;
    c.r = other;
    addWaiter(other, c);
    return false;
  }
  if (isThenable(x)) {
    // A Promise or other thenable: the only path that goes through Promise jobs.
    c.st = 1;
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
  return [2, f.sent()];
};

/** The coroutine's body returned (st 2) or threw (st 3). */
const end = function (c: Coroutine, st: number, value: any) {
  if (st === 2 && value !== null && typeof value === 'object' && (value instanceof Frame || isThenable(value))) {
    // `return promise` in an async function resolves to the promise's result.
    c.b = adopt;
    c.label = 0;
    if (park(c, value)) schedule(c);
    return;
  }
  delete c.b;
  delete c.s;
  delete c.t;
  delete c.o;
  delete c.q;
  if (c.nm !== undefined) hooks.taskEnded(c, st, value);
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
export const settle = function (c: Coroutine, st: number, value: any) {
  c.st = st;
  c.r = value;
  const w = c.w;
  if (w === undefined) {
    // Tasks report their own failures (task.ts), by name.
    if (st === 3 && c.h === undefined && c.nm === undefined) unhandledLater(c);
    return;
  }
  delete c.w;
  if (st === 3) c.h = 1;
  if (Array.isArray(w)) {
    for (let i = 0; i < w.length; i++) w[i]._k(value, st === 3);
  } else {
    w._k(value, st === 3);
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
  if (c.st !== 1) {
    if (c.cr === undefined) c.cr = e;
    return;
  }
  const r = c.r;
  if (typeof r === 'number') {
    timerRemove(c);
  } else if (r instanceof Frame) {
    const callee = r as Coroutine;
    if (callee.nm === undefined && callee.w === c) {
      // It awaits its own callee: cancel inward; the error comes back out through it.
      interrupt(callee, e);
      return;
    }
    removeWaiter(callee, c);
  } else if (r !== undefined && typeof r._u === 'function') {
    r._u(c);
  }
  c._k(e, 1);
};

/** Wake a parked coroutine: queue it with its resume value. */
(Frame.prototype as Coroutine)._k = function (this: Coroutine, v?: any, err?: any) {
  // Plain stores, not deletes: a ready coroutine parks again soon and needs them.
  this.st = 0;
  this.r = undefined;
  if (v !== undefined) this.v = v;
  if (err) this.x = 1;
  if (this === parking) {
    // Woken while parking: park() lets it go on.
    parking = undefined;
    wokeWhileParking = true;
    return;
  }
  if (tail !== undefined) tail.n = this;
  else head = this;
  tail = this;
  if (!running) enter();
};

/** Cancel a task or coroutine: its children go first, then `Cancelled` is thrown at its await. */
export const cancel = function (c: Coroutine) {
  if (c.st === 2 || c.st === 3) return;
  const kids = c.k;
  if (kids !== undefined) {
    const copy = kids.slice();
    for (let i = 0; i < copy.length; i++) cancel(copy[i]);
  }
  if (c.st === 4) return;
  interrupt(c, new Cancelled(c.nm !== undefined ? "task '" + c.nm + "' was cancelled" : 'cancelled'));
};

/** Coroutines and tasks are thenables, so Promise code can await them too. */
(Frame.prototype as Coroutine).then = function (this: Coroutine, ok?: any, fail?: any) {
  const c = this;
  return new Promise(function (resolve, reject) {
    if (c.st === 2) resolve(c.r);
    else if (c.st === 3) {
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
