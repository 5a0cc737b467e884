/**
 * Every board Coop knows, by id, and a forgiving lookup.
 *
 * Each definition is plain data taken from Espruino's own board files; see the
 * header comment of each file for exactly which files and commit.
 */

import type { BoardDefinition } from './board-definition.js';
import { banglejs2 } from './banglejs2.js';
import { esp32 } from './esp32.js';
import { linux } from './linux.js';
import { mdbt42q } from './mdbt42q.js';
import { pico } from './pico.js';
import { pixljs } from './pixljs.js';
import { puckjs } from './puckjs.js';

export type { BoardDefinition, PinCapability, PinDefinition } from './board-definition.js';

/** Every board, keyed by its id. */
export const boards: Record<string, BoardDefinition> = {
  banglejs2,
  esp32,
  linux,
  mdbt42q,
  pico,
  pixljs,
  puckjs,
};

/**
 * The board used when none is named. Puck.js is the smallest common board
 * (2630 JsVars, 40 KB of Storage), so code that fits there fits everywhere.
 */
export const defaultBoardId = 'puckjs';

/** 'Puck.js', 'PUCKJS', 'puck-js' → 'puckjs'; 'PICO_R1_3' → 'picor13'. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Every accepted spelling (normalized) → board id: the id, Espruino's board name, the human name. */
const aliases: Map<string, string> = new Map();
for (const board of Object.values(boards)) {
  for (const name of [board.id, board.espruinoBoard, board.name]) aliases.set(normalize(name), board.id);
}

/**
 * The board named `id`: a Coop id ('puckjs'), Espruino's board name ('PUCKJS',
 * 'PICO_R1_3') or the board's name ('Puck.js', 'Bangle.js 2'), in any case.
 * Throws an Error naming the unknown id and listing the valid ones.
 */
export function findBoard(id: string): BoardDefinition {
  if (Object.hasOwn(boards, id)) return boards[id];
  const found = aliases.get(normalize(String(id)));
  if (found) return boards[found];
  throw new Error(`Unknown board '${id}'. Valid boards: ${Object.keys(boards).join(', ')}`);
}
