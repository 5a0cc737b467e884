import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultBoardId, findBoard } from '../../boards/index.js';
import { editorTypings } from '../../toolchain/board-typings.js';
import { firmwareDir } from '../../toolchain/package-root.js';
import { parseArgs, UsageError } from '../args.js';
import { CliError } from '../cli-error.js';
import type { Io } from '../io.js';

/**
 * Write the typings an editor needs to see firmware the way `coop build`
 * does: Espruino's globals, exactly the board's pins, and `coop`.
 */
export async function typingsCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { valued: ['board', 'o', 'out'], aliases: { output: 'out' } });
  if (args.positional.length > 0) throw new UsageError(`coop typings takes no file; got "${args.positional[0]}" (use -o to say where to write)`);
  let board;
  try {
    board = findBoard((args.options.board as string | undefined) ?? defaultBoardId);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const text = editorTypings(board, readFileSync(join(firmwareDir(), 'espruino-globals.d.ts'), 'utf8'));
  const out = (args.options.o ?? args.options.out ?? 'coop-env.d.ts') as string;
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
