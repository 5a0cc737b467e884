import ts from 'typescript';
import { join, resolve, sep } from 'node:path';
import type { BoardDefinition } from '../boards/board-definition.js';
import type { Diagnostic } from './build-error.js';
import { pinRanges } from '../boards/pin-ranges.js';
import { CAPABILITY_TEXT, allPinNames, pinHas, type PinNeed } from './board-info.js';
import { displayPath } from './bundle-firmware.js';
import { firmwareDir } from './package-root.js';
import { userSourceFiles } from './user-files.js';

/**
 * The build-time half of pin validation: every call of a Coop I/O function
 * (firmware/io/) whose pin is a string literal ('D5') or one of the board's
 * pin constants (D5, LED1) is checked against the board, and so are literal
 * PWM duties and I2C addresses. Each problem is reported at the argument,
 * file:line:col, with the same message the run-time check (firmware/io/pin.ts)
 * gives for pins it only learns at run time.
 */

/** Where a pin goes in a call: argument `arg`, or property `prop` of an object literal there. */
interface PinArg {
  arg: number;
  prop?: string;
  /** The pin must have one of these. */
  needs: PinNeed[];
}

interface ApiSpec {
  /** How messages name the call: 'new Button', 'analogRead'. */
  label: string;
  pins: PinArg[];
  /** Other literal arguments to check; `target` is the first argument as messages show it. */
  more?: (args: readonly ts.Expression[], report: (node: ts.Node, message: string) => void, label: string, target: string) => void;
}

/**
 * Coop's I/O API, by exported name: which arguments are pins and what each
 * must be able to do. Keep in step with firmware/io/ (test/io/pin-check.test.ts
 * checks every name here is exported by firmware/index.ts).
 */
export const IO_API: Record<string, ApiSpec> = {
  pin: { label: 'pin', pins: [{ arg: 0, needs: [] }] },
  waitForEdge: { label: 'waitForEdge', pins: [{ arg: 0, needs: ['watch'] }] },
  Button: { label: 'new Button', pins: [{ arg: 0, needs: ['watch'] }] },
  Led: { label: 'new Led', pins: [{ arg: 0, needs: ['output'] }] },
  readAverage: { label: 'readAverage', pins: [{ arg: 0, needs: ['analog'] }] },
  sampleAnalog: { label: 'sampleAnalog', pins: [{ arg: 0, needs: ['analog'] }] },
  pwm: { label: 'pwm', pins: [{ arg: 0, needs: ['pwm', 'dac'] }], more: checkDuty },
  pulse: { label: 'pulse', pins: [{ arg: 0, needs: ['output'] }] },
  Uart: { label: 'new Uart', pins: [{ arg: 1, prop: 'rx', needs: ['uart'] }, { arg: 1, prop: 'tx', needs: ['uart'] }] },
  I2CDevice: {
    label: 'new I2CDevice',
    pins: [{ arg: 2, prop: 'scl', needs: ['i2c'] }, { arg: 2, prop: 'sda', needs: ['i2c'] }],
    more: checkAddress,
  },
};

