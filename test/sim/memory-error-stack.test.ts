import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Harness } from '../../sim/harness.js';

/**
 * An Error the firmware keeps costs, on Espruino 2v29, mostly its `stack`: a
 * string Espruino writes when the Error is made, one entry per call in
 * progress, each padded with spaces up to the column of the call in its
 * function (sim/error-stack.ts). The simulator writes the same text, so the
 * estimate prices the same string. Every figure below was printed by the
 * Linux build of Espruino 2v29 (-O0) for these programs, 28 Nov 2026; with
 * ESPRUINO_BIN set the binary is run too and must print them again.
 */
const bin = process.env.ESPRUINO_BIN;

/**
 * A reading out of range throws two calls deep; the catch keeps the Error; a
 * later callback lets it go (`u -=` on its own: a string built in the same
 * expression would be counted by Espruino, and the estimate sees no temporaries).
 */
const KEPT_ERROR = `var kept, u;
function check(v) { var lo = 0, hi = 1, name = 'soil sensor on A5', unit = 'of 3.3 V'; if (v < lo || v > hi) throw new Error(name + ' reads ' + v + ' ' + unit + ', outside ' + lo + '..' + hi); return v; }
function read(pin) { return check(pin * 7); }
setTimeout(function () { try { read(1); } catch (e) { kept = e; } }, 10);
setTimeout(function () { print(JSON.stringify(kept.stack)); print(kept.stack.length + ' chars, ' + E.getSizeOf(kept.stack) + ' JsVars'); }, 20);
setTimeout(function () { u = process.memory().usage; kept = undefined; u -= process.memory().usage; print('letting it go frees ' + u + ' JsVars'); }, 30);
`;

/** What Espruino 2v29 printed for KEPT_ERROR: `check`'s `new Error(…)` ends at column 171 of its code, so 170 spaces. */
const KEPT_ERROR_ON_ESPRUINO = [
  JSON.stringify(`    at check (:1:171)\n\n${' '.repeat(170)}^\n    at read (:1:14)\n\n${' '.repeat(13)}^\n    at :1:13\n\n${' '.repeat(12)}^\n`),
  // 20 characters in a string's first JsVar and 21 in each more on the Linux build.
  '259 chars, 13 JsVars',
  // The Error: object 1, __proto__ 2, message 1 + 3, type 1 + 1, stack 1 + 13.
  'letting it go frees 23 JsVars',
];

/** How Espruino names each entry: by how the caller called the function. */
const NAMES = `var show = function (e) { print(e.stack.split('\\n').filter(function (l) { return l.indexOf('at') >= 0; }).join(' | ')); };
var sensor = { read: function () { return new Error('no ADC'); } };
function Reading() { this.error = sensor.read(); }
show(sensor.read());
show(new Reading().error);
show(function (pin, n) { return sensor.read(); }(5, 8));
show(sensor.read.call(sensor));
show([0].map(function () { return sensor.read(); })[0]);
setTimeout(function () { show(sensor.read()); }, 10);
`;

const NAMES_ON_ESPRUINO = [
  '    at read (:1:19) |     at [raw] (:4:18)', // a method by its property; the program loaded from a file is "[raw]"
  '    at read (:1:19) |     at Reading (:1:26) |     at [raw] (:5:18)', // a constructor by its name
  '    at read (:1:19) |     at function (pin,n) {return sensor.read();} (:1:13) |     at [raw] (:6:54)', // a function called as it is written: its text
  '    at :1:19 |     at [raw] (:7:29)', // called by a native (.call, map, a timer): no name
  '    at read (:1:19) |     at :1:13 |     at [raw] (:8:51)',
  '    at read (:1:19) |     at :1:18',
];

/** Run `program` in the simulator as the Linux build (the board whose figures are above). */
function simulate(program: string, board = 'linux'): string[] {
  const h = new Harness({ board });
  h.load(program);
  h.runUntil(100);
  return h.output();
}

/** Run `program` on ESPRUINO_BIN: what it prints, without its banner and prompts. */
function onEspruino(program: string): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'coop-error-stack-')), 'program.js');
  writeFileSync(file, program);
  const run = spawnSync(bin!, [file], { input: '', timeout: 10_000, encoding: 'latin1', cwd: join(file, '..') });
  const out = run.stdout;
  const start = out.indexOf('http://espruino.com/Donate');
  return out.slice(out.indexOf('\n', start) + 1).split('\n').map((l) => l.replace(/\r|\x1b\[J/g, '').replace(/^>/, '')).filter((l) => l !== '');
}

describe('an Error kept by the firmware costs what its stack costs on Espruino', () => {
  it('writes the stack Espruino writes, and prices it as Espruino stores it', () => {
    expect(simulate(KEPT_ERROR)).toEqual(KEPT_ERROR_ON_ESPRUINO);
  });

  it('names each entry as Espruino does', () => {
    expect(simulate(NAMES)).toEqual(NAMES_ON_ESPRUINO);
  });

  it('costs more vars on a board with smaller vars: 8 characters in the first and 9 in each more on a Puck.js (src/jsutils.h)', () => {
    // The same 259 characters: 1 + ⌈(259 − 8) / 9⌉ = 29 JsVars.
    expect(simulate(KEPT_ERROR, 'puckjs')[1]).toBe('259 chars, 29 JsVars');
  });

  it.skipIf(!bin)('Espruino prints the same (ESPRUINO_BIN)', () => {
    expect(onEspruino(KEPT_ERROR)).toEqual(KEPT_ERROR_ON_ESPRUINO);
    expect(onEspruino(NAMES)).toEqual(NAMES_ON_ESPRUINO);
  });
});
