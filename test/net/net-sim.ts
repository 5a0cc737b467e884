/**
 * Helpers for the network tests: one firmware bundle per test file holds
 * every case (a build costs seconds), and each test loads it on a fresh
 * simulated ESP32 with `CASE` set to the case it runs.
 */
import { build } from '../../toolchain/build.js';
import { createSim, type Diagram, type Simulation } from '../../sim/index.js';
import { firmwareFile } from '../support/device.js';

/** Build `source` (which switches on the global CASE) for `board`, once. */
export async function buildCases(source: string, board = 'esp32'): Promise<string> {
  const { code } = await build(firmwareFile(`declare const CASE: string;\n${source}`), { board });
  return code;
}

/**
 * A simulated board with `diagram`'s parts, `setup` run on it (handlers,
 * bridges), and then the bundle loaded with CASE = `name`.
 */
export async function runCase(code: string, name: string, diagram: Diagram, setup?: (sim: Simulation) => void, board = 'esp32'): Promise<Simulation> {
  const sim = await createSim({ board, bundle: '', diagram });
  setup?.(sim);
  sim.harness.realm.define('CASE', name);
  sim.harness.load(code);
  return sim;
}

/** An access point 'home' with password 'secret', and optional outages. */
export function homeAp(outages?: { at: number; for: number }[]) {
  return { id: 'ap', type: 'access-point' as const, ssid: 'home', password: 'secret', ...(outages ? { outages } : {}) };
}
