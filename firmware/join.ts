/** `join`/`all`: wait for all of several; if one throws, the rest are cancelled. */
import type { Waitable, Waiter } from './executor.js';
import { attachAll, detachAllBut, type Branch, type Group } from './branch.js';
import { waitableThen, type Future } from './future.js';

interface Join extends Waitable<any[]>, Group {
  /** Results so far, and how many are still running. */
  res?: any[];
  left?: number;
}

const Join = function (this: Join, items: any[]) {
  this.items = items;
} as unknown as { new (items: any[]): Join; prototype: Join };

Join.prototype._p = function (this: Join, w: Waiter) {
  this.res = [];
  this.left = this.items.length;
  if (this.left === 0) return w._k(this.res);
  attachAll(this, w, branchDone);
};

const branchDone = function (this: Branch, v: any, err: any) {
  const s = this.s as Join;
  const w = s.w;
  if (w === undefined || this.dead !== undefined) return;
  this.dead = 1;
  if (err) {
    delete s.w;
    detachAllBut(s, -1, branchDone);
    w._k(v, 1);
    return;
  }
  s.res![this.i] = v;
  if (--s.left! === 0) {
    delete s.w;
    w._k(s.res);
  }
};

Join.prototype._u = function (this: Join, _w: Waiter) {
  delete this.w;
  detachAllBut(this, -1, branchDone);
};
Join.prototype.then = waitableThen;
Join.prototype._n = 'join';

/** Wait for every item; results in order. The first error cancels the others and is thrown. */
export const all = function <T>(items: readonly T[]): Future<Awaited<T>[]> {
  return new Join(items.slice()) as unknown as Future<Awaited<T>[]>;
};

/** `join(a, b, c)` is `all([a, b, c])`, typed per item. */
export const join = function <T extends readonly unknown[]>(...items: T): Future<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  return new Join(items as unknown as any[]) as unknown as Future<{ -readonly [K in keyof T]: Awaited<T[K]> }>;
};
