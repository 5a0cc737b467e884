/**
 * Names for the small numbers the runtime keeps in its hottest fields: a
 * coroutine's state (`st`) and the ops of TypeScript's state machines.
 *
 * Both are numbers on the board because numbers are what Espruino stores
 * and compares cheapest, and the ops are TypeScript's own contract (its
 * ES5 output returns `[4, x]` to await x). `const enum`s name them at no
 * cost: the build type-checks the whole program (isolatedModules off,
 * toolchain/compile-typescript.ts), so every `State.Parked` is compiled to
 * the number itself, this module is never imported at run time, and a
 * bundle is byte for byte what the bare numbers made.
 *
 * State: `Coroutine.st` (executor.ts), `Frame.st` (runtime/state-machine.ts)
 *
 *   Ready      0  ready or running (undefined too: a new frame has no `st`)
 *   Parked     1  waits on `r` for a wake-up (`_k`). Asleep on the timer
 *                 after `await sleep(ms)` it has no `st` at all (a JsVar per
 *                 sleeping task) and its deadline, a number, in `r`: a live
 *                 coroutine holds a number in `r` only there (executor.ts,
 *                 Coroutine.st and Waiter.r)
 *   Returned   2  ended; `r` is its result
 *   Threw      3  ended; `r` is its error
 *   Joining    4  a task whose body ended while children still run; the
 *                 end it will have is held in `js` (and `r`)
 *   Throwing   5  ready or running, resuming with an error, `v`, to throw
 *                 at the await it stopped at
 *   Queued     6  a task spawned and queued that has never run; it keeps
 *                 this state through its first step, until it first parks
 *                 or ends
 *
 * Who moves a coroutine from which state to which:
 *
 *   from              to         by
 *   Ready, Queued     Parked     park, parkOther (executor.ts): it awaits
 *                                something that is not done yet (or end
 *                                parks it on the thenable it returned)
 *   Ready             Parked     sleepPark (timer-list.ts), `await sleep(ms)`:
 *                     (no st)    deletes `st`, the deadline in `r`
 *   Parked (no st)    Ready      resumeNow (executor.ts): the timer resumes
 *                     (no st)    it directly and leaves `st` absent; or
 *                                `_k` as any wake-up (wakeDue, a cancel)
 *   Ready, Queued     Throwing   throwLater (executor.ts), from park/parkOther:
 *                                a cancellation waits (`cr`), the awaitable
 *                                failed to park it, or it awaits a coroutine
 *                                that threw
 *   Ready, Queued     Returned,  settle (executor.ts): end() for a plain
 *                     Threw      coroutine; for a task, hooks.taskEnded and
 *                                finish (task.ts), when it has no children
 *   Ready, Queued     Joining    hooks.taskEnded (task.ts): a task's body
 *                                ended with children still running
 *   Parked            Ready      Frame.prototype._k(v) (executor.ts): woken
 *   Parked            Throwing   Frame.prototype._k(e, 1) (executor.ts): woken
 *                                with an error; interrupt (cancel) wakes so
 *   Queued            Throwing   interrupt (executor.ts): cancelled before
 *                                it ran; the loop ends it with the error,
 *                                its body never starts
 *   Throwing          Ready      enter (executor.ts), which throws `v` at the
 *                                await through `next` ([Op.Catch, v]);
 *                                Frame.prototype.sent, which throws it;
 *                                unwind, entering a catch block; delegating
 *                                (runtime/state-machine.ts), which hands the
 *                                state to the frame it delegates to
 *   Joining           Returned,  finish (task.ts): its last child finished
 *                     Threw      (Threw if a child failed meanwhile)
 *
 * Returned and Threw are final. A frame run by delegation (yield*) takes
 * its delegator's state, Ready or Throwing, at each resume (`y.st = f.st`
 * in delegating). Cancelling a Ready coroutine changes no state: the error
 * waits in `cr` for its next await (interrupt, park).
 */
export const enum State {
  Ready = 0,
  Parked = 1,
  Returned = 2,
  Threw = 3,
  Joining = 4,
  Throwing = 5,
  Queued = 6,
}

/**
 * Op: the first item of what a compiled body returns to its driver
 * (`[Op.Yield, x]`), TypeScript's `__generator` protocol; the names are
 * TypeScript's own (`Instruction` in its generators transform). Coop's
 * driver is `next` and `unwind` (runtime/state-machine.ts) and `carryOut`
 * (executor.ts).
 *
 *   Next        0  [0, v]  resume with v (the driver's own: TypeScript's
 *                          generator `next`; Coop never makes it)
 *   Throw       1  [1, e]  throw e in (generator `throw`; Coop throws
 *                          through Catch, or `sent()` with State.Throwing)
 *   Return      2  [2, v]  the body returns v (finally blocks run first)
 *   Break       3  [3, L]  jump to label L (out of try blocks: through
 *                          their finally blocks)
 *   Yield       4  [4, x]  await x: the frame resumes at the next label
 *   YieldStar   5  [5, f]  delegate (yield*) to frame f until it returns;
 *                          TypeScript's loops with closures and awaits
 *   Catch       6  [6, e]  an exception escaped the body (the driver makes
 *                          it, as does the executor to throw at an await)
 *   Endfinally  7  [7]     a finally block ended: carry on with the op
 *                          that entered it
 */
export const enum Op {
  Next = 0,
  Throw = 1,
  Return = 2,
  Break = 3,
  Yield = 4,
  YieldStar = 5,
  Catch = 6,
  Endfinally = 7,
}
