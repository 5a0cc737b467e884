import type { Program } from '../programs.js';

/**
 * Control flow through awaits: try/catch/finally with every way out of a
 * block, nested; switch fall-through; early returns from loops; recursion;
 * `this`, `arguments`, default and rest parameters; classes with async
 * methods, inheritance and super calls.
 */
export const control: Program[] = [
  // --- errors from awaits ---
  {
    name: 'catch an awaited rejected Promise',
    source: `
      async function main() {
        try {
          await Promise.reject(new Error('rejected'));
          print('not here');
        } catch (e) {
          print('caught ' + (e as Error).message);
        }
      }`,
  },
  {
    name: 'catch an error thrown by an awaited async function after it slept',
    source: `
      async function bad(ms: number) { await sleep(ms); throw new Error('bad after ' + ms); }
      async function main() {
        try { await bad(5); print('not here'); }
        catch (e) { print('caught ' + (e as Error).message + ' at ' + now()); }
      }`,
  },
  {
    name: 'an error thrown before the first await of an async function is caught at the await',
    source: `
      async function early(x: number) { if (x > 0) throw new Error('early ' + x); await sleep(1); return x; }
      async function main() {
        const p = early(1);
        print('called');
        try { await p; } catch (e) { print('caught ' + (e as Error).message); }
        print('ok ' + await early(0));
      }`,
  },
  {
    name: 'error propagates through three awaited async functions with finally in each',
    source: `
      async function c() { try { await sleep(1); throw new Error('deep'); } finally { print('finally c'); } }
      async function b() { try { await c(); } finally { await sleep(1); print('finally b'); } }
      async function a() { try { return await b(); } finally { print('finally a'); } }
      async function main() {
        try { await a(); } catch (e) { print('main caught ' + (e as Error).message); }
      }`,
  },
  {
    name: 'throwing non-Error values: string, number, object',
    source: `
      async function t(v: any) { await sleep(1); throw v; }
      async function main() {
        for (const v of ['str', 42, { code: 7 }]) {
          try { await t(v); }
          catch (e) { print('caught ' + (typeof e === 'object' ? 'code ' + (e as any).code : String(e))); }
        }
      }`,
  },
  {
    name: 'catch without a binding',
    source: `
      async function main() {
        let tries = 0;
        for (;;) {
          try { tries++; await sleep(1); if (tries < 3) throw new Error('again'); break; }
          catch { print('retry ' + tries); }
        }
        print('tries ' + tries);
      }`,
  },
  // --- try/catch/finally exits ---
  {
    name: 'finally runs after a return in try, and awaits in the finally',
    source: `
      async function f() {
        try { await sleep(1); return 'from try'; }
        finally { print('finally starts'); await sleep(2); print('finally ends at ' + now()); }
      }
      async function main() { print('got ' + await f()); }`,
  },
  {
    name: 'a return in finally overrides the try\'s return',
    source: `
      async function f() {
        try { await sleep(1); return 'try'; }
        finally { await sleep(1); return 'finally'; }
      }
      async function main() { print('got ' + await f()); }`,
  },
  {
    name: 'a return in finally swallows a thrown error',
    source: `
      async function f() {
        try { await sleep(1); throw new Error('lost'); }
        finally { return 'finally wins'; }
      }
      async function main() { print('got ' + await f()); }`,
  },
  {
    name: 'an error in finally replaces the error from try',
    source: `
      async function f() {
        try { await sleep(1); throw new Error('first'); }
        finally { await sleep(1); throw new Error('second'); }
      }
      async function main() { try { await f(); } catch (e) { print('caught ' + (e as Error).message); } }`,
  },
  {
    name: 'break inside try in a loop runs the finally',
    source: `
      async function main() {
        for (let i = 0; i < 5; i++) {
          try {
            await sleep(1);
            if (i === 2) break;
            print('body ' + i);
          } finally {
            print('finally ' + i);
          }
        }
        print('after loop');
      }`,
  },
  {
    name: 'continue inside try in a loop runs the finally, with awaits in both',
    source: `
      async function main() {
        let out = '';
        for (let i = 0; i < 4; i++) {
          try {
            await sleep(1);
            if (i % 2 === 0) continue;
            out += 'b' + i;
          } finally {
            await sleep(1);
            out += 'f' + i;
          }
        }
        print(out);
      }`,
  },
  {
    name: 'break in finally swallows the error',
    source: `
      async function main() {
        let n = 0;
        while (true) {
          try { n++; await sleep(1); if (n < 3) continue; throw new Error('swallowed'); }
          finally { if (n >= 3) break; }
        }
        print('n ' + n);
      }`,
  },
  {
    name: 'throw in catch runs finally, then an outer catch gets it',
    source: `
      async function main() {
        try {
          try { await sleep(1); throw new Error('one'); }
          catch (e) { await sleep(1); throw new Error((e as Error).message + '+two'); }
          finally { print('inner finally'); }
        } catch (e) {
          print('outer caught ' + (e as Error).message);
        }
      }`,
  },
  {
    name: 'rethrow keeps the same error object',
    source: `
      class Oops extends Error { constructor(m: string, public code: number) { super(m); this.name = 'Oops'; } }
      async function main() {
        const original = new Oops('x', 3);
        try {
          try { await sleep(1); throw original; }
          catch (e) { print('inner ' + (e as Oops).code); throw e; }
        } catch (e) {
          print('same ' + (e === original) + ' ' + String(e) + ' ' + (e instanceof Oops));
        }
      }`,
  },
  {
    name: 'return from inside catch runs the finally first',
    source: `
      async function f() {
        try { await sleep(1); throw new Error('x'); }
        catch (e) { await sleep(1); return 'from catch'; }
        finally { print('finally'); }
      }
      async function main() { print('got ' + await f()); }`,
  },
  {
    name: 'try/catch/finally nested three deep with awaits in every block',
    source: `
      async function main() {
        const log: string[] = [];
        try {
          await sleep(1); log.push('t1');
          try {
            await sleep(1); log.push('t2');
            try {
              await sleep(1); log.push('t3');
              throw new Error('e3');
            } catch (e) {
              await sleep(1); log.push('c3:' + (e as Error).message);
              throw new Error('e2');
            } finally {
              await sleep(1); log.push('f3');
            }
          } catch (e) {
            await sleep(1); log.push('c2:' + (e as Error).message);
          } finally {
            await sleep(1); log.push('f2');
            throw new Error('e1');
          }
        } catch (e) {
          await sleep(1); log.push('c1:' + (e as Error).message);
        } finally {
          await sleep(1); log.push('f1');
        }
        print(log.join(' '));
      }`,
  },
  {
    name: 'nested finally blocks run innermost first on return',
    source: `
      async function f() {
        try {
          try {
            try { await sleep(1); return 'r'; }
            finally { print('f3'); }
          } finally { await sleep(1); print('f2'); }
        } finally { print('f1'); }
      }
      async function main() { print('got ' + await f()); }`,
  },
  {
    name: 'errors in some loop iterations, caught per iteration',
    source: `
      async function check(i: number) { await sleep(1); if (i % 3 === 1) throw new Error('bad ' + i); return i * 2; }
      async function main() {
        const out: string[] = [];
        for (let i = 0; i < 6; i++) {
          try { out.push('' + await check(i)); }
          catch (e) { out.push((e as Error).message); }
        }
        print(out.join(','));
      }`,
  },
  {
    name: 'Promise .catch inside an await',
    source: `
      async function fails() { await sleep(1); throw new Error('nope'); }
      async function main() {
        const v = await fails().catch((e: Error) => 'recovered from ' + e.message);
        print(v);
      }`,
  },
  // --- switch ---
  {
    name: 'switch fall-through with awaits in each case',
    source: `
      async function route(k: number) {
        const log: string[] = [];
        switch (k) {
          case 1: await sleep(1); log.push('one');
          case 2: await sleep(1); log.push('two');
          case 3: log.push('three'); break;
          case 4: await sleep(1); log.push('four');
        }
        return log.join('+') || 'none';
      }
      async function main() {
        print([await route(1), await route(2), await route(3), await route(4), await route(5)].join(' | '));
      }`,
  },
  {
    name: 'switch with default in the middle falling through, with awaits',
    source: `
      async function route(k: string) {
        let s = '';
        switch (k) {
          case 'a': s += 'A'; await sleep(1);
          default: s += 'D'; await sleep(1);
          case 'b': s += 'B'; break;
          case 'c': s += 'C';
        }
        return s;
      }
      async function main() { print([await route('a'), await route('b'), await route('c'), await route('z')].join(',')); }`,
  },
  {
    name: 'return and continue from inside a switch inside a loop',
    source: `
      async function find(xs: number[]) {
        let skipped = 0;
        for (const x of xs) {
          switch (x % 3) {
            case 0: await sleep(1); skipped++; continue;
            case 1: await sleep(1); break;
            default: await sleep(1); return 'found ' + x + ' skipped ' + skipped;
          }
          print('after switch ' + x);
        }
        return 'none';
      }
      async function main() { print(await find([3, 4, 6, 7, 8, 10])); }`,
  },
  // --- early exits and loops ---
  {
    name: 'early return from a for loop inside try/finally',
    source: `
      async function first(xs: number[], pred: (x: number) => boolean) {
        for (let i = 0; i < xs.length; i++) {
          try {
            await sleep(1);
            if (pred(xs[i])) return 'index ' + i;
          } finally {
            print('checked ' + i);
          }
        }
        return 'none';
      }
      async function main() { print(await first([1, 3, 8, 5], (x) => x % 2 === 0)); }`,
  },
  {
    name: 'early return from a while loop nested in a for-of',
    source: `
      async function search(grid: number[][]) {
        for (const row of grid) {
          let j = 0;
          while (j < row.length) {
            await sleep(1);
            if (row[j] < 0) return 'neg ' + row[j];
            j++;
          }
          print('row done ' + row.join(':'));
        }
        return 'no neg';
      }
      async function main() { print(await search([[1, 2], [3, -4, 5], [6]])); }`,
  },
  {
    name: 'do-while with continue and break around awaits',
    source: `
      async function main() {
        let i = 0, out = '';
        do {
          i++;
          await sleep(1);
          if (i === 2) continue;
          if (i === 5) break;
          out += i;
        } while (i < 8);
        print(out + ' i ' + i);
      }`,
  },
  // --- recursion ---
  {
    name: 'async recursive fib',
    source: `
      async function fib(n: number): Promise<number> {
        if (n < 2) return n;
        await yieldNow();
        return await fib(n - 1) + await fib(n - 2);
      }
      async function main() { print('fib ' + await fib(10)); }`,
  },
  {
    name: 'async recursive tree walk collecting values',
    source: `
      interface Node { v: string; kids: Node[] }
      const tree: Node = { v: 'a', kids: [{ v: 'b', kids: [{ v: 'd', kids: [] }] }, { v: 'c', kids: [{ v: 'e', kids: [] }, { v: 'f', kids: [] }] }] };
      async function walk(n: Node, depth: number, out: string[]): Promise<number> {
        await sleep(1);
        out.push(n.v + depth);
        let count = 1;
        for (const k of n.kids) count += await walk(k, depth + 1, out);
        return count;
      }
      async function main() {
        const out: string[] = [];
        const n = await walk(tree, 0, out);
        print(n + ' ' + out.join(',') + ' at ' + now());
      }`,
  },
  {
    name: 'mutually recursive async functions',
    source: `
      async function isEven(n: number): Promise<boolean> { if (n === 0) return true; await sleep(1); return isOdd(n - 1); }
      async function isOdd(n: number): Promise<boolean> { if (n === 0) return false; return await isEven(n - 1); }
      async function main() { print('7 even ' + await isEven(7) + ', 10 even ' + await isEven(10)); }`,
  },
  // --- this, arguments, parameters ---
  {
    name: 'this inside async methods, before and after awaits',
    source: `
      class Account {
        balance = 0;
        async deposit(x: number) { this.balance += x; await sleep(1); this.balance += 1; return this.balance; }
        async twice(x: number) { await this.deposit(x); return this.deposit(x); }
      }
      async function main() {
        const a = new Account();
        const r = await a.twice(10);
        print('r ' + r + ' balance ' + a.balance);
      }`,
  },
  {
    name: 'this inside arrows inside async methods',
    source: `
      class Team {
        members: string[] = [];
        constructor(public name: string) {}
        async addAll(xs: string[]) {
          const add = async (x: string) => { await sleep(1); this.members.push(this.name + ':' + x); };
          for (const x of xs) await add(x);
          const describe = () => this.members.length + ' in ' + this.name;
          await sleep(1);
          return describe();
        }
      }
      async function main() {
        const t = new Team('red');
        print(await t.addAll(['a', 'b']) + ' ' + t.members.join(','));
      }`,
  },
  {
    name: 'this in an async object method and a nested function expression',
    source: `
      async function main() {
        const obj = {
          tag: 'obj',
          async run() {
            await sleep(1);
            const self = this;
            const inner = function (this: { tag: string }) { return 'inner ' + this.tag; };
            return self.tag + ' ' + inner.call({ tag: 'given' }) + ' ' + this.tag;
          },
        };
        print(await obj.run());
      }`,
  },
  {
    name: 'arguments in a regular function inside an async function',
    source: `
      async function main() {
        function count(..._xs: any[]) { return arguments.length; }
        const sum = function (a: number, b?: number) { let s = 0; for (let i = 0; i < arguments.length; i++) s += arguments[i]; return s; };
        await sleep(1);
        print('count ' + count(1, 2, 3) + ' sum ' + (sum as any)(1, 2, 3, 4));
      }`,
  },
  {
    name: 'arguments of a sync wrapper captured by the async arrow it returns',
    source: `
      function later(a: string, b: string) {
        const args = arguments;
        return (async () => { await sleep(1); return args.length + ':' + args[0] + args[1]; })();
      }
      async function main() { print(await later('x', 'y')); }`,
  },
  {
    name: 'default parameters of an async function, one computed from an earlier one',
    source: `
      async function area(w: number, h = w, unit = 'cm') { await sleep(1); return w * h + unit; }
      async function main() { print([await area(3), await area(3, 4), await area(2, undefined, 'm')].join(',')); }`,
  },
  {
    name: 'destructured parameter with defaults in an async method',
    source: `
      class Fmt {
        prefix = '>';
        async show({ name, n = 1 }: { name: string; n?: number }, sep = ':') { await sleep(1); return this.prefix + name + sep + n; }
      }
      async function main() {
        const f = new Fmt();
        print(await f.show({ name: 'a' }) + ' ' + await f.show({ name: 'b', n: 5 }, '='));
      }`,
  },
  {
    name: 'rest parameters of an async function',
    source: `
      async function total(label: string, ...xs: number[]) {
        await sleep(1);
        let s = 0;
        for (const x of xs) s += x;
        return label + ' ' + xs.length + ' ' + s;
      }
      async function main() { print(await total('a', 1, 2, 3) + ', ' + await total('b')); }`,
  },
  // --- classes ---
  {
    name: 'class with async methods, static async method and fields',
    source: `
      class Store {
        static created = 0;
        items: string[] = [];
        static async make(n: number) { await sleep(1); const s = new Store(); Store.created++; for (let i = 0; i < n; i++) await s.put('i' + i); return s; }
        async put(x: string) { await sleep(1); this.items.push(x); }
        size() { return this.items.length; }
      }
      async function main() {
        const a = await Store.make(2);
        const b = await Store.make(3);
        print(a.size() + ' ' + b.size() + ' created ' + Store.created + ' ' + b.items.join(','));
      }`,
  },
  {
    name: 'methods returning promises (not async) called from async code',
    source: `
      class Loader {
        loads = 0;
        private async fetch(k: string) { await sleep(1); this.loads++; return k.toUpperCase(); }
        get(k: string): Promise<string> { return this.fetch(k); }
        getTwice(k: string): Promise<string> { return this.get(k).then((v) => this.get(v + k)); }
      }
      async function main() {
        const l = new Loader();
        print(await l.get('a') + ' ' + await l.getTwice('b') + ' loads ' + l.loads);
      }`,
  },
  {
    name: 'subclass async method calls super\'s async method',
    source: `
      class Base {
        constructor(public name: string) {}
        async greet(x: string) { await sleep(1); return 'hello ' + x + ' from ' + this.name; }
      }
      class Loud extends Base {
        async greet(x: string) { const base = await super.greet(x); await sleep(1); return base.toUpperCase() + '!'; }
      }
      async function main() { print(await new Loud('loud').greet('you')); }`,
  },
  {
    name: 'three-level inheritance with super calls from async methods after awaits',
    source: `
      class A { async path(): Promise<string> { await sleep(1); return 'A'; } sync() { return 'a'; } }
      class B extends A { async path(): Promise<string> { await sleep(1); return (await super.path()) + 'B' + super.sync(); } }
      class C extends B {
        async path(): Promise<string> {
          const before = super.sync();
          await sleep(1);
          const p = await super.path();
          return before + '|' + p + 'C';
        }
      }
      async function main() { const c = new C(); print(await c.path() + ' ' + (c instanceof A)); }`,
  },
  {
    name: 'super call in an arrow inside an async method',
    source: `
      class P { val(x: number) { return x + 1; } }
      class Q extends P {
        async all(xs: number[]) {
          const out: number[] = [];
          for (const x of xs) { await sleep(1); out.push([x].map((y) => super.val(y) * 10)[0]); }
          return out.join(',');
        }
      }
      async function main() { print(await new Q().all([1, 2, 3])); }`,
  },
  {
    name: 'an async method throws an Error subclass; instanceof and name survive',
    source: `
      class NotFound extends Error { constructor(public key: string) { super('no ' + key); this.name = 'NotFound'; } }
      class Repo {
        async find(k: string) { await sleep(1); if (k !== 'x') throw new NotFound(k); return 'found x'; }
      }
      async function main() {
        const r = new Repo();
        print(await r.find('x'));
        try { await r.find('y'); }
        catch (e) { print((e instanceof NotFound) + ' ' + (e as NotFound).key + ' ' + String(e)); }
      }`,
  },
  {
    name: 'if / else chains with awaits in every branch',
    source: `
      async function classify(n: number) {
        let s: string;
        if (n < 0) { await sleep(1); s = 'neg'; }
        else if (n === 0) { s = 'zero'; }
        else if (n < 10) { await sleep(1); s = 'small'; await sleep(1); s += '!'; }
        else { await sleep(2); s = 'big'; }
        return s;
      }
      async function main() {
        const out: string[] = [];
        for (const n of [-1, 0, 5, 50]) out.push(await classify(n));
        print(out.join(',') + ' at ' + now());
      }`,
  },
  {
    name: 'break from a switch inside try inside a for loop',
    source: `
      async function main() {
        let log = '';
        for (let i = 0; i < 4; i++) {
          try {
            switch (i) {
              case 1: await sleep(1); log += 'one;'; break;
              case 2: throw new Error('two');
              default: log += 'd' + i + ';';
            }
            log += 'after' + i + ';';
          } catch (e) {
            await sleep(1);
            log += 'caught ' + (e as Error).message + ';';
          }
        }
        print(log);
      }`,
  },
  {
    name: 'for-let captured, try/finally with awaits, continue and break through the finally',
    source: `
      async function main() {
        const fs: (() => number)[] = [];
        const log: string[] = [];
        for (let i = 0; i < 5; i++) {
          fs.push(() => i);
          try {
            await sleep(1);
            if (i === 1) continue;
            if (i === 3) break;
            log.push('body' + i);
          } finally {
            await sleep(1);
            log.push('fin' + i);
          }
        }
        print(log.join(',') + ' | ' + fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'for-let captured, return from inside try/finally in the loop',
    source: `
      async function f() {
        const fs: (() => number)[] = [];
        for (let i = 0; i < 5; i++) {
          fs.push(() => i * 2);
          try {
            await sleep(1);
            if (i === 2) return 'returned at ' + i + ' ' + fs.map((g) => g()).join(',');
          } finally {
            print('finally ' + i);
          }
        }
        return 'end';
      }
      async function main() { print(await f()); }`,
  },
  {
    name: 'for-let captured, an error thrown in the loop caught outside it',
    source: `
      async function main() {
        const fs: (() => number)[] = [];
        try {
          for (let i = 0; i < 5; i++) {
            fs.push(() => i);
            await sleep(1);
            if (i === 2) throw new Error('at ' + i);
          }
        } catch (e) {
          print('caught ' + (e as Error).message + ' ' + fs.map((f) => f()).join(','));
        }
      }`,
  },
  {
    name: 'for-let captured, an error caught inside the loop body',
    source: `
      async function bad(i: number) { await sleep(1); if (i % 2) throw new Error('odd ' + i); return i; }
      async function main() {
        const fs: (() => string)[] = [];
        for (let i = 0; i < 4; i++) {
          try { const v = await bad(i); fs.push(() => 'ok' + v + i); }
          catch (e) { const m = (e as Error).message; fs.push(() => m + '/' + i); }
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'a let in a try block in a loop, captured',
    source: `
      async function main() {
        const fs: (() => string)[] = [];
        for (let i = 0; i < 3; i++) {
          try { let x = 'x' + i; await sleep(1); fs.push(() => x); } finally { await sleep(1); }
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'a const in a catch block in a loop, captured',
    source: `
      async function main() {
        const fs: (() => string)[] = [];
        for (const w of ['p', 'q']) {
          try { await sleep(1); throw new Error(w); }
          catch (e) { const m = (e as Error).message; await sleep(1); fs.push(() => 'm=' + m); }
        }
        print(fs.map((f) => f()).join(','));
      }`,
  },
  {
    name: 'return g() without await inside try/finally: finally runs first',
    source: `
      async function g() { await sleep(5); print('g done at ' + now()); return 'g'; }
      async function f() { try { return g(); } finally { print('finally at ' + now()); } }
      async function main() { print('got ' + await f() + ' at ' + now()); }`,
  },
  {
    name: 'return await inside try with an awaiting finally',
    source: `
      async function a() { await sleep(2); return 'a'; }
      async function f() { try { return await a(); } finally { await sleep(3); print('finally at ' + now()); } }
      async function main() { print('got ' + await f() + ' at ' + now()); }`,
  },
  {
    name: 'static async methods use this as the class',
    source: `
      class Registry {
        static items: string[] = [];
        static async add(x: string) { await sleep(1); this.items.push(x); return this.items.length; }
        static async addAll(xs: string[]) { let n = 0; for (const x of xs) n = await this.add(x); return n; }
      }
      async function main() { print(await Registry.addAll(['a', 'b', 'c']) + ' ' + Registry.items.join('')); }`,
  },
  {
    name: 'async arrows with default and destructured parameters',
    source: `
      async function main() {
        const base = 100;
        const f = async (x = base, { y = 2 }: { y?: number } = {}) => { await sleep(1); return x + y; };
        const g = async ([p, q]: number[], ...rest: number[]) => { await sleep(1); return p * q + rest.length; };
        print([await f(), await f(1), await f(1, { y: 10 }), await g([3, 4], 9, 9)].join(','));
      }`,
  },
  {
    name: 'async method default parameter reads this',
    source: `
      class Cfg {
        v = 7;
        async get(x = this.v, y = x * 2) { await sleep(1); return x + ':' + y + ':' + this.v; }
      }
      async function main() { const c = new Cfg(); print(await c.get() + ' ' + await c.get(1) + ' ' + await c.get(1, 1)); }`,
  },
  {
    name: 'arguments in a function expression inside an async arrow',
    source: `
      async function main() {
        const outer = async (a: number) => {
          await sleep(1);
          const inner = function (_x: number, _y: number) { return arguments.length + a; };
          return inner(1, 2) + (inner as any)(1, 2, 3);
        };
        print('r ' + await outer(10));
      }`,
  },
  {
    name: 'many awaits of ready values in a loop',
    source: `
      async function main() {
        let n = 0;
        for (let i = 0; i < 3000; i++) { n += await i; if (i % 1000 === 999) await null; }
        const done = spawn(async () => 5);
        await sleep(1);
        let m = 0;
        for (let i = 0; i < 500; i++) m += await done;
        print('n ' + n + ' m ' + m + ' at ' + now());
      }`,
  },
  {
    name: 'an async function that never awaits, called in a loop',
    source: `
      async function sq(x: number) { if (x < 0) throw new Error('neg'); return x * x; }
      async function main() {
        let s = 0;
        for (let i = -1; i < 5; i++) { try { s += await sq(i); } catch (e) { s -= 100; } }
        print('s ' + s);
      }`,
  },
  {
    name: 'super method call with awaited arguments and super property after awaits',
    source: `
      class Base { scale = 2; mul(a: number, b: number) { return a * b * this.scale; } static kind() { return 'base'; } }
      class Sub extends Base {
        async calc(x: number) {
          await sleep(1);
          const r = super.mul(await Promise.resolve(x), await Promise.resolve(3));
          await sleep(1);
          return r + ' ' + Sub.kind();
        }
        static async kindLater() { await sleep(1); return super.kind() + '+sub'; }
      }
      async function main() { print(await new Sub().calc(5) + ' ' + await Sub.kindLater()); }`,
  },
];
