import { describe, expect, it } from 'vitest';
import { build } from '../../toolchain/build.js';
import { BuildError } from '../../toolchain/build-error.js';
import { checkEspruino } from '../../toolchain/espruino-check.js';
import { firmwareFile } from '../support/device.js';

describe('coop build (the device way)', () => {
  it('turns the blink example into one ES5 bundle that passes the Espruino check', async () => {
    const result = await build('examples/blink.ts', { board: 'puckjs' });
    expect(result.bytes).toBeGreaterThan(100);
    expect(result.bytes).toBeLessThan(result.board.flashBytes);
    expect(result.jsVarsEstimate).toBeGreaterThan(0);
    expect(checkEspruino(result.code)).toEqual([]);
    // No stock tslib (the checker above already rules out native async and generators).
    expect(result.code).not.toContain('Generator is already executing');
  });

  it('leaves the yield* support out of a bundle that does not delegate', async () => {
    // TypeScript compiles a loop whose closures capture the loop variable, around an await, to yield*.
    const delegating = await build(firmwareFile(`
      import { spawn, sleep } from 'coop';
      spawn(async () => { const fns: (() => number)[] = []; for (let i = 0; i < 2; i++) { fns.push(() => i); await sleep(1); } });
    `), { board: 'puckjs' });
    const blink = await build('examples/blink.ts', { board: 'puckjs' });
    // `yb` is where a delegating frame sets its own body aside.
    expect(delegating.code).toContain('.yb');
    expect(blink.code).not.toContain('.yb');
  });

  it('uses Coop helpers in place of tslib', async () => {
    const { code } = await build(firmwareFile(`
      class A { x = 1; }
      class B extends A { y = 2; }
      const o = { ...{ a: 1 }, b: 2 };
      async function f() { return new B().y + o.b; }
      f().then((v) => print('v=' + v));
    `), { minify: false });
    expect(code).toMatch(/__go|__async/);
    expect(code).toContain('__extends');
    expect(code).not.toMatch(/from ['"]tslib['"]|require\(/);
  });

  it('reports TypeScript errors with file:line', async () => {
    const file = firmwareFile('const a: number = 1;\nconst b: string = a;\n');
    await expect(build(file)).rejects.toThrow(/main\.ts:2:7: Type 'number' is not assignable to type 'string'/);
  });

  it('rejects a pin the board lacks at build time, naming the line', async () => {
    const file = firmwareFile('digitalWrite(LED1, 1);\ndigitalWrite(D40, 1);\n');
    await expect(build(file, { board: 'puckjs' })).rejects.toThrow(/main\.ts:2:\d+: Cannot find name 'D40'/);
  });

  it('rejects a subclass of a built-in Espruino cannot subclass, naming the line and the fix', async () => {
    const file = firmwareFile('class Point {}\nclass Stack extends Array<number> { top() { return this[this.length - 1]; } }\nclass Bad extends TypeError {}\n');
    await expect(build(file, { board: 'linux' })).rejects.toThrow(
      /main\.ts:2:\d+: class Stack extends Array: on Espruino a built-in Array cannot become an instance of a subclass .*hold the Array in a field of a plain class instead/);
  });

  it('builds a subclass of a class of the user\'s own that is named like a built-in', async () => {
    const file = firmwareFile('class Date { day = 1; }\nclass Birthday extends Date { month = 2; }\nprint(new Birthday().month);\n');
    await expect(build(file, { board: 'linux' })).resolves.toMatchObject({ board: { id: 'linux' } });
  });

  it('rejects Map, which Espruino lacks, as a type error', async () => {
    const file = firmwareFile('const m = new Map<string, number>();\n');
    await expect(build(file)).rejects.toThrow(/main\.ts:1:\d+: .*Map/);
  });

  it('rejects a label (which TypeScript keeps) against the TypeScript line', async () => {
    const file = firmwareFile('let n = 0;\nouter: for (;;) {\n  for (;;) { n++; if (n > 3) break outer; }\n}\nprint(n);\n');
    const err = await build(file).catch((e) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect(err.message).toMatch(/main\.ts:2: label "outer"/);
  });

  it('rejects clearTimeout() with no id', async () => {
    const file = firmwareFile('setTimeout(() => print(1), 10);\n\nclearTimeout();\n');
    await expect(build(file)).rejects.toThrow(/main\.ts:3: clearTimeout\(\) without an argument/);
  });

  it('rejects an import that cannot be on the board', async () => {
    const file = firmwareFile("import { readFileSync } from 'node:fs';\nprint(readFileSync);\n");
    await expect(build(file)).rejects.toThrow(/node:fs/);
  });

  it('names a missing entry file', async () => {
    await expect(build('examples/nope.ts')).rejects.toThrow(/No such file: examples\/nope\.ts/);
  });

  it('names an unknown board and lists the known ones', async () => {
    await expect(build('examples/blink.ts', { board: 'arduino' })).rejects.toThrow(/arduino.*puckjs/s);
  });
});
