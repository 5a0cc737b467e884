import type { Program } from '../programs.js';

/**
 * Awaits inside expressions: the compiled state machine must evaluate
 * operands in JavaScript's order (left to right, receivers and callees
 * before arguments, a compound assignment's target read before the await)
 * and short-circuit where JavaScript does. Side effects are printed to show
 * the order.
 */
export const expressions: Program[] = [
  {
    name: 'awaits in call arguments run left to right',
    source: `
      async function val(tag: string, v: number) { print('eval ' + tag); await sleep(1); print('done ' + tag); return v; }
      function add3(a: number, b: number, c: number) { return a * 100 + b * 10 + c; }
      async function main() {
        print('r ' + add3(await val('a', 1), 2, await val('c', 3)));
      }`,
  },
  {
    name: 'sync side effects and awaits mixed in call arguments keep their order',
    source: `
      function s(tag: string, v: number) { print('sync ' + tag); return v; }
      async function a(tag: string, v: number) { await sleep(1); print('async ' + tag); return v; }
      function join3(x: number, y: number, z: number) { return x + '-' + y + '-' + z; }
      async function main() {
        print(join3(s('x', 1), await a('y', 2), s('z', 3)));
      }`,
  },
  {
    name: 'the callee is read before the awaited arguments',
    source: `
      let fn = (x: number) => 'old ' + x;
      async function change() { await sleep(1); fn = (x: number) => 'new ' + x; return 5; }
      async function main() {
        print(fn(await change()));
        print(fn(6));
      }`,
  },
  {
    name: 'the receiver of a method call is read before the awaited arguments',
    source: `
      class Named { constructor(public name: string) {} hello(x: number) { return this.name + ' ' + x; } }
      let o = new Named('first');
      async function swap() { await sleep(1); o = new Named('second'); return 1; }
      async function main() {
        print(o.hello(await swap()));
        print(o.hello(2));
      }`,
  },
  {
    name: 'await in both branches of a ternary; only the taken one runs',
    source: `
      async function pick(tag: string, v: string) { print('eval ' + tag); await sleep(1); return v; }
      async function cond(b: boolean) { await sleep(1); return b; }
      async function main() {
        const a = (await cond(true)) ? await pick('yes1', 'Y') : await pick('no1', 'N');
        const b = (await cond(false)) ? await pick('yes2', 'Y') : await pick('no2', 'N');
        print(a + b);
      }`,
  },
  {
    name: 'awaits after && and || are skipped when short-circuited',
    source: `
      async function side(tag: string, v: any) { print('ran ' + tag); await sleep(1); return v; }
      async function main() {
        const a = false && await side('a', 1);
        const b = true || await side('b', 2);
        const c = (await side('c', 0)) || await side('d', 'dv');
        const d = (await side('e', 'ev')) && await side('f', 'fv');
        print([a, b, c, d].join(','));
      }`,
  },
  {
    name: 'await on both sides of ??',
    source: `
      async function get(v: any) { await sleep(1); return v; }
      async function dflt(tag: string) { print('default ' + tag); await sleep(1); return 'D' + tag; }
      async function main() {
        const a = (await get(null)) ?? await dflt('a');
        const b = (await get(0)) ?? await dflt('b');
        const c = (await get(undefined)) ?? (await get('')) ?? await dflt('c');
        print('a=' + a + ' b=' + b + ' c=[' + c + ']');
      }`,
  },
  {
    name: 'awaits inside a template literal',
    source: `
      async function w(tag: string) { print('w ' + tag); await sleep(1); return tag.toUpperCase(); }
      async function main() {
        const n = 3;
        const s = \`<\${await w('a')}|\${n * 2}|\${await w('b')}>\`;
        print(s);
      }`,
  },
  {
    name: 'object literal properties evaluate in order around awaits',
    source: `
      function s(tag: string) { print('sync ' + tag); return tag; }
      async function a(tag: string) { await sleep(1); print('async ' + tag); return tag + tag; }
      async function main() {
        const key = 'k';
        const o = { first: await a('p'), second: s('q'), [key + 'x']: await a('r'), last: s('t') };
        print(o.first + ' ' + o.second + ' ' + o.kx + ' ' + o.last);
      }`,
  },
  {
    name: 'array literal with awaits and a spread of an awaited array',
    source: `
      async function a(v: number) { print('a ' + v); await sleep(1); return v; }
      async function arr() { await sleep(1); return [7, 8]; }
      async function main() {
        const xs = [await a(1), 2, ...(await arr()), await a(3)];
        print(xs.join(','));
      }`,
  },
  {
    name: 'awaits in a for loop\'s init, test and update',
    source: `
      let calls = 0;
      async function v(x: number) { calls++; await sleep(1); return x; }
      async function main() {
        const seen: number[] = [];
        for (let i = await v(1); i < await v(4); i += await v(1)) seen.push(i);
        print(seen.join(',') + ' calls ' + calls);
      }`,
  },
  {
    name: 'await in a while test',
    source: `
      async function main() {
        let n = 0;
        const more = async () => { await sleep(1); return n < 3; };
        while (await more()) { n++; print('n ' + n); }
        print('end ' + n);
      }`,
  },
  {
    name: 'await in a do-while test (body first)',
    source: `
      async function main() {
        let n = 10;
        const more = async () => { await sleep(1); print('test ' + n); return n < 12; };
        do { n++; } while (await more());
        print('end ' + n);
      }`,
  },
  {
    name: 'await in a switch discriminant and in case tests',
    source: `
      async function v(tag: string, x: number) { print('eval ' + tag); await sleep(1); return x; }
      async function main() {
        switch (await v('disc', 2)) {
          case await v('c1', 1): print('one'); break;
          case await v('c2', 2): print('two'); break;
          case await v('c3', 3): print('three'); break;
        }
        print('after');
      }`,
  },
  {
    name: 'compound assignment reads the target before the await',
    source: `
      let x = 1;
      async function f() { await sleep(1); x = 100; return 5; }
      async function main() {
        x += await f();
        print('x ' + x);
        let s = 'a';
        const g = async () => { await sleep(1); s = 'zzz'; return 'b'; };
        s += await g();
        print('s ' + s);
      }`,
  },
  {
    name: 'x = x + await f() reads x first; x = await f() + x reads it after',
    source: `
      let x = 1;
      async function f() { await sleep(1); x = 10; return 2; }
      async function main() {
        x = x + await f();
        print('first ' + x);
        x = 1;
        x = await f() + x;
        print('second ' + x);
      }`,
  },
  {
    name: 'member and computed access on awaited values',
    source: `
      async function obj() { await sleep(1); return { a: { b: 'deep' }, list: [10, 20, 30] }; }
      async function key() { await sleep(1); return 'a'; }
      async function main() {
        const o = { a: 'A', b: 'B' };
        print((await obj()).a.b + ' ' + (await obj()).list[2] + ' ' + (o as any)[await key()]);
      }`,
  },
  {
    name: 'assignment to a computed member: object and key before the awaited value',
    source: `
      async function main() {
        let target: { [k: string]: number } = { name: 0 };
        const first = target;
        let k = 'a';
        const val = async () => { await sleep(1); target = {}; k = 'b'; return 42; };
        target[k] = await val();
        print('first.a ' + first.a + ' first.b ' + first.b + ' target.a ' + target.a);
      }`,
  },
  {
    name: 'indexed compound assignment with i++ and an await',
    source: `
      async function main() {
        const arr = [1, 2, 3];
        let i = 0;
        const f = async () => { await sleep(1); arr[0] = 50; return 10; };
        arr[i++] += await f();
        print(arr.join(',') + ' i ' + i);
      }`,
  },
  {
    name: 'increment of a member chosen by an awaited key',
    source: `
      async function main() {
        const counts: { [k: string]: number } = { x: 1, y: 5 };
        const k = async (s: string) => { await sleep(1); return s; };
        counts[await k('y')]++;
        counts[await k('x')] += counts[await k('y')];
        print(counts.x + ' ' + counts.y);
      }`,
  },
  {
    name: 'chained calls on awaited objects',
    source: `
      class Chain {
        constructor(public parts: string[]) {}
        add(p: string) { return new Chain(this.parts.concat([p])); }
        async later(p: string) { await sleep(1); return this.add(p); }
        text() { return this.parts.join('.'); }
      }
      async function main() {
        const c = new Chain(['a']);
        print((await (await c.add('b').later('c')).add('d').later('e')).text());
      }`,
  },
  {
    name: 'new expression with awaited arguments',
    source: `
      class Point { constructor(public x: number, public y: number) {} sum() { return this.x + this.y; } }
      async function n(v: number) { print('n ' + v); await sleep(1); return v; }
      async function main() {
        const p = new Point(await n(3), await n(4));
        print('p ' + p.x + ',' + p.y + ' sum ' + p.sum());
      }`,
  },
  {
    name: 'comma expression with an await in the middle',
    source: `
      function log(s: string) { print(s); return s; }
      async function mid() { await sleep(1); print('mid'); return 'M'; }
      async function main() {
        const r = (log('a'), await mid(), log('b'));
        print('r ' + r);
      }`,
  },
  {
    name: 'typeof, unary minus, !, void and ~ of awaited values',
    source: `
      async function v(x: any) { await sleep(1); return x; }
      async function main() {
        const a = typeof await v('s');
        const b = -(await v(5));
        const c = !(await v(0));
        const d = void (await v(1));
        const e = ~(await v(2));
        print([a, b, c, String(d), e].join(','));
      }`,
  },
  {
    name: 'string concatenation evaluates left to right around awaits',
    source: `
      function s(n: number) { print('sync ' + n); return '' + n; }
      async function a(n: number) { print('start ' + n); await sleep(1); print('end ' + n); return '' + n; }
      async function main() {
        const r = 'x' + s(1) + await a(2) + s(3) + await a(4);
        print('r ' + r);
      }`,
  },
  {
    name: 'arithmetic with awaits on both sides and precedence',
    source: `
      async function v(x: number) { await sleep(1); return x; }
      async function main() {
        const r = (await v(2)) + (await v(3)) * (await v(4)) - (await v(10)) / (await v(5));
        const m = (await v(17)) % (await v(5));
        print('r ' + r + ' m ' + m);
      }`,
  },
  {
    name: 'awaits in if / else-if conditions',
    source: `
      async function is(tag: string, b: boolean) { print('test ' + tag); await sleep(1); return b; }
      async function main() {
        if (await is('a', false)) print('A');
        else if (await is('b', false)) print('B');
        else if (await is('c', true)) print('C');
        else print('D');
      }`,
  },
  {
    name: 'await in a return expression and in a nested await',
    source: `
      async function inner() { await sleep(1); return 20; }
      async function outer() { await sleep(1); return inner(); }
      async function calc() { return 1 + await inner(); }
      async function main() {
        print('calc ' + await calc() + ' nested ' + await outer());
      }`,
  },
  {
    name: 'destructuring awaited objects and arrays',
    source: `
      async function pair() { await sleep(1); return [4, 5]; }
      async function rec() { await sleep(1); return { a: 'x', b: { c: 'y' } }; }
      async function main() {
        const [p, q] = await pair();
        const { a, b: { c } } = await rec();
        let m: number, n: number;
        [m, n] = [q, p];
        print(p + ' ' + q + ' ' + a + ' ' + c + ' ' + m + ' ' + n);
      }`,
  },
  {
    name: 'spread of an awaited array into call arguments',
    source: `
      async function args() { await sleep(1); return [1, 2, 3]; }
      function sum3(a: number, b: number, c: number) { return a + b + c; }
      async function main() { print('sum ' + sum3(...(await args()) as [number, number, number])); }`,
  },
  {
    name: 'logical assignments with awaits (||=, &&=, ??=)',
    source: `
      async function v(tag: string, x: any) { print('eval ' + tag); await sleep(1); return x; }
      async function main() {
        let a: any = 0, b: any = 1, c: any = null, d: any = 'keep';
        a ||= await v('a', 'A');
        b &&= await v('b', 'B');
        c ??= await v('c', 'C');
        d ??= await v('d', 'D');
        print([a, b, c, d].join(','));
      }`,
  },
  {
    name: 'optional chaining on awaited values',
    source: `
      async function maybe(x: any) { await sleep(1); return x; }
      async function main() {
        const a = (await maybe(null))?.v;
        const b = (await maybe({ v: 'here' }))?.v;
        const c = (await maybe({ f: () => 'called' })).f?.();
        print(String(a) + ' ' + b + ' ' + c);
      }`,
  },
  {
    name: 'in and instanceof with awaited operands',
    source: `
      class K {}
      async function v(x: any) { await sleep(1); return x; }
      async function main() {
        const a = (await v('p')) in { p: 1 };
        const b = (await v(new K())) instanceof K;
        const c = 'q' in (await v({ r: 1 }));
        print(a + ' ' + b + ' ' + c);
      }`,
  },
  {
    name: 'comparison chains and equality with awaits',
    source: `
      async function v(x: any) { await sleep(1); return x; }
      async function main() {
        const a = (await v(3)) > 2 && (await v(1)) < 2;
        const b = (await v('1')) == 1;
        const c = (await v('1')) === 1;
        const d = (await v(null)) == undefined;
        print([a, b, c, d].join(','));
      }`,
  },
  {
    name: 'await in an argument of a nested call inside an argument',
    source: `
      async function v(tag: string, x: number) { print('v ' + tag); await sleep(1); return x; }
      function f(a: number, b: number) { print('f ' + a + ' ' + b); return a + b; }
      function g(a: number, b: number) { print('g ' + a + ' ' + b); return a * b; }
      async function main() {
        print('r ' + f(g(await v('a', 2), await v('b', 3)), await v('c', 4)));
      }`,
  },
  {
    name: 'await inside an array index and inside a property key',
    source: `
      async function v(x: any) { await sleep(1); return x; }
      async function main() {
        const arr = ['a', 'b', 'c'];
        const o: { [k: string]: string } = {};
        o['k' + await v(1)] = arr[await v(2)];
        o[arr[await v(0)]] = 'z';
        print('k1=' + o.k1 + ' a=' + o.a);
      }`,
  },
  {
    name: 'postfix and prefix increments around awaits',
    source: `
      async function main() {
        let i = 0;
        const v = async (x: number) => { await sleep(1); return x; };
        const a = i++ + await v(10) + i++;
        const b = ++i + await v(100) + ++i;
        print('a ' + a + ' b ' + b + ' i ' + i);
      }`,
  },
  {
    name: 'object spread and for-in over awaited objects',
    source: `
      async function obj() { await sleep(1); return { a: 1, b: 2 }; }
      async function main() {
        const o = { ...(await obj()), c: 3 };
        const keys: string[] = [];
        for (const k in await obj()) { await sleep(1); keys.push(k); }
        const f = async () => ({ v: await obj() });
        print(o.a + o.b + o.c + ' ' + keys.join('') + ' ' + (await f()).v.b);
      }`,
  },
  {
    name: 'optional call short-circuits its awaited arguments',
    source: `
      async function side(tag: string) { print('side ' + tag); await sleep(1); return tag; }
      async function main() {
        const nul: { m(x: string): string } | null = null as any;
        const obj: { m(x: string): string } | null = { m: (x) => 'm(' + x + ')' };
        const a = nul?.m(await side('a'));
        const b = obj?.m(await side('b'));
        print(String(a) + ' ' + b);
      }`,
  },
  {
    name: 'optional element access with awaited object and key',
    source: `
      async function v(x: any) { await sleep(1); return x; }
      async function main() {
        const a = (await v({ k: 'K' }))?.[await v('k')];
        const b = (await v(undefined))?.[await v('k')];
        print(a + ' ' + String(b));
      }`,
  },
  {
    name: 'tagged template with awaited substitutions',
    source: `
      function tag(strings: TemplateStringsArray, ...vals: any[]) { return strings.join('|') + ' / ' + vals.join(',') + ' raw ' + strings.raw.length; }
      async function v(x: any) { print('v ' + x); await sleep(1); return x; }
      async function main() {
        print(tag\`a\${await v(1)}b\${await v(2)}c\`);
      }`,
  },
  {
    name: 'chained assignment and swap through destructuring with awaits',
    source: `
      async function v(x: number) { await sleep(1); return x; }
      async function main() {
        let a = 1, b = 2, c = 0, d = 0;
        c = d = await v(7);
        [a, b] = [await v(b), a];
        print([a, b, c, d].join(','));
      }`,
  },
  {
    name: 'member compound assignment: the object is read before the await',
    source: `
      async function main() {
        let obj = { count: 1 };
        const first = obj;
        const f = async () => { await sleep(1); obj = { count: 100 }; return 5; };
        obj.count += await f();
        print('first ' + first.count + ' obj ' + obj.count);
      }`,
  },
  {
    name: 'an index expression is evaluated before the awaited right-hand side',
    source: `
      function idx(i: number) { print('idx ' + i); return i; }
      async function val(v: string) { print('val ' + v); await sleep(1); return v; }
      async function main() {
        const arr: string[] = [];
        arr[idx(0)] = await val('a');
        arr[idx(1)] = (await val('b')) + (await val('c'));
        print(arr.join(','));
      }`,
  },
  {
    name: 'delete of a member chosen by an awaited key',
    source: `
      async function main() {
        const o: { [k: string]: number } = { a: 1, b: 2, c: 3 };
        const k = async (s: string) => { await sleep(1); return s; };
        const r = delete o[await k('b')];
        const keys: string[] = [];
        for (const key in o) keys.push(key);
        print(r + ' ' + keys.join(''));
      }`,
  },
  {
    name: 'await in the middle of a long && / || chain with side effects',
    source: `
      let n = 0;
      function s(v: any) { n++; return v; }
      async function a(v: any) { n += 10; await sleep(1); return v; }
      async function main() {
        const r1 = s(1) && (await a(0)) || s('x') && (await a('y'));
        const r2 = s(0) || (await a('')) || s(null) || (await a('last'));
        print(r1 + ' ' + r2 + ' n ' + n);
      }`,
  },
  {
    name: 'nested ternaries with awaits in conditions and branches',
    source: `
      async function v(x: any) { await sleep(1); return x; }
      async function grade(n: number) { return (await v(n >= 90)) ? 'A' : (await v(n >= 80)) ? await v('B') : n >= 70 ? 'C' : await v('F'); }
      async function main() { print([await grade(95), await grade(85), await grade(75), await grade(10)].join('')); }`,
  },
  {
    name: 'await in a for-of head and in a for-in head',
    source: `
      async function list() { print('list'); await sleep(1); return [1, 2, 3]; }
      async function obj() { print('obj'); await sleep(1); return { x: 1, y: 2 }; }
      async function main() {
        let s = 0;
        for (const v of await list()) { await sleep(1); s += v; }
        let keys = '';
        for (const k in await obj()) keys += k;
        print(s + ' ' + keys);
      }`,
  },
  {
    name: 'await inside a switch case body with a block-scoped declaration per case',
    source: `
      async function v(x: string) { await sleep(1); return x; }
      async function describe(k: number) {
        switch (k) {
          case 0: { const r = await v('zero'); return r; }
          case 1: { let r = await v('one'); r += await v('!'); return r; }
          default: { const r = k + (await v('?')); return r; }
        }
      }
      async function main() { print([await describe(0), await describe(1), await describe(7)].join(',')); }`,
  },
  {
    name: 'the value of an assignment expression with await',
    source: `
      async function v(x: number) { await sleep(1); return x; }
      async function main() {
        let a = 0, b = 0;
        const r = (a = await v(3)) + (b += await v(4));
        print(r + ' ' + a + ' ' + b);
      }`,
  },
];
