// TEMPORARY (lead): replaced by the boards helper's generated definitions.
import type { BoardDefinition } from './board-definition.js';
const pins: BoardDefinition['pins'] = {};
for (let i = 0; i < 32; i++) pins['D' + i] = { name: 'D' + i, caps: ['digital', 'pwm', 'watch'] };
export const boards: Record<string, BoardDefinition> = {
  puckjs: { id: 'puckjs', name: 'Puck.js', chip: 'nRF52832', espruinoBoard: 'PUCKJS', jsVars: 2630, flashBytes: 40960, pins, leds: { LED1: 'D5', LED2: 'D4', LED3: 'D3' }, buttons: { BTN1: 'D0' }, source: 'temp' },
};
export const defaultBoardId = 'puckjs';
export function findBoard(id: string): BoardDefinition {
  const b = boards[id];
  if (!b) throw new Error(`Unknown board "${id}"; boards are ${Object.keys(boards).join(', ')}`);
  return b;
}
