/**
 * Pins checked against the board the bundle was built for. A pin named by a
 * string literal or a board pin (D5, LED1) is checked when the bundle is
 * built (toolchain/pin-check.ts); these checks catch the rest at run time,
 * with the same message: the pin, the board, and the pins that would do.
 */
import { board } from '../board.js';
import type { PinCapability } from '../../boards/board-definition.js';

/** A pin: the board's pin object (D5, LED1) or its name ('D5', 'LED1'). */
export type PinLike = Pin | string;

/** What code can ask of a pin: a board capability, or 'output' (can be driven; not "input only"). */
export type PinNeed = PinCapability | 'output';

/** Espruino's `Pin('D5')`: the pin with that name, or undefined. */
declare const Pin: (name: string) => Pin | undefined;

/**
 * Letters for capabilities, as toolchain/board-info.ts encodes them, with
 * what each is called in messages. Keep the two in step.
 */
const LETTER: { [need: string]: string } = {
  digital: 'd', output: 'o', analog: 'a', dac: 'v', pwm: 'p', i2c: 'i', spi: 's', uart: 'u', watch: 'w', pullup: '^', pulldown: '_',
};
const TEXT: { [letter: string]: string } = {
  d: 'digital I/O', o: 'digital output', a: 'ADC (analog input)', v: 'DAC', p: 'PWM', i: 'I2C', s: 'SPI', u: 'UART',
  w: 'pin watch (setWatch)', '^': 'pull-up', _: 'pull-down',
};

/** Is `name` ('D17') within `range` ('D6..D27' or 'D17')? */
const inRange = function (name: string, range: string): boolean {
  const dots = range.indexOf('..');
  if (dots < 0) return name === range;
  const m = /^([A-Z]*)(\d+)$/.exec(name);
  const a = /^([A-Z]*)(\d+)$/.exec(range.slice(0, dots));
  const b = /^([A-Z]*)(\d+)$/.exec(range.slice(dots + 2));
  if (!m || !a || !b || m[1] !== a[1]) return false;
  const n = +m[2];
  return n >= +a[2] && n <= +b[2];
};

/** The capability letters of the pin called `name` (a real pin, not an alias), or undefined. */
const capsOf = function (name: string): string | undefined {
  const groups = board.p.split(';');
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    const colon = g.indexOf(':');
    const ranges = g.slice(colon + 1).split(',');
    for (let j = 0; j < ranges.length; j++) if (inRange(name, ranges[j])) return g.slice(0, colon);
  }
  return undefined;
};

/** Pins that have any of `letters`, for messages: 'D2..D5, D28..D31'. */
const pinsWith = function (letters: string): string {
  const groups = board.p.split(';');
  const out: string[] = [];
  for (let i = 0; i < groups.length; i++) {
    const colon = groups[i].indexOf(':');
    for (let k = 0; k < letters.length; k++) {
      if (groups[i].slice(0, colon).indexOf(letters[k]) >= 0) {
        out.push(groups[i].slice(colon + 1).split(',').join(', '));
        break;
      }
    }
  }
  return out.length > 0 ? out.join(', ') : 'none';
};

/** 'LED1' → 'D5'; any other name unchanged. */
const unalias = function (name: string): string {
  const a = ',' + board.a + ',';
  const i = a.indexOf(',' + name + '=');
  if (i < 0) return name;
  const from = i + name.length + 2;
  return a.slice(from, a.indexOf(',', from));
};

/**
 * The pin `p` names, after checking the board has it and that it can do one
 * of `letters` (capability letters, see LETTER). `api` starts the message.
 * @internal
 */
export const checkPin = function (p: PinLike, letters: string, api: string): Pin {
  const isName = typeof p === 'string';
  if (p === undefined || p === null || (!isName && typeof p !== 'object' && typeof p !== 'number')) {
    throw new TypeError(api + ': expected a pin such as D5, LED1 or \'D5\', got ' + p);
  }
  const name = String(p);
  const real = unalias(name);
  const caps = capsOf(real);
  if (caps === undefined) throw new Error(api + ': ' + board.n + ' has no pin ' + name + '; its pins are ' + board.l);
  for (let k = 0; k < letters.length; k++) {
    if (caps.indexOf(letters[k]) >= 0) return isName ? Pin(real)! : (p as Pin);
  }
  const what = TEXT[letters[0]];
  throw new Error(api + ': ' + (real !== name ? name + ' (' + real + ')' : name) + ' on ' + board.n + ' has no ' + what + '; pins with ' + what + ': ' + pinsWith(letters));
};

/**
 * The pin called `name` ('D5', 'LED1'), checked against the board: throws
 * if the board has no such pin, or if `need` is given and the pin cannot do
 * it ("D0 on Puck.js has no ADC (analog input); pins with ADC …").
 */
export const pin = function (name: PinLike, need?: PinNeed): Pin {
  const letter = need === undefined ? 'dovpiuswa^_' : LETTER[need];
  if (letter === undefined) throw new TypeError("pin(" + name + ", '" + need + "'): unknown capability; use one of " + Object.keys(LETTER).join(', '));
  return checkPin(name, letter, 'pin(' + name + ')');
};
