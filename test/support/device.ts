import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildOptions } from '../../toolchain/build.js';
import { Harness, type HarnessOptions } from '../../sim/harness.js';
import { createSim, type SimOptions, type Simulation } from '../../sim/index.js';

/** Write firmware source to a fresh temporary file and return its path. */
export function firmwareFile(source: string, name = 'main.ts'): string {
  const dir = mkdtempSync(join(tmpdir(), 'coop-test-'));
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

/**
 * Build `source` the device way (TypeScript → ES5 bundle → terser) and load
 * the bundle into a simulated board, exactly as it would go to a real one.
 */
export async function runOnSimulatedBoard(source: string, options: BuildOptions & HarnessOptions = {}): Promise<Harness> {
  const { code } = await build(firmwareFile(source), options);
  const board = new Harness(options);
  board.load(code);
  return board;
}

const bundles = new Map<string, Promise<string>>();

/** The device-built bundle of `source` for `board` (built once per source and board in a test run). */
export function deviceBundle(source: string, board = 'puckjs', minify = true): Promise<string> {
  const key = `${board}\0${minify}\0${source}`;
  let code = bundles.get(key);
  if (!code) {
    code = build(firmwareFile(source), { board, minify }).then((r) => r.code);
    bundles.set(key, code);
  }
  return code;
}

/**
 * Build `source` the device way and run it on a simulated board with the
 * parts of `diagram` (an object or a path): the Simulation tests drive.
 */
export async function simulate(source: string, options: Omit<SimOptions, 'bundle'> = {}): Promise<Simulation> {
  const fromDiagram = typeof options.diagram === 'object' && typeof options.diagram.board === 'string' ? options.diagram.board : undefined;
  const board = options.board ?? fromDiagram ?? 'puckjs';
  return createSim({ ...options, board, bundle: await deviceBundle(source, board) });
}
