import type { BoardServices } from '../host.js';
import type { MemoryEstimator } from '../memory-estimate.js';

/** What `process` uses of the board: its facts and the memory estimate (process.memory()). */
export type ProcessHost = Pick<BoardServices, 'board' | 'chip' | 'newObject' | 'toRealm' | 'unsupported'> & { readonly memory: Pick<MemoryEstimator, 'estimate'> };

/** Espruino's version string the simulator reports (what its facts were measured on). */
export const ESPRUINO_VERSION = '2v29';

/**
 * `process`: memory() (the simulator's estimate, see memory-estimate.ts),
 * version, env, and on('uncaughtException').
 */
export function processObject(h: ProcessHost): Record<string, unknown> {
  const o = h.newObject();
  const method = (n: string, fn: (...a: unknown[]) => unknown) => Object.defineProperty(o, n, { value: fn, writable: true, configurable: true, enumerable: false });
  method('memory', () => {
    const m = h.memory.estimate();
    return h.toRealm({
      free: m.total - m.usage, usage: m.usage, total: m.total, history: 0,
      gc: 0, gctime: 0, blocksize: m.blockSize,
    });
  });
  method('reset', () => h.unsupported('process.reset'));
  o.version = ESPRUINO_VERSION;
  o.env = h.toRealm({
    VERSION: ESPRUINO_VERSION, BOARD: h.board.espruinoBoard, CONSOLE: h.chip.consoleName,
    FLASH: h.board.flashBytes, RAM: h.board.jsVars * 16, SERIAL: '00000000-coop-sim', MODULES: 'Storage',
    EXPTR: 0, GIT_COMMIT: 'coop-simulator', SIMULATOR: 'coop',
  });
  return o;
}
