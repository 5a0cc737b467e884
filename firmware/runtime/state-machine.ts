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
  b?: (frame: Frame) => any[];
  /** `this` of the async function, only stored when there is one. */
  s?: any;
  /** Value (or, with `x` set, error) the frame resumes with. */
  v?: any;
  x?: 1;
  /** Try-block stack, made on first use: [try, catch, finally, end] labels. */
  t?: number[][];
  /** Ops held back while a finally block runs, made on first use. */
  o?: any[][];
  /** The frame a `yield*` ([5, frame]) hands control to until it returns. */
  y?: Frame;
  /** TypeScript's names for the two stacks. */
  readonly trys: number[][];
  readonly ops: any[][];
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

Frame.prototype.sent = function (this: Frame) {
  const v = this.v;
  if (v !== undefined) delete this.v;
  if (this.x) {
    delete this.x;
    throw v;
  }
  return v;
};
Object.defineProperty(Frame.prototype, 'trys', {
  get: function (this: Frame) { return this.t || (this.t = []); },
});
Object.defineProperty(Frame.prototype, 'ops', {
  get: function (this: Frame) { return this.o || (this.o = []); },
});

/**
 * Run `frame` (its resume value already in `v`/`x`) until it awaits,
 * returns or throws. Returns [4, awaited], [2, result] or [6, error].
 * Never throws: an exception escaping the body comes back as [6, e].
 *
 * Espruino runs code by reading its text, skipped branches included, so the
 * common ops (await, jump) are handled in a few characters here and the
 * try/finally bookkeeping lives in `unwind`. The body is called as `b(f)`:
 * the build rewrites `this` in bodies to `f.s` (share-async-bodies.ts), as
 * `.call` costs Espruino a great deal.
 */
export const step = function (f: Frame): any[] {
  let op: any[] | undefined;
  for (;;) {
    if (f.y !== undefined) {
      op = delegate(f);
      if (op === undefined) continue;
      if (op[0] === 4) return op;
    } else {
      try {
        op = f.b!(f);
      } catch (e) {
        op = [6, e];
      }
    }
    if (op![0] === 4) {
      f.label++;
      return op!;
    }
    if (op![0] === 5) {
      // yield*: TypeScript's loops with closures and awaits run an inner frame to its end.
      f.label++;
      f.y = op![1];
      continue;
    }
    if (op![0] === 3 && f.t === undefined) {
      f.label = op![1];
      continue;
    }
    op = unwind(f, op!);
    if (op !== undefined) return op;
  }
};

/**
 * Run the frame `f` delegates to (yield*) with `f`'s resume value. Its
 * awaits are `f`'s awaits ([4, x], `f`'s label unchanged); when it returns,
 * its result is what `f` resumes with (undefined: run `f`'s body); when it
 * throws, `f` throws ([6, e]).
 */
const delegate = function (f: Frame): any[] | undefined {
  const y = f.y!;
  if (f.v !== undefined) {
    y.v = f.v;
    delete f.v;
  }
  if (f.x) {
    y.x = 1;
    delete f.x;
  }
  const op = step(y);
  if (op[0] === 4) return op;
  delete f.y;
  if (op[0] === 2) {
    if (op[1] !== undefined) f.v = op[1];
    return undefined;
  }
  return op;
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
      // Enter the catch block; `sent()` hands it the error.
      f.label = t![1];
      f.v = op[1];
      return undefined;
    }
    if (t && f.label < t[2]) {
      // Run the finally block first; `op` completes at its end ([7]).
      f.label = t[2];
      f.ops.push(op);
      return undefined;
    }
    if (t![2]) f.o!.pop();
    trys!.pop();
  }
};
