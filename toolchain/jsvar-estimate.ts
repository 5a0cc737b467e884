/**
 * Espruino keeps uploaded code as strings in JsVars: a string var holds
 * about 12 characters on boards with 16-byte vars, and each function adds a
 * few vars for its scope, name and code reference. This estimate is for
 * refusing bundles that plainly cannot load; the real figure is
 * `process.memory().usage` on the board.
 */
export function estimateJsVars(code: string): number {
  const functions = (code.match(/\bfunction\b/g) ?? []).length;
  return Math.ceil(code.length / 12) + functions * 3;
}