/** Check every Coop I/O call in the user's code in `program` against `board`. */
export function checkPins(program: ts.Program, board: BoardDefinition, boardTypingsFile: string): Diagnostic[] {
  const checker = program.getTypeChecker();
  const ioDir = join(firmwareDir(), 'io') + sep;
  const problems: Diagnostic[] = [];

  /** The Coop I/O export a call's callee refers to, however it was imported. */
  const apiOf = (callee: ts.Expression): string | undefined => {
    let sym = checker.getSymbolAtLocation(callee);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    const decl = sym?.declarations?.[0];
    if (!sym || !decl || !resolve(decl.getSourceFile().fileName).startsWith(ioDir)) return undefined;
    return Object.hasOwn(IO_API, sym.name) ? sym.name : undefined;
  };

  /** The pin name an argument gives at build time: a string literal, or a board pin constant. */
  const pinNameOf = (node: ts.Expression): string | undefined => {
    if (ts.isStringLiteralLike(node)) return node.text;
    if (ts.isIdentifier(node)) {
      const sym = checker.getSymbolAtLocation(node);
      if (sym?.declarations?.some((d) => d.getSourceFile().fileName === boardTypingsFile)) return node.text;
    }
    return undefined;
  };

  for (const { sf, file } of userSourceFiles(program)) {
    const report = (node: ts.Node, message: string) => {
      const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      problems.push({ file: displayPath(file), line: line + 1, column: character + 1, message });
    };
    const visit = (node: ts.Node) => {
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
        const name = apiOf(node.expression);
        if (name !== undefined) {
          const spec = IO_API[name];
          const args = node.arguments;
          // As the run-time messages show it: 'Serial1' → Serial1, D5 → D5.
          const target = args[0] ? (ts.isStringLiteralLike(args[0]) ? args[0].text : args[0].getText(sf)) : '';
          for (const p of spec.pins) {
            let arg: ts.Expression | undefined = args[p.arg];
            if (arg && p.prop !== undefined) arg = propertyOf(arg, p.prop);
            if (!arg) continue;
            const pinName = pinNameOf(arg);
            if (pinName === undefined) continue;
            let needs = p.needs;
            if (name === 'pin' && args[1] && ts.isStringLiteralLike(args[1])) needs = [args[1].text as PinNeed];
            if (name === 'pwm' && args[2] && isTrue(propertyOf(args[2], 'soft'))) needs = ['output'];
            if (name === 'Button' && args[1]) {
              const pull = propertyOf(args[1], 'pull');
              if (pull && ts.isStringLiteralLike(pull)) needs = [pull.text === 'up' ? 'pullup' : 'pulldown'];
            }
            const label = name === 'pin' ? `pin(${pinName})` : p.prop !== undefined ? `${spec.label}(${target}) ${p.prop}` : spec.label;
            const problem = pinProblem(board, label, pinName, needs);
            if (problem) report(arg, problem);
          }
          spec.more?.(args, report, spec.label, target);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return problems;
}

/**
 * What is wrong with using pin `name` of `board` for something that needs
 * one of `needs` (none: any capability at all), or undefined if nothing is.
 */
export function pinProblem(board: BoardDefinition, label: string, name: string, needs: PinNeed[]): string | undefined {
  const real = board.leds[name] ?? board.buttons[name] ?? name;
  const def = Object.hasOwn(board.pins, real) ? board.pins[real] : undefined;
  if (!def) {
    const names = allPinNames(board);
    const near = names.find((n) => n.toLowerCase() === name.toLowerCase());
    return `${label}: ${board.name} has no pin ${name}${near ? ` (pin names are case-sensitive: did you mean ${near}?)` : ''}; its pins are ${pinRanges(names)}`;
  }
  const wanted: PinNeed[] = needs.length > 0 ? needs : ['digital'];
  const ok = needs.length > 0 ? needs.some((n) => pinHas(def, n)) : def.caps.length > 0;
  if (ok) return undefined;
  const what = CAPABILITY_TEXT[wanted[0]];
  const can = Object.keys(board.pins).filter((n) => wanted.some((w) => pinHas(board.pins[n], w)));
  const shown = real !== name ? `${name} (${real})` : name;
  const note = def.note ? ` (${def.note})` : '';
  return `${label}: ${shown} on ${board.name} has no ${what}${note}; pins with ${what}: ${can.length > 0 ? pinRanges(can) : 'none'}`;
}

/** `prop` of an object literal argument, if it is written there. */
function propertyOf(node: ts.Expression, prop: string): ts.Expression | undefined {
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === prop) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === prop) return p.name;
  }
  return undefined;
}

function isTrue(node: ts.Expression | undefined): boolean {
  return node !== undefined && node.kind === ts.SyntaxKind.TrueKeyword;
}

/** The value of a numeric literal argument (`0x44`, `-1`, `1.5`), else undefined. */
function literalNumber(node: ts.Expression | undefined): number | undefined {
  if (!node) return undefined;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return -Number(node.operand.text);
  return undefined;
}

function checkDuty(args: readonly ts.Expression[], report: (node: ts.Node, message: string) => void, label: string, target: string): void {
  const duty = literalNumber(args[1]);
  if (duty !== undefined && !(duty >= 0 && duty <= 1)) {
    report(args[1], `${label}(${target}, ${duty}): duty must be a number from 0 (off) to 1 (fully on), got ${duty}`);
  }
  const freq = args[2] ? literalNumber(propertyOf(args[2], 'freq')) : undefined;
  if (freq !== undefined && !(freq > 0)) report(propertyOf(args[2], 'freq')!, `${label}(${target}, …): freq must be a number of Hz > 0, got ${freq}`);
}

function checkAddress(args: readonly ts.Expression[], report: (node: ts.Node, message: string) => void, label: string, target: string): void {
  const a = literalNumber(args[1]);
  if (a === undefined || (Number.isInteger(a) && a >= 0 && a <= 0x7f)) return;
  const hex = (n: number) => '0x' + n.toString(16).toUpperCase().padStart(2, '0');
  const shown = Number.isInteger(a) && a >= 0 ? hex(a) : String(a);
  const fix = Number.isInteger(a) && a >= 0x80 && a <= 0xff ? `; if ${hex(a)} is an 8-bit address, the 7-bit one is ${hex(a >> 1)}` : '';
  report(args[1], `${label}(${target}, ${shown}): an I2C address is 7 bits, 0x00..0x7F${fix}`);
}
