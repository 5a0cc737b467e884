/**
 * `espruino-coop/test`, used as a hobbyist's own tests would use it: build a
 * firmware file, run it on the simulated board, drive it, check it with the
 * matchers. (Users import from 'espruino-coop/test'; this repository imports
 * the same module from its source.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../cli/test-api/index.js';
import { firmwareFile } from '../support/device.js';

describe('simulate() and the matchers', () => {
  it('blink: LED1 blinks with a period of one second', async () => {
    // examples/blink.diagram.json, beside the file, is the diagram; its board is a Puck.js.
    const sim = await simulate('examples/blink.ts');
    expect(sim.board.id).toBe('puckjs');

    sim.advance('5s');
    expect(sim).toHaveBlinked('LED1', { period: 1000 });
    expect(sim).toHaveBlinked('led', { period: '1s', cycles: 5 }); // the diagram's part, on the same pin
    expect(sim).toHavePin('LED1', 1);
    expect(sim.pinHistory('LED1').slice(0, 3)).toEqual([{ t: 0, value: 1 }, { t: 500, value: 0 }, { t: 1000, value: 1 }]);
    expect(sim.blinking('LED1')?.pattern).toEqual([{ value: 1, ms: 500 }, { value: 0, ms: 500 }]);
    expect(sim).not.toHaveBlinked('LED2');
  });

  it('button-led: a click toggles LED1, a long press starts a heartbeat on LED2, a double press stops it', async () => {
    const sim = await simulate('examples/button-led.ts', { diagram: 'examples/button-led.diagram.json' });
    expect(sim.console).toContainLine('ready');

    sim.press('BTN1', 120); // hold it 120 ms, then release (the diagram's bouncing button "btn" is on BTN1)
    sim.advance('1s');
    expect(sim.console).toContainLine('click: LED1 on');
    expect(sim).toHavePin('LED1', 1);

    const longPress = sim.now;
    sim.press('btn', '1s');
    sim.advance('4s');
    expect(sim.console).toContainLine(/^long press/);
    // The heartbeat [100, 150, 100, 650] ms repeats every second.
    expect(sim).toHaveBlinked('LED2', { period: 1000, since: longPress });
    expect(sim.blinking('LED2', { since: longPress })?.pattern.map((p) => p.ms)).toEqual([100, 150, 100, 650]);

    sim.press('btn', 80).advance(150).press('btn', 80).advance('2s');
    expect(sim.console).toContainLine('double press: blink stopped');
    expect(sim).toHavePin('LED2', 0);
    expect(sim.errors).toEqual([]);
  });

  it('runs a scenario file and says whether it passed', async () => {
    const sim = await simulate('examples/button-led.ts');
    const result = await sim.runScenario('examples/button-led.scenario.yaml');
    expect(result.ok, result.message).toBe(true);
    expect(result.message).toMatch(/^scenario "click, long press and double press" passed: \d+ steps/);

    const impatient = join(mkdtempSync(join(tmpdir(), 'coop-scenario-')), 'impatient.yaml');
    writeFileSync(impatient, 'name: too impatient\nsteps:\n  - wait-pin: { pin: LED2, value: 1, timeout: 10ms }\n');
    const failed = await sim.runScenario(impatient);
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(/failed at step 1 of 1 .*\n  expected: LED2 to become 1 within 0\.010s\n  seen:     LED2 stayed 0/);
  });

  it('failing matchers say what was expected and what the board did', async () => {
    const sim = await simulate('examples/blink.ts');
    sim.advance('3s');
    expect(() => expect(sim).toHaveBlinked('LED1', { period: 400 })).toThrow(
      'expected LED1 (D5) to blink with a period of 400ms (±20ms), but it blinked with a period of 1.000s (high 500ms, low 500ms), 3 times from 0.000s to 3.000s (now 3.000s)');
    expect(() => expect(sim).toHaveBlinked('LED2')).toThrow('expected LED2 (D4) to blink, but it never changed; it is 0 (now 3.000s)');
    expect(() => expect(sim).toHavePin('LED1', 0)).toThrow('expected LED1 (D5) to be 0 at 3.000s, but it is 1 (since 3.000s)');
    expect(() => expect(sim.console).toContainLine('hello')).toThrow('expected a console line containing "hello", but nothing was printed');
    expect(() => expect('LED1').toHavePin('LED1', 1)).toThrow(/toHavePin: expect\(\) needs the simulation simulate\(\) returns, got string "LED1"/);
  });

  it('drives analog inputs: setVoltage on a part of a diagram given as an object', async () => {
    const file = firmwareFile([
      "import { spawn, sleep } from 'coop';",
      'spawn(async () => {',
      '  for (;;) {',
      "    print('soil ' + analogRead(D30).toFixed(2));",
      '    await sleep(1000);',
      '  }',
      "}, { name: 'soil' });",
    ].join('\n'));
    const sim = await simulate(file, { diagram: { board: 'puckjs', parts: [{ id: 'soil', type: 'potentiometer', pin: 'D30', value: 0.5 }] } });
    expect(sim.console.lines).toEqual(['soil 0.50']);
    sim.setVoltage('soil', 3.3 * 0.25).advance('1s');
    expect(sim.console).toContainLine('soil 0.25');
    expect(sim.console.entries.at(-1)).toEqual({ t: 1000, text: 'soil 0.25' });
  });

  it('takes the board (and the entry) from coop.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coop-project-'));
    writeFileSync(join(dir, 'coop.json'), JSON.stringify({ entry: resolve('examples/blink.ts'), board: 'esp32' }));
    const sim = await simulate(undefined, { project: dir, diagram: { parts: [] } });
    expect(sim.board.id).toBe('esp32');
    sim.advance('2s');
    expect(sim).toHaveBlinked('LED1', { period: 1000 });
  });

  it('rejects with the build error, at file:line, when the firmware cannot run on Espruino', async () => {
    const file = firmwareFile("const seen = new Set<string>();\nprint('ok');\n");
    await expect(simulate(file)).rejects.toThrow(`${file}:1:18: Set: Espruino has no Set; use an array or a plain object`);
    await expect(simulate('no/such/file.ts')).rejects.toThrow('simulate: no such file: no/such/file.ts');
  });

  it('loads outside vitest too (the compiled package module, in plain Node)', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
    const script = "const t = await import('./dist/cli/test-api/index.js'); const sim = await t.simulate('examples/blink.ts'); " +
      'sim.advance(1500); console.log(sim.pin("LED1"), sim.blinking("LED1").period, typeof t.coopMatchers.toHaveBlinked);';
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0 1000 function');
  });
});
