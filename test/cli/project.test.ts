/**
 * coop.json: found in the working folder or one above it, checked field by
 * field, and what build, sim, test and typings take from it. The board comes
 * from one place for every command: --board, else coop.json's, else the
 * diagram's, else Puck.js.
 */
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProject, projectScenarios } from '../../cli/project.js';
import { chooseBoard } from '../../cli/target.js';
import { runCliIn as inFolder } from './support/run-cli.js';

const BLINK = `import { spawn, sleep } from 'coop';

spawn(async () => {
  print('on ' + process.env.BOARD);
  for (;;) {
    digitalWrite(LED1, 1);
    await sleep(500);
    digitalWrite(LED1, 0);
    await sleep(500);
  }
}, { name: 'blink' });
`;

/** A folder holding `files` (path → text; objects are written as JSON); its real path. */
function folder(files: Record<string, string | object>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'coop-project-')));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), typeof text === 'string' ? text : JSON.stringify(text));
  }
  return dir;
}


describe('findProject', () => {
  it('finds coop.json in the folder or a folder above it, with its paths made absolute', () => {
    const dir = folder({
      'coop.json': { entry: 'src/main.ts', board: 'ESP32', diagram: 'diagram.json', scenarios: ['scenarios/*.yaml'] },
      'src/main.ts': BLINK,
      'diagram.json': { board: 'esp32', parts: [] },
    });
    const expected = {
      file: join(dir, 'coop.json'),
      dir,
      entry: join(dir, 'src/main.ts'),
      board: 'esp32', // any spelling findBoard knows, as the board's id
      diagram: join(dir, 'diagram.json'),
      scenarios: [join(dir, 'scenarios/*.yaml')],
    };
    expect(findProject(dir)).toEqual(expected);
    expect(findProject(join(dir, 'src'))).toEqual(expected);
    expect(findProject(folder({ 'main.ts': BLINK }))).toBeUndefined();
  });

  it('needs only an entry', () => {
    const dir = folder({ 'coop.json': { entry: 'app.ts' }, 'app.ts': BLINK });
    expect(findProject(dir)).toEqual({ file: join(dir, 'coop.json'), dir, entry: join(dir, 'app.ts'), board: undefined, diagram: undefined, scenarios: [] });
  });

  it('says what is wrong with a coop.json: which field, and how to fix it', () => {
    const problem = (json: string | object, files: Record<string, string> = {}) => {
      const dir = folder({ 'coop.json': json, 'src/main.ts': BLINK, ...files });
      try {
        findProject(dir);
      } catch (e) {
        return (e as Error).message.replace(`${dir}/`, '');
      }
      return 'no error';
    };
    expect(problem('{ "entry": "src/main.ts", }')).toMatch(/^coop\.json is not valid JSON \(.*\); it should look like \{ "entry": "src\/main\.ts", "board": "esp32", "diagram": "diagram\.json", "scenarios": \["scenarios\/\*\.yaml"\] \}$/);
    expect(problem('["src/main.ts"]')).toBe('coop.json must hold a JSON object such as { "entry": "src/main.ts", "board": "esp32" }');
    expect(problem({ board: 'esp32' })).toBe('coop.json: "entry" is missing; it should be the firmware\'s main file, e.g. "src/main.ts"');
    expect(problem({ entry: 'src/main.js' })).toBe('coop.json: "entry" must name a TypeScript file (.ts), not "src/main.js"; it should be the firmware\'s main file, e.g. "src/main.ts"');
    expect(problem({ entry: 'main.ts' })).toMatch(/^coop\.json: "entry" names main\.ts, which does not exist in .*; fix the path \(it is relative to coop\.json\)$/);
    expect(problem({ entry: 'src/main.ts', board: 'arduino' })).toBe('coop.json: "board" is "arduino", which is not a board Coop knows; ' +
      'use one of banglejs2, esp32, linux, mdbt42q, pico, pixljs, puckjs (coop boards lists them)');
    expect(problem({ entry: 'src/main.ts', board: 32 })).toBe('coop.json: "board" must be a non-empty string, not 32; it should be the board\'s id, one of banglejs2, esp32, linux, mdbt42q, pico, pixljs, puckjs');
    expect(problem({ entry: 'src/main.ts', diagram: 'wiring.json' })).toMatch(/^coop\.json: "diagram" names wiring\.json, which does not exist in .*; fix the path \(it is relative to coop\.json\) or remove the field$/);
    expect(problem({ entry: 'src/main.ts', scenarios: [1] })).toBe('coop.json: "scenarios" must be a list of file names or patterns, not [1]; it should be a list of scenario files or patterns, e.g. ["scenarios/*.yaml"]');
    expect(problem({ entry: 'src/main.ts', bord: 'esp32' })).toBe('coop.json: unknown field "bord"; coop.json has "entry", "board", "diagram", "scenarios" (and "//" for a comment)');
    expect(problem({ '//': 'my project', entry: 'src/main.ts', scenarios: 'test.yaml' }, { 'test.yaml': '' })).toBe('no error');
  });

  it('lists the scenario files its patterns match, in order, each once; a named file must exist', () => {
    const dir = folder({
      'coop.json': { entry: 'main.ts', scenarios: ['scenarios/*.yaml', 'more/**/*.yaml', 'scenarios/b.yaml'] },
      'main.ts': BLINK,
      'scenarios/b.yaml': '', 'scenarios/a.yaml': '', 'scenarios/notes.txt': '',
      'more/c.yaml': '', 'more/deeper/d.yaml': '', 'more/node_modules/x.yaml': '',
    });
    expect(projectScenarios(findProject(dir)!).map((f) => f.slice(dir.length + 1))).toEqual(['scenarios/a.yaml', 'scenarios/b.yaml', 'more/c.yaml', 'more/deeper/d.yaml']);
    const missing = folder({ 'coop.json': { entry: 'main.ts', scenarios: ['main.scenario.yaml'] }, 'main.ts': BLINK });
    expect(() => projectScenarios(findProject(missing)!)).toThrow('coop.json: "scenarios" names ' + join(missing, 'main.scenario.yaml') + ', which does not exist; fix the path (it is relative to coop.json)');
  });
});

