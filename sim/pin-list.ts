import { pinRanges } from '../boards/pin-ranges.js';

/** "D0..D31, A0..A7" for the simulator's errors: runs of three or more collapsed; "(none)" for no pins. */
export function pinList(names: string[]): string {
  return names.length === 0 ? '(none)' : pinRanges(names, { shortestRun: 3 });
}
