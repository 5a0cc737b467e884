import type { Program } from '../programs.js';

/**
 * Programs that once printed differently compiled than natively, each with
 * what was wrong (the comment above it) and now fixed: catch parameters
 * (toolchain/catch-bindings.ts), array holes (fill-array-holes.ts,
 * keepArrayHoles), `spawn` of a plain function (firmware/task.ts,
 * firstStep), and the reference's own mistakes (race, join, a parent
 * awaiting its failing child).
 */
export const regressions: Program[] = [
  // Toolchain (TypeScript's ES5 async transform, kept by Coop's passes): the
  // catch binding becomes one function-level variable (`e_1 = _a.sent()`, on
  // the shared body's frame `__f.$e_1`), so closures made in different
  // iterations all see the last error. Stock tsc + tslib prints the same wrong
  // 'caught two, caught two'. A closure over a const declared *inside* the
  // catch block is right (TypeScript then makes a per-iteration _loop).
  {
    name: 'catch parameter captured by a closure and used after awaits',
    source: `
      async function fail(m: string) { await sleep(1); throw new Error(m); }
      async function main() {
        const fs: (() => string)[] = [];
        for (const m of ['one', 'two']) {
          try { await fail(m); }
          catch (e) {
            await sleep(1);
            fs.push(() => 'caught ' + (e as Error).message);
          }
        }
        await sleep(1);
        print(fs.map((f) => f()).join(', '));
      }`,
  },
  // Reference (test/differential/reference.ts): `race` is `select`, so the
  // native run prints '[object Object]'; Coop's race (firmware/select.ts)
  // gives the winner's value, as documented. The compiled output is right.
  {
    name: 'race gives just the winner\'s value',
    source: `
      async function main() {
        const v = await race(
          spawn(async () => { await sleep(20); return 'slow'; }),
          spawn(async () => { await sleep(5); return 'fast'; }),
        );
        print('race ' + v + ' at ' + now());
      }`,
  },
  // Runtime vs reference: a parent awaiting its own child when the child
  // fails. The reference interrupts the parent's await with Cancelled (it
  // cancels the parent synchronously, before the child's result is handed
  // out) and later awaits work; Coop (firmware/task.ts finish: settle() wakes
  // the waiter with the child's error first, then cancel(parent) finds it
  // queued and leaves a pending cancel) hands the parent the child's Error,
  // then throws Cancelled at its *next* await. Both end with "task 'main'
  // failed: Error: child boom"; what the catch sees differs. The docs say
  // only that the child's error "cancels the parent's body"; one side must
  // change.
  {
    name: 'main awaits a child that fails, then sleeps',
    source: `
      async function main() {
        const t = spawn(async () => { await sleep(5); throw new Error('child boom'); }, { name: 'child' });
        try { await t; print('not here'); }
        catch (e) { print('main caught ' + (e as Error).name + ' ' + (e as Error).message + ' at ' + now()); }
        try { await sleep(1); print('main slept to ' + now()); }
        catch (e) { print('second await: ' + (e as Error).name); }
      }`,
  },
  // Same cause as the previous one, through join: a join item that is a
  // child task failing wakes the join with that Error in Coop, while the
  // reference throws Cancelled at the parent's await.
  {
    name: 'join over a child task that fails, caught by main',
    source: `
      async function main() {
        try {
          await join(spawn(async () => { await sleep(10); return 1; }), spawn(async () => { await sleep(5); throw new Error('jb'); }));
        } catch (e) { print('caught ' + (isCancelled(e) ? 'Cancelled' : 'Error') + ' ' + (e as Error).message); }
      }`,
  },
  // Runtime: spawn() of a function that is not async runs its body inside the
  // spawn call (firmware/task.ts spawn calls fn() to see whether it makes a
  // coroutine), so a throw escapes from spawn() into the caller and code
  // after the spawn does not run; natively (and per docs/task-model.md, "It
  // starts on the executor's next turn, not inside this call") the task
  // starts later and its error fails it (and so main) afterwards.
  {
    name: 'spawn of a plain function that throws',
    source: `
      async function main() {
        const t = spawn((): number => { throw new Error('sync throw'); }, { name: 'syncbad' });
        print('spawned');
        await sleep(1);
        print('after');
      }`,
  },
  // Toolchain (toolchain/fill-array-holes.ts): every array hole in the bundle
  // is filled with `void 0` (a workaround for Espruino failing to skip a
  // hole in an unexecuted switch case), so user holes become real elements:
  // `1 in [1, , 3]` is true and forEach/map visit them. The real Espruino
  // interpreter keeps holes as JavaScript does. Filling only the holes
  // TypeScript writes (`_a.trys.push([1, 3, , 4])`) would keep user arrays.
  {
    name: 'array holes in an async body',
    source: `
      async function main() {
        const a = [1, , 3];
        await sleep(1);
        // Holes after the await only: TypeScript joins such a literal with concat, and Espruino's
        // concat drops an array's trailing holes (a platform difference, plain JS on the board too).
        const b = [await Promise.resolve(2), , 4];
        let visits = 0;
        a.forEach(() => { visits++; });
        print(a.length + ' ' + String(a[1]) + ' ' + b.length + ' ' + String(b[0]) + ' ' + b[1] + ' ' + (1 in a) + ' visits ' + visits);
      }`,
  },
  {
    name: 'array holes in plain code: forEach skips them',
    source: `
      function count(xs: (number | undefined)[]) { let n = 0; xs.forEach(() => { n++; }); return n; }
      async function main() {
        const sparse = [1, , , 4];
        print('length ' + sparse.length + ' visited ' + count(sparse) + ' keys ' + Object.keys(sparse).join(':'));
      }`,
  },
  // Same cause: the body of a plain function given to spawn runs inside the
  // spawn call, before the code after it.
  {
    name: 'spawn of a plain function runs it on the next turn, not inside spawn',
    source: `
      async function main() {
        const t = spawn(() => { print('plain body'); return 1; }, { name: 'plain' });
        print('after spawn');
        print('result ' + await t);
      }`,
  },
  // Reference: a task has one `interrupt` slot, and every interruptible
  // await overwrites it, including the ones Promise.resolve(item).then(…)
  // makes for each task item *inside* all()/select() (they run in the
  // awaiting task's async context). Once item y settles it clears the slot,
  // so t.cancel() finds nothing to interrupt: t stays in the join until x
  // ends at 50 and then returns normally ('t gave x+y at 50'). Coop cancels t
  // at its join and the join lets go of (cancels) its items at 10, as the
  // reference's own onCancel → cancelRest means to. The compiled output is
  // the documented one.
  {
    name: 'cancelling a task parked in join cancels the join\'s task items',
    source: `
      async function main() {
        const x = spawn(async () => { try { await sleep(50); return 'x'; } finally { print('x finally at ' + now()); } }, { name: 'x' });
        const y = spawn(async () => { await sleep(3); return 'y'; }, { name: 'y' });
        const t = spawn(async () => (await join(x, y)).join('+'), { name: 't' });
        await sleep(10);
        t.cancel();
        try { print('t gave ' + await t + ' at ' + now()); } catch (e) { print('t: ' + (e as Error).message + ' x.done ' + x.done + ' y.done ' + y.done); }
      }`,
  },
];
