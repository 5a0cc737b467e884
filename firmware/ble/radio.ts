/**
 * The board's Bluetooth LE stack (Espruino's `NRF` object), for the rest of
 * firmware/ble. Only the nRF52 boards have it; the build refuses firmware/ble
 * for other boards (toolchain/pin-check.ts), and this check names the call
 * for code that reaches it anyway.
 */
declare const NRF: any;

/** NRF, or an Error naming `api` and the boards that have Bluetooth LE. */
export const radio = function (api: string): any {
  if (typeof NRF === 'undefined') throw new Error(api + ': Bluetooth LE (NRF) is only on the nRF52 boards: Puck.js, MDBT42Q, Pixl.js, Bangle.js 2');
  return NRF;
};

/** A 16-bit UUID given as hex text ('1809') or a number (0x1809), as the number Espruino takes; 128-bit ones as text. */
export const uuid = function (u: string | number): string | number {
  if (typeof u === 'number') return u;
  return u.length === 4 ? parseInt(u, 16) : u;
};

/** What a failed Espruino call or rejected BLE Promise says: an Error's message, or the string it rejected with. */
export const reason = function (e: any): string {
  return e && e.message !== undefined ? e.message : String(e);
};
