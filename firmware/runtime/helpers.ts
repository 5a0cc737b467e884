/**
 * Coop's replacement for `tslib`: the helpers TypeScript's ES5 output calls.
 * The build aliases `tslib` to this module, so every bundle uses these.
 *
 * Written for Espruino: every helper is a `const` function expression, so
 * nothing is called before it exists (Espruino does not hoist), and nothing
 * reaches for Symbol, Map or property descriptors it lacks. Calls into the
 * executor are marked NOINLINE: terser would otherwise inline them as
 * closures that Espruino rebuilds on every async call (docs/speed.md).
 */
import { park, start, type Coroutine } from '../executor.js';
import { claimSpawn } from '../task.js';
import { Frame } from './state-machine.js';

/** `__generator(this, body)`: the compiled body becomes a resumable frame. */
export const __generator = function (self: any, body: (this: any, f: Frame) => any[]): Frame {
  // Bodies the build did not rewrite still read `this`: give them theirs.
  return new Frame(self, self === undefined ? body : function (f: Frame) { return body.call(self, f); });
};

/**
 * `__awaiter(this, arguments, P, fn)`: an async function was called. Its
 * frame is the coroutine; it runs now up to its first await (as in
 * JavaScript), unless `spawn` is calling it, in which case it becomes a
 * task and starts on the executor's next turn.
 */
export const __awaiter = function (self: any, _args: any, _P: any, fn: () => Frame): Coroutine {
  const c = fn.call(self) as Coroutine;
  if (!/*@__NOINLINE__*/ claimSpawn(c)) /*@__NOINLINE__*/ start(c);
  return c;
};

/**
 * `__async(this, body)`: the same as `__awaiter(this, …, function () {
 * return __generator(this, body) })`, one closure level shallower. The build
 * rewrites TypeScript's output to call this (toolchain/flatten-async.ts), so
 * a sleeping task keeps one scope fewer alive.
 */
export const __async = function (self: any, body: (this: any, f: Frame) => any[]): Coroutine {
  const c = new Frame(self, body) as Coroutine;
  if (!/*@__NOINLINE__*/ claimSpawn(c)) /*@__NOINLINE__*/ start(c);
  return c;
};

/**
 * `__frame` + `__go`: the same in two steps, for a state machine shared by
 * every call (toolchain/share-async-bodies.ts): the call's parameters are
 * copied onto the frame in between.
 */
export const __frame = function (self: any, body: (this: any, f: Frame) => any[]): Coroutine {
  return new Frame(self, body) as Coroutine;
};
export const __go = function (c: Coroutine): Coroutine {
  if (!/*@__NOINLINE__*/ claimSpawn(c)) /*@__NOINLINE__*/ start(c);
  return c;
};

/**
 * `__park(f, x, next)`: what the build compiles `await x` to inside a body
 * (toolchain/inline-awaits.ts): park the frame on `x`, to resume at label
 * `next`. False when it can go on at once, in the same body call.
 */
export const __park = park;

/** Class inheritance (`class A extends B`). */
export const __extends = function (d: any, b: any) {
  if (typeof b !== 'function' && b !== null) {
    throw new TypeError('Class extends value ' + String(b) + ' is not a constructor or null');
  }
  for (const p in b) if (Object.prototype.hasOwnProperty.call(b, p)) d[p] = b[p];
  const F = function (this: any) { this.constructor = d; } as any;
  F.prototype = b === null ? null : b.prototype;
  d.prototype = b === null ? Object.create(b) : new F();
};

/** Object spread (`{ ...a, b: 1 }`). */
export const __assign = function (target: any) {
  for (let i = 1; i < arguments.length; i++) {
    const s = arguments[i];
    for (const p in s) if (Object.prototype.hasOwnProperty.call(s, p)) target[p] = s[p];
  }
  return target;
};

/** Object rest (`const { a, ...rest } = o`). */
export const __rest = function (s: any, e: string[]) {
  const t: any = {};
  for (const p in s) {
    if (Object.prototype.hasOwnProperty.call(s, p) && e.indexOf(p) < 0) t[p] = s[p];
  }
  return t;
};

/**
 * Array spread (`[...a, ...b]`, `f(...args)`), arrays and array-likes only.
 * A function declaration, not a const: TypeScript checks this helper's
 * parameter count from its declaration (the build hoists declarations).
 */
export function __spreadArray(to: any[], from: any[], _pack?: boolean): any[] {
  for (let i = 0; i < from.length; i++) to.push(from[i]);
  return to;
}

/** Tagged template literals. */
export const __makeTemplateObject = function (cooked: string[], raw: string[]) {
  (cooked as any).raw = raw;
  return cooked;
};
