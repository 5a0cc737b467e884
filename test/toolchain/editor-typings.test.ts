/**
 * What an editor sees is what `coop build` sees: `coop typings --board <id>`
 * writes Espruino's globals, exactly the board's pins and the `coop` module,
 * and the examples are type-checked, each against its own board.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/support/run-cli.js';

const TSC = resolve('node_modules/typescript/bin/tsc');

/** `tsc --noEmit -p <project>`: its exit status and what it printed. */
function typecheck(project: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [TSC, '--noEmit', '-p', project], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

/** The per-board projects examples/tsconfig.json refers to. */
const boardProjects = (JSON.parse(readFileSync('examples/tsconfig.json', 'utf8')).references as { path: string }[])
  .map((r) => join('examples', r.path));

/** A firmware folder like a user's: the examples' editor settings, the board's typings, one file. */
async function firmwareProject(board: string, source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'coop-typings-'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    extends: resolve('examples/tsconfig.base.json'),
    // In a project with Coop installed, espruino-coop/firmware is the package's; here, this clone's.
    compilerOptions: { paths: { 'espruino-coop/firmware': [resolve('firmware/index.ts')], tslib: [resolve('firmware/runtime/helpers.ts')] } },
    include: ['*.ts'],
  }));
  const r = await runCli(['typings', '--board', board, '-o', join(dir, 'coop-env.d.ts')]);
  expect(r.code, r.text).toBe(0);
  writeFileSync(join(dir, 'main.ts'), source);
  return dir;
}

describe('editor typings', () => {
  it('let `tsc --noEmit -p examples` pass, and every example type-check against its own board', () => {
    expect(boardProjects.map((p) => p.replace(/^examples\//, ''))).toEqual(['tsconfig.puckjs.json', 'tsconfig.esp32.json', 'tsconfig.pico.json', 'tsconfig.mdbt42q.json']);
    for (const project of ['examples', ...boardProjects]) {
      const r = typecheck(project);
      expect(r.output, project).toBe('');
      expect(r.status, project).toBe(0);
    }
  });

  it('put each example in the project of the board its diagram names', () => {
    for (const project of boardProjects) {
      const config = JSON.parse(readFileSync(project, 'utf8'));
      const board = /tsconfig\.(\w+)\.json$/.exec(project)![1];
      const examples = (config.include as string[]).filter((f) => !f.includes('/'));
      expect(examples.length, project).toBeGreaterThan(0);
      for (const example of examples) {
        const diagram = JSON.parse(readFileSync(join('examples', example.replace(/\.ts$/, '.diagram.json')), 'utf8'));
        expect(diagram.board, example).toBe(board);
      }
      expect(config.include, project).toContain(`types/${board}.d.ts`);
    }
  });

  it('are committed as coop typings writes them', async () => {
    for (const board of ['puckjs', 'esp32', 'pico', 'mdbt42q']) {
      const r = await runCli(['typings', '--board', board, '-o', '-'], { write: undefined });
      expect(r.code).toBe(0);
      expect(r.out.join('\n') + '\n', `examples/types/${board}.d.ts is stale; run npx coop typings --board ${board} -o examples/types/${board}.d.ts`)
        .toBe(readFileSync(`examples/types/${board}.d.ts`, 'utf8'));
    }
  });

  it('make a pin the board lacks a type error that names the pin', async () => {
    const source = `import { spawn, sleep } from 'coop';

spawn(async () => {
  digitalWrite(LED1, 1);
  await sleep(100);
  digitalWrite(D33, 1);
}, { name: 'wrong-board' });
`;
    // D33 is an ESP32 pin: fine there, unknown on a Puck.js.
    expect(typecheck(await firmwareProject('esp32', source.replace('LED1', 'D2')))).toEqual({ status: 0, output: '' });
    const puck = typecheck(await firmwareProject('puckjs', source));
    expect(puck.status).not.toBe(0);
    expect(puck.output).toMatch(/main\.ts\(6,16\): error TS2304: Cannot find name 'D33'\./);
    expect(puck.output.trim().split('\n')).toHaveLength(1);
  });

  it('write coop-env.d.ts by default and say what is in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coop-typings-'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await runCli(['typings', '--board', 'pico']);
      expect(r.out).toEqual(["wrote coop-env.d.ts: Espruino's globals, the 39 pin names of Espruino Pico and the 'coop' module; include it in your tsconfig.json"]);
      const text = readFileSync(join(dir, 'coop-env.d.ts'), 'utf8');
      expect(text).toContain('declare const LED1: Pin;');
      expect(text).toContain("declare module 'coop' {\n  export * from 'espruino-coop/firmware';\n}");
    } finally {
      process.chdir(cwd);
    }
    expect((await runCli(['typings', '--board', 'arduino'])).err[0]).toMatch(/^coop typings: Unknown board 'arduino'\. Valid boards: /);
  });
});
