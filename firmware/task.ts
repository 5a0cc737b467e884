/**
 * Tasks: named coroutines in a tree. A task's children never outlive it:
 * its result waits for them, cancelling it cancels them, and a child's error
 * cancels its siblings and becomes the parent's error. Top-level tasks are
 * isolated from each other: one failing is reported once, by name, and the
 * others go on.
 */
import { cancel, enter, hooks, schedule, settle, soon, start, task as runningTask, type Coroutine } from './executor.js';
import { isCancelled } from './errors.js';
import { Frame } from './runtime/state-machine.js';
import { Op, State } from './runtime/states.js';

/** A running task, as `spawn` returns it. `await` it for its result (or error). */
export interface Task<T = unknown> extends PromiseLike<T> {
  /** The name given to spawn, used in every error and listing. */
  readonly name: string;
  /** True once it has finished, however it finished. */
  readonly done: boolean;
  /** Stop it: its children are cancelled, then `Cancelled` is thrown at its await (finally blocks run). */
  cancel(): void;
}

export interface SpawnOptions {
  /** Shown in errors and in `tasks()`. Default 'task'. */
  name?: string;
}

/** The invisible parent of every top-level task. */
export const root: { k: Coroutine[] } = { k: [] };

/**
 * Set while a task's first step calls its function: the coroutine that call
 * makes is not started (`claimSpawn`) but becomes the task's own state.
 * undefined: no such call is running; null: one is, nothing claimed yet; a
 * coroutine: the one claimed.
 */
let spawning: Coroutine | null | undefined;

/** For the helpers: if a task's function is being called, `c` is not started; `firstStep` takes it. */
export const claimSpawn = function (c: Coroutine): boolean {
  if (spawning !== null) return false;
  spawning = c;
  return true;
};

/**
 * Start `fn` as a task, a child of the task that calls spawn (or top-level).
 * It starts on the executor's next turn, not inside this call: `fn` itself
 * is called then, as the task's first step.
 */
export const spawn = function <T>(fn: () => PromiseLike<T> | T, options?: SpawnOptions): Task<T> {
  const t = new Frame(undefined, firstStep as (f: Frame) => any[]) as Coroutine;
  // Until the first step, `v` holds the function (a frame's resume value, unused before it runs).
  t.v = fn;
  adoptAsTask(t, options || {});
  soon();
  return t as unknown as Task<T>;
};

/**
 * A task's first step: call its function. An async function's coroutine
 * (claimed before it ran) becomes the task itself: its body, label, `this`
 * and parameters move onto the task's frame and the body runs now, so a task
 * costs one frame. Anything else is awaited: a plain function's value or
 * Promise is the task's result.
 */
const firstStep = function (f: Coroutine) {
  const fn = f.v;
  delete f.v;
  // Running now: a cancel from here on is thrown at its next await (Queued would mean "never ran").
  f.st = State.Ready;
  spawning = null;
  let result: any;
  let claimed: Coroutine | null | undefined;
  try {
    result = fn();
  } finally {
    claimed = spawning;
    spawning = undefined;
  }
  if (claimed && claimed === result) {
    const keys = Object.keys(claimed);
    for (let i = 0; i < keys.length; i++) (f as any)[keys[i]] = (claimed as any)[keys[i]];
    return f.b!(f);
  }
  // fn called an async function and returned something else: that call runs as a plain coroutine.
  if (claimed) /*@__NOINLINE__*/ start(claimed);
  f.b = awaitValue;
  f.v = result;
  return awaitValue(f);
};

/** Body of a task made around a plain value or Promise. */
const awaitValue = function (f: Frame) {
  // f.v, not f.sent(): errors are thrown in by the executor's loop, never through the body.
  if (f.label === 0) return [Op.Yield, f.v];
  return [Op.Return, f.v];
};

/**
 * Whether tasks record when they were spawned (`a`): only in a bundle that
 * lists tasks (debug.ts turns it on as it loads), since the field costs a
 * JsVar on every task and nothing else reads it.
 */
let stampSpawns = false;
export const recordSpawnTimes = function () {
  stampSpawns = true;
};

/** Make coroutine `c` the task described by `opts`: link it under its parent and queue it. */
const adoptAsTask = function (c: Coroutine, opts: SpawnOptions) {
  c.name = opts.name || 'task';
  if (stampSpawns) c.a = Math.floor(getTime());
  const parent = runningTask();
  if (parent !== undefined && parent.st !== State.Returned && parent.st !== State.Threw) {
    c.p = parent;
    (parent.k || (parent.k = [])).push(c);
  } else {
    root.k.push(c);
  }
  // Queued, never run: cancelling it now ends it without starting its body.
  c.st = State.Queued;
  schedule(c);
};

/** `run(main)`: start the application's main task. */
export const run = function <T>(main: () => PromiseLike<T> | T): Task<T> {
  return spawn(main, { name: 'main' });
};

hooks.taskEnded = function (t: Coroutine, st: State, value: any) {
  if (t.fe !== undefined) {
    st = State.Threw;
    value = t.fe;
  }
  const kids = t.k;
  if (kids !== undefined && kids.length > 0) {
    // The body is done; the task is not, until its children are.
    t.st = State.Joining;
    t.js = st;
    t.r = value;
    if (st === State.Threw) cancel(t);
    return;
  }
  finish(t, st, value);
};

const finish = function (t: Coroutine, st: State, value: any) {
  delete t.k;
  const parent = t.p;
  const siblings = parent !== undefined ? parent.k! : root.k;
  const i = siblings.indexOf(t);
  if (i >= 0) siblings.splice(i, 1);
  const seen = t.w !== undefined;
  settle(t, st, value);
  if (st === State.Threw && !isCancelled(value)) {
    if (parent === undefined) {
      if (!seen) report("task '" + t.name + "' failed:", value);
    } else if (parent.fe === undefined && parent.st !== State.Returned && parent.st !== State.Threw) {
      // A child's failure is its parent's: the siblings and the parent's body stop.
      parent.fe = value;
      cancel(parent);
    }
  }
  if (parent !== undefined && parent.st === State.Joining && parent.k!.length === 0) {
    // Its body ended before this child: a child's failure since then is the parent's result.
    if (parent.fe !== undefined) finish(parent, State.Threw, parent.fe);
    else finish(parent, parent.js!, parent.r);
  }
};

hooks.unhandled = function (c: Coroutine, e: any) {
  if (!isCancelled(e)) report('unhandled error in async function:', e);
};

hooks.hog = function (t: Coroutine | undefined, ms: number) {
  if (t === undefined || t.hg !== undefined) return;
  t.hg = 1;
  report("task '" + t.name + "' ran " + Math.round(ms) + ' ms without awaiting; other tasks were stalled (add an await in its loop)');
};

/** How Coop reports what no task caught: one line on the console. */
export const report = function (what: string, e?: any) {
  if (e === undefined) console.log('coop: ' + what);
  else console.log('coop: ' + what, e && e.message !== undefined ? (e.name || 'Error') + ': ' + e.message : e);
};

/** Give spawn'd coroutines their Task methods. */
Object.defineProperty(Frame.prototype, 'done', {
  get: function (this: Coroutine) { return this.st === State.Returned || this.st === State.Threw; },
});
(Frame.prototype as any).cancel = function (this: Coroutine) {
  const c = this;
  enter(function () { cancel(c); });
};
