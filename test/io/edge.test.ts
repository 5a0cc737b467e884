import { describe, expect, it } from 'vitest';
import { held, simulate } from './io-sim.js';

describe('waitForEdge', () => {
  it('resolves on the edge asked for, with its time, and holds no watch afterwards', async () => {
    const sim = await simulate(`
      import { spawn, waitForEdge } from 'coop';
      spawn(async () => {
        const down = await waitForEdge(BTN1, 'rising');
        print('rising at ' + down.time + ' state ' + down.state);
        const up = await waitForEdge(BTN1, 'falling');
        print('falling at ' + up.time + ' state ' + up.state);
        const any = await waitForEdge('BTN1', 'both');
        print('both at ' + any.time);
      }, { name: 'edges' });
    `);
    sim.advance(100);
    expect(held(sim).watches).toBe(1);
    sim.press('BTN1');
    sim.advance(200);
    sim.release('BTN1');
    sim.advance(200);
    sim.press('BTN1');
    // Espruino debounces the built-in buttons by 25 ms unless told otherwise.
    sim.advance(50);
    expect(sim.output()).toEqual(['rising at 0.1 state true', 'falling at 0.3 state false', 'both at 0.5']);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });

  it('with debounce, a bouncing contact gives one edge, timed when it settled', async () => {
    const sim = await simulate(`
      import { spawn, waitForEdge } from 'coop';
      spawn(async () => {
        for (let i = 0; i < 2; i++) {
          const e = await waitForEdge(D2, 'both', { debounce: 10 });
          print('edge ' + e.state + ' at ' + e.time);
        }
      }, { name: 'bouncy' });
    `, { diagram: { parts: [{ id: 'sw', type: 'button', pin: 'D2', bounce: { ms: 5, edges: 4 } }] } });
    sim.advance(50);
    sim.press('sw');
    sim.advance(100);
    sim.release('sw');
    sim.advance(100);
    // The contact chatters for 5 ms after each press and release.
    expect(sim.output()).toEqual(['edge true at 0.055', 'edge false at 0.155']);
  });

  it('without debounce, the same contact gives an edge per bounce', async () => {
    const sim = await simulate(`
      import { spawn, waitForEdge } from 'coop';
      spawn(async () => {
        let n = 0;
        for (;;) { await waitForEdge(D2, 'both'); print('edge ' + ++n); }
      }, { name: 'raw' });
    `, { diagram: { parts: [{ id: 'sw', type: 'button', pin: 'D2', bounce: { ms: 5, edges: 4 } }] } });
    sim.advance(50);
    sim.press('sw');
    sim.advance(100);
    // 5 edges happen; the task sees those that come after it is waiting again.
    expect(sim.output().length).toBeGreaterThan(1);
  });

  it('times out with a TimeoutError naming the pin, and clears its watch', async () => {
    const sim = await simulate(`
      import { spawn, waitForEdge, now } from 'coop';
      spawn(async () => {
        try { await waitForEdge(BTN1, 'rising', { timeout: 250 }); }
        catch (e) { print((e as Error).name + ': ' + (e as Error).message + ' at ' + now()); }
      }, { name: 'patient' });
    `);
    sim.advance(100);
    expect(held(sim).watches).toBe(1);
    sim.advance(400);
    expect(sim.output()).toEqual(["TimeoutError: waitForEdge(D0, 'rising'): no edge within 250 ms at 250"]);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });

  it('an edge before the timeout wins and the timeout is dropped', async () => {
    const sim = await simulate(`
      import { spawn, waitForEdge, sleep } from 'coop';
      spawn(async () => {
        const e = await waitForEdge(BTN1, 'rising', { timeout: 1000 });
        print('pressed at ' + e.time);
        await sleep(5000);
        print('no timeout fired meanwhile');
      }, { name: 'quick' });
    `);
    sim.advance(100);
    sim.press('BTN1');
    sim.advance(6000);
    expect(sim.output()).toEqual(['pressed at 0.1', 'no timeout fired meanwhile']);
    expect(sim.errors).toEqual([]);
  });

  it('cancelling the waiting task clears the watch by its id, leaving other watches alone', async () => {
    const sim = await simulate(`
      import { spawn, waitForEdge, sleep } from 'coop';
      const other = setWatch(function () { print('own watch fired'); }, D2, { edge: 'rising', repeat: true });
      const t = spawn(async () => {
        try { await waitForEdge(BTN1, 'rising'); } finally { print('wait ended'); }
      }, { name: 'waiter' });
      spawn(async () => { await sleep(100); t.cancel(); }, { name: 'canceller' });
    `, { diagram: { parts: [{ id: 'sw', type: 'button', pin: 'D2' }] } });
    sim.advance(50);
    expect(held(sim).watches).toBe(2);
    sim.advance(100);
    expect(sim.output()).toEqual(['wait ended']);
    expect(held(sim).watches).toBe(1);
    sim.press('BTN1');
    sim.press('sw');
    sim.advance(10);
    expect(sim.output()).toEqual(['wait ended', 'own watch fired']);
  });

  it('works in select and withTimeout; the loser is released', async () => {
    const sim = await simulate(`
      import { spawn, waitForEdge, select, withTimeout, sleep } from 'coop';
      spawn(async () => {
        const r = await select(waitForEdge(BTN1, 'rising'), waitForEdge(D2, 'rising'));
        print('first: ' + r.index);
        try { await withTimeout(100, waitForEdge(BTN1, 'falling')); print('released'); }
        catch (e) { print((e as Error).name); }
      }, { name: 'either' });
    `, { diagram: { parts: [{ id: 'sw', type: 'button', pin: 'D2' }] } });
    sim.advance(10);
    expect(held(sim).watches).toBe(2);
    sim.press('sw');
    sim.advance(10);
    expect(sim.output()).toEqual(['first: 1']);
    expect(held(sim).watches).toBe(1);
    sim.advance(200);
    expect(sim.output()).toEqual(['first: 1', 'TimeoutError']);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });

  it('can be awaited from plain code with then()', async () => {
    const sim = await simulate(`
      import { waitForEdge } from 'coop';
      waitForEdge(BTN1).then(function (e) { print('then got ' + e.state); });
    `);
    sim.advance(10);
    sim.press('BTN1');
    sim.advance(50);
    expect(sim.output()).toEqual(['then got true']);
    expect(sim.harness.watches.count()).toBe(0);
  });

  it('rejects a bad edge name or option with a clear error', async () => {
    const sim = await simulate(`
      import { waitForEdge } from 'coop';
      const edges: any[] = ['up', 'rising'];
      for (const e of edges) {
        try { waitForEdge(BTN1, e, { debounce: -1 }); } catch (err) { print((err as Error).message); }
      }
    `);
    expect(sim.output()).toEqual([
      "waitForEdge(D0, 'up'): edge must be 'rising', 'falling' or 'both'",
      'waitForEdge(D0): debounce must be a number of ms >= 0, got -1',
    ]);
  });
});
