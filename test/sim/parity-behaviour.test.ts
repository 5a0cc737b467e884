import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Harness } from '../../sim/harness.js';

/**
 * Behaviour where the simulator used to differ from Espruino (issue 13), each
 * a plain script with the output the Linux build of Espruino 2v29 prints for
 * it (recorded from the binary). In the simulator always; on ESPRUINO_BIN too
 * when it is set, so a new Espruino that prints otherwise shows up here.
 */
interface Probe {
  what: string;
  code: string;
  board: string[];
}

const probes: Probe[] = [
  {
    what: 'prependListener puts a listener first; a string listener is code run on the event',
    code: `var o = {}; o.on('w', function () { print('w1'); }); o.prependListener('w', function () { print('w0'); });
      o.on('s', "print('string listener')"); o.emit('w'); o.emit('s');`,
    board: ['w0', 'w1', 'string listener'],
  },
  {
    what: 'new Pin() with no argument is an empty Pin that names no pin',
    code: `var p = new Pin(); print(typeof p, p instanceof Pin, '' + p);
      try { p.read(); } catch (e) { print('' + e); }`,
    board: ['object true [object Object]', 'Error: Function "read" not found!'],
  },
  {
    what: 'arguments is an Array (a copy: writing it leaves the parameter alone)',
    code: `function f(a) { arguments[0] = 9; return a + ' ' + arguments.join('-') + ' ' + arguments.length; } print(f(1, 2, 3));`,
    board: ['1 9-2-3 3'],
  },
  {
    what: 'Function.prototype.toString re-renders the function',
    code: `function g(a, b) { return a + b; } print(g.toString()); print(String(function (x) { var y = 1; return x + y; }));`,
    board: ['function (a,b) {return a + b;}', 'function (x) {var y = 1; return x + y;}'],
  },
  {
    what: 'print of an Error shows its class, then its text',
    code: `var e = new Error('msg'); print(e); print('' + e); console.log(new TypeError('bad'));`,
    board: ['Error: Error: msg', 'Error: msg', 'TypeError: TypeError: bad'],
  },
  {
    what: 'JSON.stringify escapes from \\x7F up as \\uHHHH',
    code: `print(JSON.stringify('\\xFF\\x01\\u0100'));`,
    board: ['"\\u00FF\\u0001\\u0100"'],
  },
  {
    what: 'print(arguments) and objects over several lines, as the board breaks them',
    code: `function h() { print(arguments); } h(1, 'a');
      print({ a: 1, b: { c: [1, 2, { d: 'x' }], e: 'long' }, f: function () { return 1; } });
      print([1, 2, 3], { x: 1 }, {}, []);`,
    board: [
      '[ 1, ', '  "a"', ' ]',
      '{ "a": 1, ', '  "b": { ', '    "c": [ 1, 2, ', '      { ', '        "d": "x"', '       }', '     ], ', '    "e": "long"', '   }, ',
      '  "f": function () {return 1;}', ' }',
      '[ 1, 2, 3 ] { "x": 1 } {  } [  ]',
    ],
  },
  {
    what: 'Storage.list() with no filter includes StorageFile chunks; {sf:false} leaves them out',
    code: `var S = require('Storage'); S.eraseAll(); S.open('log', 'w').write('hello');
      print(JSON.stringify(S.list())); print(JSON.stringify(S.list(undefined, { sf: false })));`,
    board: ['["log\\u0001"]', '[]'],
  },
];

/** What `code` prints in the simulator (as a Linux board). */
function inSimulator(code: string): string[] {
  const h = new Harness({ board: 'linux' });
  h.load(code);
  h.advance(100);
  return h.output();
}

/** What `code` prints on ESPRUINO_BIN (run in a scratch folder: Storage writes a file there). */
function onEspruino(bin: string, code: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'coop-behaviour-'));
  writeFileSync(join(dir, 'probe.js'), code);
  const run = spawnSync(bin, ['probe.js'], { cwd: dir, input: '', encoding: 'latin1', timeout: 3000 });
  const out = run.stdout;
  const body = out.slice(out.indexOf('\n', out.indexOf('http://espruino.com/Donate')) + 1);
  return body.split('\n').map((l) => l.replace(/\r|\x1b\[J/g, '').replace(/^>/, '')).filter((l, i, all) => !(l === '' && (i === 0 || i === all.length - 1)) && l !== '');
}

describe('behaviour as on Espruino 2v29 (issue 13)', () => {
  for (const p of probes) {
    it(p.what, () => {
      expect(inSimulator(p.code)).toEqual(p.board);
    });
  }

  it('a property write to a number throws on the board; the simulator cannot (V8 ignores it): a listed difference', () => {
    // Espruino: Error: Field or method "x" does not already exist, and can't create it on Number.
    expect(inSimulator(`try { NaN.x = 1; print('ok'); } catch (e) { print('threw'); }`)).toEqual(['ok']);
  });
});

describe.skipIf(!process.env.ESPRUINO_BIN)('the same probes on ESPRUINO_BIN', () => {
  for (const p of probes) {
    it(p.what, () => {
      expect(onEspruino(process.env.ESPRUINO_BIN!, p.code)).toEqual(p.board);
    });
  }
});
