import type { BoardDefinition } from '../../boards/board-definition.js';
import { boards } from '../../boards/index.js';
import { CliError } from '../cli-error.js';
import type { SaveMode } from './upload-code.js';

/** Coop's definition of the board Espruino calls `espruinoBoard` (process.env.BOARD), if it has one. */
export function boardForEspruinoName(espruinoBoard: string): BoardDefinition | undefined {
  return Object.values(boards).find((b) => b.espruinoBoard === espruinoBoard);
}

/** Refuse a bundle built for one board when another is connected. */
export function checkSameBoard(builtFor: BoardDefinition, connected: string, port: string): void {
  if (builtFor.espruinoBoard === connected) return;
  const known = boardForEspruinoName(connected);
  const theirs = known ? `${known.name} (${connected}; coop board "${known.id}")` : `${connected}, which coop has no board definition for`;
  const fix = known ? `build for it with --board ${known.id}, or connect a ${builtFor.name}` : `connect a ${builtFor.name}`;
  throw new CliError(`wrong board: the bundle was built for ${builtFor.name} (${builtFor.espruinoBoard}) but the board on ${port} is ${theirs}; ${fix}`);
}

/** The board to build for when --board is not given: the one that answered. */
export function boardForConnected(connected: string, port: string): BoardDefinition {
  const board = boardForEspruinoName(connected);
  if (board) return board;
  throw new CliError(`the board on ${port} reports BOARD=${connected}, which coop has no definition for; ` +
    `coop knows ${Object.values(boards).map((b) => `${b.id} (${b.espruinoBoard})`).join(', ')}`);
}

/** Memory and Storage as the board reports them (see `probeExpression`). */
export interface BoardRoom {
  /** process.memory().total: JsVars the interpreter has. */
  jsVars: number;
  /** Bytes a new Storage file can take: free + reclaimable (trash) space + the space of the files it replaces. */
  storageBytes?: number;
  /** Is there saved code (.bootcde) that runs at boot? */
  hasBootCode?: boolean;
}

/**
 * One expression that reports `BoardRoom` for replacing `files` (ES5, as the board runs it).
 * Storage.getStats (2v09+) counts erased-but-not-compacted space, which a write reclaims.
 */
export function probeExpression(files: string[]): string {
  return `(function(){var m=process.memory(),r={jsVars:m.total};try{var S=require("Storage"),t=S.getStats?S.getStats():undefined;` +
    `r.storageBytes=t?t.freeBytes+t.trashBytes:S.getFree();${JSON.stringify(files)}.forEach(function(f){var d=S.read(f);if(d!==undefined)r.storageBytes+=d.length;});` +
    `r.hasBootCode=S.read(".bootcde")!==undefined;}catch(e){}return r;})()`;
}

/** Refuse a bundle the connected board cannot hold, in RAM or in Storage. */
export function checkFits(bundle: { bytes: number; jsVarsEstimate: number }, room: BoardRoom, mode: SaveMode, boardName: string): void {
  if (bundle.jsVarsEstimate > room.jsVars) {
    throw new CliError(`too big for the board: the bundle needs about ${bundle.jsVarsEstimate} JsVars to load but the ${boardName} has ${room.jsVars} ` +
      `(process.memory().total); make the firmware smaller`);
  }
  if (mode !== 'ram' && room.storageBytes !== undefined && bundle.bytes > room.storageBytes) {
    throw new CliError(`too big for the board: the bundle is ${bundle.bytes} bytes but the ${boardName} has ${room.storageBytes} bytes of Storage free; ` +
      `erase files you no longer need (require("Storage").list() shows them) or make the firmware smaller`);
  }
}
