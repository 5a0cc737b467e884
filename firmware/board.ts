/**
 * The board this bundle was built for, as compact data: what the run-time
 * pin checks (io/pin.ts) compare a pin against. The build replaces
 * `__COOP_BOARD__` with the board's data (toolchain/board-info.ts makes it),
 * and a bundle that never checks a pin leaves this module out.
 */
export interface BoardInfo {
  /** The board's name: 'Puck.js'. */
  n: string;
  /**
   * Pins grouped by what they can do, `caps:pins;caps:pins`, e.g.
   * 'dopisuw^_:D0..D1,D6..D27;daopisuw^_:D2..D5,D28..D31'. One letter per
   * capability (see io/pin.ts); pins as names and inclusive ranges.
   */
  p: string;
  /** Built-in LEDs and buttons: 'LED1=D5,BTN1=D0' (empty when none). */
  a: string;
  /** Every pin the board has, for messages: 'D0..D31, LED1..LED3, BTN1'. */
  l: string;
}

declare const __COOP_BOARD__: BoardInfo;

export const board: BoardInfo = __COOP_BOARD__;
