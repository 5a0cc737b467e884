/**
 * Testing your own firmware on Coop's simulator: `espruino-coop/test`.
 *
 *     import { describe, expect, it } from 'vitest';
 *     import { simulate } from 'espruino-coop/test';
 *
 *     it('blinks once a second', async () => {
 *       const sim = await simulate('src/main.ts');
 *       sim.advance('5s');
 *       expect(sim).toHaveBlinked('LED1', { period: 1000 });
 *       expect(sim.console).toContainLine('ready');
 *     });
 *
 * `simulate()` builds the file the device way, as `coop build` does, and
 * runs the bundle on a simulated board on a virtual clock. Under vitest,
 * importing this module registers the matchers (toHaveBlinked, toHavePin,
 * toContainLine) and their types; see docs/testing.md.
 */
import { coopMatchers } from './matchers.js';

export { simulate, Sim, SimConsole, type SimulateOptions } from './simulate.js';
export { coopMatchers, type BlinkExpectation, type CoopMatchers } from './matchers.js';
export { findBlinking, type Blinking, type PinChange } from './blink.js';
export { loadScenario, loadDiagram, parseDuration, formatTime, type Diagram, type Scenario, type ScenarioResult, type ConsoleLine } from '../../sim/index.js';

// Under vitest (which sets VITEST in its workers), register the matchers with its `expect`. The
// import is dynamic so that this module loads anywhere: without vitest, or without it installed.
if (process.env.VITEST !== undefined || '__vitest_worker__' in globalThis) {
  try {
    const { expect } = await import('vitest');
    expect.extend(coopMatchers);
  } catch {
    // vitest is not installed beside espruino-coop: call expect.extend(coopMatchers) yourself.
  }
}
