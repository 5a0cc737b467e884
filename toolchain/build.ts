import type { BoardDefinition } from '../boards/board-definition.js';
import { defaultBoardId, findBoard } from '../boards/index.js';
import { boardInfoSource } from './board-info.js';
import { boardTypings } from './board-typings.js';
import { BuildError } from './build-error.js';
import { bundleFirmware } from './bundle-firmware.js';
import { estimateJsVars } from './jsvar-estimate.js';
import { checkBuiltinParents } from './builtin-parent-check.js';
import { checkPins } from './pin-check.js';
import { checkRadio } from './radio-check.js';

export interface BuildOptions {
  /** Board id ('puckjs', 'esp32', …); its pins are the only ones the code may name. */
  board?: string;
  /** Minify with terser. Default true. */
  minify?: boolean;
  /** For benchmarks only (see BundleOptions.stockHelpers). */
  stockHelpers?: boolean;
}

export interface BuildResult {
  /** The ES5 bundle: what goes to the board and what the simulator runs. */
  code: string;
  board: BoardDefinition;
  /** Size of `code` in bytes. */
  bytes: number;
  /** Rough JsVars the code takes when uploaded to RAM (see jsvar-estimate.ts). */
  jsVarsEstimate: number;
}

/** Build `entry` for `board`, refusing a bundle the board cannot hold. */
export async function build(entry: string, options: BuildOptions = {}): Promise<BuildResult> {
  let board: BoardDefinition;
  try {
    board = findBoard(options.board ?? defaultBoardId);
  } catch (e) {
    throw new BuildError('board', [{ message: (e as Error).message }]);
  }
  const typingsFile = `/__coop__/board-${board.id}.d.ts`;
  const code = await bundleFirmware(entry, {
    minify: options.minify,
    typings: { [typingsFile]: boardTypings(board) },
    // Pins: checked here where the code names them literally, and at run time against this (firmware/board.ts).
    // Radio APIs (Bluetooth LE) only on the boards that have them (radio-check.ts).
    // No subclasses of built-ins Espruino cannot subclass (builtin-parent-check.ts).
    check: (program) => [...checkPins(program, board, typingsFile), ...checkRadio(program, board), ...checkBuiltinParents(program)],
    defines: { __COOP_BOARD__: boardInfoSource(board) },
    stockHelpers: options.stockHelpers,
  });
  const bytes = Buffer.byteLength(code, 'utf8');
  const jsVarsEstimate = estimateJsVars(code);
  if (bytes > board.flashBytes) {
    throw new BuildError('board', [{
      message: `The bundle is ${bytes} bytes but ${board.name} has ${board.flashBytes} bytes of flash for saved code; make the firmware smaller or pick a bigger board`,
    }]);
  }
  if (jsVarsEstimate > board.jsVars) {
    throw new BuildError('board', [{
      message: `The bundle needs about ${jsVarsEstimate} JsVars just to load but ${board.name} has ${board.jsVars}; make the firmware smaller or pick a bigger board`,
    }]);
  }
  return { code, board, bytes, jsVarsEstimate };
}
