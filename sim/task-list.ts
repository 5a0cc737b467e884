/**
 * The firmware's task list as its own `tasks()` (firmware/debug.ts) sees it,
 * read from the outside, for `coop sim --ui`. The simulator may not import
 * the firmware, and the bundle keeps its task tree in a closure (the list of
 * top-level tasks, `root = { k: [...] }` in firmware/task.ts), so this finds
 * that object among the variables of the bundle's functions (V8's inspector,
 * closure-scopes.ts) and reads the same fields tasks() reads:
 *
 *     task  name, st (state: 1 parked, 4 joining; none while asleep on the timer), r (what it is parked on:
 *           a number is a deadline, so it sleeps), k (children), a (spawn time, s)
 *
 * Nothing is added to the bundle: the board runs exactly what the page shows.
 * Ages need spawn times, which a bundle records only when it lists tasks
 * itself (firmware/debug.ts); otherwise `age` is null.
 */
import { closureScopes } from './closure-scopes.js';
import type { BoardServices } from './host.js';
import type { Timers } from './globals/timers.js';
import type { Watches } from './globals/watches.js';

/** What the task list reads of the board: the realm, and the timers' and watches' callbacks (where tasks are found). */
export type TaskListHost = Pick<BoardServices, 'clock' | 'realm'> & { readonly timers: Pick<Timers, 'ids'>; readonly watches: Pick<Watches, 'ids'> };

/** One task: name, state ('ready' | 'sleeping' | 'waiting' | 'joining'), what it waits on, age (s), depth (0 = top level). */
export interface TaskRow {
  name: string;
  state: string;
  waitingOn?: string;
  age: number | null;
  depth: number;
}

/** Coroutine states the list tells apart (firmware/runtime/states.ts). */
const enum State {
  Parked = 1,
  Joining = 4,
}

type Coroutine = { name?: string; st?: number; r?: unknown; k?: Coroutine[]; a?: number };

const roots = new WeakMap<object, { k: Coroutine[] }>();

/** Is `v` the firmware's root task list? An object whose only field is `k`, a list of tasks. */
function isRoot(v: unknown): v is { k: Coroutine[] } {
  if (typeof v !== 'object' || v === null) return false;
  const keys = Object.keys(v);
  if (keys.length !== 1 || keys[0] !== 'k') return false;
  const k = (v as { k: unknown }).k;
  if (!Array.isArray(k)) return false;
  return k.every((c) => typeof c === 'object' && c !== null && 'st' in c);
}

/** The root task list of the running bundle, found once per board boot; null when the bundle has none (no tasks). */
function findRoot(h: TaskListHost): { k: Coroutine[] } | null {
  const realm = h.realm as unknown as object;
  const known = roots.get(realm);
  if (known) return known;
  const fns: Function[] = [];
  for (const t of h.timers.ids.values()) fns.push(t.fn as Function);
  for (const w of h.watches.ids.values()) fns.push(w.fn as Function);
  const g = h.realm.global as Record<string, unknown>;
  for (const name of Object.keys(g)) if (typeof g[name] === 'function') fns.push(g[name] as Function);
  for (const fn of fns.slice(0, 64)) {
    if (typeof fn !== 'function') continue;
    for (const scope of closureScopes(fn)) {
      for (const [, v] of scope.vars) {
        if (isRoot(v) && (v.k.length > 0 || scopeHasTasks(scope.vars))) {
          roots.set(realm, v);
          return v;
        }
      }
    }
  }
  return null;
}

/** A scope that holds a root with no tasks yet: tell it from any `{ k: [] }` by a neighbour that is a task runtime's function. */
function scopeHasTasks(vars: [string, unknown][]): boolean {
  return vars.some(([, v]) => typeof v === 'function' && /\.k\.push\(/.test(Function.prototype.toString.call(v)));
}

/** What a parked task waits on, following awaited async functions down (as firmware/debug.ts describe does). */
function describe(c: Coroutine): { state: string; waitingOn?: string } {
  if (c.st === State.Joining) return { state: 'joining' };
  // Parked: State.Parked, or asleep on the timer with no `st` and its deadline in `r` (firmware/executor.ts, Coroutine.st).
  if (c.st !== State.Parked && typeof c.r !== 'number') return { state: 'ready' };
  let r = c.r as Coroutine | undefined;
  const isFrame = (x: unknown): x is Coroutine => typeof x === 'object' && x !== null && typeof (x as { sent?: unknown }).sent === 'function';
  while (isFrame(r) && r.name === undefined && (r.st === State.Parked || typeof r.r === 'number')) r = r.r as Coroutine | undefined;
  if (typeof r === 'number') return { state: 'sleeping', waitingOn: `until ${r} ms` };
  if (isFrame(r)) return { state: 'waiting', waitingOn: r.name !== undefined ? `task ${r.name}` : 'async function' };
  const o = r as { _n?: string; then?: unknown; _p?: unknown } | undefined;
  return { state: 'waiting', waitingOn: o && o._n ? o._n : o && typeof o.then === 'function' && !o._p ? 'Promise' : 'something' };
}

/**
 * Every live task, parents before children; [] when there are none; null
 * when the bundle holds no task list that can be found.
 */
export function tasksOf(h: TaskListHost): TaskRow[] | null {
  const root = findRoot(h);
  if (!root) return null;
  const now = Math.floor(h.clock.us / 1e6);
  const out: TaskRow[] = [];
  const walk = (list: Coroutine[], depth: number) => {
    for (const c of list) {
      const d = describe(c);
      out.push({ name: String(c.name), state: d.state, waitingOn: d.waitingOn, age: typeof c.a === 'number' ? now - c.a : null, depth });
      if (c.k) walk(c.k, depth + 1);
    }
  };
  walk(root.k, 0);
  return out;
}
