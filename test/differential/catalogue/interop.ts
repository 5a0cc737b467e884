import type { Program } from '../programs.js';

/** The three classes of difference issue 11 found, and Promise code around Coop's async results. */
export const interop: Program[] = [
  {
    name: 'a spawned helper shares its parent task\'s object',
    source: `
      async function main() {
        const box = { n: 0 };
        spawn(async () => { await sleep(1); box.n++; });
        await sleep(10);
        print('box ' + box.n);
      }`,
  },
  {
    name: 'a spawned helper counts in its parent task\'s let',
    source: `
      async function main() {
        let ticks = 0;
        spawn(async () => { for (let i = 0; i < 3; i++) { await sleep(1); ticks++; } });
        await sleep(10);
        print('ticks ' + ticks);
      }`,
  },
  {
    name: 'Promise.all over async arrows given to map',
    source: `
      async function main() {
        const xs = await Promise.all([1, 2, 3].map(async (x) => { await sleep(x); return x * 2; }));
        print('all ' + xs.join(','));
      }`,
  },
  {
    name: 'Promise.all over calls of an async function',
    source: `
      async function f(x: number) { await sleep(x); return x * 10; }
      async function main() { print('all ' + (await Promise.all([f(2), f(1), 7])).join(',')); }`,
  },
  {
    name: 'a subclassed Error keeps instanceof, its methods and its name',
    source: `
      class MyErr extends Error {
        constructor(m: string) { super(m); this.name = 'MyErr'; }
        hi() { return 'hi ' + this.message; }
      }
      async function main() {
        try { await sleep(1); throw new MyErr('bad'); }
        catch (e) { print((e instanceof MyErr) + ' ' + (e instanceof Error) + ' ' + String(e)); if (e instanceof MyErr) print(e.hi()); }
      }`,
  },
  {
    name: 'subclasses of TypeError and of Object keep instanceof and their methods',
    source: `
      class Bad extends TypeError {
        constructor(m: string) { super(m); }
        hi() { return 'bad: ' + this.message; }
      }
      class Point extends Object {
        x = 1;
        constructor(public y: number) { super(); }
        sum() { return this.x + this.y; }
      }
      async function main() {
        try { await sleep(1); throw new Bad('wire'); }
        catch (e) { print(e instanceof Bad); if (e instanceof Bad) print(e.hi()); }
        const p = new Point(2);
        print((p instanceof Point) + ' ' + p.sum());
      }`,
  },
  {
    name: 'a child failing after its parent\'s body ended fails the parent',
    source: `
      async function main() {
        spawn(async () => { await sleep(1); throw new Error('boom'); }, { name: 'bad' });
        print('body done');
      }`,
  },
];
