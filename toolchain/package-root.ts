import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Coop's package.json, found by walking up from this file,
 * so the same code works from `toolchain/` (tests) and `dist/toolchain/` (CLI).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'espruino-coop') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the coop package root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Where the on-board runtime's sources live. */
export const firmwareDir = (): string => join(packageRoot(), 'firmware');
