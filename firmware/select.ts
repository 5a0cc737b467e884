/** `select`/`race`: wait for the first of several; the others are cancelled. */
import type { Waitable, Waiter } from './executor.js';
import { attachAll, detachAllBut, type Branch, type Group } from './branch.js';
import { waitableThen, type Future } from './future.js';

/** Which item finished first, and its value. */
export interface Selected<T> {
  index: number;
  value: T;
}

interface Select extends Waitable<Selected<any>>, Group {}

const Select = function (this: Select, items: any[]) {
  this.items = items;
} as unknown as { new (items: any[]): Select; prototype: Select };

Select.prototype._p = function (this: Select, w: Waiter) {
  attachAll(this, w, branchDone);
};

const branchDone = function (this: Branch, v: any, err: any) {
  const s = this.s;
  const w = s.w;
  if (w === undefined || this.dead !== undefined) return;
  delete s.w;
  this.dead = 1;
  detachAllBut(s, this.i, branchDone);
  w._k(err ? v : { index: this.i, value: v }, err);
};

Select.prototype._u = function (this: Select, _w: Waiter) {
  // The task awaiting the select was cancelled: every branch loses.
  delete this.w;
  detachAllBut(this, -1, branchDone);
};
Select.prototype.then = waitableThen;
Select.prototype._n = 'select';

/** Each item of a select: its index and value, so `r.index === 1` narrows `r.value`. */
type Result<T extends readonly unknown[]> = { [K in keyof T]: { index: K extends `${infer N extends number}` ? N : number; value: Awaited<T[K]> } }[number];

/**
 * Wait for whichever item finishes first — tasks, coroutines, Coop
 * awaitables (sleep, channel operations) or Promises — and cancel the rest.
 * An item that throws first makes select throw.
 */
export const select = function <T extends readonly unknown[]>(...items: T): Future<Result<T>> {
  if (items.length === 0) throw new Error('select() needs at least one thing to wait for');
  return new Select(items as unknown as any[]) as unknown as Future<Result<T>>;
};

/** Like select, but gives just the winner's value. */
export const race = async function <T extends readonly unknown[]>(...items: T): Promise<Awaited<T[number]>> {
  const r = await new Select(items as unknown as any[]);
  return r.value;
};
