import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from '../../toolchain/build.js';
import { parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';

export const buildUsage = 'coop build <file.ts> [--board B] [-o out.js] [--no-minify]';

export async function buildCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { flags: ['minify', 'no-minify'], valued: ['board', 'o', 'out'], aliases: { output: 'out' } });
  const [entry, extra] = args.positional;
  if (!entry) throw new UsageError(`which file? usage: ${buildUsage}`);
  if (extra) throw new UsageError(`one file at a time; got "${entry}" and "${extra}"`);
  const result = await build(entry, {
    board: args.options.board as string | undefined,
    minify: !args.options['no-minify'],
  });
  const out = (args.options.o ?? args.options.out ?? 'out/' + entry.replace(/^.*[\\/]/, '').replace(/\.ts$/, '.js')) as string;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, result.code);
  const b = result.board;
  io.out(`built ${out} for ${b.name}: ${result.bytes} bytes (${pct(result.bytes, b.flashBytes)} of ${b.flashBytes} flash), ` +
    `~${result.jsVarsEstimate} JsVars to load (${pct(result.jsVarsEstimate, b.jsVars)} of ${b.jsVars}); Espruino check passed`);
  return 0;
}

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
