/**
 * `coop init`: a new project for a board, whose firmware builds for that board
 * and whose scenario and tests pass on the simulated board, for every board
 * Coop knows. (test/cli/package.test.ts does the same from the packed
 * package, with npm install, tsc and npm test.)
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boards } from '../../boards/index.js';
import { appPins } from '../../cli/project-template.js';
import { runCli, runCliIn as inFolder } from './support/run-cli.js';

const ROOT = resolve('.');
const ours = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const newFolder = (name = 'my-sensor') => join(mkdtempSync(join(tmpdir(), 'coop-init-')), name);


const FILES = [
  'package.json', 'coop.json', 'tsconfig.json', 'coop-env.d.ts', 'src/main.ts', 'diagram.json',
  'scenarios/main.scenario.yaml', 'test/main.test.ts', 'vitest.config.ts', 'test/tsconfig.json', '.gitignore', 'README.md',
];

describe('coop init', () => {
  it('writes a project for the board: package.json, coop.json, the typings, an app, its diagram, a scenario and a test', async () => {
    const dir = newFolder();
    const r = await runCli(['init', dir, '--board', 'esp32']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(`created a Coop project for ESP32 DevKit (esp32) in ${dir}: ${FILES.join(', ')}`);
    expect(r.out.slice(1)).toEqual([
      'src/main.ts: a task reading the sensor on D32 and flashing LED1, and a task counting presses of BTN1',
      'next:',
      `  cd ${dir}`,
      '  npm install',
      '  npm run sim      # run it on a simulated ESP32 DevKit',
      '  npm test         # its scenarios in the simulator, then its vitest tests',
      '  npm run flash -- --port /dev/ttyUSB0',
    ]);
    for (const f of FILES) expect(existsSync(join(dir, f)), f).toBe(true);

    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    expect(JSON.parse(read('package.json'))).toEqual({
      name: 'my-sensor',
      version: '0.1.0',
      private: true,
      description: 'Firmware for ESP32 DevKit, written with Coop',
      type: 'module',
      scripts: { sim: 'coop sim', test: 'coop test', build: 'coop build', flash: 'coop flash', typecheck: 'tsc --noEmit && tsc --noEmit -p test', typings: 'coop typings' },
      dependencies: { 'espruino-coop': `^${ours.version}` },
      devDependencies: { typescript: ours.dependencies.typescript, vitest: ours.devDependencies.vitest },
    });
    expect(JSON.parse(read('coop.json'))).toEqual({ entry: 'src/main.ts', board: 'esp32', diagram: 'diagram.json', scenarios: ['scenarios/*.yaml'] });
    expect(JSON.parse(read('tsconfig.json'))).toMatchObject({ compilerOptions: { target: 'ES5', lib: ['es5', 'es2015.promise'], types: [] }, include: ['src', 'coop-env.d.ts'] });

    // The typings are what `coop typings --board esp32` writes.
    const typings = join(dirname(dir), 'typings.d.ts');
    await runCli(['typings', '--board', 'esp32', '-o', typings]);
    expect(read('coop-env.d.ts')).toBe(readFileSync(typings, 'utf8'));

    // The app uses the board's own LED and button and a free analog pin, and the diagram wires parts to them.
    expect(read('src/main.ts')).toContain("import { spawn, sleep, Button, Led } from 'coop';\n\nconst SENSOR = D32;\nconst led = new Led(LED1);\nconst button = new Button(BTN1);\n");
    expect(JSON.parse(read('diagram.json'))).toEqual({
      board: 'esp32',
      parts: [
        { id: 'led', type: 'led', pin: 'LED1' },
        { id: 'button', type: 'button', pin: 'BTN1', bounce: true },
        { id: 'sensor', type: 'potentiometer', pin: 'D32', value: 0.5 },
      ],
    });
    expect(read('test/main.test.ts')).toContain("import { simulate } from 'espruino-coop/test';");
    expect(read('.gitignore')).toBe('node_modules/\nout/\n*.vcd\n');
  });

  it('names the package after the folder, and depends on the Coop --coop names (a tarball, say)', async () => {
    const dir = newFolder('My Plant Waterer');
    const r = await runCli(['init', dir, '--board', 'pico', '--coop', 'file:../espruino-coop-0.1.0.tgz']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('my-plant-waterer');
    expect(pkg.dependencies).toEqual({ 'espruino-coop': 'file:../espruino-coop-0.1.0.tgz' });
  });

  it('writes into the working folder when given none', async () => {
    const dir = newFolder('here');
    mkdirSync(dir);
    const r = await inFolder(dir, ['init', '--board', 'puckjs']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^created a Coop project for Puck\.js \(puckjs\) in \.: package\.json/);
    expect(r.out).not.toContain('  cd .');
    expect(JSON.parse(readFileSync(join(dir, 'coop.json'), 'utf8')).board).toBe('puckjs');
  });

  it('refuses to overwrite anything: it lists the files already there and writes none', async () => {
    const dir = newFolder();
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "mine" }\n');
    writeFileSync(join(dir, 'src/main.ts'), '// my own\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a file coop init writes\n');
    const r = await runCli(['init', dir, '--board', 'esp32']);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`coop init: ${dir} already has package.json, src/main.ts; coop init never overwrites a file, so it wrote nothing. ` +
      'Move those away, or give coop init a new folder: coop init my-project']);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('{ "name": "mine" }\n');
    expect(readFileSync(join(dir, 'src/main.ts'), 'utf8')).toBe('// my own\n');
    expect(existsSync(join(dir, 'coop.json'))).toBe(false);
    expect(existsSync(join(dir, 'diagram.json'))).toBe(false);
  });

  it('names an unknown board and the ones it knows, and refuses a file as the folder', async () => {
    const dir = newFolder();
    const r = await runCli(['init', dir, '--board', 'arduino']);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(["coop init: Unknown board 'arduino'. Valid boards: banglejs2, esp32, linux, mdbt42q, pico, pixljs, puckjs"]);
    expect(existsSync(dir)).toBe(false);
    const file = join(mkdtempSync(join(tmpdir(), 'coop-init-')), 'file');
    writeFileSync(file, '');
    expect((await runCli(['init', file])).err).toEqual([`coop init: ${file} is a file; give coop init a folder (a new one, or one without a project in it)`]);
    expect((await runCli(['init', 'a', 'b'])).err).toEqual(['coop init: one folder at a time; got "a" and "b"']);
  });

  it('picks pins each board has: its own LED and button, or free pins; an analog pin for the sensor when there is one', () => {
    expect(appPins(boards.puckjs)).toEqual({ led: 'LED1', ledBuiltIn: true, button: 'BTN1', buttonBuiltIn: true, sensor: 'D2' });
    expect(appPins(boards.pico)).toEqual({ led: 'LED1', ledBuiltIn: true, button: 'BTN1', buttonBuiltIn: true, sensor: 'A0' });
    // Bangle.js 2 has no LED that is a pin: an LED on a free pin. The Linux build has no LEDs, buttons or ADC.
    expect(appPins(boards.banglejs2)).toEqual({ led: 'D9', ledBuiltIn: false, button: 'BTN1', buttonBuiltIn: true, sensor: 'D4' });
    expect(appPins(boards.linux)).toEqual({ led: 'D0', ledBuiltIn: false, button: 'D1', buttonBuiltIn: false, sensor: undefined });
  });

  // Every board: the project's firmware builds for it (only pins it has) and `coop test` passes its scenario.
  it.each(Object.keys(boards))('makes a project for %s that builds and passes its scenario', async (id) => {
    const dir = newFolder(`app-${id}`);
    expect((await runCli(['init', dir, '--board', id])).code).toBe(0);
    const built = await inFolder(dir, ['build']);
    expect(built.err).toEqual([]);
    expect(built.out[0]).toMatch(new RegExp(`^built out/main\\.js for ${boards[id].name.replace(/\./g, '\\.')}: \\d+ bytes`));
    const tested = await inFolder(dir, ['test', '--no-vitest']);
    expect(tested.text).toMatch(/^PASS scenarios\/main\.scenario\.yaml: scenario ".*" passed: 10 steps in/m);
    expect(tested.out.at(-1)).toBe('coop test: 1 scenario passed; vitest skipped');
    expect(tested.code).toBe(0);
  });

  // The generated vitest test, run by `coop test` through espruino-coop/test (this checkout, compiled: npm test builds it first).
  it.skipIf(!existsSync(join(ROOT, 'dist/cli/test-api/index.js'))).each(['esp32', 'linux'])('runs the project\'s vitest test for %s with coop test', async (id) => {
    const dir = newFolder(`tested-${id}`);
    expect((await runCli(['init', dir, '--board', id])).code).toBe(0);
    // What npm install would put there: this checkout as espruino-coop, and its vitest.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'espruino-coop'), 'dir');
    for (const dep of ['vitest', '@vitest', 'vite']) symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir');
    const r = await inFolder(dir, ['test']);
    expect(r.code, r.text).toBe(0);
    expect(r.text).toMatch(/Tests\s+3 passed \(3\)/);
    expect(r.out.at(-1)).toBe('coop test: 1 scenario passed; vitest passed');
  }, 120_000);
});
