import { describe, expect, it } from 'vitest';
import { held, simulate } from './io-sim.js';

describe('Button', () => {
  it('press and release, each awaited; a bouncing button gives one of each', async () => {
    const sim = await simulate(`
      import { spawn, Button, now } from 'coop';
      const btn = new Button(D2, { debounce: 20 });
      spawn(async () => {
        for (let i = 0; i < 2; i++) {
          await btn.press(); print('press ' + now());
          await btn.release(); print('release ' + now());
        }
      }, { name: 'ui' });
    `, { diagram: { parts: [{ id: 'sw', type: 'button', pin: 'D2', bounce: true }] } });
    sim.advance(100);
    sim.click('sw', 200);
    sim.advance(400);
    sim.click('sw', 100);
    sim.advance(400);
    // Each edge is reported once the contact has been steady for 20 ms (it chatters for 5).
    expect(sim.output()).toEqual(['press 125', 'release 325', 'press 525', 'release 625']);
  });

  it('a long press fires while the button is still held, once per press', async () => {
    const sim = await simulate(`
      import { spawn, Button, now } from 'coop';
      const btn = new Button(BTN1, { longMs: 800 });
      spawn(async () => {
        for (;;) { await btn.longPress(); print('long at ' + now() + ', pressed: ' + btn.isPressed); }
      }, { name: 'long' });
      spawn(async () => {
        for (;;) { const e = await btn.next(); print(e + ' ' + now()); }
      }, { name: 'all' });
    `);
    sim.advance(100);
    sim.click('BTN1', 300); // short
    sim.advance(1000);
    sim.click('BTN1', 2000); // long
    sim.advance(3000);
    // Presses are seen after the 25 ms debounce; a long press is timed from the edge itself.
    expect(sim.output()).toEqual([
      'press 125', 'release 425',
      'press 1125', 'long at 1900, pressed: true', 'long 1900', 'release 3125',
    ]);
  });

  it('a double press is a press that starts within doubleMs of the previous release', async () => {
    const sim = await simulate(`
      import { spawn, Button, now } from 'coop';
      const btn = new Button(BTN1, { doubleMs: 300 });
      spawn(async () => {
        for (;;) { await btn.doublePress(); print('double at ' + now()); }
      }, { name: 'double' });
    `);
    sim.advance(100);
    sim.click('BTN1', 100);   // down 100, up 200
    sim.advance(300);
    sim.click('BTN1', 100);   // down 400: 200 ms after the release → double
    sim.advance(300);
    sim.click('BTN1', 100);   // down 700: right after a double, starts afresh
    sim.advance(1000);
    sim.click('BTN1', 100);   // down 1700: 900 ms after the release → not a double
    sim.advance(1000);
    expect(sim.output()).toEqual(['double at 425']);
  });

  it('sends every event into a Channel given to events()', async () => {
    const sim = await simulate(`
      import { spawn, Button, Channel } from 'coop';
      const btn = new Button(BTN1, { longMs: 500, doubleMs: 300 });
      const events = btn.events(new Channel(8));
      spawn(async () => {
        for (;;) print(await events.recv());
      }, { name: 'log' });
    `);
    sim.advance(10);
    expect(held(sim).watches).toBe(1);
    sim.click('BTN1', 100);
    sim.advance(200);
    sim.click('BTN1', 800);
    sim.advance(1000);
    expect(sim.output()).toEqual(['press', 'release', 'press', 'double', 'release']);
  });

  it('a long press and a double press are exclusive: a long second press is only a double', async () => {
    const sim = await simulate(`
      import { spawn, Button, Channel } from 'coop';
      const btn = new Button(BTN1, { longMs: 500, doubleMs: 300 });
      const events = btn.events(new Channel(8));
      spawn(async () => { for (;;) print(await events.recv()); }, { name: 'log' });
    `);
    sim.advance(10);
    sim.click('BTN1', 700);
    sim.advance(2000);
    expect(sim.output()).toEqual(['press', 'long', 'release']);
  });

  it('an active-low button with a pull-up', async () => {
    const sim = await simulate(`
      import { spawn, Button, now } from 'coop';
      const btn = new Button(D3, { activeLow: true, pull: 'up' });
      spawn(async () => { await btn.press(); print('pressed ' + now() + ' ' + btn.isPressed); }, { name: 'ui' });
    `, { diagram: { parts: [{ id: 'sw', type: 'button', pin: 'D3', active: 0 }] } });
    sim.advance(100);
    expect(sim.output()).toEqual([]);
    sim.press('sw');
    sim.advance(100);
    expect(sim.output()).toEqual(['pressed 125 true']);
  });

  it('watches only while someone waits: cancelling the last waiter clears the watch', async () => {
    const sim = await simulate(`
      import { spawn, Button, sleep } from 'coop';
      const btn = new Button(BTN1);
      const a = spawn(async () => { await btn.press(); print('a pressed'); }, { name: 'a' });
      const b = spawn(async () => { await btn.longPress(); print('b long'); }, { name: 'b' });
      spawn(async () => {
        await sleep(100); a.cancel();
        await sleep(100); b.cancel();
      }, { name: 'stopper' });
    `);
    sim.advance(50);
    expect(held(sim).watches).toBe(1);
    sim.advance(100);
    expect(held(sim).watches).toBe(1);
    sim.advance(100);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
    sim.click('BTN1', 2000);
    sim.advance(3000);
    expect(sim.output()).toEqual([]);
  });

  it('a long press in progress when the last waiter is cancelled leaves no timer behind', async () => {
    const sim = await simulate(`
      import { spawn, Button, sleep } from 'coop';
      const btn = new Button(BTN1);
      const t = spawn(async () => { await btn.longPress(); print('long'); }, { name: 'long' });
      spawn(async () => { await sleep(500); t.cancel(); }, { name: 'stopper' });
    `);
    sim.advance(100);
    sim.press('BTN1');
    sim.advance(200);
    sim.advance(300);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
    sim.advance(2000);
    expect(sim.output()).toEqual([]);
  });

  it('close() stops the watch and fails the waiters', async () => {
    const sim = await simulate(`
      import { spawn, Button, sleep } from 'coop';
      const btn = new Button(BTN1);
      spawn(async () => {
        try { await btn.press(); } catch (e) { print((e as Error).message); }
      }, { name: 'ui' });
      spawn(async () => { await sleep(100); btn.close(); }, { name: 'closer' });
    `);
    sim.advance(200);
    expect(sim.output()).toEqual(['Button on D0 was closed']);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });

  it('works with withTimeout', async () => {
    const sim = await simulate(`
      import { spawn, Button, withTimeout } from 'coop';
      const btn = new Button(BTN1);
      spawn(async () => {
        try { await withTimeout(1000, btn.press()); print('pressed'); }
        catch (e) { print((e as Error).name); }
      }, { name: 'ui' });
    `);
    sim.advance(1500);
    expect(sim.output()).toEqual(['TimeoutError']);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });
});
