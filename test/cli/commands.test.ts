import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/run-cli.js';
import { writeFirmware } from './support/firmware.js';
import { commandHelp } from '../../cli/usage.js';

describe('coop', () => {
  it('lists its commands when run without one, and names an unknown one', async () => {
    const bare = await runCli([]);
    expect(bare.code).toBe(1);
    expect(bare.text).toMatch(/build .*\n.*\n\s+sim .*[\s\S]*flash[\s\S]*repl[\s\S]*boards[\s\S]*ports/);
    const unknown = await runCli(['upload']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toEqual(['coop: unknown command "upload"; commands are init, build, sim, test, flash, repl, boards, ports, typings']);
  });

  it('prints the usage of a command with --help', async () => {
    const r = await runCli(['flash', '--help']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^usage: coop flash \[file.ts\] --port/);
  });
});

describe('coop --version and --help', () => {
  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(await runCli(['--version'])).toMatchObject({ code: 0, out: [version] });
    expect((await runCli(['-V'])).out).toEqual([version]);
  });

  it('lists init and test among the commands, and says how to get help on one', async () => {
    const r = await runCli(['help']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^coop: async tasks for Espruino boards\n\ncommands:\n {2}init {5}make a new firmware project: .*\n {11}coop init \[folder\] \[--board B\] \[--coop <npm spec>\]\n/);
    expect(r.out[0]).toContain('  test     run a project\'s scenarios in the simulator, then its vitest tests\n           coop test [scenario.yaml …]');
    expect(r.out[0]).toContain('coop <command> --help explains a command and its options; coop --version prints the version.');
  });

  it('explains every option each command takes, with --help or coop help <command>', async () => {
    for (const [name, help] of Object.entries(commandHelp)) {
      const r = await runCli([name, '--help']);
      expect(r.code, name).toBe(0);
      const text = r.out.join('\n');
      expect(text.startsWith(`usage: ${help.usage}\n\n${help.about[0]}`), name).toBe(true);
      expect((await runCli(['help', name])).out.join('\n')).toBe(text);
      // Each option the command's parser accepts (the parser reads the same spec) has a line saying what it does.
      const options = text.slice(text.indexOf('\noptions:\n')).split('\n').slice(2);
      for (const option of [...(help.args.flags ?? []), ...(help.args.valued ?? [])]) {
        const flag = option.length === 1 ? `-${option}` : `--${option}`;
        expect(options.some((l) => new RegExp(`^  (.*, )?${flag}\\b.* {2,}\\S`).test(l)), `coop ${name} --help explains ${flag}:\n${text}`).toBe(true);
      }
    }
    const build = (await runCli(['build', '--help'])).out.join('\n');
    expect(build).toMatch(/^ {2}--no-minify +leave the bundle readable$/m);
    expect(build).toContain('The board is --board, else coop.json\'s "board", else the diagram\'s "board", else puckjs.');
  });

  it('answers help without loading the toolchain or the simulator', () => {
    const started = Date.now();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `
      const { main } = await import(${JSON.stringify(new URL('../../dist/cli/main.js', import.meta.url).href)});
      await main(['init', '--help'], { out: () => {}, err: () => {} });
      await main(['--version'], { out: () => {}, err: () => {} });
      const { createRequire } = await import('node:module');
      // TypeScript is CommonJS: had anything imported it, it would be in require's cache.
      const tsPath = createRequire(import.meta.url).resolve('typescript');
      console.log(Object.keys(createRequire(import.meta.url).cache).includes(tsPath) ? 'typescript loaded' : 'light');
    `], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('light');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('coop build', () => {
  it('writes the bundle and reports its size against the board', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'coop-out-')), 'app.js');
    const r = await runCli(['build', writeFirmware('console.log("hi");\n'), '--board', 'puckjs', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(new RegExp(`^built ${out} for Puck.js: \\d+ bytes \\(\\d+\\.\\d% of its 40960 bytes of Storage\\), ~\\d+ JsVars to load \\(\\d+\\.\\d% of 2630\\); Espruino check passed$`));
  });

  it('says when the file is not there, is a folder, or is not TypeScript', async () => {
    expect(await runCli(['build', 'no/such/app.ts'])).toMatchObject({ code: 1, err: ['coop build: no such file: no/such/app.ts'] });
    const folder = mkdtempSync(join(tmpdir(), 'coop-dir-'));
    expect((await runCli(['build', folder])).err[0]).toBe(`coop build: ${folder} is a folder; name the .ts file to build, e.g. ${folder}/main.ts`);
    const js = writeFirmware('x', 'app.js');
    expect((await runCli(['build', js])).err[0]).toBe(`coop build: ${js} is not a TypeScript file; coop builds firmware written in TypeScript (.ts)`);
  });

  it('reports TypeScript errors as file:line', async () => {
    const file = writeFirmware('const n: number = "one";\nundefinedThing();\n');
    const r = await runCli(['build', file]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/^coop build: build failed \(typescript\):\n/);
    expect(r.err.join('\n')).toContain(`${file}:1:7: Type 'string' is not assignable to type 'number'.`);
    expect(r.err.join('\n')).toContain(`${file}:2:1: Cannot find name 'undefinedThing'.`);
  });

  it('reports what Espruino cannot run as file:line', async () => {
    const r = await runCli(['build', writeFirmware('outer: for (let i = 0; i < 3; i++) {\n  for (;;) break outer;\n}\n')]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/^coop build: build failed \(espruino-check\):\n.*main\.ts:1: .*label/im);
  });

  it('names an unknown board and the valid ones', async () => {
    const r = await runCli(['build', writeFirmware('console.log(1);\n'), '--board', 'arduino']);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain("Unknown board 'arduino'. Valid boards: banglejs2, esp32, linux, mdbt42q, pico, pixljs, puckjs");
  });

  it('refuses contradictory and missing arguments', async () => {
    expect(await runCli(['build'])).toMatchObject({
      code: 2,
      err: ['coop build: which file? usage: coop build [file.ts] [--board B] [-o out.js] [--minify | --no-minify] ' +
        '(no file is needed inside a project: its coop.json names it; coop init makes one)'],
    });
    expect((await runCli(['build', 'a.ts', '--minify', '--no-minify'])).err).toEqual(['coop build: --minify and --no-minify contradict each other; give one']);
    expect((await runCli(['build', 'a.ts', 'b.ts'])).err).toEqual(['coop build: one file at a time; got "a.ts" and "b.ts"']);
  });
});

