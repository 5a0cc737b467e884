/**
 * The hardware watchdog, fed only while the executor is healthy: a task that
 * hogs the board (never awaits) stops the feeding, and the board resets
 * instead of hanging.
 */
import { HOG_MS, hooks, type Coroutine } from './executor.js';
import { spawn, type Task } from './task.js';
import { sleep } from './time.js';

export interface WatchdogOptions {
  /** Reset the board if not fed for this long, ms. Default 10000. */
  timeout?: number;
}

/**
 * Enable the watchdog and feed it from a task every timeout/3 ms. Feeding
 * stops for good once any task is reported as a hog, so the board resets.
 * Espruino cannot disable a watchdog once enabled; cancelling the returned
 * task stops feeding (and so resets the board), by design.
 */
export const watchdog = function (options?: WatchdogOptions): Task<void> {
  const timeout = (options && options.timeout) || 10000;
  if (!(timeout >= 1000)) throw new Error('watchdog({timeout}): timeout must be at least 1000 ms, got ' + timeout);
  let healthy = true;
  const previous = hooks.hog;
  hooks.hog = function (t: Coroutine | undefined, ms: number) {
    // With debug.ts in the bundle the hook hears of every step (to count run time): only a hog stops the feeding.
    if (ms > HOG_MS) healthy = false;
    if (previous) previous(t, ms);
  };
  E.enableWatchdog(timeout / 1000, false);
  return spawn(async function () {
    while (healthy) {
      E.kickWatchdog();
      await sleep(Math.floor(timeout / 3));
    }
  }, { name: 'watchdog' });
};
