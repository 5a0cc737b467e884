/**
 * Smoke test of the soak (`npm run soak`, bench/soak-sim.ts, 7 virtual days per example):
 * one example for one virtual day, memory estimate flat after the first hour, no errors.
 * The week-long run of every example stays out of npm test (it takes minutes).
 */
import { expect, it } from 'vitest';
import { exampleNames, soakExample, tolerance } from '../../bench/soak-sim.js';

it('finds every example with a diagram', () => {
  expect(exampleNames()).toContain('sensor-logger');
});

it('sensor-logger runs a virtual day with its memory flat and no errors', async () => {
  const r = await soakExample('sensor-logger', 1);
  expect(r.errors).toEqual([]);
  expect(r.days).toBe(1);
  expect(r.growth).toBeLessThanOrEqual(tolerance(r.first));
}, 60_000);
