import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { createSim, loadDiagram, loadScenario, runScenario, stamp, type Scenario } from '../../sim/index.js';
import { BuildError } from '../../toolchain/build-error.js';
import { build, type BuildResult } from '../../toolchain/build.js';
import { parseArgs, UsageError } from '../args.js';
import { CliError } from '../cli-error.js';
import type { Io } from '../io.js';
import { displayPath, findProject, projectScenarios } from '../project.js';
import { chooseBoard } from '../target.js';
import { commandHelp } from '../usage.js';
import { RunTracker, writeReport } from '../ui/report.js';

/**
 * `coop test`: a project's scenarios, each on a fresh simulated board, then
 * its vitest tests (`vitest run` in the project, when vitest is installed
 * there). A line per scenario, vitest's own report, and a summary line;
 * exit 1 if anything failed.
 */
export async function testCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, commandHelp.test.args);
  const seedText = args.options.seed as string | undefined;
  const seed = seedText !== undefined ? Number(seedText) : undefined;
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${seedText}"`);
  const project = findProject(process.cwd());
  if (!project) {
    throw new CliError(`no coop.json in ${process.cwd()} or a folder above it: coop test runs a project's scenarios and tests. ` +
      'Make a project with coop init, or run one scenario with coop sim <file.ts> --scenario <file.yaml>');
  }
  const files = args.positional.length > 0 ? args.positional.map((f) => resolve(f)) : projectScenarios(project);
  const verbose = args.options.verbose === true;
  /** --report dir: one HTML report per scenario (cli/ui/report.ts). */
  const reportDir = args.options.report as string | undefined;

  let passed = 0;
  const failed: string[] = [];
  const bundles = new Map<string, Promise<BuildResult>>();
  let buildFailed = false;
  for (const file of files) {
    const name = displayPath(file, project.dir);
    let scenario: Scenario;
    try {
      if (!existsSync(file)) throw new Error(`${name}: no such file`);
      scenario = await loadScenario(file);
    } catch (e) {
      io.err(`FAIL ${name}: ${(e as Error).message}`);
      failed.push(name);
      continue;
    }
    if (buildFailed) {
      failed.push(name);
      continue;
    }
    try {
      const diagramPath = scenario.diagram ?? project.diagram;
      const diagram = diagramPath !== undefined ? await loadDiagram(diagramPath) : undefined;
      const board = chooseBoard({ flag: args.options.board as string | undefined, project, scenario, diagram }, true);
      const key = board ?? '';
      if (!bundles.has(key)) bundles.set(key, build(project.entry, { board }));
      let built: BuildResult;
      try {
        built = await bundles.get(key)!;
      } catch (e) {
        if (!(e instanceof BuildError)) throw e;
        io.err(`FAIL ${name}: ${displayPath(project.entry, project.dir)} did not build (${e.stage}):\n${e.message}`);
        failed.push(name);
        buildFailed = true; // the other scenarios run the same firmware
        continue;
      }
      const sim = await createSim({
        bundle: built.code,
        board: built.board.id,
        diagram,
        seed,
        onConsole: verbose ? (l) => io.out(`  ${stamp(l.t)} ${l.text}`) : undefined,
        onWarning: verbose ? (n) => io.err(`  ${stamp(n.t)} warning: ${n.text}`) : undefined,
      });
      const tracker = reportDir !== undefined ? new RunTracker(sim, scenario.steps, scenario.name) : undefined;
      const result = await runScenario(sim, scenario, { onStep: tracker && ((s, t) => tracker.onStep(s, t)) });
      if (tracker) {
        tracker.finish(result);
        const out = join(reportDir!, `${basename(file).replace(/(\.scenario)?\.(ya?ml|json)$/, '')}.html`);
        writeReport(out, tracker.record(`${name}: ${displayPath(project.entry, project.dir)} on ${built.board.name}`, `the scenario ended at ${(sim.now / 1000).toFixed(3)}s`), sim);
        io.out(`report written to ${out}`);
      }
      const errors = sim.harness.errors.length;
      if (result.ok && errors === 0) {
        io.out(`PASS ${name}: ${result.message}`);
        passed++;
      } else {
        const why = result.ok
          ? `${result.message}, but the firmware threw ${errors} uncaught error${errors === 1 ? '' : 's'}:\n${sim.harness.errors.map((x) => `  ${String(x)}`).join('\n')}`
          : result.message;
        io.err(`FAIL ${name}: ${why}`);
        failed.push(name);
      }
    } catch (e) {
      io.err(`FAIL ${name}: ${(e as Error).message}`);
      failed.push(name);
    }
  }

  let vitest: 'passed' | 'failed' | 'not installed' | 'skipped' = 'skipped';
  if (args.options['no-vitest'] !== true) {
    const bin = vitestBin(project.dir);
    if (!bin) {
      vitest = 'not installed';
      io.out(`vitest is not installed in ${displayPath(project.dir, project.dir)}, so its tests were not run (npm install -D vitest)`);
    } else {
      io.out(`vitest run (in ${displayPath(project.dir, project.dir)})`);
      vitest = (await runVitest(bin, project.dir, io)) === 0 ? 'passed' : 'failed';
    }
  }

  const scenarios = files.length === 0
    ? 'no scenarios'
    : failed.length === 0
      ? `${passed} scenario${passed === 1 ? '' : 's'} passed`
      : `${failed.length} of ${files.length} scenario${files.length === 1 ? '' : 's'} failed (${failed.join(', ')})`;
  const ok = failed.length === 0 && vitest !== 'failed';
  const line = `coop test: ${ok ? '' : 'FAILED: '}${scenarios}; vitest ${vitest}`;
  if (ok) io.out(line);
  else io.err(line);
  return ok ? 0 : 1;
}

/** The vitest CLI installed in the project, or undefined. */
function vitestBin(dir: string): string | undefined {
  try {
    const pkgFile = createRequire(join(dir, 'package.json')).resolve('vitest/package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.vitest;
    return bin ? join(dirname(pkgFile), bin) : undefined;
  } catch {
    return undefined;
  }
}

/** `vitest run` in `dir`, its output passed through; resolves to its exit code. */
function runVitest(bin: string, dir: string, io: Io): Promise<number> {
  const env: NodeJS.ProcessEnv = {};
  // Not the environment of a vitest this may itself run under (a test of coop test).
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|TEST$|NODE_OPTIONS$)/.test(k)) env[k] = v;
  // Its output goes through a pipe: colours only when it ends on a terminal.
  if (env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) {
    if (process.stdout.isTTY && io.write) env.FORCE_COLOR = '1';
    else env.NO_COLOR = '1';
  }
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, 'run', '--passWithNoTests'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const pending = { out: '', err: '' };
    const pass = (to: 'out' | 'err') => (chunk: Buffer) => {
      if (to === 'out' && io.write) return void io.write(chunk.toString());
      const lines = (pending[to] + chunk.toString()).split(/\r?\n/);
      pending[to] = lines.pop() ?? '';
      for (const l of lines) io[to](l);
    };
    child.stdout.on('data', pass('out'));
    child.stderr.on('data', pass('err'));
    child.on('error', fail);
    child.on('close', (code) => {
      for (const to of ['out', 'err'] as const) if (pending[to] !== '') io[to](pending[to]);
      done(code ?? 1);
    });
  });
}
