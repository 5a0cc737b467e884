/**
 * The resumable state machine behind every compiled `async` function, and
 * the record Coop keeps for it while it waits.
 *
 * TypeScript (target ES5) turns an `async function` body into a `switch`
 * over `_a.label` and talks to a driver with small "ops" arrays:
 *   [2, v] return v             [3, L] jump to label L
 *   [4, v] await v              [7]    leave a finally block
 * and the driver signals an escaped exception as [6, e]. `step` is the
 * driver half of that contract (TypeScript's own `__generator` loop, minus
 * generator plumbing async code never uses), written so Espruino runs it:
 * nothing is used before its declaration has executed, and a frame holds
 * only what it needs while suspended.
 *
 * The frame *is* the coroutine: the executor adds its own few fields to it
 * rather than wrapping it, because on a board every object costs memory.
 */
export interface Frame {
  /** Where the compiled switch resumes. */
  label: number;
  /** The compiled body; deleted when the coroutine ends, freeing its closure. */
  b?: (frame: Frame) => any[] | undefined;
  /** `this` of the async function, only stored when there is one. */
  s?: any;
  /** Value (or, with `st` 5, error) the frame resumes with. */
  v?: any;
  /**
   * 5: it resumes with an error, `v`, to throw at the await. (The executor
   * keeps its other states here too, see executor.ts: one field fewer on
   * every task.)
   */
  st?: number;
  /** Try-block stack, made on first use: [try, catch, finally, end] labels. */
  t?: number[][];
  /** Ops held back while a finally block runs, made on first use. */
  o?: any[][];
  /** The frame a `yield*` ([5, frame]) hands control to until it returns, and the body it set aside meanwhile. */
  y?: Frame;
  yb?: (frame: Frame) => any[] | undefined;
  /** What the compiled body calls after an await: the resume value, or throw. */
  sent(): any;
}

export interface FrameConstructor {
  new (self: any, body: (frame: Frame) => any[]): Frame;
  prototype: Frame;
}

/** `body` reads `this` as `f.s` (the build rewrites it so); `self` is stored only when there is one. */
export const Frame = function (this: Frame, self: any, body: (frame: Frame) => any[]) {
  this.label = 0;
  this.b = body;
  if (self !== undefined) this.s = self;
} as unknown as FrameConstructor;

/**
 * The value the frame resumed with, or its error thrown. The value stays
 * on the frame until the next resume, as TypeScript's own helper keeps
 * it: clearing it would cost every await a property delete.
 */
Frame.prototype.sent = function (this: Frame) {
  if (this.st === 5) {
    this.st = 0;
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
    op = [6, e];
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
 * [4, awaited], [2, result] or [6, error], or undefined when the body
 * parked itself at an await: the build compiles `return [4, x]` to
 * `if (__park(f, x, next)) return;` (toolchain/inline-awaits.ts), so most
 * awaits never come here. Never throws: an exception escaping the body
 * comes back as [6, e].
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
    if (kind === 4) {
      f.label++;
      return op;
    }
    if (kind === 5) {
      // yield*: TypeScript's loops with closures and awaits run an inner frame to its end.
      if (!__COOP_YIELD_STAR__) throw new Error('coop: yield* in code the build did not see');
      f.label++;
      f.y = op[1];
      f.yb = f.b;
      f.b = delegating;
    } else if (kind === 3 && f.t === undefined) {
      f.label = op[1];
    } else {
      op = unwind(f, op)!;
      if (op !== undefined) return op;
    }
    try {
      op = f.b!(f)!;
    } catch (e) {
      op = [6, e];
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
  f.st = 0;
  // Bodies run by delegation are TypeScript's own (__generator): they return [4, x], never park.
  const op = step(y)!;
  if (op[0] === 4) {
    // `next` counts the await against f's label: keep it where it is.
    f.label--;
    return op;
  }
  f.b = f.yb;
  delete f.y;
  delete f.yb;
  if (op[0] !== 2) throw op[1];
  f.v = op[1];
  return f.b!(f);
};

/**
 * The rest of TypeScript's __generator protocol: jumps out of try blocks,
 * entering catch and finally blocks, and what happens at their end.
 * Returns the op that ends the step ([2, v] or [6, e]), or undefined when
 * the body is to run again from its new label.
 */
const unwind = function (f: Frame, op: any[]): any[] | undefined {
  for (;;) {
    const kind = op[0];
    if (kind === 7) {
      op = f.o!.pop()!;
      f.t!.pop();
      continue;
    }
    const trys = f.t;
    const t = trys && trys.length > 0 ? trys[trys.length - 1] : undefined;
    if (!t && (kind === 6 || kind === 2)) return op;
    if (kind === 3 && (!t || (op[1] > t[0] && op[1] < t[3]))) {
      f.label = op[1];
      return undefined;
    }
    if (kind === 6 && f.label < t![1]) {
      // Enter the catch block: it reads the error as its resume value.
      f.label = t![1];
      f.v = op[1];
      f.st = 0;
      return undefined;
    }
    if (t && f.label < t[2]) {
      // Run the finally block first; `op` completes at its end ([7]).
      f.label = t[2];
      (f.o || (f.o = [])).push(op);
      return undefined;
    }
    if (t![2]) f.o!.pop();
    trys!.pop();
  }
};
