import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Coop's task API written over Node's native async/await, on a virtual
 * clock: the reference a differential test compares compiled firmware
 * against. It means what Coop's docs say (docs/task-model.md), nothing more:
 *
 * - `spawn(fn, { name })` starts `fn` as a child of the running task (or at
 *   top level) on the next turn; the task's result waits for its children;
 *   a child's error cancels its siblings and becomes the parent's; a
 *   top-level task's error nobody awaited is printed once, by name.
 * - `sleep(ms)` ends `ms` virtual milliseconds after it was called;
 *   `yieldNow()` lets what is ready run first.
 * - `cancel()` cancels the children first, then throws `Cancelled` at the
 *   task's await (at its next await if it is running), once: a task already
 *   cancelled is not interrupted again (its children spawned since are).
 * - `select`/`race` wait for the first item (the others are cancelled),
 *   `join`/`all` for every item (the first error cancels the rest),
 *   `withTimeout(ms, x)` is a select of `x` and a sleep.
 *
 * Only awaits of these primitives (and of async functions that reach them)
 * can be interrupted here; programs cancel nothing else.
 */
export interface Reference {
  /** The globals a program sees: Coop's API, `print` and `console`. */
  api: Record<string, unknown>;
  /** What was printed, one entry per line. */
  lines: string[];
  /** Run until nothing is left to do or `untilMs` of virtual time. */
  runFor(untilMs: number): Promise<void>;
}

class Cancelled extends Error { constructor(m: string) { super(m); } }
Cancelled.prototype.name = 'Cancelled';
class TimeoutError extends Error { constructor(m: string) { super(m); } }
TimeoutError.prototype.name = 'TimeoutError';

interface NativeTask {
  name: string;
  parent?: NativeTask;
  kids: Set<NativeTask>;
  /** How to throw into the awaits it is parked on now (a select's own, and the sleeps inside it). */
  interrupts: Set<(e: unknown) => void>;
  /** A cancellation for its next await. */
  pendingCancel?: unknown;
  /** A cancellation was aimed at it: later ones pass it by (each task is cancelled once). */
  cancelled?: boolean;
  /** First error of a failed child. */
  childError?: unknown;
  done: boolean;
  ended: Promise<void>;
  endedResolve(): void;
  result: { ok: true; value: unknown } | { ok: false; error: unknown } | undefined;
  /** Someone awaits (or awaited) it. */
  seen: boolean;
  handle: Record<string, unknown>;
}

