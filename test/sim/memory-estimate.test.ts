import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findBoard } from '../../boards/index.js';
import { Harness } from '../../sim/harness.js';
import { codeVars, jsVarLayout, nameVars, stringVars } from '../../sim/jsvar-cost.js';
import { deviceBundle, firmwareFile, simulate } from '../support/device.js';

describe('JsVar layout per board (src/jsutils.h)', () => {
  it('derives characters per var from the board\'s var count', () => {
    expect(jsVarLayout(findBoard('puckjs'))).toEqual({ refBits: 12, stringFirst: 8, stringExt: 9, nameLen: 4, blockSize: 13 });
    expect(jsVarLayout(findBoard('esp32'))).toEqual({ refBits: 14, stringFirst: 9, stringExt: 10, nameLen: 4, blockSize: 14 });
    // The 64-bit Linux build, which the figures were calibrated on.
    expect(jsVarLayout(findBoard('linux'))).toEqual({ refBits: 32, stringFirst: 20, stringExt: 21, nameLen: 8, blockSize: 27 });
  });

  it('prices strings, names and code as Espruino stores them', () => {
    const puck = jsVarLayout(findBoard('puckjs'));
    expect([stringVars(puck, 0), stringVars(puck, 8), stringVars(puck, 9), stringVars(puck, 17), stringVars(puck, 18)]).toEqual([1, 1, 2, 2, 3]);
    expect([nameVars(puck, 'a'), nameVars(puck, 'abcd'), nameVars(puck, 'abcde'), nameVars(puck, '12345')]).toEqual([1, 1, 2, 1]);
    const linux = jsVarLayout(findBoard('linux'));
    // Measured on Espruino 2v29 (Linux): a 160-character function body takes 9 vars with its name.
    expect(1 + codeVars(linux, 160)).toBe(8);
  });
});

describe('process.memory() and E.getSizeOf() — an estimate', () => {
  it('prices values with the Espruino cost model', async () => {
    const sim = await simulate(`
      const sizes = [
        E.getSizeOf({}), E.getSizeOf({ a: 1 }), E.getSizeOf({ a: 1.5 }), E.getSizeOf({ a: true }),
        E.getSizeOf({ abcdefgh: 1 }), E.getSizeOf([1, 2, 3]), E.getSizeOf([1.5, 2.5]), E.getSizeOf('hello world!'),
      ];
      print(sizes.join());
    `);
    expect(sim.output()).toEqual(['1,2,3,3,3,4,5,2']);
  });

  it('reports usage, free and total from the board, and grows with what the firmware keeps', async () => {
    const sim = await simulate(`
      const keep: any[] = [];
      const m0 = process.memory();
      print(m0.total + ' ' + (m0.usage + m0.free === m0.total));
      let u0 = 0;
      setTimeout(() => {
        u0 = process.memory().usage;
        for (let i = 0; i < 100; i++) keep.push({ x: i, y: i + 0.5 });
        print('grew ' + (process.memory().usage - u0));
      }, 10);
      setTimeout(() => { keep.length = 0; print('back ' + (process.memory().usage - u0) + ' ' + keep.length); }, 20);
    `);
    sim.advance(30);
    // Each {x, y} with a float y: object 1 + names 2 + float 1 = 4, and its array slot 1; the first
    // keep.push makes Espruino create the Array class (7), as on the board.
    expect(sim.output()).toEqual(['2630 true', 'grew 507', expect.stringMatching(/^back -?\d+ 0$/)]);
    expect(Math.abs(Number(sim.output()[2].split(' ')[1]))).toBeLessThanOrEqual(30);
  });

  it('counts Array, String, Number and Boolean when code first uses them, as Espruino makes them then (not from the text)', () => {
    const board = new Harness({ board: 'linux' });
    // Figures measured on Espruino 2v29 (Linux) after \`var a=[1,2]\`: a.length +7, 'abc'.length +7,
    // (5).toFixed(1) +7, Array.isArray(a) +2 and then a.length +3 more, a[0] and 'abc'[1] +0.
    board.load(`
      var a = [1, 2], p = { q: 1 }, u0, d1, d2, d3, d4, d5;
      function never(s) { return s.length + a.join(',') + (5).toFixed(1); }
      function u() { return process.memory().usage; }
      u0 = u(); a[0]; 'abc'[1]; d1 = u() - u0;
      u0 = u(); Array.isArray(a); d2 = u() - u0;
      u0 = u(); a.length; d3 = u() - u0;
      u0 = u(); 'abc'.length; d4 = u() - u0;
      u0 = u(); (5).toFixed(1); d5 = u() - u0;
      print(d1 + ' ' + d2 + ' ' + d3 + ' ' + d4 + ' ' + d5 + ' ' + (0, p).q);
    `);
    // Espruino 2v29 (Linux) prints the same for this program.
    expect(board.output()).toEqual(['0 2 3 7 7 1']);
  });

  it('counts what closures keep alive, and pending timers', async () => {
    const sim = await simulate(`
      const before = process.memory().usage;
      for (let i = 0; i < 10; i++) {
        const data = { n: i, label: 'sensor ' + i };
        setTimeout(() => print(data.label), 100000);
      }
      print('10 timers with closures: ' + (process.memory().usage - before));
    `);
    const added = Number(sim.output()[0].split(': ')[1]);
    // Per timer: 4 + the closure (function, code, scope link) + its scope's data object.
    expect(added).toBeGreaterThan(10 * 10);
    expect(added).toBeLessThan(10 * 25);
  });

  // Calibration against a real interpreter: the Linux build of Espruino 2v29.
  it.skipIf(!process.env.ESPRUINO_BIN)('is within 15% of a real Espruino for the blink bundle (ESPRUINO_BIN)', async () => {
    const src = `
      import { spawn, sleep } from 'coop';
      spawn(async () => { let on = false; for (;;) { on = !on; digitalWrite(D5, on); await sleep(500); } }, { name: 'blink' });
      setTimeout(function () { print('USAGE ' + process.memory().usage); }, 2200);
    `;
    const code = await deviceBundle(src, 'linux');
    const run = spawnSync(process.env.ESPRUINO_BIN!, [firmwareFile('\n' + code, 'bundle.js')], { timeout: 4000, encoding: 'utf8' });
    const real = Number(/USAGE (\d+)/.exec(run.stdout)?.[1]);
    const sim = await simulate(src, { board: 'linux' });
    sim.advance(3000);
    const estimate = Number(/USAGE (\d+)/.exec(sim.output().join('\n'))?.[1]);
    expect(real).toBeGreaterThan(0);
    expect(Math.abs(estimate - real) / real).toBeLessThan(0.15);
  });
});
