/**
 * How `select` and `join` wait on several things at once: one small waiter
 * ("branch") per item, parked on the item the way a coroutine would be.
 */
import { addWaiter, cancel, enter, removeWaiter, type Coroutine, type Waiter } from './executor.js';
import { Frame } from './runtime/state-machine.js';
import { State } from './runtime/states.js';

export interface Branch extends Waiter {
  /** Index of the item it waits on. */
  i: number;
  /** The select or join it belongs to. */
  s: Group;
  /** Set once the branch is detached; late Promise callbacks check it. */
  dead?: 1;
}

/** What select and join have in common: items, one branch each, and the waiter. */
export interface Group {
  items: any[];
  bs?: Branch[];
  w?: Waiter;
}

/**
 * Park a branch on each item, in order, with `done` as its wake-up. Stops
 * early when an item finishes the group at once (its `w` is gone).
 */
export const attachAll = function (g: Group, w: Waiter, done: Branch['_k']) {
  g.w = w;
  const bs: Branch[] = (g.bs = []);
  for (let i = 0; i < g.items.length && g.w !== undefined; i++) {
    const b: Branch = { i: i, s: g, _k: done };
    bs.push(b);
    attach(g.items[i], b);
  }
};

/**
 * Detach every branch but `keep` (-1 for none). Items never attached (after
 * one that finished the group at once) are cancelled too, if they are tasks.
 */
export const detachAllBut = function (g: Group, keep: number, done: Branch['_k']) {
  const bs = g.bs!;
  for (let i = 0; i < g.items.length; i++) {
    if (i === keep) continue;
    if (i >= bs.length) detach(g.items[i], { i: i, s: g, _k: done });
    else if (bs[i].dead === undefined) detach(g.items[i], bs[i]);
  }
};

/** Park `b` on `item`: a coroutine/task, a Coop awaitable, a Promise, or a plain value. */
export const attach = function (item: any, b: Branch) {
  if (item instanceof Frame) {
    const c = item as Coroutine;
    if (c.st === State.Returned || c.st === State.Threw) {
      if (c.st === State.Threw) c.h = 1;
      b._k(c.r, c.st === State.Threw);
    } else {
      addWaiter(c, b);
    }
  } else if (item !== null && typeof item === 'object' && typeof item._p === 'function') {
    item._p(b);
  } else if (item !== null && (typeof item === 'object' || typeof item === 'function') && typeof item.then === 'function') {
    item.then(
      function (v: any) { if (b.dead === undefined) enter(function () { b._k(v); }); },
      function (e: any) { if (b.dead === undefined) enter(function () { b._k(e, 1); }); },
    );
  } else {
    b._k(item);
  }
};

/** Take `b` off `item`; a coroutine or task that was still running is cancelled. */
export const detach = function (item: any, b: Branch) {
  b.dead = 1;
  if (item instanceof Frame) {
    const c = item as Coroutine;
    removeWaiter(c, b);
    cancel(c);
  } else if (item !== null && typeof item === 'object' && typeof item._u === 'function') {
    item._u(b);
  }
};