describe('the board, from one place for every command', () => {
  const project = { file: '/p/coop.json', dir: '/p', entry: '/p/main.ts', board: 'pico', scenarios: [] };

  it('is --board, else coop.json\'s, else the scenario\'s, else the diagram\'s, else none (Puck.js)', () => {
    expect(chooseBoard({ flag: 'esp32', project, diagram: { board: 'puckjs' } }, false)).toBe('esp32');
    expect(chooseBoard({ project, diagram: { board: 'puckjs' } }, false)).toBe('pico');
    expect(chooseBoard({ scenario: { board: 'mdbt42q' }, diagram: { board: 'mdbt42q' } }, true)).toBe('mdbt42q');
    expect(chooseBoard({ diagram: { board: 'esp32' } }, false)).toBe('esp32');
    expect(chooseBoard({}, true)).toBeUndefined();
  });

  it('when simulating, refuses a diagram or scenario for another board than the one chosen', () => {
    expect(() => chooseBoard({ project, diagram: { board: 'esp32' } }, true)).toThrow('coop.json says board pico but the diagram says esp32; use one board');
    expect(() => chooseBoard({ flag: 'puckjs', scenario: { board: 'esp32' } }, true)).toThrow('--board says board puckjs but the scenario says esp32; use one board');
    // --board overrides coop.json; any spelling of the same board agrees.
    expect(chooseBoard({ flag: 'Puck.js', project, diagram: { board: 'PUCKJS' } }, true)).toBe('Puck.js');
  });

  it('coop build and coop sim agree: the diagram\'s board when nothing else names one', async () => {
    const dir = folder({ 'blink.ts': BLINK, 'blink.diagram.json': { board: 'esp32', parts: [{ id: 'led', type: 'led', pin: 'LED1' }] } });
    const built = await inFolder(dir, ['build', 'blink.ts']);
    expect(built.out[0]).toMatch(/^built out\/blink\.js for ESP32 DevKit: /);
    const sim = await inFolder(dir, ['sim', 'blink.ts', '--until', '0']);
    expect(sim.out.slice(0, 2)).toEqual(['simulating blink.ts on ESP32 DevKit with blink.diagram.json', '[    0.000s] on ESP32']);
    expect((await inFolder(dir, ['build', 'blink.ts', '--board', 'pico'])).out[0]).toMatch(/^built out\/blink\.js for Espruino Pico: /);
  });

  it('coop.json\'s board wins over the diagram\'s for coop build; coop sim says they differ', async () => {
    const dir = folder({ 'coop.json': { entry: 'blink.ts', board: 'pico' }, 'blink.ts': BLINK, 'blink.diagram.json': { board: 'esp32', parts: [] } });
    expect((await inFolder(dir, ['build'])).out[0]).toMatch(/^built out\/blink\.js for Espruino Pico: /);
    const sim = await inFolder(dir, ['sim']);
    expect(sim.code).toBe(1);
    expect(sim.err).toEqual(['coop sim: coop.json says board pico but the diagram says esp32; use one board']);
  });
});

