import { describe, expect, it } from 'vitest';
import { espruinoBin, runOnLinuxEspruino } from '../support/espruino.js';

/**
 * The bundle the build makes runs unchanged on a real Espruino interpreter.
 * Needs ESPRUINO_BIN: the path to a Linux build of Espruino (timers,
 * Promises and process.memory() are real there; GPIO is not).
 */
const bin = espruinoBin;

describe.skipIf(!bin)('on a real Espruino (ESPRUINO_BIN)', () => {
  it('an async task that sleeps in a loop prints on schedule, and memory does not grow over 100 iterations', async () => {
    const lines = await runOnLinuxEspruino(`
      import { spawn, sleep } from 'coop';
      spawn(async () => {
        const t0 = getTime();
        let first = 0;
        for (let i = 1; i <= 100; i++) {
          await sleep(20);
          const used = process.memory().usage;
          if (i === 10) first = used;
          if (i % 25 === 0) print('LINE tick ' + i + ' at ' + Math.round((getTime() - t0) * 1000) + ' ms, vars ' + used);
          if (i === 100) print('LINE growth ' + (used - first));
        }
        print('DONE');
      }, { name: 'ticker' });
    `);
    const ticks = lines.filter((l) => l.startsWith('tick'));
    expect(ticks.map((l) => l.split(' at ')[0])).toEqual(['tick 25', 'tick 50', 'tick 75', 'tick 100']);
    for (const t of ticks) {
      const [, n, ms] = /tick (\d+) at (\d+) ms/.exec(t)!;
      // On schedule: never before 20 ms per iteration. (How late is a benchmark's business, not a test's.)
      expect(Number(ms)).toBeGreaterThanOrEqual(Number(n) * 20 - 1);
    }
    expect(lines.find((l) => l.startsWith('growth'))).toBe('growth 0');
  });

  it('reports a task that runs 300 ms without awaiting, by name, once; the others go on after it', async () => {
    const lines = await runOnLinuxEspruino(`
      import { spawn, sleep } from 'coop';
      spawn(async () => {
        await sleep(10);
        const t = getTime();
        while (getTime() - t < 0.3) {}
      }, { name: 'crunch' });
      spawn(async () => {
        for (let i = 0; i < 3; i++) { await sleep(100); print('LINE tick ' + i); }
        print('DONE');
      }, { name: 'ticker' });
    `, { withReports: true });
    expect(lines[0]).toMatch(/^coop: task 'crunch' ran \d+ ms without awaiting; other tasks were stalled \(add an await in its loop\)$/);
    expect(lines.slice(1)).toEqual(['tick 0', 'tick 1', 'tick 2']);
  });
});

