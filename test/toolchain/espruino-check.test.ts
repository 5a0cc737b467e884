import { describe, expect, it } from 'vitest';
import { checkEspruino } from '../../toolchain/espruino-check.js';

/** The first finding for `code`, as "line:construct" so failures read well. */
const findings = (code: string) => checkEspruino(code, 'x.js').map((d) => `${d.line}: ${d.message}`);

describe('Espruino compatibility check rejects, naming line and construct', () => {
  const cases: [string, string, RegExp][] = [
    ['generator', 'var a = 1;\nfunction* g() { yield 1; }', /^2: generator function/],
    ['yield', 'var a = 1;\nfunction* g() { yield 1; }', /^2: yield/],
    ['async function', '\nasync function f() {}', /^2: async function/],
    ['async arrow', '\n\nvar f = async () => 1;', /^3: async function/],
    ['await', 'async function f() {\n  await 1;\n}', /^2: await/],
    ['spread', '\nf(...args);', /^2: spread/],
    ['array spread', '\nvar b = [...a];', /^2: spread/],
    ['rest parameter', '\nfunction f(...xs) {}', /^2: rest parameter/],
    ['object destructuring', '\nvar { a } = o;', /^2: destructuring/],
    ['array destructuring', '\nvar [a, b] = o;', /^2: destructuring/],
    ['default parameter', '\nfunction f(a = 1) {}', /^2: default parameter/],
    ['label', 'outer:\nfor (;;) { break outer; }', /^1: label "outer"/],
    ['optional chaining', '\nvar x = a?.b;', /^2: optional chaining/],
    ['exponent', '\nvar x = 2 ** 3;', /^2: exponent operator/],
    ['exponent assignment', 'var x = 2;\nx **= 3;', /^2: exponent assignment/],
    ['Map', '\nvar m = new Map();', /^2: Map: Espruino has no Map/],
    ['Set', '\nvar s = new Set();', /^2: Set: Espruino has no Set/],
    ['Symbol', '\nvar s = Symbol("x");', /^2: Symbol/],
    ['WeakMap', '\nvar w = new WeakMap();', /^2: WeakMap/],
    ['Proxy', '\nvar p = new Proxy({}, {});', /^2: Proxy/],
    ['Reflect', '\nReflect.ownKeys({});', /^2: Reflect/],
    ['array hole', 'var a = 1;\nvar t = [1, , 3];', /^2: array hole/],
    ['clearTimeout()', 'var id = setTimeout(f, 1);\nclearTimeout();', /^2: clearTimeout\(\) without an argument clears every timer/],
    ['clearInterval()', '\nclearInterval();', /^2: clearInterval\(\) without an argument/],
    ['clearWatch()', '\nclearWatch();', /^2: clearWatch\(\) without an argument clears every watch/],
    ['call before declaration', 'start();\nfunction start() {}', /^1: start is used before its function declaration \(line 2\)/],
    ['return before declaration (stock tslib __generator)',
      'function gen() {\n  return { next: verb(0) };\n  function verb(n) { return n; }\n}', /^2: verb is used before its function declaration \(line 3\)/],
    ['indirect call before declaration', 'function a() { return b(); }\na();\nfunction b() {}', /^2: b is used before/],
  ];
  for (const [name, code, expected] of cases) {
    it(name, () => {
      expect(findings(code).some((f) => expected.test(f)), findings(code).join('\n')).toBe(true);
    });
  }
});

describe('Espruino compatibility check accepts', () => {
  it('plain ES5, classes, arrows, templates, let/const, for-of over arrays', () => {
    const code = `
      var a = [1, 2];
      class A { get x() { return 1; } m() { return this.x; } }
      const f = (x) => x + 1;
      let s = \`v=\${f(1)}\`;
      for (const v of a) print(v);
      function later() { return 1; }
      later();
      var id = setTimeout(function () { return later(); }, 10);
      clearTimeout(id);
      var p = new Promise(function (r) { r(1); });
    `;
    expect(findings(code)).toEqual([]);
  });

  it('calls inside function bodies that run after the declaration', () => {
    expect(findings('function a() { return b(); }\nfunction b() { return 1; }\na();')).toEqual([]);
  });

  it('a user-declared Map, and Map as a property name', () => {
    expect(findings('var Map = function () {};\nvar m = new Map();\nvar o = { Set: 1 };\no.Symbol = 2;')).toEqual([]);
  });

  it('reports unparsable code as such, with its line', () => {
    expect(findings('var a = ;')).toEqual([expect.stringMatching(/^1: not valid JavaScript/)]);
  });
});
