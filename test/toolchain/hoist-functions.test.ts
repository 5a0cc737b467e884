import { describe, expect, it } from 'vitest';
import { checkEspruino } from '../../toolchain/espruino-check.js';
import { hoistFunctionDeclarations } from '../../toolchain/hoist-functions.js';

describe('hoisting function declarations for Espruino', () => {
  it("fixes TypeScript's ES5 subclass pattern, which uses the constructor before its declaration", () => {
    const ts = `var B = (function (_super) {
  __extends(B, _super);
  function B() { return _super.call(this) || this; }
  B.prototype.m = function () { return helper(); };
  function helper() { return 1; }
  return B;
}(A));`;
    expect(checkEspruino(ts).map((d) => d.message)).toEqual([expect.stringMatching(/^B is used before/)]);
    const hoisted = hoistFunctionDeclarations(ts);
    expect(checkEspruino(hoisted)).toEqual([]);
    expect(hoisted.indexOf('function B()')).toBeLessThan(hoisted.indexOf('__extends(B'));
  });

  it('keeps the meaning: the same result in JavaScript before and after', () => {
    const code = `'use strict';
var out = [];
out.push(f(1));
switch (out.length) { case 1: out.push(g()); function g() { return 'g'; } }
function f(x) { return x + h(); }
function h() { return 10; }
out;`;
    const hoisted = hoistFunctionDeclarations(code);
    expect(hoisted.startsWith("'use strict';")).toBe(true);
    expect(eval(hoisted)).toEqual(eval(code));
    expect(checkEspruino(hoisted)).toEqual([]);
  });

  it('leaves code that needs nothing untouched', () => {
    const code = 'function a() {}\nvar x = a();\n';
    expect(hoistFunctionDeclarations(code)).toBe(code);
  });
});

describe('hoisting var declarations for Espruino', () => {
  it("fixes terser's inlined `return f(t = x), t; var t`, which on Espruino writes the outer t", async () => {
    const { hoistVarDeclarations } = await import('../../toolchain/hoist-vars.js');
    const code = 'for (var t = 0; t < 3; t++) g(function () { return h(t = {}), t; var t; });';
    expect(checkEspruino(code).map((d) => d.message)).toEqual([expect.stringMatching(/^var t is used before its declaration/)]);
    const fixed = hoistVarDeclarations(code);
    expect(fixed).toContain('function () {var t; return');
    expect(checkEspruino(fixed)).toEqual([]);
  });

  it('hoists a var declared only inside a branch but used outside it', async () => {
    const { hoistVarDeclarations } = await import('../../toolchain/hoist-vars.js');
    const code = 'function f(c) { if (c) { var w = 1; } return w; }';
    expect(checkEspruino(code)).toHaveLength(1);
    expect(checkEspruino(hoistVarDeclarations(code))).toEqual([]);
  });

  it('leaves vars declared before use alone, including for-loop vars', async () => {
    const { hoistVarDeclarations } = await import('../../toolchain/hoist-vars.js');
    const code = 'function f() { var a = 1; for (var i = 0; i < 2; i++) a += i; return a; }';
    expect(hoistVarDeclarations(code)).toBe(code);
  });
});

describe('var hoisting ignores nested functions', () => {
  it("does not take a nested function's own var for the outer function's", async () => {
    const { hoistVarDeclarations } = await import('../../toolchain/hoist-vars.js');
    const code = 'var M = function (t) { function e() { var e = 1; return e; } return e; };';
    expect(hoistVarDeclarations(code)).toBe(code);
  });
});
