/** `join`/`all`: wait for all of several; if one throws, the rest are cancelled. */
import type { Waitable, Waiter } from './executor.js';
import { attach, detach, type Branch } from './branch.js';
import { waitableThen, type Future } from './future.js';

interface Join extends Waitable<any[]> {
  items: any[];
  bs?: Branch[];
  w?: Waiter;
  /** Results so far, and how many are still running. */
  res?: any[];
  left?: number;
}

const Join = function (this: Join, items: any[]) {
  this.items = items;
} as unknown as { new (items: any[]): Join; prototype: Join };

Join.prototype._p = function (this: Join, w: Waiter) {
  const self = this;
  self.w = w;
  self.res = [];
  self.left = self.items.length;
  const bs: Branch[] = (self.bs = []);
  if (self.left === 0) return w._k(self.res);
  for (let i = 0; i < self.items.length && self.w !== undefined; i++) {
    const b: Branch = { i: i, _k: branchDone };
    (b as any).s = self;
    bs.push(b);
    attach(self.items[i], b);
  }
};

const branchDone = function (this: Branch, v: any, err: any) {
  const s: Join = (this as any).s;
  const w = s.w;
  if (w === undefined || this.dead !== undefined) return;
  this.dead = 1;
  if (err) {
    delete s.w;
    stopAll(s);
    w._k(v, 1);
    return;
  }
  s.res![this.i] = v;
  if (--s.left! === 0) {
    delete s.w;
    w._k(s.res);
  }
};

const stopAll = function (s: Join) {
  const bs = s.bs!;
  for (let i = 0; i < s.items.length; i++) {
    if (i >= bs.length) detach(s.items[i], { i: i, _k: branchDone });
    else if (bs[i].dead === undefined) detach(s.items[i], bs[i]);
  }
};

Join.prototype._u = function (this: Join, _w: Waiter) {
  delete this.w;
  stopAll(this);
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
