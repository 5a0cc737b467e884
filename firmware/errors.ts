/**
 * Coop's errors. Written as plain constructors: a TypeScript ES5 `class …
 * extends Error` loses its prototype (Error.call returns a new object), and
 * `instanceof Cancelled` must work on the board.
 */

export interface CoopError extends Error {}

/** Thrown into a task (at the await it is parked on) when it is cancelled. */
export interface Cancelled extends CoopError {}
/** Thrown by withTimeout / withDeadline when time runs out first. */
export interface TimeoutError extends CoopError {}

const makeError = function (name: string) {
  const E = function (this: Error, message: string) {
    this.message = message;
  } as unknown as { new (message: string): Error; prototype: Error };
  E.prototype = Object.create(Error.prototype);
  E.prototype.name = name;
  E.prototype.constructor = E as any;
  return E;
};

// Pure: a bundle that never uses one leaves it out.
export const Cancelled = /*#__PURE__*/ makeError('Cancelled') as { new (message: string): Cancelled; prototype: Cancelled };
export const TimeoutError = /*#__PURE__*/ makeError('TimeoutError') as { new (message: string): TimeoutError; prototype: TimeoutError };

/** True for the error a cancelled task sees; rethrow it rather than swallow it. */
export const isCancelled = function (e: unknown): e is Cancelled {
  return e instanceof Cancelled;
};
