import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultBoardId, findBoard, type BoardDefinition } from '../../boards/index.js';
import { editorTypings } from '../../toolchain/board-typings.js';
import { firmwareDir } from '../../toolchain/package-root.js';
import { parseArgs, UsageError } from '../args.js';
import { CliError } from '../cli-error.js';
import type { Io } from '../io.js';
import { displayPath, findProject } from '../project.js';
import { chooseBoard } from '../target.js';
import { commandHelp } from '../usage.js';

/**
 * Write the typings an editor needs to see firmware the way `coop build`
 * does: Espruino's globals, exactly the board's pins, and `coop`.
 */
export async function typingsCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, commandHelp.typings.args);
  if (args.positional.length > 0) throw new UsageError(`coop typings takes no file; got "${args.positional[0]}" (use -o to say where to write)`);
  const project = findProject(process.cwd());
  const board = typingsBoard(chooseBoard({ flag: args.options.board as string | undefined, project }, false));
  const text = projectTypings(board);
  const out = (args.options.o ?? args.options.out ?? (project ? displayPath(join(project.dir, 'coop-env.d.ts'), project.dir) : 'coop-env.d.ts')) as string;
  if (out === '-') {
    io.write ? io.write(text) : text.trimEnd().split('\n').forEach((l) => io.out(l));
    return 0;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  const pins = new Set([...Object.keys(board.pins), ...Object.keys(board.leds), ...Object.keys(board.buttons)]).size;
  io.out(`wrote ${out}: Espruino's globals, the ${pins} pin names of ${board.name} and the 'coop' module; include it in your tsconfig.json`);
  return 0;
}

/** The board definition for `id` (Puck.js when undefined); an unknown id is a CliError listing the valid ones. */
export function typingsBoard(id: string | undefined): BoardDefinition {
  try {
    return findBoard(id ?? defaultBoardId);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/** What `coop typings` writes for `board` (coop init writes the same). */
export function projectTypings(board: BoardDefinition): string {
  return editorTypings(board, readFileSync(join(firmwareDir(), 'espruino-globals.d.ts'), 'utf8'));
}