describe('inside a project', () => {
  const project = () => folder({
    'coop.json': { entry: 'src/main.ts', board: 'esp32', diagram: 'diagram.json', scenarios: ['scenarios/*.yaml'] },
    'src/main.ts': BLINK,
    'diagram.json': { board: 'esp32', parts: [{ id: 'led', type: 'led', pin: 'LED1' }] },
    'scenarios/blinks.yaml': 'name: blinks\nsteps:\n  - wait-console: { text: "on ESP32", timeout: 10ms }\n  - wait-pin: { pin: LED1, value: 0, timeout: 600ms }\n',
  });

  it('coop build, sim and typings need no file and no flags, from the project\'s folder or one below it', async () => {
    const dir = project();
    const built = await inFolder(dir, ['build']);
    expect(built.out).toEqual([expect.stringMatching(/^built out\/main\.js for ESP32 DevKit: \d+ bytes .*Espruino check passed$/)]);
    expect((await inFolder(join(dir, 'src'), ['build'])).out[0]).toMatch(/^built \.\.\/out\/main\.js for ESP32 DevKit: /);

    const sim = await inFolder(join(dir, 'src'), ['sim', '--until', '1s']);
    expect(sim.code).toBe(0);
    expect(sim.out.slice(0, 4)).toEqual([
      'simulating main.ts on ESP32 DevKit with ../diagram.json',
      '[    0.000s] on ESP32',
      '[    0.000s] LED1 (D2) → 1',
      '[    0.500s] LED1 (D2) → 0',
    ]);
    expect((await inFolder(dir, ['sim', '--board', 'puckjs'])).err).toEqual(['coop sim: --board says board puckjs but the diagram says esp32; use one board']);

    const typings = await inFolder(join(dir, 'src'), ['typings']);
    expect(typings.out).toEqual([`wrote ../coop-env.d.ts: Espruino's globals, the 42 pin names of ESP32 DevKit and the 'coop' module; include it in your tsconfig.json`]);
  });

  it('coop flash builds the entry for coop.json\'s board before it connects', async () => {
    const r = await inFolder(project(), ['flash', '--port', '/dev/ttyCOOP-NO-SUCH-PORT']);
    expect(r.out[0]).toMatch(/^built src\/main\.ts for ESP32 DevKit: \d+ bytes .*Espruino check passed$/);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^coop flash: port not found: \/dev\/ttyCOOP-NO-SUCH-PORT does not exist/);
  });

  it('coop test runs the scenarios coop.json names and sums them up; a failing one fails the run', async () => {
    const dir = project();
    const passing = await inFolder(dir, ['test', '--no-vitest']);
    expect(passing.code).toBe(0);
    expect(passing.out).toEqual([
      'PASS scenarios/blinks.yaml: scenario "blinks" passed: 2 steps in 0.500s of virtual time',
      'coop test: 1 scenario passed; vitest skipped',
    ]);

    writeFileSync(join(dir, 'scenarios/impatient.yaml'), 'name: impatient\nsteps:\n  - wait-pin: { pin: LED1, value: 0, timeout: 100ms }\n');
    const failing = await inFolder(dir, ['test', '--no-vitest']);
    expect(failing.code).toBe(1);
    expect(failing.out).toEqual(['PASS scenarios/blinks.yaml: scenario "blinks" passed: 2 steps in 0.500s of virtual time']);
    expect(failing.err[0]).toMatch(/^FAIL scenarios\/impatient\.yaml: scenario "impatient" failed at step 1 of 1 \(wait-pin: .*\) at 0\.100s virtual time\n {2}expected: LED1 to become 0 within 0\.100s/);
    expect(failing.err.at(-1)).toBe('coop test: FAILED: 1 of 2 scenarios failed (scenarios/impatient.yaml); vitest skipped');

    // Named scenario files instead of coop.json's; vitest not installed is said, not a failure.
    const one = await inFolder(dir, ['test', 'scenarios/blinks.yaml']);
    expect(one.code).toBe(0);
    expect(one.out.slice(1)).toEqual([
      'vitest is not installed in ., so its tests were not run (npm install -D vitest)',
      'coop test: 1 scenario passed; vitest not installed',
    ]);
  });

  it('coop test says when the firmware does not build, or throws', async () => {
    const dir = project();
    writeFileSync(join(dir, 'src/main.ts'), 'digitalWrite(D40, 1);\n');
    const r = await inFolder(dir, ['test', '--no-vitest']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^FAIL scenarios\/blinks\.yaml: src\/main\.ts did not build \(typescript\):\n.*main\.ts:1:14: Cannot find name 'D40'/);

    writeFileSync(join(dir, 'src/main.ts'), "print('on ' + process.env.BOARD);\ndigitalWrite(LED1, 1);\nsetTimeout(() => { digitalWrite(LED1, 0); throw new Error('oops'); }, 100);\n");
    const threw = await inFolder(dir, ['test', '--no-vitest']);
    expect(threw.code).toBe(1);
    expect(threw.err[0]).toMatch(/^FAIL scenarios\/blinks\.yaml: scenario "blinks" passed: .*, but the firmware threw 1 uncaught error:\n {2}Error: oops/);
  });

  it('coop test outside a project says how to make one', async () => {
    const r = await inFolder(folder({}), ['test']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^coop test: no coop\.json in \/.* or a folder above it: coop test runs a project's scenarios and tests\. Make a project with coop init, or run one scenario with coop sim <file\.ts> --scenario <file\.yaml>$/);
  });
});
