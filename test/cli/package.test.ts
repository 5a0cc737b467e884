/**
 * Coop as others get it: `npm pack` (which builds it, at prepack), the
 * tarball installed into a fresh project with no network, and firmware there
 * built and simulated with the installed `coop` command.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'coop-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** This environment minus the test runner's and npm's own run-script variables; npx never fetches a package. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|NODE_OPTIONS$|TEST$|npm_)/.test(k)) env[k] = v;
  return { ...env, npm_config_yes: 'false', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, env: childEnv(), encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}` };
}

/**
 * A lockfile for a project depending only on the tarball, with the versions
 * and integrity hashes of this repository's lockfile: npm then installs from
 * its cache (filled by `npm ci`) without asking the registry for anything.
 */
function lockfileFor(tarball: string) {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const coop = lock.packages[''];
  const spec = `file:${tarball}`;
  const packages: Record<string, unknown> = {
    '': { name: 'my-firmware', dependencies: { 'espruino-coop': spec } },
    'node_modules/espruino-coop': { version: coop.version, resolved: spec, dependencies: coop.dependencies, bin: coop.bin, engines: coop.engines, license: coop.license },
  };
  for (const [path, entry] of Object.entries(lock.packages as Record<string, { dev?: boolean; link?: boolean }>)) {
    if (path !== '' && !entry.dev && !entry.link) packages[path] = entry;
  }
  return { name: 'my-firmware', lockfileVersion: 3, requires: true, packages };
}

describe('the espruino-coop package', () => {
  it('packs, installs offline into a fresh project, and builds and simulates firmware there', (ctx) => {
    // npm pack runs prepack, which compiles the host code into dist/.
    const packs = join(work, 'packs');
    mkdirSync(packs);
    const pack = run('npm', ['pack', '--pack-destination', packs], ROOT);
    expect(pack.status, pack.output).toBe(0);
    const [tarball] = readdirSync(packs);
    expect(tarball).toBe(`espruino-coop-${JSON.parse(readFileSync('package.json', 'utf8')).version}.tgz`);
    const listed = run('tar', ['tzf', join(packs, tarball)], work).output.split('\n');
    expect(listed).toEqual(expect.arrayContaining([
      'package/bin/coop.js', 'package/dist/cli/main.js', 'package/dist/toolchain/index.d.ts', 'package/dist/sim/index.d.ts',
      'package/firmware/index.ts', 'package/firmware/espruino-globals.d.ts', 'package/boards/board-definition.ts',
    ]));
    expect(listed.filter((f) => /^package\/(test|bench|examples|docs|toolchain|sim|cli)\//.test(f) || f.endsWith('.map'))).toEqual([]);

    const app = join(work, 'my-firmware');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'my-firmware', private: true, dependencies: { 'espruino-coop': `file:${join(packs, tarball)}` } }));
    writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lockfileFor(join(packs, tarball))));
    const install = run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], app);
    if (install.status !== 0 && /ENOTCACHED/.test(install.output)) {
      ctx.skip(`npm's cache lacks a dependency (run npm ci in the repository first): ${/request to (\S+)/.exec(install.output)?.[1] ?? install.output}`);
    }
    expect(install.status, install.output).toBe(0);

    writeFileSync(join(app, 'main.ts'), `import { spawn, sleep } from 'coop';

spawn(async () => {
  for (let n = 1; ; n++) {
    console.log('tick ' + n);
    digitalWrite(LED1, n % 2);
    await sleep(500);
  }
}, { name: 'ticker' });
`);
    const built = run('npx', ['coop', 'build', 'main.ts', '--board', 'puckjs', '-o', 'out.js'], app);
    expect(built.output).toMatch(/^built out\.js for Puck\.js: \d+ bytes .*Espruino check passed$/m);
    expect(built.status).toBe(0);

    const sim = run('npx', ['coop', 'sim', 'main.ts', '--until', '1s'], app);
    expect(sim.status, sim.output).toBe(0);
    expect(sim.output).toContain('[    0.000s] tick 1\n[    0.000s] LED1 (D5) → 1\n[    0.500s] tick 2\n[    0.500s] LED1 (D5) → 0');
    expect(sim.output).toMatch(/simulation ended: 1\.000s of Puck\.js in .*, 0 uncaught errors/);

    // The editor's view: coop typings, then tsc sees the board's pins and the firmware API.
    const typings = run('npx', ['coop', 'typings', '--board', 'puckjs'], app);
    expect(typings.status, typings.output).toBe(0);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES5', module: 'ESNext', moduleResolution: 'Bundler', lib: ['es5', 'es2015.promise'], types: [], strict: true, noImplicitAny: false, noEmit: true },
      include: ['*.ts'],
    }));
    const tsc = run('npx', ['tsc', '--noEmit', '-p', '.'], app);
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);

    // And Node programs get the build and simulator APIs, typed.
    const api = run('node', ['--input-type=module', '-e', "import { build } from 'espruino-coop'; import { createSim } from 'espruino-coop/sim'; const r = await build('main.ts', { board: 'puckjs' }); console.log(typeof createSim, r.board.id, r.bytes > 0);"], app);
    expect(api.output.trim()).toBe('function puckjs true');
  }, 180_000);
});
