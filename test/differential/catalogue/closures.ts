import type { Program } from '../programs.js';

/**
 * Closures inside async functions: what they capture (let, const, var,
 * parameters, loop and catch variables), at one to three levels of nesting,
 * before and after awaits; closures run as tasks; shadowing; and user names
 * that look like the build's own (_a, _this, __park, __frame, …).
 */
export const closures: Program[] = [
  // --- sync closures over an async function's locals ---
  {
    name: 'sync arrow reads a let before and after an await',
    source: `
      async function main() {
        let n = 1;
        const get = () => n;
        print('a ' + get());
        await sleep(1);
        n = 2;
        print('b ' + get());
        await sleep(1);
        print('c ' + get());
      }`,
  },
  {
    name: 'sync arrow increments a captured let across awaits',
    source: `
      async function main() {
        let count = 0;
        const inc = () => { count++; };
        inc();
        await sleep(1);
        inc(); inc();
        print('count ' + count);
        await sleep(1);
        count += 10;
        inc();
        print('count ' + count);
      }`,
  },
  {
    name: 'function expression captures a var changed after an await',
    source: `
      async function main() {
        var v = 'a';
        const f = function () { return v + '!'; };
        print(f());
        await sleep(2);
        v = 'b';
        print(f());
      }`,
  },
  {
    name: 'function declaration in an async body is hoisted and sees its locals',
    source: `
      async function main() {
        var total = 1;
        print('h ' + helper(2));
        await sleep(1);
        total = 5;
        print('h ' + helper(3));
        function helper(m: number) { return total * m; }
      }`,
  },
  {
    name: 'closure writes a const object and a let the async body reads after await',
    source: `
      async function main() {
        const box = { v: 0 };
        let last = '';
        const put = (x: number) => { box.v += x; last = 'put ' + x; };
        put(3);
        await sleep(1);
        print(box.v + ' ' + last);
        put(4);
        await sleep(1);
        print(box.v + ' ' + last);
      }`,
  },
  {
    name: 'sync closure captures a parameter of an async function and writes it',
    source: `
      async function work(p: number) {
        const bump = () => { p = p * 2; };
        bump();
        await sleep(1);
        bump();
        print('p ' + p);
        return p;
      }
      async function main() {
        const r = await work(3);
        print('r ' + r);
      }`,
  },
  // --- async closures ---
  {
    name: 'async arrow captures a const and a parameter of its enclosing async function',
    source: `
      async function outer(p: number) {
        const k = 3;
        const f = async (x: number) => { await sleep(1); return p * k + x; };
        print('r ' + await f(1));
        p = 10;
        print('r ' + await f(2));
      }
      async function main() { await outer(5); }`,
  },
  {
    name: 'async function expression captures a var and mutates it',
    source: `
      async function main() {
        var acc = 'x';
        const add = async function (s: string) { await sleep(1); acc = acc + s; return acc.length; };
        const n1 = await add('y');
        const n2 = await add('zz');
        print(acc + ' ' + n1 + ' ' + n2);
      }`,
  },
  {
    name: 'nested async function declaration captures the outer let, called twice',
    source: `
      async function main() {
        let seen = '';
        async function visit(tag: string, ms: number) {
          await sleep(ms);
          seen += tag;
          return seen;
        }
        const a = await visit('a', 2);
        const b = await visit('b', 1);
        print(a + ' ' + b + ' ' + seen);
      }`,
  },
  {
    name: 'nested async function declaration called before its declaration',
    source: `
      async function main() {
        const base = 7;
        print('v ' + await later(1));
        async function later(x: number) { await sleep(1); return base + x; }
        print('v ' + await later(2));
      }`,
  },
  {
    name: 'two async closures share a captured counter, run in turn',
    source: `
      async function main() {
        let c = 0;
        const up = async () => { await sleep(1); c += 1; return c; };
        const down = async () => { await sleep(1); c -= 2; return c; };
        const r = [await up(), await up(), await down(), await up()];
        print(r.join(',') + ' c=' + c);
      }`,
  },
  {
    name: 'async closures concurrently in one task, wakes at different times',
    source: `
      async function main() {
        const log: string[] = [];
        let hits = 0;
        const go = async (tag: string, ms: number) => { await sleep(ms); hits++; log.push(tag + hits); return tag; };
        const ps = [go('a', 30), go('b', 10), go('c', 20)];
        const r = await Promise.all(ps);
        print(r.join(',') + ' ' + log.join(','));
      }`,
  },
  {
    name: 'async IIFE inside an async body reads and writes its locals',
    source: `
      async function main() {
        let x = 1;
        const y = await (async () => { await sleep(1); x += 5; return x * 2; })();
        print('x ' + x + ' y ' + y);
      }`,
  },
  {
    name: 'async closure returned from an async function and called later',
    source: `
      async function makeAdder(n: number) {
        await sleep(1);
        let calls = 0;
        return async (x: number) => { calls++; await sleep(1); return n + x + calls * 100; };
      }
      async function main() {
        const add = await makeAdder(10);
        print('a ' + await add(1));
        print('b ' + await add(2));
      }`,
  },
  {
    name: 'counter factory returning async and sync methods over one let',
    source: `
      function makeCounter() {
        let c = 0;
        return { inc: async () => { await sleep(1); return ++c; }, get: () => c };
      }
      async function main() {
        const k = makeCounter();
        await k.inc();
        await k.inc();
        print('get ' + k.get() + ' inc ' + await k.inc() + ' get ' + k.get());
      }`,
  },
  {
    name: 'async arrow recursion through a captured const',
    source: `
      async function main() {
        let depth = 0;
        const walk = async (n: number): Promise<number> => {
          depth = Math.max(depth, n);
          if (n <= 0) return 0;
          await sleep(1);
          return n + await walk(n - 1);
        };
        print('sum ' + await walk(4) + ' depth ' + depth);
      }`,
  },
  // --- nesting depth ---
  {
    name: 'two levels: async arrow in async arrow captures main\'s local',
    source: `
      async function main() {
        let s = 'm';
        const outer = async () => {
          s += 'o';
          await sleep(1);
          const inner = async () => { await sleep(1); s += 'i'; return s; };
          const r = await inner();
          s += 'O';
          return r;
        };
        const r = await outer();
        print(r + ' ' + s);
      }`,
  },
  {
    name: 'three levels of async closures, each capturing every level above',
    source: `
      async function main() {
        const a = 1;
        let total = 0;
        const l1 = async (b: number) => {
          await sleep(1);
          const l2 = async (c: number) => {
            let local2 = c * 10;
            const l3 = async (d: number) => {
              await sleep(1);
              total += a + b + c + d + local2;
              local2++;
              return total;
            };
            const x = await l3(4);
            const y = await l3(5);
            return x + ':' + y + ':' + local2;
          };
          return await l2(3);
        };
        print(await l1(2) + ' total ' + total);
      }`,
  },
  {
    name: 'three levels mixing sync and async closures, mutation from the innermost',
    source: `
      async function main() {
        let hits = 0;
        const level1 = () => {
          const level2 = async () => {
            await sleep(1);
            const level3 = () => { hits += 100; return hits; };
            return level3() + level3();
          };
          hits += 1;
          return level2;
        };
        const f = level1();
        print('before ' + hits);
        const r = await f();
        print('r ' + r + ' hits ' + hits);
      }`,
  },
  {
    name: 'two levels of function expressions capturing a var, used after awaits',
    source: `
      async function main() {
        var tag = 'one';
        const mk = function () {
          return function (suffix: string) { return tag + '-' + suffix; };
        };
        const f = mk();
        await sleep(1);
        print(f('a'));
        tag = 'two';
        await sleep(1);
        print(f('b'));
      }`,
  },
  // --- object and class methods ---
  {
    name: 'object method and async method capture an outer let',
    source: `
      async function main() {
        let extra = 1;
        const obj = {
          base: 10,
          add(x: number) { return this.base + x + extra; },
          async later(x: number) { await sleep(1); return this.add(x) * 2; },
        };
        print('add ' + obj.add(1));
        extra = 5;
        print('later ' + await obj.later(2));
      }`,
  },
  {
    name: 'class declared in an async body: method reads a captured let',
    source: `
      async function main() {
        let prefix = 'p';
        class Sayer { say(x: string) { return prefix + ':' + x; } }
        const c = new Sayer();
        print(c.say('a'));
        await sleep(1);
        prefix = 'q';
        print(c.say('b'));
      }`,
  },
  {
    name: 'class declared in an async body: async method writes a captured let',
    source: `
      async function main() {
        let calls = 0;
        class Worker {
          constructor(public id: number) {}
          async run(ms: number) { await sleep(ms); calls++; return this.id * 10 + calls; }
        }
        const w1 = new Worker(1);
        const w2 = new Worker(2);
        const a = await w1.run(2);
        const b = await w2.run(1);
        print(a + ' ' + b + ' calls ' + calls);
      }`,
  },
  // --- loop variables ---
  {
    name: 'for-let: closures created around an await capture each iteration',
    source: `
      async function main() {
        const fs: (() => number)[] = [];
        for (let i = 0; i < 3; i++) {
          await sleep(1);
          fs.push(() => i * 10);
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'for-let: closure captures i and the loop writes i after the closure was made',
    source: `
      async function main() {
        const fs: (() => number)[] = [];
        for (let i = 0; i < 6; i++) {
          fs.push(() => i);
          await sleep(1);
          i++;
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'for-let captured by a closure, with await, continue and break in the body',
    source: `
      async function main() {
        const fs: (() => string)[] = [];
        for (let i = 0; i < 10; i++) {
          await sleep(1);
          if (i % 2 === 1) continue;
          fs.push(() => 'i' + i);
          if (i >= 6) break;
          await sleep(1);
        }
        print(fs.map((f) => f()).join(',') + ' at ' + now());
      }`,
  },
  {
    name: 'for-let captured by a closure, returning from inside the loop',
    source: `
      async function find(xs: number[]) {
        const seen: (() => number)[] = [];
        for (let i = 0; i < xs.length; i++) {
          seen.push(() => xs[i]);
          await sleep(1);
          if (xs[i] > 10) return 'found ' + xs[i] + ' after ' + seen.map((f) => f()).join(':');
        }
        return 'none of ' + seen.length;
      }
      async function main() { print(await find([3, 7, 12, 20])); print(await find([1, 2])); }`,
  },
  {
    name: 'nested for-let loops, the inner closure captures both variables',
    source: `
      async function main() {
        const fs: (() => string)[] = [];
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 2; j++) {
            if (i === 1 && j === 1) continue;
            await sleep(1);
            fs.push(() => i + '' + j);
          }
          if (i === 1) { await sleep(1); }
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'for-of with a captured let, an await and a break',
    source: `
      async function main() {
        const fs: (() => string)[] = [];
        for (const w of ['a', 'b', 'stop', 'c']) {
          let up = w.toUpperCase();
          if (w === 'stop') break;
          fs.push(() => up);
          await sleep(1);
          up += '!';
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'while with a captured let, an await, continue and break',
    source: `
      async function main() {
        const fs: (() => number)[] = [];
        let n = 0;
        while (true) {
          n++;
          const k = n * n;
          await sleep(1);
          if (n === 2) continue;
          fs.push(() => k);
          if (n >= 4) break;
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'for-let loop whose captured variable is assigned inside the async closure',
    source: `
      async function main() {
        const bumps: (() => Promise<number>)[] = [];
        for (let i = 0; i < 3; i++) {
          bumps.push(async () => { await sleep(1); i += 10; return i; });
        }
        const out: number[] = [];
        for (const b of bumps) out.push(await b());
        for (const b of bumps) out.push(await b());
        print(out.join(','));
      }`,
  },
  {
    name: 'for-var: closures all see the final value',
    source: `
      async function main() {
        const fs: (() => number)[] = [];
        for (var i = 0; i < 3; i++) {
          fs.push(() => i);
          await sleep(1);
        }
        print(fs.map((f) => f()).join(',') + ' i ' + i);
      }`,
  },
  {
    name: 'for-let: async closures capture the iteration and await inside',
    source: `
      async function main() {
        const fs: (() => Promise<string>)[] = [];
        for (let i = 0; i < 3; i++) {
          const sq = i * i;
          fs.push(async () => { await sleep(1); return i + '^2=' + sq; });
        }
        const out: string[] = [];
        for (const f of fs) out.push(await f());
        print(out.join(' '));
      }`,
  },
  {
    name: 'for-in: closures capture the key, awaits before and after',
    source: `
      async function main() {
        const obj: { [k: string]: number } = { ax: 1, by: 2, cz: 3 };
        const fs: (() => string)[] = [];
        for (const k in obj) {
          await sleep(1);
          fs.push(() => k + '=' + obj[k]);
          await sleep(1);
        }
        obj.by = 20;
        print(fs.map((f) => f()).join(' '));
      }`,
  },
  {
    name: 'for-of: closures capture the element and a per-iteration const',
    source: `
      async function main() {
        const fs: (() => string)[] = [];
        for (const w of ['x', 'yy', 'zzz']) {
          const len = w.length;
          await sleep(1);
          fs.push(() => w + len);
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'for-of with destructuring: closures capture both parts',
    source: `
      async function main() {
        const pairs: [string, number][] = [['a', 1], ['b', 2], ['c', 3]];
        const fs: (() => string)[] = [];
        for (const [k, v] of pairs) {
          fs.push(() => k + v);
          await sleep(1);
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'while: a let declared in the body is captured per iteration',
    source: `
      async function main() {
        const fs: (() => number)[] = [];
        let n = 0;
        while (n < 3) {
          const m = n * 3;
          let k = m + 1;
          fs.push(() => m + k);
          await sleep(1);
          k = 100;
          n++;
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'do-while: closures capture the body\'s let',
    source: `
      async function main() {
        const fs: (() => string)[] = [];
        let i = 0;
        do {
          let label = 'L' + i;
          await sleep(1);
          fs.push(() => label);
          i++;
        } while (i < 3);
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'catch parameter captured by an async closure awaited in the catch block',
    source: `
      async function main() {
        try {
          await sleep(1);
          throw new Error('inner');
        } catch (err) {
          const describe = async () => { await sleep(1); return 'msg ' + (err as Error).message; };
          print(await describe());
        }
      }`,
  },
  {
    name: 'closures made in a switch case block capture its let',
    source: `
      async function main() {
        const fs: (() => string)[] = [];
        for (const k of [1, 2, 3]) {
          switch (k) {
            case 1: { let s = 'one'; await sleep(1); fs.push(() => s); break; }
            case 2: { let s = 'two'; fs.push(() => s); await sleep(1); s = 'TWO'; break; }
            default: { const s = 'many'; fs.push(() => s + k); }
          }
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  // --- closures run as tasks ---
  {
    name: 'spawned closure reads the parent\'s locals set after spawn',
    source: `
      async function main() {
        let msg = 'early';
        const n = 5;
        spawn(async () => { await sleep(5); print('child sees ' + msg + ' ' + n); });
        msg = 'late';
        await sleep(1);
        msg = 'later';
      }`,
  },
  {
    name: 'spawned closure writes the parent\'s let, parent reads it later',
    source: `
      async function main() {
        let result = 'none';
        let steps = 0;
        spawn(async () => {
          for (let i = 0; i < 3; i++) { await sleep(2); steps++; }
          result = 'done after ' + steps;
        });
        await sleep(3);
        print('mid ' + result + ' ' + steps);
        await sleep(10);
        print('end ' + result + ' ' + steps);
      }`,
  },
  {
    name: 'spawned closures capture for-let loop variables',
    source: `
      async function main() {
        const log: number[] = [];
        for (let i = 1; i <= 3; i++) {
          spawn(async () => { await sleep(i * 10); log.push(i * 100); });
        }
        await sleep(50);
        print('log ' + log.join(','));
      }`,
  },
  {
    name: 'spawned closures capture a for-var loop variable (all see the end value)',
    source: `
      async function main() {
        const log: number[] = [];
        for (var i = 1; i <= 3; i++) {
          const d = i;
          spawn(async () => { await sleep(d * 10); log.push(i); });
        }
        await sleep(50);
        print('log ' + log.join(','));
      }`,
  },
  {
    name: 'parent polls a flag a spawned closure sets',
    source: `
      async function main() {
        let flag = false;
        let polls = 0;
        spawn(async () => { await sleep(7); flag = true; });
        while (!flag) { polls++; await sleep(2); }
        print('polls ' + polls + ' at ' + now());
      }`,
  },
  {
    name: 'spawned closure awaits a nested async closure over the parent\'s locals',
    source: `
      async function main() {
        const items = [3, 1, 2];
        let sum = 0;
        const t = spawn(async () => {
          const addOne = async (x: number) => { await sleep(x); sum += x; return sum; };
          const a = await addOne(items[0]);
          const b = await addOne(items[1]);
          return a + '/' + b;
        });
        print('child ' + await t + ' sum ' + sum);
      }`,
  },
  {
    name: 'spawned closures register callbacks main calls later',
    source: `
      async function main() {
        const handlers: (() => string)[] = [];
        for (const name of ['a', 'b']) {
          spawn(async () => {
            let n = 0;
            await sleep(name === 'a' ? 1 : 2);
            handlers.push(() => name + (++n));
          });
        }
        await sleep(5);
        print(handlers.map((h) => h()).join(',') + ' ' + handlers.map((h) => h()).join(','));
      }`,
  },
  // --- module-level names only ---
  {
    name: 'async closure capturing nothing but module-level names',
    source: `
      const TAG = 'T';
      let hits = 0;
      const bump = async () => { await sleep(1); hits++; return TAG + hits; };
      async function main() {
        const a = await bump();
        const b = await bump();
        print(a + ' ' + b + ' ' + hits);
      }`,
  },
  {
    name: 'spawned async closure capturing nothing but module-level names',
    source: `
      const results: string[] = [];
      function note(s: string) { results.push(s); }
      async function main() {
        spawn(async () => { await sleep(2); note('child'); });
        note('main');
        await sleep(5);
        print(results.join(','));
      }`,
  },
  // --- closures stored and called later ---
  {
    name: 'closures stored in an array run after awaits, some async',
    source: `
      async function main() {
        let base = 1;
        const ops: ((x: number) => number | Promise<number>)[] = [
          (x) => x + base,
          async (x) => { await sleep(1); return x * base; },
          function (x) { return x - base; },
        ];
        await sleep(1);
        base = 3;
        const out: number[] = [];
        for (const op of ops) out.push(await op(10));
        print(out.join(','));
      }`,
  },
  {
    name: 'closures stored in an object and called by key later',
    source: `
      async function main() {
        let state = 'idle';
        const table: { [k: string]: (arg: string) => Promise<string> } = {
          start: async (arg) => { await sleep(1); state = 'running ' + arg; return state; },
          stop: async (arg) => { await sleep(1); const was = state; state = 'stopped'; return was + ' -> ' + state + ' ' + arg; },
        };
        print(await table['start']('x'));
        print(await table.stop('y'));
        print('state ' + state);
      }`,
  },
  {
    name: 'map of async arrows over an array, awaited with all',
    source: `
      async function main() {
        const scale = 3;
        let done = 0;
        const r = await all([5, 1, 3].map(async (x, i) => { await sleep(x); done++; return x * scale + i; }));
        print(r.join(',') + ' done ' + done);
      }`,
  },
  // --- shadowing ---
  {
    name: 'nested async function parameter shadows the outer local',
    source: `
      async function main() {
        let x = 1;
        async function inner(x: number) { await sleep(1); x = x + 100; return x; }
        const r = await inner(5);
        print('r ' + r + ' x ' + x);
        x = 2;
        print('r ' + await inner(x) + ' x ' + x);
      }`,
  },
  {
    name: 'nested async arrow local shadows the outer local, both change across awaits',
    source: `
      async function main() {
        let v = 'outer';
        const f = async () => {
          let v = 'inner';
          await sleep(1);
          v += '!';
          return v;
        };
        await sleep(1);
        v += '?';
        const r = await f();
        print(r + ' ' + v);
      }`,
  },
  {
    name: 'block-scoped let shadows a function-level let across an await',
    source: `
      async function main() {
        let x = 1;
        {
          let x = 2;
          await sleep(1);
          x++;
          print('inner ' + x);
        }
        await sleep(1);
        print('outer ' + x);
      }`,
  },
  {
    name: 'catch parameter shadows an outer local with the same name',
    source: `
      async function main() {
        let e = 'outer-e';
        try { await sleep(1); throw new Error('thrown'); }
        catch (e) { await sleep(1); print('catch ' + (e as Error).message); }
        print('after ' + e);
      }`,
  },
  {
    name: 'spawned closure\'s local shadows the parent\'s local',
    source: `
      async function main() {
        let count = 10;
        const t = spawn(async () => { let count = 0; for (let i = 0; i < 3; i++) { await sleep(1); count++; } return count; });
        count++;
        const c = await t;
        print('child ' + c + ' parent ' + count);
      }`,
  },
  // --- hygiene: user names like the build's own ---
  {
    name: 'hygiene: locals named _a, _b, _c across awaits',
    source: `
      async function main() {
        let _a = 1;
        const _b = [2, 3];
        var _c = 'c';
        await sleep(1);
        _a += _b[0];
        for (const _d of _b) { await sleep(1); _a += _d; }
        print('_a ' + _a + ' _c ' + _c);
      }`,
  },
  {
    name: 'hygiene: a local _this beside an arrow that uses this',
    source: `
      class Box {
        v = 3;
        async run() {
          const _this = { v: 100 };
          await sleep(1);
          const f = () => this.v + _this.v;
          await sleep(1);
          return f();
        }
      }
      async function main() { print('r ' + await new Box().run()); }`,
  },
  {
    name: 'hygiene: locals named __c, __f, $x and a param __f',
    source: `
      async function g(__f: number) { await sleep(1); return __f * 2; }
      async function main() {
        let __c = 5;
        const $x = await g(__c);
        const __f = () => __c + $x;
        await sleep(1);
        __c = 1;
        print('r ' + __f() + ' ' + $x);
      }`,
  },
  {
    name: 'hygiene: locals named __park, __go, __frame, __async',
    source: `
      async function main() {
        let __park = 1;
        const __go = (x: number) => x + __park;
        var __frame = { n: 2 };
        const __async = async (y: number) => { await sleep(1); return y * __frame.n; };
        await sleep(1);
        __park = 10;
        const r = await __async(__go(1));
        print('r ' + r + ' ' + __park + ' ' + __frame.n);
      }`,
  },
  {
    name: 'hygiene: module-level names __park, __go, __frame, __async, __coop_body',
    source: `
      let __park = 'p';
      function __go(x: string) { return x + '!'; }
      const __frame = { k: 'f' };
      const __async = async (s: string) => { await sleep(1); return s + __frame.k; };
      let __coop_body = 0;
      async function main() {
        __coop_body++;
        const a = await __async(__go(__park));
        __coop_body++;
        __park = 'q';
        const b = await __async(__park);
        print(a + ' ' + b + ' ' + __coop_body);
      }`,
  },
  {
    name: 'hygiene: parameters and closures named like helpers in a spawned task',
    source: `
      async function main() {
        const __coop_body = async (_a: number, __park: number) => { await sleep(_a); return _a + __park; };
        let $x = 0;
        const t = spawn(async () => { const _b = await __coop_body(2, 3); $x = _b; return _b * 2; });
        const r = await t;
        print('r ' + r + ' $x ' + $x);
      }`,
  },
  {
    name: 'hygiene: a nested async function named __frame shadows nothing it needs',
    source: `
      async function main() {
        async function __frame(n: number): Promise<number> { await sleep(1); return n <= 1 ? 1 : n * await __frame(n - 1); }
        async function __go() { return 'go'; }
        print('f ' + await __frame(4) + ' ' + await __go());
      }`,
  },
  {
    name: 'hygiene: locals named like frame fields (label, v, t, st, name, done, then, cancel)',
    source: `
      async function work() {
        let label = 'L', v = 1, t = [2], st = 3, o = 'o', b = 'b', y = 'y';
        const name = 'N', done = false, then = 'T', cancel = 'C';
        await sleep(1);
        v += 10; t.push(4); st++;
        await sleep(1);
        return [label, v, t.join(':'), st, o, b, y, name, done, then, cancel].join(' ');
      }
      async function main() {
        const task = spawn(work, { name: 'fields' });
        print(await task + ' / ' + task.name + ' ' + task.done);
      }`,
  },
  {
    name: 'hygiene: locals named $label, $v, $t, $$x beside label, v, t',
    source: `
      async function main() {
        let label = 1, $label = 2, v = 3, $v = 4, t = 5, $t = 6, $$x = 7, $x = 8;
        await sleep(1);
        label++; $label += 10; v *= 2; $v *= 3; t--; $t -= 2; $$x += $x;
        await sleep(1);
        print([label, $label, v, $v, t, $t, $$x, $x].join(','));
      }`,
  },
  {
    name: 'hygiene: module-level names like the runtime\'s internals',
    source: `
      let head = 'h', tail = 't', running = false, parking = 0;
      const root = { k: 'user root' };
      function start(x: string) { return 'start ' + x; }
      function schedule(x: string) { return 'schedule ' + x; }
      function report(x: string) { return 'report ' + x; }
      class Frame { constructor(public label: string) {} }
      const park = (x: number) => x * 2;
      async function main() {
        await sleep(1);
        running = true;
        parking = park(21);
        const f = new Frame('mine');
        await sleep(1);
        print([head, tail, String(running), parking, root.k, start('a'), schedule('b'), report('c'), f.label].join(','));
      }`,
  },
  {
    name: 'hygiene: module-level names like the helpers (_super, __assign, __promiseAll, __superCall)',
    source: `
      const __assign = 'my assign';
      let __promiseAll = 0;
      const _super = { v: 'sup' };
      function __superCall() { return 'mine'; }
      class A { hi() { return 'A'; } }
      class B extends A { async hi2() { await sleep(1); return super.hi() + 'B'; } }
      async function main() {
        const o = { ...{ a: 1 }, b: 2 };
        __promiseAll++;
        const xs = await Promise.all([new B().hi2(), 1]);
        print([__assign, __promiseAll, _super.v, __superCall(), o.a + o.b, xs.join(':')].join(','));
      }`,
  },
  {
    name: 'named async function expression calls itself recursively',
    source: `
      async function main() {
        const fact = async function me(n: number): Promise<number> { await sleep(1); return n <= 1 ? 1 : n * await me(n - 1); };
        print('fact ' + await fact(5) + ' at ' + now());
      }`,
  },
  {
    name: 'async functions made in a loop: one shared body, separate captured state',
    source: `
      async function main() {
        const makers: (() => Promise<string>)[] = [];
        for (const tag of ['x', 'y', 'z']) {
          let count = 0;
          const tick = async function () { await sleep(1); count++; return tag + count; };
          makers.push(tick);
        }
        const out: string[] = [];
        out.push(await makers[0]());
        out.push(await makers[1]());
        out.push(await makers[0]());
        out.push(await makers[2]());
        print(out.join(','));
      }`,
  },
  {
    name: 'the same async function running in two tasks keeps separate locals',
    source: `
      async function count(tag: string, step: number) {
        let total = 0;
        for (let i = 0; i < 3; i++) { await sleep(step); total += step; }
        return tag + total;
      }
      async function main() {
        const [a, b] = await join(spawn(() => count('a', 2)), spawn(() => count('b', 3)));
        print(a + ' ' + b + ' at ' + now());
      }`,
  },
  {
    name: 'destructured parameters and defaults captured by an async closure',
    source: `
      async function f({ a, b }: { a: number; b: number }, c = a + b) {
        const g = async () => { await sleep(1); return a * b + c; };
        a = 10;
        return await g();
      }
      async function main() { print('r ' + await f({ a: 2, b: 3 }) + ' ' + await f({ a: 1, b: 1 }, 5)); }`,
  },
  {
    name: 'spawned arrow in a class method uses this and super',
    source: `
      class Base { describe() { return 'base'; } }
      class Dev extends Base {
        hits = 0;
        async start() {
          const t = spawn(async () => { await sleep(2); this.hits++; return super.describe() + ' ' + this.hits; });
          const r = await t;
          this.hits += 10;
          return r + ' ' + this.hits;
        }
      }
      async function main() { print(await new Dev().start()); }`,
  },
  {
    name: 'async IIFE started in a constructor, awaited later',
    source: `
      class Conn {
        ready: Promise<string>;
        log: string[] = [];
        constructor(public host: string) {
          this.ready = (async () => { await sleep(3); this.log.push('open'); return 'connected ' + this.host; })();
        }
      }
      async function main() {
        const c = new Conn('h1');
        print('made ' + c.log.length);
        print(await c.ready + ' ' + c.log.join(',') + ' at ' + now());
      }`,
  },
  {
    name: 'class expression declared in an async body',
    source: `
      async function main() {
        let made = 0;
        await sleep(1);
        const K = class { n: number; constructor() { this.n = ++made; } async twice() { await sleep(1); return this.n * 2; } };
        const a = new K();
        const b = new K();
        print(await a.twice() + ' ' + await b.twice() + ' made ' + made);
      }`,
  },
  {
    name: 'async arrow class field uses this',
    source: `
      class Button {
        presses = 0;
        constructor(public label: string) {}
        onPress = async (n: number) => { for (let i = 0; i < n; i++) { await sleep(1); this.presses++; } return this.label + ' ' + this.presses; };
      }
      async function main() {
        const b = new Button('ok');
        const handler = b.onPress;
        print(await handler(3) + ' ' + b.presses);
      }`,
  },
  {
    name: 'computed method names and async methods on object literals',
    source: `
      async function main() {
        const k = 'dyn';
        const o = {
          n: 1,
          async [k + 'A']() { await sleep(1); return 'A' + this.n; },
          ['plain' + 1]() { return 'p' + this.n; },
        };
        o.n = 9;
        print(await (o as any).dynA() + ' ' + (o as any).plain1());
      }`,
  },
  {
    name: 'a closure outlives its finished async function',
    source: `
      async function setup() {
        let secret = 'abc';
        const fns = { read: () => secret, write: (s: string) => { secret = s; } };
        await sleep(2);
        secret += 'd';
        return fns;
      }
      async function main() {
        const f = await setup();
        await sleep(5);
        print(f.read());
        f.write('zz');
        await sleep(1);
        print(f.read());
      }`,
  },
  {
    name: 'async callbacks given to forEach run unawaited, each on its own',
    source: `
      async function main() {
        const log: string[] = [];
        [3, 1, 2].forEach(async (x) => { await sleep(x); log.push('v' + x); });
        log.push('sync end');
        await sleep(10);
        print(log.join(','));
      }`,
  },
];
