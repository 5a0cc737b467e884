/**
 * The resumable state machine behind every compiled `async` function, and
 * the record Coop keeps for it while it waits.
 *
 * TypeScript (target ES5) turns an `async function` body into a `switch`
 * over `_a.label` and talks to a driver with small "ops" arrays, named by
 * `Op` (runtime/states.ts):
 *   [2, v] Op.Return: return v      [3, L] Op.Break: jump to label L
 *   [4, v] Op.Yield: await v        [7]    Op.Endfinally: leave a finally block
 * and the driver signals an escaped exception as [6, e], Op.Catch. `step`
 * is the driver half of that contract (TypeScript's own `__generator`
 * loop, minus generator plumbing async code never uses), written so
 * Espruino runs it: nothing is used before its declaration has executed,
 * and a frame holds only what it needs while suspended.
 *
 * The frame *is* the coroutine: the executor adds its own few fields to it
 * rather than wrapping it, because on a board every object costs memory.
 */
import { Op, State } from './states.js';

export interface Frame {
  /** Where the compiled switch resumes. */
  label: number;
  /** The compiled body; deleted when the coroutine ends, freeing its closure. */
  b?: (frame: Frame) => any[] | undefined;
  /** `this` of the async function, only stored when there is one. */
  s?: any;
  /** Value (or, with `st` State.Throwing, error) the frame resumes with. */
  v?: any;
  /**
   * State.Throwing: it resumes with an error, `v`, to throw at the await.
   * (The executor keeps its other states here too, see runtime/states.ts
   * and executor.ts: one field fewer on every task. Absent, reading the
   * prototype's undefined: ready, or asleep on the timer when `r` is a number.)
   */
  st?: State;
  /** Try-block stack, made on first use: [try, catch, finally, end] labels. */
  t?: number[][];
  /** Ops held back while a finally block runs, made on first use. */
  o?: any[][];
  /** The frame a `yield*` ([Op.YieldStar, frame]) hands control to until it returns, and the body it set aside meanwhile. */
  y?: Frame;
  yb?: (frame: Frame) => any[] | undefined;
  /** What the compiled body calls after an await: the resume value, or throw. */
  sent(): any;
}

export interface FrameConstructor {
  new (self: any, body: (frame: Frame) => any[]): Frame;
  prototype: Frame;
}

/**
 * The global object: what a plain call `f()` passes as `this` in the bundle (a script, not
 * strict), where the module TypeScript compiled (strict) passes undefined.
 */
const theGlobal = (function (this: any) { return this; })();

/**
 * `body` reads `this` as `f.s` (the build rewrites it so); `self` is stored only when there
 * is one. A plain call's global object is not: `this` is undefined there, as in the module
 * the user wrote, and every task spawned from a function declaration saves a JsVar.
 */
export const Frame = function (this: Frame, self: any, body: (frame: Frame) => any[]) {
  this.label = 0;
  this.b = body;
  if (self !== undefined && self !== theGlobal) this.s = self;
} as unknown as FrameConstructor;

/**
 * `st` and `v` on the prototype, both undefined, so a frame without its own reads undefined
 * one step up instead of missing both and searching Object.prototype and Espruino's
 * built-ins. A task asleep on the timer keeps neither (a JsVar each: timer-list.ts,
 * sleepPark), and the sleep cycle reads and deletes them (Espruino 2v29 -Os, callgrind,
 * 2026-11-28): a read that misses costs ~7,400 instructions, one found here ~4,400, an own
 * property ~1,800. A `delete` of a frame's `st` that is only here deletes nothing (Espruino
 * and JavaScript delete own properties only). 2 JsVars, once per program.
 */
(Frame.prototype as any).st = undefined;
(Frame.prototype as any).v = undefined;

/**
 * The value the frame resumed with, or its error thrown. The value stays
 * on the frame until the next resume, as TypeScript's own helper keeps
 * it: clearing it would cost every await a property delete.
 */
Frame.prototype.sent = function (this: Frame) {
  if (this.st === State.Throwing) {
    this.st = State.Ready;
    throw this.v;
  }
  return this.v;
};

/**
 * Run `f`'s body once and carry out what it returns (see `next`). Used for
 * frames run by delegation; the executor calls bodies itself (executor.ts,
 * `enter` and `carryOut`) and only hands `next` what they return.
 */
