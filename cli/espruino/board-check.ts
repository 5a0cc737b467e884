import type { BoardDefinition } from '../../boards/board-definition.js';
import { boards } from '../../boards/index.js';
import { CliError } from '../cli-error.js';

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

/** What the board reports before a --save ram upload (see `probeExpression`). */
export interface BoardRoom {
  /** process.memory().total: JsVars the interpreter has. */
  jsVars: number;
  /** Is there saved code (.bootcde) that runs at boot? (Absent when the board has no Storage module.) */
  hasBootCode?: boolean;
}

/**
 * One expression that reports `BoardRoom` (ES5, as the board runs it). Storage
 * room is not asked here: --save storage reads its own state (safe-flash.ts
 * stateExpression) and checks the new program fits beside the old one.
 */
export function probeExpression(): string {
  return '(function(){var m=process.memory(),r={jsVars:m.total};' +
    'try{r.hasBootCode=require("Storage").read(".bootcde")!==undefined;}catch(e){}return r;})()';
}

/** Refuse a bundle whose code needs more JsVars to load than the connected board has (`jsVars`: process.memory().total). */
export function checkFits(bundle: { jsVarsEstimate: number }, jsVars: number, boardName: string): void {
  if (bundle.jsVarsEstimate > jsVars) {
    throw new CliError(`too big for the board: the bundle needs about ${bundle.jsVarsEstimate} JsVars to load but the ${boardName} has ${jsVars} ` +
      `(process.memory().total); make the firmware smaller`);
  }
}
