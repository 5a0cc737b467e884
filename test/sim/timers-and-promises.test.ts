import { describe, expect, it } from 'vitest';
import { Harness } from '../../sim/harness.js';
import { simulate } from '../support/device.js';

// Espruino's behaviour here was checked on the Linux build of Espruino 2v29.

describe('timers as Espruino keeps them', () => {
  it('hands out ids from its timer array: last + 1, back to 1 when empty', async () => {
    const sim = await simulate(`
      const a = setTimeout(() => {}, 10);
      const b = setTimeout(() => {}, 10);
      clearTimeout(b);
      const c = setTimeout(() => {}, 10);
      print([a, b, c].join());
      setTimeout(() => { const d = setTimeout(() => {}, 1); print('inside ' + d); }, 100);
    `);
    sim.advance(200);
    // c reuses 2 (as on the board); the 100 ms timer (id 3) keeps its slot while its
    // callback runs, so the timer made inside gets 4 although 1 and 2 have gone.
    expect(sim.output()).toEqual(['1,2,2', 'inside 4']);
  });

  it('fires no sooner than 0.1 ms, even for setTimeout(fn, 0)', async () => {
    const sim = await simulate(`setTimeout(() => print('at ' + getTime() * 1000 + ' ms'), 0);`);
    sim.advance(1);
    expect(sim.output()).toEqual(['at 0.1 ms']);
  });

  it('ignores clearing an id that is not there, and refuses clearTimeout(undefined)', async () => {
    const sim = await simulate(`
      clearTimeout(999);
      print('unknown id ignored');
      let id: number | undefined;
      try { clearTimeout(id); } catch (e) { print((e as Error).message); }
    `);
    expect(sim.output()).toEqual(['unknown id ignored', 'clearTimeout(undefined) not allowed. Use clearTimeout() instead']);
  });

  it('clearTimeout() with no argument clears every timer (raw JS: the build refuses it)', () => {
    const board = new Harness();
    board.load(`setTimeout(function () { print('a'); }, 5); setInterval(function () { print('b'); }, 5); clearTimeout();`);
    board.advance(100);
    expect(board.output()).toEqual([]);
    expect(board.timers.ids.size).toBe(0);
  });

  it('re-arms an interval from its deadline, and changeInterval restarts it from now', async () => {
    const sim = await simulate(`
      let n = 0;
      const id = setInterval(() => {
        n++;
        print(n + '@' + Math.round(getTime() * 1000));
        if (n === 2) changeInterval(id, 300);
        if (n === 4) clearInterval(id);
      }, 100);
    `);
    sim.advance(2000);
    expect(sim.output()).toEqual(['1@100', '2@200', '3@500', '4@800']);
  });

  it('names an unknown interval in changeInterval', async () => {
    const sim = await simulate(`try { changeInterval(42, 10); } catch (e) { print((e as Error).message); }`);
    expect(sim.output()).toEqual(['changeInterval: Unknown Interval 42']);
  });

  it('runs equal deadlines in the order the timers were made', async () => {
    const sim = await simulate(`
      setTimeout(() => print('b'), 20);
      setTimeout(() => print('a'), 10);
      setTimeout(() => print('c'), 20);
    `);
    sim.advance(100);
    expect(sim.output()).toEqual(['a', 'b', 'c']);
  });

  it('passes extra arguments, and runs string callbacks', async () => {
    const sim = await simulate(`
      setTimeout((a: number, b: string) => print(a + b), 5, 1, 'x');
      setTimeout('print("from a string")' as any, 6);
    `);
    sim.advance(10);
    expect(sim.output()).toEqual(['1x', 'from a string']);
  });

  it('refuses a callback that is not a function or string, naming what it got', async () => {
    const sim = await simulate(`try { setTimeout(42 as any, 5); } catch (e) { print((e as Error).message); }`);
    expect(sim.output()[0]).toMatch(/^setTimeout: Function or String not supplied! \(got number\)/);
  });

  it('getTime() is virtual seconds, and a busy-wait on it fails with an explanation', async () => {
    const sim = await simulate(`
      setTimeout(() => {
        const t0 = getTime();
        try { while (getTime() < t0 + 1) { /* spin */ } } catch (e) { print((e as Error).message.slice(0, 60)); }
      }, 1500);
    `);
    sim.advance(2000);
    // Stopped by the runaway guard (sim/cost-model.ts) after 10 s of counted board time, long before 5,000,000 calls.
    expect(sim.output()).toEqual([]);
    expect(sim.harness.stoppedBy).toMatch(/^code outside tasks did not return to the event loop for 10\.0\d\d s of board time .*; it called getTime\(\) [\d,]+ times without time passing: a busy-wait loop\?/);
  });
});

describe("Espruino's Promise", () => {
  it('runs reactions after every timer due at that instant', async () => {
    const sim = await simulate(`
      setTimeout(() => { Promise.resolve().then(() => print('job')); print('timer 1'); }, 10);
      setTimeout(() => print('timer 2'), 10);
    `);
    sim.advance(10);
    expect(sim.output()).toEqual(['timer 1', 'timer 2', 'job']);
  });

  it('resolves through queued events: new Promise(r => r(1)) before Promise.resolve(2)', async () => {
    const sim = await simulate(`
      setTimeout(() => {
        new Promise<number>((r) => r(1)).then((v) => print('A ' + v));
        Promise.resolve(2).then((v) => print('B ' + v));
        print('sync');
      }, 1);
    `);
    sim.advance(5);
    expect(sim.output()).toEqual(['sync', 'A 1', 'B 2']);
  });

  it('has the 2v29 quirk: .catch() on a settled promise passes its value on as a rejection', async () => {
    const sim = await simulate(`
      const p = Promise.resolve(5);
      setTimeout(() => {
        p.catch((e) => print('caught ' + e)).then((v) => print('then ' + v), (e) => print('rejected with ' + e));
      }, 10);
    `);
    sim.advance(20);
    expect(sim.output()).toEqual(['rejected with 5']);
  });

  it('reports a rejection nobody handles at once, as Espruino prints it', async () => {
    const sim = await simulate(`setTimeout(() => { Promise.reject(new Error('x')); print('after'); }, 1);`);
    sim.advance(5);
    expect(sim.output()).toEqual(['after', 'Uncaught Error: Unhandled promise rejection: Error: x']);
  });

  it('has no finally, race, allSettled or any (Espruino 2v29 lacks them)', async () => {
    const sim = await simulate(`
      const P = Promise as any;
      print([typeof P.prototype.finally, typeof P.race, typeof P.allSettled, typeof P.any, typeof P.all].join());
    `);
    expect(sim.output()).toEqual(['undefined,undefined,undefined,undefined,function']);
  });

  it('Promise.all keeps order and takes plain values', async () => {
    const sim = await simulate(`Promise.all([1, Promise.resolve(2), new Promise((r) => setTimeout(() => r(3), 5))]).then((a) => print(JSON.stringify(a)));`);
    sim.advance(10);
    expect(sim.output()).toEqual(['[1,2,3]']);
  });

  it('emit() queues listeners as events (after the code that emits)', async () => {
    const sim = await simulate(`
      const o: any = {};
      o.on('x', (a: number) => print('got x ' + a));
      o.emit('x', 3);
      print('after emit');
    `);
    expect(sim.output()).toEqual(['after emit', 'got x 3']);
  });
});