export const step = function (f: Frame): any[] | undefined {
  let op: any[] | undefined;
  try {
    op = f.b!(f);
  } catch (e) {
    op = [Op.Catch, e];
  }
  return op === undefined ? op : next(f, op);
};

/**
 * Whether any module of this bundle delegates (`return [5, …]`, TypeScript's
 * loops with closures and awaits): the build sets it, so a bundle without
 * leaves the delegation code out.
 */
declare const __COOP_YIELD_STAR__: boolean;

/**
 * The body of `f` returned the op `op`: carry it out, running the body
 * again as needed, until it awaits, returns or throws. Returns
 * [Op.Yield, awaited], [Op.Return, result] or [Op.Catch, error], or
 * undefined when the body parked itself at an await: the build compiles
 * `return [4, x]` to `if (__park(f, x, next)) return;`
 * (toolchain/inline-awaits.ts), so most awaits never come here. Never
 * throws: an exception escaping the body comes back as [Op.Catch, e].
 *
 * Espruino runs code by reading its text, skipped branches included, so
 * the common ops (await, jump) are handled in a few characters here and
 * the try/finally bookkeeping lives in `unwind`. The body is called as
 * `b(f)`: the build rewrites `this` in bodies to `f.s`, as `.call` costs
 * Espruino a great deal.
 */
export const next = function (f: Frame, op: any[]): any[] | undefined {
  for (;;) {
    const kind = op[0];
    if (kind === Op.Yield) {
      f.label++;
      return op;
    }
    if (kind === Op.YieldStar) {
      // yield*: TypeScript's loops with closures and awaits run an inner frame to its end.
      if (!__COOP_YIELD_STAR__) throw new Error('coop: yield* in code the build did not see');
      f.label++;
      f.y = op[1];
      f.yb = f.b;
      f.b = delegating;
    } else if (kind === Op.Break && f.t === undefined) {
      f.label = op[1];
    } else {
      op = unwind(f, op)!;
      if (op !== undefined) return op;
    }
    try {
      op = f.b!(f)!;
    } catch (e) {
      op = [Op.Catch, e];
    }
    if (op === undefined) return op;
  }
};

/**
 * The body of a frame while it delegates (yield*) to the frame `f.y`:
 * runs that frame with `f`'s resume value. Its awaits are `f`'s awaits,
 * at `f`'s label; when it returns, `f`'s own body goes on with its
 * result; when it throws, `f` throws.
 */
const delegating = function (f: Frame): any[] | undefined {
  const y = f.y!;
  y.v = f.v;
  y.st = f.st;
  f.st = State.Ready;
  // Bodies run by delegation are TypeScript's own (__generator): they return [4, x], never park.
  const op = step(y)!;
  if (op[0] === Op.Yield) {
    // `next` counts the await against f's label: keep it where it is.
    f.label--;
    return op;
  }
  f.b = f.yb;
  delete f.y;
  delete f.yb;
  if (op[0] !== Op.Return) throw op[1];
  f.v = op[1];
  return f.b!(f);
};

/**
 * The rest of TypeScript's __generator protocol: jumps out of try blocks,
 * entering catch and finally blocks, and what happens at their end.
 * Returns the op that ends the step ([Op.Return, v] or [Op.Catch, e]), or
 * undefined when the body is to run again from its new label.
 */
const unwind = function (f: Frame, op: any[]): any[] | undefined {
  for (;;) {
    const kind = op[0];
    if (kind === Op.Endfinally) {
      op = f.o!.pop()!;
      f.t!.pop();
      continue;
    }
    const trys = f.t;
    const t = trys && trys.length > 0 ? trys[trys.length - 1] : undefined;
    if (!t && (kind === Op.Catch || kind === Op.Return)) return op;
    if (kind === Op.Break && (!t || (op[1] > t[0] && op[1] < t[3]))) {
      f.label = op[1];
      return undefined;
    }
    if (kind === Op.Catch && f.label < t![1]) {
      // Enter the catch block: it reads the error as its resume value.
      f.label = t![1];
      f.v = op[1];
      f.st = State.Ready;
      return undefined;
    }
    if (t && f.label < t[2]) {
      // Run the finally block first; `op` completes at its end ([Op.Endfinally]).
      f.label = t[2];
      (f.o || (f.o = [])).push(op);
      return undefined;
    }
    if (t![2]) f.o!.pop();
    trys!.pop();
  }
};
