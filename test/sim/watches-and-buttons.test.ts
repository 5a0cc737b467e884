import { describe, expect, it } from 'vitest';
import { Harness } from '../../sim/harness.js';
import { bounceOffsets } from '../../sim/parts/button.js';
import { simulate } from '../support/device.js';

const withButton = (bounce: boolean) => ({
  board: 'puckjs',
  parts: [{ id: 'btn', type: 'button' as const, pin: 'D11', bounce }],
});

const LOG_EDGES = `
  const id = setWatch((e) => print((e.state ? 'up' : 'down') + ' at ' + Math.round(e.time * 1e6) + 'us last ' + (e.lastTime === undefined ? '-' : Math.round(e.lastTime * 1e6))), D11, OPTIONS);
  print('watch ' + id);
`;

describe('setWatch', () => {
  it('reports each edge with its time and the previous one, for edge "both"', async () => {
    const sim = await simulate(LOG_EDGES.replace('OPTIONS', "{ repeat: true, edge: 'both' }"), { diagram: withButton(false) });
    sim.advance(10);
    sim.press('btn');
    sim.advance(100);
    sim.release('btn');
    sim.advance(10);
    expect(sim.output()).toEqual(['watch 1', 'up at 10000us last -', 'down at 110000us last 10000']);
  });

  it('with edge "rising" and no repeat, fires once and goes away', async () => {
    const sim = await simulate(LOG_EDGES.replace('OPTIONS', "{ edge: 'rising' }"), { diagram: withButton(false) });
    sim.click('btn', 50);
    sim.advance(100);
    sim.click('btn', 50);
    sim.advance(100);
    expect(sim.output()).toEqual(['watch 1', 'up at 0us last -']);
    expect(sim.harness.watches.count()).toBe(0);
  });

  it('without debounce sees every bounce of a bouncing button', async () => {
    const sim = await simulate(LOG_EDGES.replace('OPTIONS', "{ repeat: true, edge: 'rising' }"), { diagram: withButton(true) });
    sim.press('btn');
    sim.advance(50);
    // The default bounce: 4 extra edges in 5 ms, so 3 rising edges for one press.
    expect(sim.output().filter((l) => l.startsWith('up'))).toHaveLength(3);
  });

  it('with debounce reports one edge per press, timed at the last bounce, as Espruino does', async () => {
    const sim = await simulate(LOG_EDGES.replace('OPTIONS', "{ repeat: true, edge: 'both', debounce: 10 }"), { diagram: withButton(true) });
    sim.press('btn');
    sim.advance(100);
    sim.release('btn');
    sim.advance(100);
    const last = bounceOffsets(true).at(-1)!;
    expect(sim.output()).toEqual(['watch 1', `up at ${last}us last -`, `down at ${100_000 + last}us last ${last}`]);
  });

  it('samples a data pin at the edge', async () => {
    const sim = await simulate(`
      pinMode(D12, 'input_pullup');
      setWatch((e) => print('clock, data ' + (e as any).data), D11, { repeat: true, edge: 'rising', data: D12 });
    `, { diagram: withButton(false) });
    sim.click('btn', 10);
    sim.advance(20);
    expect(sim.output()).toEqual(['clock, data true']);
  });

  it('hands out ids as Espruino does, and clearWatch(id) stops a watch', async () => {
    const sim = await simulate(`
      const a = setWatch(() => print('a'), D11, { repeat: true });
      const b = setWatch(() => print('b'), D11, { repeat: true });
      clearWatch(a);
      print('ids ' + a + ' ' + b);
    `, { diagram: withButton(false) });
    sim.click('btn');
    sim.advance(200);
    expect(sim.output()).toEqual(['ids 1 2', 'b', 'b']);
  });

  it('refuses clearWatch(undefined) and an unknown id, and a bad edge, with Espruino\'s words', async () => {
    const sim = await simulate(`
      let none: number | undefined;
      for (const f of [() => clearWatch(none), () => clearWatch(7), () => setWatch(() => {}, D11, { edge: 'up' as any })]) {
        try { f(); } catch (e) { print((e as Error).name + ': ' + (e as Error).message); }
      }
    `);
    expect(sim.output()).toEqual([
      'Error: clearWatch(undefined) not allowed. Use clearWatch() instead',
      'Error: clearWatch: Unknown Watch 7',
      "TypeError: setWatch: 'edge' in setWatch should be 1, -1, 0, 'rising', 'falling' or 'both' (got \"up\")",
    ]);
  });

  it('clearWatch() with no argument clears every watch (raw JS: the build refuses it)', () => {
    const board = new Harness();
    board.load(`setWatch(function () {}, D11, true); setWatch(function () {}, D12, true); clearWatch();`);
    expect(board.watches.count()).toBe(0);
  });

  it("defaults a built-in button's watch to rising edges with 25 ms debounce", async () => {
    const sim = await simulate(`setWatch((e) => print('BTN1 ' + e.state + ' at ' + e.time), BTN1, { repeat: true });`);
    sim.press('BTN1');
    sim.advance(100);
    sim.release('BTN1');
    sim.advance(100);
    expect(sim.output()).toEqual(['BTN1 true at 0']);
  });

  it('refuses to watch a pin that cannot be watched (ESP32 D12)', async () => {
    const sim = await simulate(`try { setWatch(() => {}, D12, true); } catch (e) { print((e as Error).message); }`, { board: 'esp32' });
    expect(sim.output()[0]).toMatch(/^setWatch: D12 on ESP32 DevKit has no pin watch \(setWatch\) .*; pins that can: D0\.\.D5, D13\.\.D19/);
  });
});

describe('buttons', () => {
  it('an active-low button reads 0 while pressed and 1 released', async () => {
    const sim = await simulate(`setInterval(() => print('' + digitalRead(D11)), 100);`, {
      diagram: { board: 'puckjs', parts: [{ id: 'b', type: 'button', pin: 'D11', active: 0 }] },
    });
    sim.advance(100);
    sim.press('b');
    sim.advance(100);
    expect(sim.output()).toEqual(['1', '0']);
  });

  it('bounces the same way every time', () => {
    // 4 extra edges over 5 ms, the k-th at 5 ms·(k/4)^1.5.
    expect(bounceOffsets(true)).toEqual([625, 1768, 3248, 5000]);
    expect(bounceOffsets({ ms: 2, edges: 2 })).toEqual([707, 2000]);
    expect(bounceOffsets(false)).toEqual([]);
  });

  it('says which parts there are when a scenario names one that is not', async () => {
    const sim = await simulate(``, { diagram: withButton(false) });
    expect(() => sim.press('button1')).toThrow('press: no part "button1" at 0.000s; parts are btn, LED1, LED2, LED3, BTN1');
    expect(() => sim.press('LED1')).toThrow('press: part "LED1" is a led, which cannot press');
  });
});
