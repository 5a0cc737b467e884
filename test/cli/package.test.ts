/**
 * Coop as others get it: `npm pack` (which builds it, at prepack), the
 * tarball installed into a fresh project with no network, and firmware there
 * built and simulated with the installed `coop` command; then a hobbyist's
 * path: `npx coop init`, `npm install`, `npx tsc --noEmit`, `npm test`,
 * `npm run sim` in the project it made.
 *
 * No network: npm installs from its cache (filled by `npm ci` in this
 * repository), told exactly what to install by a lockfile made from this
 * repository's (see lockfileFor).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'coop-package-'));
// Two installed projects' node_modules: removing them takes minutes on a loaded machine.
afterAll(() => rm(work, { recursive: true, force: true }), 300_000);

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

interface LockEntry {
  version?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * A lockfile for `pkg` (a package.json depending on the tarball, and maybe on
 * typescript and vitest as this repository does) with the versions and
 * integrity hashes of this repository's lockfile: npm then installs from its
 * cache without asking the registry for anything. It holds what the project
 * needs and nothing else, found as Node finds modules (nested node_modules first).
 */
function lockfileFor(tarball: string, pkg: { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }) {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const all = lock.packages as Record<string, LockEntry & Record<string, unknown>>;
  const coop = all[''];
  const spec = `file:${tarball}`;
  const packages: Record<string, unknown> = {
    '': { name: pkg.name, dependencies: pkg.dependencies, devDependencies: pkg.devDependencies },
    'node_modules/espruino-coop': { version: coop.version, resolved: spec, dependencies: coop.dependencies, bin: coop.bin, engines: coop.engines, license: coop.license },
  };
  const find = (from: string, name: string): string | undefined => {
    for (let dir = from; ;) {
      const path = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (all[path] && !all[path].link) return path;
      if (!dir) return undefined;
      const up = dir.lastIndexOf('/node_modules/');
      dir = up < 0 ? '' : dir.slice(0, up);
    }
  };
  const queue: [string, string][] = [
    ...Object.keys(coop.dependencies ?? {}).map((d): [string, string] => ['node_modules/espruino-coop', d]),
    ...Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d !== 'espruino-coop').map((d): [string, string] => ['', d]),
  ];
  while (queue.length > 0) {
    const [from, name] = queue.shift()!;
    const path = find(from, name);
    if (path === undefined || path in packages) continue;
    const entry = all[path];
    packages[path] = entry;
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional);
    for (const dep of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers]) queue.push([path, dep]);
  }
  return { name: pkg.name, lockfileVersion: 3, requires: true, packages };
}

/** `npm pack` of this repository, once: the tarball's path. */
let packed: string | undefined;
function tarball(): string {
  if (packed) return packed;
  // npm pack runs prepack, which compiles the host code into dist/.
  const packs = join(work, 'packs');
  mkdirSync(packs);
  const pack = run('npm', ['pack', '--pack-destination', packs], ROOT);
  expect(pack.status, pack.output).toBe(0);
  const [file] = readdirSync(packs);
  expect(file).toBe(`espruino-coop-${JSON.parse(readFileSync('package.json', 'utf8')).version}.tgz`);
  packed = join(packs, file);
  return packed;
}

/** Install `pkg` from the lockfile made for it, offline; skips the test when npm's cache lacks something. */
function installOffline(app: string, pkg: Parameters<typeof lockfileFor>[1], command: 'ci' | 'install', skip: (why: string) => void) {
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lockfileFor(tarball(), pkg)));
  const install = run('npm', [command, '--offline', '--no-audit', '--no-fund'], app);
  if (install.status !== 0 && /ENOTCACHED/.test(install.output)) {
    skip(`npm's cache lacks a dependency (run npm ci in the repository first): ${/request to (\S+)/.exec(install.output)?.[1] ?? install.output}`);
  }
  expect(install.status, install.output).toBe(0);
}

