import type { Program } from '../programs.js';

/**
 * Coop's task API in combination: spawn/join/select/race/all/cancel/
 * withTimeout, structured concurrency (parents wait for children, a child's
 * error fails its parent), cancellation running finally blocks, and Promise
 * code over async results. Tasks that print do so at different instants.
 */
export const tasks: Program[] = [
  // --- structure ---
  {
    name: 'a parent\'s result waits for its children',
    source: `
      async function main() {
        const t = spawn(async () => {
          spawn(async () => { await sleep(10); print('grandchild done at ' + now()); });
          return 5;
        }, { name: 'child' });
        const v = await t;
        print('child result ' + v + ' at ' + now());
      }`,
  },
  {
    name: 'main\'s body ends first; children finish later',
    source: `
      async function main() {
        spawn(async () => { await sleep(20); print('b at ' + now()); });
        spawn(async () => { await sleep(10); print('a at ' + now()); });
        print('main body done');
      }`,
  },
  {
    name: 'nested spawns three deep return values up',
    source: `
      async function main() {
        const top = spawn(async () => {
          const mid = spawn(async () => {
            const leaf = spawn(async () => { await sleep(3); return 1; }, { name: 'leaf' });
            await sleep(1);
            return (await leaf) + 10;
          }, { name: 'mid' });
          return (await mid) + 100;
        }, { name: 'top' });
        print('total ' + await top + ' at ' + now());
      }`,
  },
  {
    name: 'a task awaits another task\'s result',
    source: `
      async function main() {
        const t1 = spawn(async () => { await sleep(10); return 1; }, { name: 't1' });
        const t2 = spawn(async () => { const v = await t1; await sleep(5); return v + 1; }, { name: 't2' });
        const t3 = spawn(async () => (await t2) * 10, { name: 't3' });
        print('t3 ' + await t3 + ' at ' + now() + ' t1 again ' + await t1);
      }`,
  },
  {
    name: 'task name and done properties',
    source: `
      async function main() {
        const a = spawn(async () => { await sleep(5); }, { name: 'worker' });
        const b = spawn(async () => 1);
        print(a.name + ' ' + b.name + ' ' + a.done);
        await a;
        print('after ' + a.done + ' ' + b.done);
      }`,
  },
  {
    name: 'spawn of a plain function and of a function returning a Promise',
    source: `
      async function main() {
        const a = spawn(() => 42);
        const b = spawn(() => Promise.resolve('p'));
        const c = run(async () => { await sleep(1); return 'ran'; });
        print(await a + ' ' + await b + ' ' + await c + ' ' + c.name);
      }`,
  },
  {
    name: 'many tasks with different delays fill a shared array',
    source: `
      async function main() {
        const log: number[] = [];
        const ts: any[] = [];
        for (let i = 0; i < 12; i++) {
          const d = ((i * 7) % 12 + 1) * 10;
          ts.push(spawn(async () => { await sleep(d); log.push(i); return d; }));
        }
        const ds = await all(ts);
        print('order ' + log.join(',') + ' delays ' + ds.join(',') + ' at ' + now());
      }`,
  },
  // --- errors ---
  {
    name: 'a child error cancels its sibling (which awaits in its finally) and fails main',
    source: `
      async function main() {
        spawn(async () => { await sleep(5); throw new Error('boom'); }, { name: 'bad' });
        spawn(async () => {
          try { await sleep(100); print('sibling not here'); }
          finally { await sleep(1); print('sibling finally at ' + now()); }
        }, { name: 'sibling' });
        try { await sleep(50); print('main not here'); }
        finally { print('main finally at ' + now()); }
      }`,
  },
  {
    name: 'a child error: the sibling\'s finally runs, main\'s finally awaits, main fails',
    source: `
      async function main() {
        spawn(async () => { await sleep(5); throw new Error('boom'); }, { name: 'bad' });
        spawn(async () => {
          try { await sleep(100); print('sibling not here'); }
          finally { print('sibling finally at ' + now()); }
        }, { name: 'sibling' });
        try { await sleep(50); print('main not here'); }
        finally { await sleep(2); print('main finally at ' + now()); }
      }`,
  },
  {
    name: 'a grandchild error fails its parent and then main (function expressions)',
    source: `
      async function main() {
        spawn(async function () {
          spawn(async () => { await sleep(5); throw new Error('leaf broke'); }, { name: 'leaf' });
          try { await sleep(100); } finally { print('mid finally at ' + now()); }
        }, { name: 'mid' });
        try { await sleep(100); } finally { await sleep(2); print('main finally at ' + now()); }
      }`,
  },
  {
    name: 'main fails with an Error subclass: reported with its name',
    source: `
      class SensorError extends Error { constructor(m: string) { super(m); this.name = 'SensorError'; } }
      async function main() {
        await sleep(3);
        throw new SensorError('I2C timeout');
      }`,
  },
  {
    name: 'main fails with a thrown string',
    source: `
      async function main() {
        await sleep(1);
        throw 'plain string';
      }`,
  },
  {
    name: 'main fails from an uncaught awaited rejection',
    source: `
      async function main() {
        print('before');
        await Promise.reject(new Error('rejected promise'));
        print('not here');
      }`,
  },
  {
    name: 'join over tasks: one fails, the other is cancelled, main fails',
    source: `
      async function main() {
        await join(
          spawn(async () => { try { await sleep(100); } finally { print('slow finally at ' + now()); } }, { name: 'slow' }),
          spawn(async () => { await sleep(5); throw new Error('join boom'); }, { name: 'bad' }),
        );
        print('not here');
      }`,
  },
  {
    name: 'join over async calls: the first error is thrown and caught',
    source: `
      async function ok(ms: number) { await sleep(ms); return ms; }
      async function bad(ms: number) { await sleep(ms); throw new Error('bad ' + ms); }
      async function main() {
        try { await join(ok(20), bad(5), ok(30)); print('not here'); }
        catch (e) { print('caught ' + (e as Error).message + ' at ' + now()); }
      }`,
  },
  // --- cancel ---
  {
    name: 'cancel during sleep runs the finally; awaiting gives Cancelled',
    source: `
      async function main() {
        const t = spawn(async () => {
          try { print('child sleeping'); await sleep(100); print('not here'); }
          finally { print('child finally at ' + now()); }
        }, { name: 'sleeper' });
        await sleep(10);
        t.cancel();
        try { await t; } catch (e) { print('await gave ' + (e as Error).name + ': ' + (e as Error).message + ' ' + isCancelled(e)); }
        print('done ' + t.done + ' at ' + now());
      }`,
  },
  {
    name: 'cancel inside a nested async call runs finally blocks innermost first',
    source: `
      async function inner() { try { await sleep(100); } finally { print('inner finally'); } }
      async function outer() { try { await inner(); } finally { print('outer finally'); } }
      async function main() {
        const t = spawn(async () => { try { await outer(); } finally { print('task finally at ' + now()); } }, { name: 'w' });
        await sleep(7);
        t.cancel();
        try { await t; } catch (e) { print('main got ' + (e as Error).message); }
      }`,
  },
  {
    name: 'cancel of a task that already finished changes nothing',
    source: `
      async function main() {
        const t = spawn(async () => { await sleep(1); return 'v'; });
        await sleep(5);
        print('done ' + t.done);
        t.cancel();
        print('value ' + await t + ' done ' + t.done);
      }`,
  },
  {
    name: 'cancel before the task started: its body never runs',
    source: `
      async function main() {
        const t = spawn(async () => { print('never'); return 1; }, { name: 'early' });
        t.cancel();
        try { await t; print('not here'); } catch (e) { print('caught ' + (e as Error).name + ' ' + t.done); }
      }`,
  },
  {
    name: 'a task catches Cancelled and carries on',
    source: `
      async function main() {
        const t = spawn(async () => {
          try { await sleep(100); } catch (e) { print('child caught ' + (e as Error).name + ' ' + isCancelled(e) + ' at ' + now()); }
          await sleep(5);
          print('child still running at ' + now());
          return 'finished anyway';
        }, { name: 'stubborn' });
        await sleep(10);
        t.cancel();
        print('main got ' + await t + ' at ' + now());
      }`,
  },
  {
    name: 'finally awaits after a cancel, then the task ends',
    source: `
      async function main() {
        const t = spawn(async () => {
          try { await sleep(100); }
          finally { await sleep(3); print('cleanup 1 at ' + now()); await sleep(3); print('cleanup 2 at ' + now()); }
        }, { name: 'gentle' });
        await sleep(10);
        t.cancel();
        try { await t; } catch (e) { print('ended ' + (e as Error).name + ' at ' + now()); }
      }`,
  },
  {
    name: 'cancelling a parent cancels its child first; both finally blocks run (function expression)',
    source: `
      async function main() {
        const log: string[] = [];
        const p = spawn(async function () {
          spawn(async () => { try { await sleep(100); } finally { log.push('child'); } }, { name: 'kid' });
          try { await sleep(100); } finally { log.push('parent'); }
        }, { name: 'parent' });
        await sleep(10);
        p.cancel();
        try { await p; } catch (e) { print('p: ' + (e as Error).message); }
        print('finally order ' + log.join(',') + ' at ' + now());
      }`,
  },
  {
    name: 'cancelling several tasks: every finally runs',
    source: `
      async function main() {
        const log: string[] = [];
        const ts: any[] = [];
        for (let i = 0; i < 4; i++) {
          ts.push(spawn(async () => { try { await sleep(100 + i); } finally { log.push('f' + i); } }, { name: 'w' + i }));
        }
        await sleep(15);
        ts.forEach((t) => t.cancel());
        for (const t of ts) { try { await t; } catch (e) { log.push((e as Error).message); } }
        print(log.sort().join(','));
      }`,
  },
  {
    name: 'a task awaiting a cancelled task gets Cancelled',
    source: `
      async function main() {
        const a = spawn(async () => { await sleep(100); return 1; }, { name: 'a' });
        const b = spawn(async () => { try { return 'b got ' + await a; } catch (e) { return 'b saw ' + (e as Error).message; } }, { name: 'b' });
        await sleep(10);
        a.cancel();
        print(await b + ' at ' + now());
      }`,
  },
  // --- select / race ---
  {
    name: 'select: the winner\'s index and value; the loser is cancelled and its finally runs',
    source: `
      async function main() {
        const a = spawn(async () => { await sleep(10); return 'a'; }, { name: 'a' });
        const b = spawn(async () => { try { await sleep(50); return 'b'; } finally { print('b finally at ' + now()); } }, { name: 'b' });
        const r = await select(a, b);
        await sleep(5);
        print('winner ' + r.index + ' ' + r.value + ' b.done ' + b.done);
      }`,
  },
  {
    name: 'select of a task and a sleep: the sleep wins, the task is cancelled',
    source: `
      async function main() {
        const work = spawn(async () => { try { await sleep(30); return 'work'; } finally { print('work finally at ' + now()); } }, { name: 'work' });
        const r = await select(work, sleep(10));
        await sleep(1);
        print('index ' + r.index + ' at ' + now());
      }`,
  },
  {
    name: 'select with an already finished task wins at once',
    source: `
      async function main() {
        const done = spawn(async () => 'early');
        await sleep(1);
        const r = await select(sleep(10), done);
        print('index ' + r.index + ' value ' + r.value + ' at ' + now());
      }`,
  },
  {
    name: 'select in a loop, like a receive-with-timeout',
    source: `
      async function main() {
        const out: string[] = [];
        for (let i = 0; i < 4; i++) {
          const r = await select(spawn(async () => { await sleep(i * 4); return 'v' + i; }), sleep(6));
          out.push(r.index === 0 ? String(r.value) : 'timeout');
        }
        print(out.join(',') + ' at ' + now());
      }`,
  },
  // --- withTimeout ---
  {
    name: 'withTimeout: the task finishes in time',
    source: `
      async function main() {
        const v = await withTimeout(50, spawn(async () => { await sleep(10); return 7; }));
        print('v ' + v + ' at ' + now());
      }`,
  },
  {
    name: 'withTimeout: time runs out, TimeoutError, the task\'s finally runs',
    source: `
      async function main() {
        try {
          await withTimeout(10, spawn(async () => { try { await sleep(50); } finally { print('slow finally at ' + now()); } }, { name: 'slow' }));
          print('not here');
        } catch (e) {
          await sleep(1);
          print((e instanceof TimeoutError) + ' ' + (e as Error).name + ': ' + (e as Error).message + ' at ' + now());
        }
      }`,
  },
  {
    name: 'withTimeout over an async call that finishes in time',
    source: `
      async function quick() { await sleep(3); return 'quick'; }
      async function main() { print(await withTimeout(20, quick()) + ' at ' + now()); }`,
  },
  {
    name: 'withTimeout nested: the inner one times out and is caught in its task (function expression)',
    source: `
      async function main() {
        const mid = spawn(async function () {
          try { return await withTimeout(10, spawn(async () => { await sleep(50); return 'inner'; }, { name: 'inner' })); }
          catch (e) { return 'inner timed out: ' + (e as Error).message; }
        }, { name: 'mid' });
        print(await withTimeout(100, mid) + ' at ' + now());
      }`,
  },
  // --- join / all ---
  {
    name: 'join over tasks gives results in order, when the last one ends',
    source: `
      async function main() {
        const [a, b, c] = await join(
          spawn(async () => { await sleep(30); return 'a'; }),
          spawn(async () => { await sleep(10); return 'b'; }),
          spawn(async () => { await sleep(20); return 'c'; }),
        );
        print(a + b + c + ' at ' + now());
      }`,
  },
  {
    name: 'join over a task, a sleep and a plain value; all of an empty list',
    source: `
      async function main() {
        const r = await join(spawn(async () => { await sleep(3); return 't'; }), sleep(5), 7);
        const e = await all([]);
        print(r[0] + ',' + String(r[1]) + ',' + r[2] + ' empty ' + e.length + ' at ' + now());
      }`,
  },
  // --- yieldNow ---
  {
    name: 'yieldNow interleaves two tasks',
    source: `
      async function main() {
        const log: string[] = [];
        const worker = (tag: string) => async () => { for (let i = 0; i < 3; i++) { log.push(tag + i); await yieldNow(); } };
        await join(spawn(worker('a')), spawn(worker('b')));
        print(log.join(','));
      }`,
  },
  {
    name: 'yieldNow takes no time and keeps locals',
    source: `
      async function main() {
        const t0 = now();
        let s = '';
        for (let i = 0; i < 5; i++) { s += i; await yieldNow(); }
        print(s + ' elapsed ' + (now() - t0));
      }`,
  },
  // --- Promise interop ---
  {
    name: 'Promise.all over task handles',
    source: `
      async function main() {
        const xs = await Promise.all([
          spawn(async () => { await sleep(8); return 1; }),
          spawn(async () => { await sleep(2); return 2; }),
          3,
        ]);
        print('all ' + xs.join(',') + ' at ' + now());
      }`,
  },
  {
    name: 'Promise.race over async calls: the loser still finishes later',
    source: `
      async function f(ms: number, v: string) { await sleep(ms); print('f ' + v + ' done at ' + now()); return v; }
      async function main() {
        const v = await Promise.race([f(20, 'slow'), f(5, 'fast')]);
        print('race ' + v + ' at ' + now());
        await sleep(30);
        print('end at ' + now());
      }`,
  },
  {
    name: '.then and .catch chains on async results',
    source: `
      async function f(x: number) { await sleep(1); return x; }
      async function g() { await sleep(1); throw new Error('g failed'); }
      async function main() {
        const a = await f(3).then((x) => x * 2).then((x) => x + 1);
        const b = await g().then(() => 'no', (e: Error) => 'err ' + e.message);
        const c = await g().catch((e: Error) => 'caught ' + e.message).then((s) => s + '!');
        const d = await f(1).then((x) => f(x + 10));
        print([a, b, c, d].join(' | '));
      }`,
  },
  {
    name: '.then on a task handle',
    source: `
      async function main() {
        const t = spawn(async () => { await sleep(4); return 20; });
        const v = await t.then((x) => x + 1);
        print('v ' + v + ' at ' + now());
      }`,
  },
  {
    name: 'a .then callback and a Promise executor hand on an async function\'s result',
    source: `
      async function f(x: number) { await sleep(2); return x * 3; }
      async function main() {
        const a = await Promise.resolve(1).then((x) => f(x));
        const b = await new Promise<number>((resolve) => resolve(f(5)));
        print('a ' + a + ' b ' + b + ' at ' + now());
      }`,
  },
  {
    name: 'Promise.resolve of an async result and new Promise around a task',
    source: `
      async function f() { await sleep(2); return 'f'; }
      async function main() {
        const a = await Promise.resolve(f());
        const b = await new Promise<string>((resolve) => { spawn(async () => { await sleep(3); resolve('from task'); }); });
        print(a + ' ' + b + ' at ' + now());
      }`,
  },
  {
    name: 'a grandchild error fails its parent and then main',
    source: `
      async function main() {
        spawn(async () => {
          spawn(async () => { await sleep(5); throw new Error('leaf broke'); }, { name: 'leaf' });
          try { await sleep(100); } finally { await sleep(2); print('mid finally at ' + now()); }
        }, { name: 'mid' });
        try { await sleep(100); } finally { print('main finally at ' + now()); }
      }`,
  },
  {
    name: 'cancelling a parent cancels its child; both finally blocks run',
    source: `
      async function main() {
        const log: string[] = [];
        const p = spawn(async () => {
          spawn(async () => { try { await sleep(100); } finally { log.push('child'); } }, { name: 'kid' });
          try { await sleep(100); } finally { log.push('parent'); }
        }, { name: 'parent' });
        await sleep(10);
        p.cancel();
        try { await p; } catch (e) { print('p: ' + (e as Error).message); }
        print('finally order ' + log.join(',') + ' at ' + now());
      }`,
  },
  {
    name: 'withTimeout nested: the inner one times out and is caught in its task',
    source: `
      async function main() {
        const mid = spawn(async () => {
          try { return await withTimeout(10, spawn(async () => { await sleep(50); return 'inner'; }, { name: 'inner' })); }
          catch (e) { return 'inner timed out: ' + (e as Error).message; }
        }, { name: 'mid' });
        print(await withTimeout(100, mid) + ' at ' + now());
      }`,
  },
  {
    name: 'cancel a task parked inside a loop whose variable a closure captures',
    source: `
      async function main() {
        const t = spawn(async () => {
          const fs: (() => number)[] = [];
          try {
            for (let i = 0; i < 5; i++) {
              fs.push(() => i);
              try { await sleep(10); } finally { print('loop finally ' + i + ' at ' + now()); }
            }
          } finally {
            print('outer finally ' + fs.map((f) => f()).join(','));
          }
        }, { name: 'looper' });
        await sleep(25);
        t.cancel();
        try { await t; } catch (e) { print('main: ' + (e as Error).message); }
      }`,
  },
  {
    name: 'async function returning a Promise, a sleep and a task',
    source: `
      async function p() { return Promise.resolve(3); }
      async function s() { return sleep(4); }
      async function t() { return spawn(async () => { await sleep(2); return 'task'; }); }
      async function main() { const a = await p(); const b = await s(); const c = await t(); print(a + ' ' + String(b) + ' ' + c + ' at ' + now()); }`,
  },
  {
    name: 'await a custom thenable',
    source: `
      async function main() {
        const th = { then(ok: (v: number) => void) { ok(5); } };
        const v = await th;
        const w = await { then(ok: (v: string) => void) { spawn(async () => { await sleep(3); ok('later'); }); } };
        print('v ' + v + ' w ' + w + ' at ' + now());
      }`,
  },
  {
    name: 'spawned task catches an error from an awaited async function',
    source: `
      async function risky(n: number) { await sleep(n); if (n > 2) throw new Error('too big ' + n); return n; }
      async function main() {
        const t = spawn(async () => {
          const out: string[] = [];
          for (const n of [1, 3, 2]) {
            try { out.push('ok ' + await risky(n)); } catch (e) { out.push((e as Error).message); }
          }
          return out.join(', ');
        }, { name: 'careful' });
        print(await t);
      }`,
  },
  {
    name: 'cancelling a task that awaits another task does not cancel the awaited one',
    source: `
      async function main() {
        const b = spawn(async () => { await sleep(20); print('b finished at ' + now()); return 'b'; }, { name: 'b' });
        const a = spawn(async () => { try { return await b; } finally { print('a finally at ' + now()); } }, { name: 'a' });
        await sleep(5);
        a.cancel();
        try { await a; } catch (e) { print('a: ' + (e as Error).message); }
        print('b gives ' + await b + ' at ' + now());
      }`,
  },
  {
    name: 'cancelling a task parked in select cancels the select\'s task items',
    source: `
      async function main() {
        const x = spawn(async () => { try { await sleep(50); return 'x'; } finally { print('x finally at ' + now()); } }, { name: 'x' });
        const t = spawn(async () => { const r = await select(x, sleep(100)); return r.index; }, { name: 't' });
        await sleep(10);
        t.cancel();
        try { await t; } catch (e) { print('t: ' + (e as Error).message + ' x.done ' + x.done); }
      }`,
  },
  {
    name: 'withTimeout on a sibling task cancels it when time runs out',
    source: `
      async function main() {
        const slow = spawn(async () => { try { await sleep(50); return 1; } finally { print('slow finally at ' + now()); } }, { name: 'slow' });
        const waiter = spawn(async () => {
          try { return await withTimeout(10, slow); } catch (e) { return (e as Error).name; }
        }, { name: 'waiter' });
        await sleep(1);
        print('waiter got ' + await waiter + ' slow.done ' + slow.done);
      }`,
  },
  {
    name: 'three tasks take turns with yieldNow',
    source: `
      async function main() {
        const log: string[] = [];
        const w = (tag: string, n: number) => async () => { for (let i = 0; i < n; i++) { log.push(tag + i); await yieldNow(); } };
        await join(spawn(w('a', 3)), spawn(w('b', 1)), spawn(w('c', 2)));
        print(log.join(','));
      }`,
  },
  {
    name: 'a task reads its own done flag in its finally',
    source: `
      async function main() {
        let self: { done: boolean } | undefined;
        const t = spawn(async () => { try { await sleep(5); return 1; } finally { print('done inside ' + self!.done); } });
        self = t;
        print('result ' + await t + ' done after ' + t.done);
      }`,
  },
  {
    name: 'select between two sleeps, and a sleep against yieldNow',
    source: `
      async function main() {
        const a = await select(sleep(20), sleep(10));
        const b = await select(sleep(5), yieldNow());
        print('a ' + a.index + ' b ' + b.index + ' at ' + now());
      }`,
  },
  {
    name: 'reduce over async results in sequence',
    source: `
      async function main() {
        const xs = [1, 2, 3, 4];
        const total = await xs.reduce(async (accP: Promise<number>, x) => { const acc = await accP; await sleep(x); return acc + x; }, Promise.resolve(0));
        print('total ' + total + ' at ' + now());
      }`,
  },
  {
    name: 'try/finally around a return of a spawned task\'s value',
    source: `
      async function main() {
        const get = async () => {
          const t = spawn(async () => { await sleep(3); return 'inner'; });
          try { return await t; } finally { print('finally at ' + now()); }
        };
        print('got ' + await get());
      }`,
  },
];
