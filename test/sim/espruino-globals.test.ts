import { describe, expect, it } from 'vitest';
import { simulate } from '../support/device.js';

describe('E', () => {
  it('E.getTemperature() is the die temperature the simulation sets', async () => {
    const sim = await simulate(`setInterval(() => print('die ' + E.getTemperature()), 1000);`);
    sim.advance(1000);
    sim.setTemperature('board', 31.5);
    sim.advance(1000);
    expect(sim.output()).toEqual(['die 25', 'die 31.5']);
  });

  it('a watchdog in manual mode that is kicked in time never fires', async () => {
    const sim = await simulate(`E.enableWatchdog(1, false); setInterval(() => E.kickWatchdog(), 500); print('boot');`);
    sim.advance(60_000);
    expect(sim.output()).toEqual(['boot']);
    expect(sim.harness.warnings).toEqual([]);
  });

  it('a watchdog that is not kicked in time resets the board, which runs its code again', async () => {
    const sim = await simulate(`
      E.enableWatchdog(2, false);
      print('boot at ' + getTime());
      setTimeout(() => E.kickWatchdog(), 1500);
    `);
    sim.advance(4000);
    expect(sim.output()).toEqual(['boot at 0', 'boot at 3.5']);
    expect(sim.harness.warnings[0].text).toBe('watchdog: the watchdog was not kicked for 2s (last kick at 1.500s); the board resets and runs its code again');
  });

  it("with { watchdog: 'halt' } the board stops instead", async () => {
    const sim = await simulate(`E.enableWatchdog(1, false); setInterval(() => print('tick'), 400);`, { watchdog: 'halt' });
    sim.advance(3000);
    expect(sim.output()).toEqual(['tick', 'tick']);
    expect(sim.harness.halted).toBe(true);
  });

  it('in automatic mode (the default) simulated code is always idle in time, so it never fires', async () => {
    const sim = await simulate(`E.enableWatchdog(0.5); print('on');`);
    sim.advance(10_000);
    expect(sim.harness.warnings).toEqual([]);
  });

  it('members of E that are not emulated fail loudly, naming them', async () => {
    const sim = await simulate(`try { E.showMessage('hi'); } catch (e) { print((e as Error).message); }`);
    expect(sim.output()).toEqual(['E.showMessage is part of Espruino on Puck.js, but the Coop simulator does not emulate it (see docs/simulator.md)']);
  });
});

describe('Storage', () => {
  it('writes, reads, lists, erases and counts free space like the board (32-byte headers, 4-byte padding)', async () => {
    const sim = await simulate(`
      const s = require('Storage');
      const free = s.getFree();
      s.write('a', 'hello');
      s.write('cfg', JSON.stringify({ n: 1 }));
      print(s.read('a') + ' ' + s.read('a', 1, 3) + ' ' + JSON.stringify(s.list()) + ' ' + (free - s.getFree()));
      s.erase('a');
      print(JSON.stringify(s.list()) + ' ' + (free - s.getFree()) + ' ' + s.read('a'));
    `);
    // 'hello' = 32 + 8, '{"n":1}' = 32 + 8.
    expect(sim.output()).toEqual(['hello ell ["a","cfg"] 80', '["cfg"] 40 undefined']);
  });

  it('fills a file written with a size, and refuses to overwrite written bytes', async () => {
    const sim = await simulate(`
      const s = require('Storage');
      s.write('f', 'Hello', 0, 14);
      s.write('f', ' ', 5);
      s.write('f', 'World!!!', 6);
      print(s.read('f'));
      try { s.write('f', 'X', 0 + 1); } catch (e) { print((e as Error).message); }
    `);
    expect(sim.output()).toEqual(['Hello World!!!', "Storage.write: File already written with different data: 'f' at byte 1 (flash can only be written once between erases; write at offset 0 to rewrite the file)"]);
  });

  it('is sized by the board: a write that does not fit says how much it needed and what was free', async () => {
    const sim = await simulate(`
      const s = require('Storage');
      try { for (let i = 0; i < 100; i++) s.write('f' + i, new Array(1001).join('x')); } catch (e) { print((e as Error).message); }
    `);
    // Puck.js: 40960 bytes; each file takes 32 + 1000.
    expect(sim.output()).toEqual(["Storage.write: Unable to find or create file: Storage is full — 'f39' needs 1032 bytes (1000 of data + header and padding) but 712 of 40960 bytes are free"]);
  });

  it('survives a reset, as flash does', async () => {
    const sim = await simulate(`
      const s = require('Storage');
      const n = Number(s.read('boots') || '0') + 1;
      s.write('boots', String(n));
      print('boot ' + n);
    `);
    sim.harness.reboot();
    sim.harness.reboot();
    expect(sim.output()).toEqual(['boot 1', 'boot 2', 'boot 3']);
  });

  it('StorageFile appends across chunks and reads lines back', async () => {
    const sim = await simulate(`
      const s = require('Storage') as any; // open() is not in Coop's Storage typings
      const f = s.open('log', 'a');
      for (let i = 0; i < 3; i++) f.write('line ' + i + '\\n');
      const r = s.open('log', 'r');
      print(r.readLine() + r.readLine() + r.getLength());
      print(JSON.stringify(s.list(undefined, { sf: true })));
    `);
    expect(sim.output()).toEqual(['line 0', 'line 1', '21', '["log"]']);
  });

  it('refuses a name longer than 28 characters instead of cutting it', async () => {
    const sim = await simulate(`try { require('Storage').write('a-very-long-file-name-for-flash', 'x'); } catch (e) { print((e as Error).message); }`);
    expect(sim.output()).toEqual(["Storage.write: Storage file name 'a-very-long-file-name-for-flash' is 31 characters; the most is 28 (Espruino would silently cut it to 'a-very-long-file-name-for-fl')"]);
  });
});

