import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { build, type BuildResult } from '../../toolchain/build.js';
import { parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { checkSourceFile } from '../source-file.js';
import { buildUsage } from '../usage.js';


export async function buildCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { flags: ['minify', 'no-minify'], valued: ['board', 'o', 'out'], aliases: { output: 'out' } });
  const [entry, extra] = args.positional;
  if (!entry) throw new UsageError(`which file? usage: ${buildUsage}`);
  if (extra) throw new UsageError(`one file at a time; got "${entry}" and "${extra}"`);
  if (args.options.minify && args.options['no-minify']) throw new UsageError('--minify and --no-minify contradict each other; give one');
  checkSourceFile(entry);
  const result = await build(entry, {
    board: args.options.board as string | undefined,
    minify: !args.options['no-minify'],
  });
  const out = (args.options.o ?? args.options.out ?? `out/${basename(entry).replace(/\.[mc]?tsx?$/, '')}.js`) as string;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, result.code);
  io.out(describeBuild(out, result));
  return 0;
}

/** "built out/blink.js for Puck.js: 6248 bytes (15.3% of its 40960 bytes of Storage), ~710 JsVars to load (27.0% of 2630); Espruino check passed" */
export function describeBuild(what: string, result: BuildResult): string {
  const b = result.board;
  return `built ${what} for ${b.name}: ${result.bytes} bytes (${pct(result.bytes, b.flashBytes)} of its ${b.flashBytes} bytes of Storage), ` +
    `~${result.jsVarsEstimate} JsVars to load (${pct(result.jsVarsEstimate, b.jsVars)} of ${b.jsVars}); Espruino check passed`;
}

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
