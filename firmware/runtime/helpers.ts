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
import { sleepPark } from '../timer-list.js';

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
export const __awaiter = function (self: any, args: any, _P: any, fn: (...params: any[]) => Frame): Coroutine {
  // TypeScript passes `arguments` when the async function has destructured or default
  // parameters: the middle function takes them.
  const c = (args ? fn.apply(self, args) : fn.call(self)) as Coroutine;
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

/**
 * `__sleep(f, ms, next)`: what the build compiles `await sleep(ms)` to, when
 * `sleep` is Coop's (toolchain/inline-awaits.ts): park on the timer in one
 * call, with no Sleep object (firmware/timer-list.ts, sleepPark).
 */
export const __sleep = sleepPark;

/** Error.prototype.toString as JavaScript defines it, for subclasses of Error (see __extends). */
const errorToString = function (this: any): string {
  const name = this.name === undefined ? 'Error' : String(this.name);
  const message = this.message === undefined ? '' : String(this.message);
  return name === '' ? message : message === '' ? name : name + ': ' + message;
};

/**
 * Whether class `b` is Error or of its kind. Each built-in is named: on Espruino (2v29)
 * `TypeError.prototype instanceof Error` is false, so a class extending TypeError would
 * otherwise lose its methods.
 */
const isErrorClass = function (b: any): boolean {
  if (b === Error || b === TypeError || b === SyntaxError || b === ReferenceError) return true;
  const p = b === null ? null : b.prototype;
  return p instanceof Error || p instanceof TypeError || p instanceof SyntaxError || p instanceof ReferenceError;
};

/** Class inheritance (`class A extends B`). */
export const __extends = function (d: any, b: any) {
  if (typeof b !== 'function' && b !== null) {
    throw new TypeError('Class extends value ' + String(b) + ' is not a constructor or null');
  }
  for (const p in b) if (Object.prototype.hasOwnProperty.call(b, p)) d[p] = b[p];
  const F = function (this: any) { this.constructor = d; } as any;
  F.prototype = b === null ? null : b.prototype;
  d.prototype = b === null ? Object.create(b) : new F();
  // Espruino's own Error toString answers "[object Object]" for an instance of a subclass (2v29).
  if (isErrorClass(b)) d.prototype.toString = errorToString;
};


/**
 * `_super.call(this, …) || this` in a class constructor, with the parent's
 * constructor `sup` and what it returned `r` (toolchain/builtin-subclass.ts):
 * a built-in parent (Error and its kind) called as a function returns a
 * fresh instance of its own, which becomes an instance of the subclass, as
 * `new Subclass()` makes it in JavaScript; `Object`'s fresh object is dropped
 * for `this`. Other built-ins (Array, typed arrays, Promise, String, Date, …)
 * cannot become a subclass on Espruino: the build refuses them
 * (toolchain/builtin-subclass.ts, refusedBuiltinParents).
 */
export const __superCall = function (sup: any, r: any, self: any) {
  // Object called as a function makes a fresh {}: the instance is `this`, as with `new`.
  if (sup === Object) return self;
  if (r !== self && r !== null && typeof r === 'object' && isErrorClass(sup) && Object.getPrototypeOf(r) === sup.prototype) {
    (Object as any).setPrototypeOf(r, Object.getPrototypeOf(self));
    return r;
  }
  return r || self;
};

/**
 * Any thenable as a Promise, anything else as it is. Espruino's
 * `Promise.all` waits only for real Promises (other thenables, such as the
 * coroutine a Coop async function returns, pass through as values), and its
 * `Promise.resolve(thenable)` calls `then` without its object.
 */
const toPromise = function (x: any): any {
  if (x === null || (typeof x !== 'object' && typeof x !== 'function') || x instanceof Promise || typeof x.then !== 'function') return x;
  return new Promise(function (ok, fail) { x.then(ok, fail); });
};

/** `Promise.all(xs)`, waiting for thenables too (toolchain/promise-interop.ts). */
export const __promiseAll = function (xs: any[]): Promise<any[]> {
  const ps: any[] = [];
  for (let i = 0; i < xs.length; i++) ps.push(toPromise(xs[i]));
  return Promise.all(ps);
};

/** `Promise.race(xs)`, which Espruino lacks: settles as the first of `xs` settles. */
export const __promiseRace = function (xs: any[]): Promise<any> {
  return new Promise(function (ok, fail) {
    for (let i = 0; i < xs.length; i++) Promise.resolve(toPromise(xs[i])).then(ok, fail);
  });
};

/** A callback whose result is adopted even when it is a thenable (a Coop async result). */
const adopting = function (f: any): any {
  return typeof f !== 'function' ? f : function (v: any) { return toPromise(f(v)); };
};

/** `x.then(ok, fail)` (toolchain/promise-interop.ts): what the callbacks return is adopted as JavaScript does. */
export const __then = function (x: any, ok?: any, fail?: any): any {
  return x.then(adopting(ok), adopting(fail));
};

/** `x.catch(fail)`, likewise. */
export const __catch = function (x: any, fail: any): any {
  return x.catch(adopting(fail));
};

/** `new Promise(executor)` whose `resolve` adopts a thenable (a Coop async result) too. */
export const __newPromise = function (executor: (ok: (v: any) => void, fail: (e: any) => void) => void): Promise<any> {
  return new Promise(function (ok, fail) {
    executor(function (v: any) { ok(toPromise(v)); }, fail);
  });
};

/** `Promise.resolve(x)`, adopting a thenable's result. */
export const __promiseResolve = function (x: any): Promise<any> {
  return Promise.resolve(toPromise(x));
};

/**
 * `new C(...args)` as TypeScript's ES5 output writes it, `new (C.bind.apply(C, [void 0, ...args]))()`
 * (toolchain/construct-spread.ts): Espruino drops a bound function's arguments under `new`.
 */
export const __construct = function (C: any, args: any[]) {
  const a = args;
  switch (a.length) {
    case 1: return new C();
    case 2: return new C(a[1]);
    case 3: return new C(a[1], a[2]);
    case 4: return new C(a[1], a[2], a[3]);
    case 5: return new C(a[1], a[2], a[3], a[4]);
    case 6: return new C(a[1], a[2], a[3], a[4], a[5]);
  }
  // More arguments: only constructors written in JavaScript (a built-in needs `new` itself).
  const o = Object.create(C.prototype);
  const r = C.apply(o, a.slice(1));
  return r !== null && (typeof r === 'object' || typeof r === 'function') ? r : o;
};

/** `[1, , 3]`: the array with its holes made (toolchain/fill-array-holes.ts, keepArrayHoles). */
export const __holes = function (a: any[], at: number[]) {
  for (let i = 0; i < at.length; i++) delete a[at[i]];
  return a;
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
