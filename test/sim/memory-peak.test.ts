import { describe, expect, it } from 'vitest';
import { simulate } from '../support/device.js';

describe('peak memory and Out of Memory in the simulator', () => {
  it('stops a firmware that allocates past a Puck.js\'s 2630 JsVars with "Out of Memory" at that virtual instant, naming the task', async () => {
    // Each round keeps 20 objects of 5 JsVars ({a, b} with a string, and its array slot): 100 vars per 100 ms.
    const sim = await simulate(`
      import { spawn, sleep } from 'coop';
      const keep: any[] = [];
      spawn(async () => {
        for (let round = 1; ; round++) {
          for (let i = 0; i < 20; i++) keep.push({ a: i, b: 'x' + i });
          await sleep(100);
        }
      }, { name: 'hoarder' });
    `, { board: 'puckjs', trackMemory: true });
    sim.advance(60_000);
    const h = sim.harness;
    const stop = h.notes.find((n) => n.text.startsWith('Out of Memory'))!;
    // The task is named from the coroutine steps the instrumented bundle reports (sim/instrument.ts).
    expect(stop.text).toMatch(/^Out of Memory: about \d+ of Puck\.js's 2630 JsVars; task 'hoarder' was running$/);
    expect(sim.output()).toEqual(['OUT OF MEMORY', 'Execution Interrupted']);
    expect(h.halted).toBe(true);
    // The right instant: the round in which the estimate first passed 2630 (the round before was
    // still under it), while the task runs; code takes board time, so a round ends a little after
    // its sleep does.
    const usage = Number(/about (\d+)/.exec(stop.text)![1]);
    expect(usage).toBeGreaterThan(2630);
    expect(usage - 100).toBeLessThanOrEqual(2630 + 5);
    expect(sim.peakMemory().usage).toBe(usage);
    expect(sim.peakMemory().at).toBe(stop.t);
  });

  it('keeps the peak, not only the end: memory a firmware lets go of still shows', async () => {
    const sim = await simulate(`
      let big: any[] | undefined;
      setTimeout(() => { big = []; for (let i = 0; i < 200; i++) big.push({ n: i + 0.5 }); }, 1000);
      setTimeout(() => { big = undefined; }, 2000);
      setInterval(() => {}, 500);
    `, { board: 'puckjs', trackMemory: true });
    sim.advance(5000);
    const peak = sim.peakMemory();
    expect(peak.usage - sim.memory().usage).toBeGreaterThan(500);
    expect(peak.at).toBeGreaterThanOrEqual(1000);
    expect(peak.at).toBeLessThan(2000);
  });
});
