import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { firmwareFile } from '../support/device.js';

async function coop(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('coop sim', () => {
  it('runs blink and prints what the LED did (npm run blink)', async () => {
    const r = await coop('sim', 'examples/blink.ts', '--until', '1s');
    expect(r.code).toBe(0);
    expect(r.out).toContain('simulating examples/blink.ts on Puck.js with examples/blink.diagram.json');
    expect(r.out).toContain('[    0.000s] LED1 (D5) → 1\n[    0.500s] LED1 (D5) → 0\n[    1.000s] LED1 (D5) → 1');
    expect(r.out).toMatch(/simulation ended: 1\.000s of Puck\.js in [\d.]+s, 3 pin changes, 0 uncaught errors\n/);
    expect(r.out).toMatch(/memory at the end: about \d+ of Puck\.js's 2630 JsVars with the code saved to flash \(coop flash's default\), \d+ with it uploaded to RAM \(--save ram\); a simulator estimate$/);
  });

  it('exits 1 when the firmware runs out of memory on the board, saying when', async () => {
    const file = firmwareFile(`
      // 4,000 floats: a JsVar for each element and one more for each value.
      const readings: number[] = [];
      setInterval(() => {
        if (readings.length < 4000) readings.push(readings.length * 0.5);
        if (readings.length % 1000 === 0) print('have ' + readings.length);
      }, 1);
    `, 'hoarder.ts');
    const r = await coop('sim', file, '--board', 'puckjs', '--until', '5s');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/coop sim: the firmware ran out of memory at \d+\.\d{3} s \(about \d+ of Puck\.js's 2630 JsVars.*\): on the board it stops there with "Out of Memory"/);
    expect(r.out).toContain('OUT OF MEMORY');
  });

  it('runs a scenario, writes the VCD, and exits 0 when it passes', async () => {
    const vcd = join(dirname(firmwareFile('')), 'out', 'blink.vcd');
    const r = await coop('sim', 'examples/blink.ts', '--scenario', 'examples/blink.scenario.yaml', '--vcd', vcd);
    expect(r.code).toBe(0);
    expect(r.out).toContain('scenario "blink toggles LED1 every 500 ms" passed: 7 steps in 11.000s of virtual time');
    expect(readFileSync(vcd, 'utf8')).toMatch(/^\$comment Coop board simulator \$end\n[\s\S]*\$var wire 1 \S+ D5_LED1 \$end[\s\S]*#11000000\n/);
  });

  it('exits 1 with the failing step when a scenario fails', async () => {
    const scenario = firmwareFile(['name: wrong', 'steps:', '  - advance: 100ms', '  - expect-pin: { pin: LED1, value: 0 }', ''].join('\n'), 'wrong.yaml');
    const r = await coop('sim', 'examples/blink.ts', '--scenario', scenario);
    expect(r.code).toBe(1);
    expect(r.err).toContain([
      'scenario "wrong" failed at step 2 of 2 (expect-pin: { pin: LED1, value: 0 }) at 0.100s virtual time',
      '  expected: LED1 to be 0',
      '  seen:     LED1 is 1 (last changed at 0.000s)',
    ].join('\n'));
  });

  it('exits 1 when the firmware throws an uncaught error', async () => {
    const file = firmwareFile(`setTimeout(() => { throw new Error('sensor missing'); }, 100);`);
    const r = await coop('sim', file, '--until', '1s');
    expect(r.code).toBe(1);
    expect(r.out).toContain('[    0.100s] Uncaught Error: sensor missing');
    expect(r.err).toContain('coop sim: the firmware threw 1 uncaught error');
  });

  it('refuses a diagram for another board, and a scenario file that is not there', async () => {
    const diagram = firmwareFile(JSON.stringify({ board: 'esp32', parts: [] }), 'd.json');
    const a = await coop('sim', 'examples/blink.ts', '--board', 'puckjs', '--diagram', diagram);
    expect(a.code).toBe(1);
    expect(a.err).toBe('coop sim: --board says board puckjs but the diagram says esp32; use one board');
    const b = await coop('sim', 'examples/blink.ts', '--scenario', 'nowhere.yaml');
    expect(b.err).toBe('coop sim: scenario nowhere.yaml: no such file');
  });

  it('builds for the diagram\'s board when no --board is given', async () => {
    const file = firmwareFile(`digitalWrite(D2, 1); print('on ' + process.env.BOARD);`);
    writeFileSync(file.replace(/\.ts$/, '.diagram.json'), JSON.stringify({ board: 'esp32', parts: [{ id: 'led', type: 'led', pin: 'D2' }] }));
    const r = await coop('sim', file, '--until', '10ms');
    expect(r.code).toBe(0);
    expect(r.out).toContain('[    0.000s] on ESP32');
    expect(r.out).toContain('[    0.000s] LED1 (D2) → 1');
  });

  it('--realtime paces virtual time to the wall clock', async () => {
    const t0 = Date.now();
    const r = await coop('sim', 'examples/blink.ts', '--until', '300ms', '--realtime');
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(existsSync('examples/blink.ts')).toBe(true);
  });
});
