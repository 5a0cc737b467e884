import type { BoardServices } from '../host.js';
import type { ChipFamily } from '../chip.js';

/** What the not-emulated globals use of the board: which board it is, to say so. */
export type UnsupportedHost = Pick<BoardServices, 'board' | 'chip' | 'realm' | 'unsupported'>;

/**
 * Globals Espruino has on these boards that the simulator does not emulate.
 * Touching one fails loudly, naming it, rather than behaving like a global
 * that does not exist (which would be a different failure from the board's).
 */
const COMMON = [
  'SPI', 'SPI1', 'SPI2', 'SPI3', 'OneWire', 'Waveform', 'Graphics', 'Modules', 'save', 'load', 'reset', 'edit',
  'dump', 'peek8', 'poke8', 'peek16', 'poke16', 'peek32', 'poke32', 'getSerial', 'setDeepSleep',
  'setSleepIndicator', 'setBusyIndicator', 'shiftOut', 'trace', 'LoopbackA', 'LoopbackB', 'Telnet', 'Serial',
  'ArrayBufferView', 'Flash',
];
const BY_FAMILY: Record<ChipFamily, string[]> = {
  nrf52: ['NRF'],
  esp32: ['ESP32'],
  stm32: [],
  linux: [],
};
const BY_BOARD: Record<string, string[]> = {
  puckjs: ['Puck'],
  pixljs: ['Pixl'],
  banglejs2: ['Bangle', 'g', 'WIDGETS'],
};

export function installUnsupported(h: UnsupportedHost): void {
  const names = [...COMMON, ...BY_FAMILY[h.chip.family], ...(BY_BOARD[h.board.id] ?? [])];
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(h.realm.global, name)) continue; // emulated
    Object.defineProperty(h.realm.global, name, {
      get: () => h.unsupported(name),
      set: (v) => Object.defineProperty(h.realm.global, name, { value: v, writable: true, configurable: true }),
      configurable: true,
      enumerable: false,
    });
  }
}
