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
