/**
 * What Espruino lacks is refused by TypeScript first (the device build checks
 * against ES5's library only). Its messages advise the wrong fix for firmware
 * ("change your target library", "upgrade tslib", "install @types/node") and,
 * for a generator, name no line at all; the build says instead what the
 * construct is, that Espruino lacks it, and what to write, at file:line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../toolchain/build-error.js';
import { build } from '../../toolchain/build.js';
import { firmwareFile } from '../support/device.js';

/** The build's error for `source`: its stage and its lines (`file:line:column: message`). */
async function buildError(file: string): Promise<{ stage: string; lines: string[] }> {
  const e = await build(file).then(() => undefined, (err: unknown) => err);
  if (!(e instanceof BuildError)) throw new Error(`expected the build to fail, got ${e === undefined ? 'a bundle' : String(e)}`);
  return { stage: e.stage, lines: e.message.split('\n') };
}

/** TypeScript's advice that does not apply to firmware. */
const WRONG_ADVICE = /target library|'lib' compiler option|upgrading your version of 'tslib'|@types\/|Cannot find global type/;

describe('build errors for what Espruino lacks', () => {
  it('names a generator function and its line, not a missing global type', async () => {
    const file = firmwareFile([
      "import { spawn } from 'coop';",
      'function* count() {',
      '  yield 1;',
      '}',
      'spawn(async () => {});',
    ].join('\n'));
    const { stage, lines } = await buildError(file);
    expect(stage).toBe('typescript');
    expect(lines).toEqual([`${file}:2:1: generator function (function*): Espruino has no generators; use async tasks`]);
  });

  it('finds generators in every file of the user\'s, methods too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coop-test-'));
    writeFileSync(join(dir, 'numbers.ts'), 'export const numbers = {\n  *upTo(n: number) {\n    for (let i = 0; i < n; i++) yield i;\n  },\n};\n');
    writeFileSync(join(dir, 'main.ts'), "import { numbers } from './numbers';\nconsole.log(typeof numbers);\n");
    const { lines } = await buildError(join(dir, 'main.ts'));
    expect(lines).toEqual([`${join(dir, 'numbers.ts')}:2:3: generator function (function*): Espruino has no generators; use async tasks`]);
  });

  it('names Map, Set, Symbol, WeakMap, WeakSet, Proxy and Reflect with what to use instead, each at its line', async () => {
    const file = firmwareFile([
      'const byName = new Map<string, number>();',
      'const seen = new Set<number>();',
      "const key = Symbol('key');",
      'const notes = new WeakMap<object, string>();',
      'const marked = new WeakSet<object>();',
      'const p = new Proxy({}, {});',
      'const keys = Reflect.ownKeys({});',
    ].join('\n'));
    const { lines } = await buildError(file);
    expect(lines).toEqual([
      `${file}:1:20: Map: Espruino has no Map; use a plain object keyed by string`,
      `${file}:2:18: Set: Espruino has no Set; use an array or a plain object`,
      `${file}:3:13: Symbol: Espruino has no Symbol; use a string key`,
      `${file}:4:19: WeakMap: Espruino has no WeakMap; store the value on the object itself`,
      `${file}:5:20: WeakSet: Espruino has no WeakSet; store a flag on the object itself`,
      `${file}:6:15: Proxy: Espruino has no Proxy; use explicit getter functions`,
      `${file}:7:14: Reflect: Espruino has no Reflect; call Object/Function methods directly`,
    ]);
  });

  it('names async generators and for await', async () => {
    const file = firmwareFile([
      'async function* readings() {',
      '  yield 1;',
      '}',
      'async function sum(xs: any) {',
      '  for await (const x of xs) console.log(x);',
      '}',
    ].join('\n'));
    const { lines } = await buildError(file);
    expect(lines).toEqual([
      `${file}:1:1: async generator (async function*): Espruino has no generators or async iteration; use async tasks, passing values through a Channel`,
      `${file}:5:3: for await: Espruino has no async iteration; await each value in an ordinary loop, or receive from a Channel`,
    ]);
  });

  it('says what to write instead of a later method Espruino lacks, and how to declare one it has', async () => {
    const file = firmwareFile([
      'const copy = Array.from([1, 2]);',
      'const whole = Number.isInteger(2.5);',
      "const plain = 'é'.normalize('NFD');",
    ].join('\n'));
    const { lines } = await buildError(file);
    expect(lines).toEqual([
      `${file}:1:20: Array.from: Espruino has no Array.from; copy with a loop, or Array.prototype.slice.call(x) for an array-like`,
      `${file}:2:22: Number.isInteger: Espruino has no Number.isInteger; test x === Math.floor(x)`,
      `${file}:3:19: String.prototype.normalize: not in ES5, the JavaScript Coop's build assumes Espruino has (it came in ES2015); ` +
        'write it with ES5, or declare it in a .d.ts (interface String { normalize(…): … }) if your Espruino firmware has it',
    ]);
  });

  it('names syntax whose TypeScript helper Espruino has no version of, and Node, browser and test-runner globals', async () => {
    const file = firmwareFile([
      'class Counter { #n = 0; }',
      'const big = 10n;',
      "const b = Buffer.from('x');",
      'const body = document.body;',
      "describe('x', () => {});",
    ].join('\n'));
    const { lines } = await buildError(file);
    expect(lines).toEqual([
      `${file}:1:17: private field (#name): Espruino has no private fields; use an ordinary property (TypeScript's \`private name\` keeps it private at build time)`,
      `${file}:2:13: BigInt literal (10n): Espruino has no BigInt; use a number`,
      `${file}:3:11: Buffer: Espruino has no Buffer; it belongs to Node.js, and firmware runs on the board (use a Uint8Array or a string)`,
      `${file}:4:14: document: Espruino has no document; it belongs to web browsers, and firmware runs on the board`,
      `${file}:5:1: describe: firmware cannot hold tests (Espruino has no describe); test it from a host test file with simulate() from 'espruino-coop/test'`,
    ]);
    expect(lines.join('\n')).not.toMatch(WRONG_ADVICE);
  });

  it('keeps every other TypeScript error as TypeScript words it', async () => {
    const file = firmwareFile("const n: number = 'one';\nconst m = new Map();\n");
    const { lines } = await buildError(file);
    expect(lines).toEqual([
      `${file}:1:7: Type 'string' is not assignable to type 'number'.`,
      `${file}:2:15: Map: Espruino has no Map; use a plain object keyed by string`,
    ]);
  });
});