describe('what the simulated realm has and lacks', () => {
  it('has none of the globals and methods Espruino 2v29 lacks', async () => {
    const sim = await simulate(`
      const g = globalThis as any;
      print(['Map', 'Set', 'Symbol', 'WeakMap', 'Proxy', 'Reflect', 'RangeError', 'Intl'].map((n) => typeof g[n]).join());
      print([typeof (Array as any).from, typeof ([] as any).flat, typeof (Number as any).isInteger, typeof (Math as any).trunc, typeof (Object as any).freeze, typeof ('' as any).padStart].join());
    `);
    expect(sim.output()).toEqual([
      'undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined',
      'undefined,undefined,undefined,undefined,undefined,function',
    ]);
  });

  it('a global Espruino has but the simulator does not emulate fails loudly, naming it', async () => {
    const sim = await simulate(`
      declare const SPI1: any;
      try { SPI1.setup({}); } catch (e) { print((e as Error).message); }
      try { (require as any)('neopixel'); } catch (e) { print((e as Error).message); }
      try { (require as any)('mymodule'); } catch (e) { print((e as Error).message); }
    `);
    expect(sim.output()).toEqual([
      'SPI1 is part of Espruino on Puck.js, but the Coop simulator does not emulate it (see docs/simulator.md)',
      "require('neopixel') is part of Espruino on Puck.js, but the Coop simulator does not emulate it (see docs/simulator.md)",
      "Module mymodule not found (the simulator only has the 'Storage' module built in, and no Storage file is named 'mymodule')",
    ]);
  });

  it('Date follows the virtual clock in UTC, printed as Espruino prints it', async () => {
    const sim = await simulate(`setTimeout(() => print(new Date().toString() + ' ' + Date.now()), 61_500);`);
    sim.advance(62_000);
    expect(sim.output()).toEqual(['Thu Jan 1 1970 00:01:01 GMT+0000 61500']);
  });

  it('Math.random is seeded: the same seed gives the same numbers', async () => {
    const src = `print([Math.random(), Math.random()].map((x) => x.toFixed(6)).join());`;
    const a = await simulate(src, { seed: 7 });
    const b = await simulate(src, { seed: 7 });
    const c = await simulate(src, { seed: 8 });
    expect(a.output()).toEqual(b.output());
    expect(a.output()).not.toEqual(c.output());
  });

  it('process.env names the board and the Espruino version the simulator follows', async () => {
    const sim = await simulate(`print(process.env.BOARD + ' ' + process.version);`, { board: 'esp32' });
    expect(sim.output()).toEqual(['ESP32 2v29']);
  });

  it('an uncaught error is printed as on the board, and process.on("uncaughtException") can take it', async () => {
    const sim = await simulate(`
      setTimeout(() => { throw new Error('boom'); }, 1);
      setTimeout(() => { (process as any).on('uncaughtException', (e: Error) => print('handled ' + e.message)); }, 2);
      setTimeout(() => { throw new Error('again'); }, 3);
    `);
    sim.advance(5);
    expect(sim.output()).toEqual(['Uncaught Error: boom', 'handled again']);
    expect(sim.errors).toHaveLength(1);
  });
});
