import { describe, expect, it } from 'vitest';
import { runOnSimulatedBoard } from '../support/device.js';
import { espruinoBin, runOnLinuxEspruino } from '../support/espruino.js';

/**
 * Async control flow as the build compiles it (awaits that park in place
 * and fall through, loop jumps that continue, errors thrown in by the
 * executor) must behave exactly as native async/await. Each program runs
 * compiled the device way on the simulated board (and on a real Espruino
 * when ESPRUINO_BIN is given), and as native async functions in Node. The
 * printed lines must match.
 */
const programs: Record<string, string> = {
  'awaits inside expressions, conditions and loop tests': `
    async function value(x: any) { await sleep(1); return x; }
    async function main() {
      let n = 0;
      while ((await value(n)) < 3) n++;
      print('while ' + n);
      print('ternary ' + ((await value(true)) ? await value('a') : await value('b')));
      print('and ' + ((await value(0)) && (await value('never'))));
      print('args ' + [await value(1), 2, await value(3)].join(','));
      for (let i = 0; i < 3; i++) { if (i === 1) continue; print('for ' + i + ' ' + (await value(i * 10))); }
      do { n--; } while (await value(n > 0));
      print('do ' + n);
      print('plain ' + (await 5) + ' ' + (await value(undefined)));
    }`,
  'try, catch and finally around awaits, nested, with returns and rethrows': `
    async function fails(msg: string) { await sleep(1); throw new Error(msg); }
    async function inner() {
      try {
        try { await fails('one'); } finally { print('inner finally'); await sleep(1); }
      } catch (e) {
        print('caught ' + (e as Error).message);
        try { return await fails('two'); } catch (e2) { print('caught ' + (e2 as Error).message); return 'recovered'; } finally { print('finally two'); }
      }
    }
    async function main() {
      print('inner -> ' + (await inner()));
      for (let i = 0; i < 3; i++) {
        try { if (i === 1) await fails('loop ' + i); print('ok ' + i); } catch (e) { print('caught ' + (e as Error).message); continue; } finally { print('finally ' + i); }
      }
      try { await Promise.reject(new Error('rejected')); } catch (e) { print('caught ' + (e as Error).message); }
      const r = await (async () => { try { return 'from try'; } finally { print('finally before return'); } })();
      print(r);
    }`,
  'switch, labels and closures in loops across awaits': `
    async function main() {
      const fns: (() => number)[] = [];
      for (let i = 0; i < 3; i++) { fns.push(() => i); await sleep(1); }
      print('closures ' + fns.map((f) => f()).join(','));
      for (const k of ['a', 'b', 'c']) {
        switch (k) {
          case 'a': print('case a'); await sleep(1); break;
          case 'b': await sleep(1); print('case b'); // falls through
          default: print('default ' + k);
        }
      }
      let count = 0;
      while (true) { count++; await sleep(1); if (count === 2) break; }
      print('count ' + count);
      const sum = await [1, 2, 3].reduce(async (acc, x) => (await acc) + x, Promise.resolve(0));
      print('sum ' + sum);
    }`,
};

/** Runs `source` (which defines `main`) as native async functions, with `sleep` on setTimeout. */
async function natively(source: string): Promise<string[]> {
  const lines: string[] = [];
  const js = (await import('typescript')).transpileModule(source, { compilerOptions: { target: 99 /* ESNext */ } }).outputText;
  const run = new Function('print', 'sleep', js + '\nreturn main();');
  await run((s: string) => lines.push(String(s)), (ms: number) => new Promise((r) => setTimeout(r, ms)));
  return lines;
}

describe('compiled async bodies behave as native async/await', () => {
  for (const [name, source] of Object.entries(programs)) {
    it(name, async () => {
      const expected = await natively(source);
      const board = await runOnSimulatedBoard(`
        import { spawn, sleep } from 'coop';
        ${source}
        spawn(main, { name: 'main' });
      `);
      board.advance(1000);
      expect(board.output()).toEqual(expected);
      expect(expected.length).toBeGreaterThan(3);
    });
  }
});

describe.skipIf(!espruinoBin)('the same on a real Espruino (ESPRUINO_BIN)', () => {
  for (const [name, source] of Object.entries(programs)) {
    it(name, async () => {
      const expected = await natively(source);
      const lines = await runOnLinuxEspruino(`
        import { spawn, sleep } from 'coop';
        const say = function (s: string) { print('LINE ' + s); };
        ${source.replace(/\bprint\(/g, 'say(')}
        spawn(async () => { await main(); print('DONE'); }, { name: 'main' });
      `);
      expect(lines).toEqual(expected);
    });
  }
});
