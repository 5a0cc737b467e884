import type { BoardDefinition, PinCapability, PinDefinition } from '../boards/board-definition.js';
import { pinRanges } from '../boards/pin-ranges.js';

/**
 * What firmware can ask of a pin: a board capability, or 'output' (a pin that
 * can be driven; 'digital' pins marked "input only", such as the ESP32's
 * D34..D39, cannot).
 */
export type PinNeed = PinCapability | 'output';

/**
 * One letter per capability, as the run-time checks in firmware/io/pin.ts
 * read them. Keep the two in step.
 */
export const CAPABILITY_LETTERS: Record<PinNeed, string> = {
  digital: 'd',
  output: 'o',
  analog: 'a',
  dac: 'v',
  pwm: 'p',
  i2c: 'i',
  spi: 's',
  uart: 'u',
  watch: 'w',
  pullup: '^',
  pulldown: '_',
};

/** What each capability is called in messages (firmware/io/pin.ts says the same). */
export const CAPABILITY_TEXT: Record<PinNeed, string> = {
  digital: 'digital I/O',
  output: 'digital output',
  analog: 'ADC (analog input)',
  dac: 'DAC',
  pwm: 'PWM',
  i2c: 'I2C',
  spi: 'SPI',
  uart: 'UART',
  watch: 'pin watch (setWatch)',
  pullup: 'pull-up',
  pulldown: 'pull-down',
};

export function pinHas(def: PinDefinition, need: PinNeed): boolean {
  if (need === 'output') return def.caps.includes('digital') && !/input only/i.test(def.note ?? '');
  return def.caps.includes(need);
}

/** The letters of everything `def` can do, in a fixed order. */
function letters(def: PinDefinition): string {
  let s = '';
  for (const need of Object.keys(CAPABILITY_LETTERS) as PinNeed[]) if (pinHas(def, need)) s += CAPABILITY_LETTERS[need];
  return s;
}

/** Every name a user may give a pin of `board`: its pins, then its LEDs and buttons. */
export function allPinNames(board: BoardDefinition): string[] {
  return [...Object.keys(board.pins), ...Object.keys(board.leds), ...Object.keys(board.buttons)];
}

/**
 * The board as the compact object firmware/board.ts describes, as JavaScript
 * source for the build to put in place of `__COOP_BOARD__`.
 */
export function boardInfoSource(board: BoardDefinition): string {
  const groups = new Map<string, string[]>();
  for (const [name, def] of Object.entries(board.pins)) {
    const caps = letters(def);
    const list = groups.get(caps) ?? [];
    list.push(name);
    groups.set(caps, list);
  }
  // Ranges joined by ',' with no spaces: the firmware splits on ','.
  const p = [...groups].map(([caps, names]) => caps + ':' + pinRanges(names).replace(/, /g, ',')).join(';');
  const a = Object.entries({ ...board.leds, ...board.buttons }).map(([alias, pin]) => `${alias}=${pin}`).join(',');
  const info = { n: board.name, p, a, l: pinRanges(allPinNames(board)) };
  return JSON.stringify(info);
}
