import ts from 'typescript';
import { join, resolve, sep } from 'node:path';
import type { BoardDefinition } from '../boards/board-definition.js';
import type { Diagnostic } from './build-error.js';
import { displayPath } from './bundle-firmware.js';
import { firmwareDir } from './package-root.js';
import { userSourceFiles } from './user-files.js';

/**
 * Radio APIs only some boards have: Coop's Bluetooth LE (firmware/ble/) needs
 * Espruino's `NRF`, which only the nRF52 boards have. Without this check,
 * firmware for an ESP32 that calls advertise() builds, uploads, and fails on
 * the board at run time:
 *
 *     before: Uncaught Error: advertise: Bluetooth LE (NRF) is only on the nRF52 boards …   (on the board)
 *     after:  src/main.ts:4:3 advertise: Bluetooth LE needs an nRF52 board (puckjs, mdbt42q, pixljs, banglejs2); ESP32 DevKit has none   (coop build)
 *
 * Every call or `new` of an export of firmware/<dir>/ is reported at its
 * line when the board's chip is not one the API needs.
 */
const RADIO_APIS: { dir: string; what: string; chip: RegExp; boards: string }[] = [
  { dir: 'ble', what: 'Bluetooth LE', chip: /^nrf52/i, boards: 'an nRF52 board (puckjs, mdbt42q, pixljs, banglejs2)' },
];

/** Calls of radio APIs `board` lacks, in the user's code in `program`. */
export function checkRadio(program: ts.Program, board: BoardDefinition): Diagnostic[] {
  const missing = RADIO_APIS.filter((api) => !api.chip.test(board.chip));
  if (missing.length === 0) return [];
  const checker = program.getTypeChecker();
  const dirs = missing.map((api) => ({ ...api, path: join(firmwareDir(), api.dir) + sep }));
  const problems: Diagnostic[] = [];
  for (const { sf, file } of userSourceFiles(program)) {
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        let sym = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression);
        if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
        const declFile = sym?.declarations?.[0] ? resolve(sym.declarations[0].getSourceFile().fileName) : '';
        const api = dirs.find((d) => declFile.startsWith(d.path));
        if (api && sym) {
          const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          problems.push({ file: displayPath(file), line: line + 1, column: character + 1, message: `${sym.name}: ${api.what} needs ${api.boards}; ${board.name} has none` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return problems;
}
