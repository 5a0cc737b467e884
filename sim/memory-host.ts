/**
 * What the memory estimate (sim/memory-estimate.ts) reads of the board, in a
 * file of its own: it names the harness's Timers and Watches, which a type in
 * sim/host.ts cannot (host.ts imports only leaves, and timers.ts imports it).
 *
 * Before: `constructor(private readonly h: Harness, …)` in memory-estimate.ts,
 * with harness.ts importing memory-estimate.ts (an import cycle).
 * After: `h: MemoryHost`; `Harness` satisfies it (checked where it passes itself).
 */
import type { CpuMeter } from './cost-model.js';
import type { Timers } from './globals/timers.js';
import type { Watches } from './globals/watches.js';
import type { BoardServices } from './host.js';

/** The realm to walk, the board's JsVar layout, the clock, live timers and watches, and whether a runaway stopped the code. */
export type MemoryHost = Pick<BoardServices, 'board' | 'clock' | 'isPin' | 'realm'> & {
  readonly timers: Pick<Timers, 'ids'>;
  readonly watches: Pick<Watches, 'ids'>;
  readonly cpu: Pick<CpuMeter, 'stopped'>;
};