describe('coop boards', () => {
  it('prints every board with its chip, memory, LEDs and buttons', async () => {
    const r = await runCli(['boards']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^id\s+name\s+chip\s+Espruino\s+JsVars\s+Storage\s+LEDs\s+buttons$/);
    expect(r.out.find((l) => l.startsWith('puckjs'))).toMatch(/^puckjs\s+Puck\.js\s+nRF52832\s+PUCKJS\s+2630\s+40 KB\s+LED1=D5 LED2=D4 LED3=D3\s+BTN1=D0$/);
    expect(r.out.find((l) => l.startsWith('linux'))).toMatch(/^linux\s+Linux\s+Linux host\s+LINUX\s+4096\s+256 KB\s+-\s+-$/);
  });
});

describe('coop ports', () => {
  it('lists serial ports, or says plainly why it cannot', async () => {
    const r = await runCli(['ports']);
    if (r.code === 0) expect(r.out.join('\n')).toMatch(/^(port\s+description|no serial ports found)/);
    else expect(r.err[0]).toMatch(/^coop ports: (could not list serial ports: |serial ports are not available: )/);
  });
});

describe('coop flash: arguments', () => {
  const app = writeFirmware('console.log(1);\n');

  it('needs a file and a port', async () => {
    expect((await runCli(['flash'])).err[0]).toMatch(/^coop flash: which file\? usage: coop flash \[file.ts\] --port/);
    const noPort = await runCli(['flash', app]);
    expect(noPort.code).toBe(2);
    expect(noPort.err).toEqual(['coop flash: which board? give --port with a serial port (/dev/ttyACM0, COM3), a Bluetooth LE address (aa:bb:cc:dd:ee:ff) ' +
      'or tcp://host:port; coop ports lists the serial ports found']);
  });

  it('checks --save and --timeout', async () => {
    expect((await runCli(['flash', app, '--port', 'tcp://h:1', '--save', 'flash'])).err)
      .toEqual(['coop flash: --save flash: choose storage (run at every boot) or ram (until the next reset)']);
    expect((await runCli(['flash', app, '--port', 'tcp://h:1', '--timeout', 'long'])).err[0]).toContain('--timeout: "long" is not a duration');
  });

  it('says when the file is not there before connecting to anything', async () => {
    const r = await runCli(['flash', 'missing.ts', '--port', 'tcp://127.0.0.1:1']);
    expect(r).toMatchObject({ code: 1, out: [], err: ['coop flash: no such file: missing.ts'] });
  });

  it('reports TypeScript errors before connecting when the board is named', async () => {
    const r = await runCli(['flash', writeFirmware('let x: string = 5;\n'), '--board', 'linux', '--port', 'tcp://127.0.0.1:1']);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/main\.ts:1:5: Type 'number' is not assignable to type 'string'\./);
    expect(r.out.join('\n')).not.toContain('connecting');
  });
});
