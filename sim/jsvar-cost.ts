import type { BoardDefinition } from '../boards/board-definition.js';

/**
 * How many JsVars a string takes on a board. Espruino's JsVar size, and so
 * the characters a string var holds, depends on how many vars the board has
 * (src/jsutils.h): the first var of a string holds JSVAR_DATA_STRING_LEN
 * characters, each extension var JSVAR_DATA_STRING_MAX_LEN, and a property
 * name holds JSVAR_DATA_STRING_NAME_LEN in its name var before it needs more.
 */
export interface JsVarLayout {
  /** Bits in a var reference (JSVARREF_BITS). */
  refBits: number;
  /** Characters in the first var of a string. */
  stringFirst: number;
  /** Characters in each further var of a string. */
  stringExt: number;
  /** Characters of a property name that fit in its name var. */
  nameLen: number;
  /** Bytes per JsVar (process.memory().blocksize). */
  blockSize: number;
}

export function jsVarLayout(board: BoardDefinition): JsVarLayout {
  if (board.chip.toLowerCase().startsWith('linux')) {
    // 64-bit host build: 32-bit refs, 8-character names (src/jsutils.h, __WORDSIZE == 64).
    return layout(32, 8, 8, 27);
  }
  const n = board.jsVars;
  const [refBits, countBits] =
    n <= 254 ? [8, 6] : n <= 1023 ? [10, 6] : n <= 2047 ? [11, 4] : n <= 4095 ? [12, 8] : n <= 8191 ? [13, 4] : n <= 16383 ? [14, 8] : [16, 8];
  const blockSize = n <= 2047 ? 12 : n <= 8191 ? 13 : n <= 16383 ? 14 : 16;
  return layout(refBits, countBits, 4, blockSize);
}

function layout(refBits: number, countBits: number, nameLen: number, blockSize: number): JsVarLayout {
  return {
    refBits,
    stringFirst: nameLen + ((refBits * 3) >> 3),
    stringExt: nameLen + ((refBits * 3 + countBits) >> 3),
    nameLen,
    blockSize,
  };
}

/** Vars for a string of `length` characters. */
export function stringVars(l: JsVarLayout, length: number): number {
  if (length <= l.stringFirst) return 1;
  return 1 + Math.ceil((length - l.stringFirst) / l.stringExt);
}

/** Vars for a property name (the name var; an int value is stored in it). */
export function nameVars(l: JsVarLayout, name: string): number {
  if (/^(0|[1-9]\d{0,9})$/.test(name)) return 1;
  if (name.length <= l.nameLen) return 1;
  return 1 + Math.ceil((name.length - l.nameLen) / l.stringExt);
}

/**
 * Vars for function code as Espruino keeps it (src/jslex.c
 * jslNewStringFromLexer): past JSV_FLAT_STRING_BREAK_EVEN characters it is a
 * flat string, one header var plus the bytes packed sizeof(JsVar) to a var.
 */
export function codeVars(l: JsVarLayout, length: number): number {
  const bytes = length + 1;
  if (bytes > l.stringFirst + l.stringExt) return 1 + Math.ceil(bytes / l.blockSize);
  return stringVars(l, length);
}
