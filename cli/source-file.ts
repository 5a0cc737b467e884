import { existsSync, statSync } from 'node:fs';
import { CliError } from './cli-error.js';

/**
 * The firmware file a command was given, checked before anything slow starts
 * (a build, a connection), with a message that says what to type instead.
 */
export function checkSourceFile(path: string): string {
  if (!existsSync(path)) throw new CliError(`no such file: ${path}`);
  if (statSync(path).isDirectory()) throw new CliError(`${path} is a folder; name the .ts file to build, e.g. ${path.replace(/[\\/]$/, '')}/main.ts`);
  if (!/\.(ts|tsx|mts)$/.test(path)) throw new CliError(`${path} is not a TypeScript file; coop builds firmware written in TypeScript (.ts)`);
  return path;
}