export function createReference(): Reference {
  const lines: string[] = [];
  const als = new AsyncLocalStorage<NativeTask | undefined>();
  let now = 0;
  let seq = 0;
  type Timer = { at: number; seq: number; fire: () => void; dead?: boolean };
  const timers: Timer[] = [];

  const text = (v: unknown): string => {
    if (typeof v === 'string') return v;
    if (v instanceof Error) return String(v);
    if (Array.isArray(v)) return v.map(text).join(',');
    return String(v);
  };
  const print = (...args: unknown[]) => { lines.push(args.map(text).join(' ')); };

  const current = () => als.getStore();

  const addTimer = (ms: number, fire: () => void) => {
    const t: Timer = { at: now + ms, seq: seq++, fire };
    timers.push(t);
    return t;
  };

  /** Await `p` as the running task does: a cancellation can interrupt it. */
  const interruptible = <T>(make: (onCancel: (undo: () => void) => void) => Promise<T>, ready?: () => boolean): Promise<T> => {
    const task = current();
    if (task && task.pendingCancel !== undefined) {
      const e = task.pendingCancel;
      task.pendingCancel = undefined;
      return Promise.reject(e);
    }
    let undo = () => {};
    const inner = make((u) => { undo = u; });
    if (!task) return inner;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const interrupt = (e: unknown) => {
        if (settled) return;
        if (ready && ready()) {
          // What it awaits has already finished (Coop has woken it with that): the result goes
          // through, the cancellation waits for the next await.
          if (task.pendingCancel === undefined) task.pendingCancel = e;
          return;
        }
        settled = true;
        task.interrupts.delete(interrupt);
        undo();
        reject(e);
      };
      task.interrupts.add(interrupt);
      inner.then(
        (v) => { if (!settled) { settled = true; task.interrupts.delete(interrupt); resolve(v); } },
        (e) => { if (!settled) { settled = true; task.interrupts.delete(interrupt); reject(e); } },
      );
    });
  };

  const sleep = (ms: number) => {
    const at = now + ms;
    return { then: (ok: any, fail: any) => interruptible<void>((onCancel) => new Promise<void>((r) => {
      const t = addTimer(Math.max(0, at - now), r);
      onCancel(() => { t.dead = true; });
    })).then(ok, fail) };
  };
  const yieldNow = () => sleep(0);

  const cancelTask = (t: NativeTask) => {
    if (t.done) return;
    for (const k of [...t.kids]) cancelTask(k);
    // Delivered once: a finally that awaits is not interrupted by a second cancel.
    if (t.cancelled) return;
    t.cancelled = true;
    const e = new Cancelled(`task '${t.name}' was cancelled`);
    if (t.interrupts.size > 0) for (const interrupt of [...t.interrupts]) interrupt(e);
    else if (t.pendingCancel === undefined) t.pendingCancel = e;
  };

  const report = (what: string, e: unknown) => {
    const err = e as any;
    print('coop: ' + what, err && err.message !== undefined ? (err.name || 'Error') + ': ' + err.message : e);
  };

  const spawn = (fn: () => unknown, options?: { name?: string }) => {
    const parent = current();
    let endedResolve!: () => void;
    const ended = new Promise<void>((r) => { endedResolve = r; });
    const task: NativeTask = {
      name: options?.name || 'task', parent, kids: new Set(), interrupts: new Set(), done: false, ended, endedResolve, result: undefined, seen: false,
      handle: {},
    };
    if (parent && !parent.done) parent.kids.add(task);
    const handle = task.handle;
    Object.defineProperty(handle, 'name', { get: () => task.name });
    Object.defineProperty(handle, 'done', { get: () => task.done });
    handle.cancel = () => cancelTask(task);
    (handle as any).then = (ok: any, fail: any) => {
      task.seen = true;
      return interruptible((_onCancel) => task.ended.then(() => {
        if (task.result!.ok) return task.result!.value;
        throw task.result!.error;
      }), () => task.done).then(ok, fail);
    };
    (handle as any).__task = task;
    const finish = (result: NativeTask['result']) => {
      task.done = true;
      task.result = result;
      if (parent) parent.kids.delete(task);
      if (!result!.ok && !(result!.error instanceof Cancelled)) {
        if (!parent || parent.done) {
          // Reported after this turn, if nobody awaited it by then.
          Promise.resolve().then(() => { if (!task.seen) report(`task '${task.name}' failed:`, result!.error); });
        } else if (parent.childError === undefined) {
          parent.childError = result!.error;
          cancelTask(parent);
        }
      }
      task.endedResolve();
    };
    Promise.resolve().then(() => als.run(task, async () => {
      let result: NativeTask['result'];
      if (task.pendingCancel !== undefined) {
        result = { ok: false, error: task.pendingCancel };
      } else {
        try {
          result = { ok: true, value: await fn() };
        } catch (e) {
          result = { ok: false, error: e };
        }
      }
      if (task.kids.size > 0) {
        if (!result.ok) for (const k of [...task.kids]) cancelTask(k);
        while (task.kids.size > 0) await [...task.kids][0].ended;
      }
      if (task.childError !== undefined) result = { ok: false, error: task.childError };
      finish(result);
    }));
    return handle;
  };

  const taskOf = (x: any): NativeTask | undefined => (x && x.__task) || undefined;
  /** An item of select/all as a promise: a task's result without another interruptible await of the waiting task. */
  const settled = (x: any): PromiseLike<any> => {
    const t = taskOf(x);
    if (!t) return Promise.resolve(x);
    t.seen = true;
    return t.ended.then(() => { if (t.result!.ok) return t.result!.value; throw t.result!.error; });
  };

  const select = (...items: any[]) => interruptible<any>((onCancel) => new Promise((resolve, reject) => {
    let over = false;
    const losers = (winner: number) => items.forEach((it, i) => { if (i !== winner && taskOf(it)) cancelTask(taskOf(it)!); });
    onCancel(() => { over = true; losers(-1); });
    items.forEach((it, i) => {
      settled(it).then(
        (v: any) => { if (!over) { over = true; losers(i); resolve({ index: i, value: v }); } },
        (e: any) => { if (!over) { over = true; losers(i); reject(e); } },
      );
    });
  }));
  const all = (items: any[]) => interruptible<any[]>((onCancel) => new Promise((resolve, reject) => {
    let over = false;
    const cancelRest = () => items.forEach((it) => { if (taskOf(it)) cancelTask(taskOf(it)!); });
    onCancel(() => { over = true; cancelRest(); });
    const res: any[] = [];
    let left = items.length;
    if (left === 0) resolve(res);
    items.forEach((it, i) => {
      settled(it).then(
        (v: any) => { res[i] = v; if (!over && --left === 0) { over = true; resolve(res); } },
        (e: any) => { if (!over) { over = true; cancelRest(); reject(e); } },
      );
    });
  }), () => items.some((it) => { const t = taskOf(it); return t !== undefined && t.done && !t.result!.ok; }));
  const withTimeout = async (ms: number, x: any) => {
    const r = await select(x, sleep(ms));
    if (r.index === 1) throw new TimeoutError('timed out after ' + ms + ' ms');
    return r.value;
  };

  const api = {
    print, console: { log: print },
    sleep, yieldNow, spawn, run: (fn: () => unknown) => spawn(fn, { name: 'main' }),
    now: () => now, select, race: async (...items: any[]) => (await select(...items)).value, join: (...items: any[]) => all(items), all, withTimeout,
    Cancelled, TimeoutError, isCancelled: (e: unknown) => e instanceof Cancelled,
  };

  const settle = () => new Promise<void>((r) => setImmediate(r));
  const runFor = async (untilMs: number) => {
    await settle();
    for (;;) {
      const live = timers.filter((t) => !t.dead);
      if (live.length === 0) break;
      live.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = live[0];
      if (next.at > untilMs) break;
      timers.splice(timers.indexOf(next), 1);
      now = Math.max(now, next.at);
      next.fire();
      await settle();
    }
  };
  return { api, lines, runFor };
}
