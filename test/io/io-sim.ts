import { build } from '../../toolchain/build.js';
import { createSim, type Diagram, type Simulation } from '../../sim/index.js';
import { firmwareFile } from '../support/device.js';

export interface SimulateOptions {
  /** Board id. Default 'puckjs'. */
  board?: string;
  /** Parts wired to the board (its own LEDs and buttons are always there). */
  diagram?: Diagram;
  /** Board time (ms) code may run without returning to the event loop before the simulator stops it. Default 10 s. */
  runawayMs?: number;
}

/** Build `source` the device way and run it on a simulated board with `diagram`'s parts. */
export async function simulate(source: string, options: SimulateOptions = {}): Promise<Simulation> {
  const board = options.board ?? 'puckjs';
  const { code } = await build(firmwareFile(source), { board });
  return createSim({ board, bundle: code, diagram: options.diagram, runawayMs: options.runawayMs });
}

/** Watches and Espruino timers the firmware holds now. */
export function held(sim: Simulation): { watches: number; timers: number } {
  return { watches: sim.harness.watches.count(), timers: sim.harness.timers.ids.size };
}
