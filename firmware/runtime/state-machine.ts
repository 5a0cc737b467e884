/**
 * The resumable state machine behind every compiled `async` function.
 *
 * TypeScript (target ES5) turns `async function` bodies into a `switch` over
 * `_a.label`, and talks to a driver with small "ops" arrays:
 *   [0, v] resume with v        [1, e] resume by throwing e
 *   [2, v] return v             [3, L] jump to label L
 *   [4, v] await v              [6, e] an exception escaped the body
 *   [7]    leave a finally block
 * This is the driver half of that contract, written so Espruino can run it:
 * no function is used before its declaration has executed (Espruino does not
 * hoist function declarations, which is why stock tslib fails there), and a
 * frame holds only what it needs while suspended.
 *
 * A frame is the `_a` the compiled body receives. Its `trys`/`ops` stacks
 * are only created when the body enters a try block, so a task that never
 * uses try/finally does not pay for two arrays.
 */

export interface Frame {
  /** Where the compiled switch resumes. */
  label: number;
  /** The compiled body: one call runs to the next await, return or throw. */
  b: (this: any, frame: Frame) => any[];
  /** `this` of the async function, only stored when there is one. */
  s?: any;
  /** Value (or, with `x` set, error) the frame was resumed with. */
  v?: any;
  x?: number;
  /** Try-block stack: [tryLabel, catchLabel, finallyLabel, endLabel]. */
  t?: number[][];
  /** Ops deferred while a finally block runs. */
  o?: any[][];
  trys: number[][];
  ops: any[][];
  sent(): any;
}

export const Frame = function (this: Frame, self: any, body: Frame['b']) {
  this.label = 0;
  this.b = body;
  if (self !== undefined) this.s = self;
} as unknown as { new (self: any, body: Frame['b']): Frame; prototype: Frame };

Frame.prototype.sent = function (this: Frame) {
  const v = this.v;
  this.v = undefined;
  if (this.x) {
    this.x = 0;
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
 * Run `frame` from `op` ([0, value] or [1, error]) until it awaits, returns
 * or throws. Returns [4, awaited], [2, result] or [1, error]; never throws.
 */
export const step = function (frame: Frame, op: any[]): any[] {
  for (;;) {
    // Decide where the body resumes, as TypeScript's own __generator does.
    const kind = op[0];
    if (kind === 0 || kind === 1) {
      frame.v = op[1];
      frame.x = kind;
    } else if (kind === 4) {
      frame.label++;
      return op;
    } else if (kind === 7) {
      op = frame.o!.pop()!;
      frame.t!.pop();
      continue;
    } else {
      const trys = frame.t;
      const t = trys && trys.length > 0 ? trys[trys.length - 1] : undefined;
      if (!t && (kind === 6 || kind === 2)) return kind === 6 ? [1, op[1]] : op;
      if (kind === 3 && (!t || (op[1] > t[0] && op[1] < t[3]))) {
        frame.label = op[1];
      } else if (kind === 6 && frame.label < t![1]) {
        // Enter the catch block with the error as the sent value.
        frame.label = t![1];
        frame.v = op[1];
        frame.x = 0;
      } else if (t && frame.label < t[2]) {
        // Run the finally block first; finish `op` at its end ([7]).
        frame.label = t[2];
        frame.ops.push(op);
      } else {
        if (t![2]) frame.o!.pop();
        trys!.pop();
        continue;
      }
    }
    try {
      op = frame.b.call(frame.s, frame);
    } catch (e) {
      op = [6, e];
    }
  }
};