describe('the espruino-coop package', () => {
  it('packs, installs offline into a fresh project, and builds and simulates firmware there', (ctx) => {
    const listed = run('tar', ['tzf', tarball()], work).output.split('\n');
    expect(listed).toEqual(expect.arrayContaining([
      'package/bin/coop.js', 'package/dist/cli/main.js', 'package/dist/toolchain/index.d.ts', 'package/dist/sim/index.d.ts',
      'package/firmware/index.ts', 'package/firmware/espruino-globals.d.ts', 'package/boards/board-definition.ts',
      'package/dist/cli/commands/init.js', 'package/dist/cli/test-api/index.js', 'package/dist/cli/test-api/index.d.ts',
      'package/dist/cli/ui/page/app.js', 'package/dist/cli/ui/waveform.js',
    ]));
    expect(listed.filter((f) => /^package\/(test|bench|examples|docs|toolchain|sim|cli)\//.test(f) || f.endsWith('.map'))).toEqual([]);

    const app = join(work, 'my-firmware');
    mkdirSync(app);
    const pkg = { name: 'my-firmware', private: true, dependencies: { 'espruino-coop': `file:${tarball()}` } };
    writeFileSync(join(app, 'package.json'), JSON.stringify(pkg));
    installOffline(app, pkg, 'ci', (why) => ctx.skip(why));

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
    // The page's script and the parts' drawings come from the installed package (coop sim --ui, --report).
    const report = run('npx', ['coop', 'sim', 'main.ts', '--until', '1s', '--quiet', '--report', 'run.html'], app);
    expect(report.status, report.output).toBe(0);
    const html = readFileSync(join(app, 'run.html'), 'utf8');
    expect(html).toContain('customElements.define');
    expect(html).toContain('function waveformSvg');

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

  it('makes a project with npx coop init that installs offline, type-checks, tests and simulates', (ctx) => {
    const started = Date.now();
    const took: string[] = [];
    const step = <T>(what: string, f: () => T): T => {
      const t = Date.now();
      const r = f();
      took.push(`${what} ${((Date.now() - t) / 1000).toFixed(1)}s`);
      return r;
    };
    step('npm pack', tarball);

    // A fresh folder with Coop installed, as `npm install espruino-coop` would leave it.
    const home = join(work, 'hobby');
    mkdirSync(home);
    const pkg = { name: 'hobby', private: true, dependencies: { 'espruino-coop': `file:${tarball()}` } };
    writeFileSync(join(home, 'package.json'), JSON.stringify(pkg));
    step('npm ci (coop)', () => installOffline(home, pkg, 'ci', (why) => ctx.skip(why)));

    // coop init, with the project depending on the tarball rather than on the registry's ^version.
    const init = step('coop init', () => run('npx', ['coop', 'init', 'my-sensor', '--board', 'esp32', '--coop', `file:${tarball()}`], home));
    expect(init.status, init.output).toBe(0);
    expect(init.output).toContain('created a Coop project for ESP32 DevKit (esp32) in my-sensor: package.json, coop.json, tsconfig.json, coop-env.d.ts, src/main.ts');
    const project = join(home, 'my-sensor');
    const made = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(made).toMatchObject({
      name: 'my-sensor',
      scripts: { sim: 'coop sim', test: 'coop test', build: 'coop build', flash: 'coop flash' },
      dependencies: { 'espruino-coop': `file:${tarball()}` },
      devDependencies: { typescript: expect.any(String), vitest: expect.stringMatching(/^\^4\./) },
    });

    // npm install in the project, offline (the lockfile a first online install would have written).
    step('npm install (project)', () => installOffline(project, made, 'install', (why) => ctx.skip(why)));

    // The editor's view of the firmware and of the tests.
    const tsc = step('tsc --noEmit', () => run('npx', ['tsc', '--noEmit'], project));
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
    const tscTests = step('tsc --noEmit -p test', () => run('npx', ['tsc', '--noEmit', '-p', 'test'], project));
    expect(tscTests.output).toBe('');
    expect(tscTests.status).toBe(0);

    // npm test: the scenario in the simulator, then the vitest tests through espruino-coop/test.
    const test = step('npm test', () => run('npm', ['test'], project));
    expect(test.status, test.output).toBe(0);
    expect(test.output).toMatch(/^PASS scenarios\/main\.scenario\.yaml: scenario "my-sensor reads its sensor, flashes the LED and counts presses" passed/m);
    expect(test.output.replace(/\x1b\[[\d;]*m/g, '')).toMatch(/Tests\s+3 passed \(3\)/);
    expect(test.output).toContain('coop test: 1 scenario passed; vitest passed');

    // npm run sim: the project's entry, board and diagram from coop.json.
    const sim = step('npm run sim', () => run('npm', ['run', 'sim', '--', '--until', '2s'], project));
    expect(sim.status, sim.output).toBe(0);
    expect(sim.output).toContain('simulating src/main.ts on ESP32 DevKit with diagram.json\n[    0.000s] sensor: 50%');
    expect(sim.output).toContain('[    1.100s] LED1 (D2) → 0');
    expect(sim.output).toMatch(/simulation ended: 2\.000s of ESP32 DevKit in .*, 0 uncaught errors/);

    console.info(`coop init, end to end, in ${((Date.now() - started) / 1000).toFixed(1)}s: ${took.join(', ')}`);
  }, 240_000);
});
