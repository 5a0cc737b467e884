import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { build, type BuildResult } from '../../toolchain/build.js';
import { parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { displayPath } from '../project.js';
import { chooseBoard, defaultDiagram, diagramBoard, firmwareEntry } from '../target.js';
import { buildUsage, commandHelp } from '../usage.js';


export async function buildCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, commandHelp.build.args);
  const [named, extra] = args.positional;
  if (extra) throw new UsageError(`one file at a time; got "${named}" and "${extra}"`);
  if (args.options.minify && args.options['no-minify']) throw new UsageError('--minify and --no-minify contradict each other; give one');
  const { entry, project } = firmwareEntry(named, buildUsage);
  const diagram = defaultDiagram(entry, project);
  const board = chooseBoard({ flag: args.options.board as string | undefined, project, diagram: { board: diagramBoard(diagram) } }, false);
  const result = await build(entry, { board, minify: !args.options['no-minify'] });
  const name = `${basename(entry).replace(/\.[mc]?tsx?$/, '')}.js`;
  const out = (args.options.o ?? args.options.out ?? (named === undefined && project ? displayPath(join(project.dir, 'out', name), project.dir) : `out/${name}`)) as string;
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
