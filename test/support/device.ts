import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildOptions } from '../../toolchain/build.js';
import { Harness, type HarnessOptions } from '../../sim/harness.js';

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
