/**
 * Coop's public API, as firmware imports it: `import { spawn, sleep } from 'coop'`.
 */
export { spawn, run, type Task, type SpawnOptions } from './task.js';
export { sleep, sleepUntil, now, yieldNow, Ticker } from './time.js';
export { withTimeout, withDeadline } from './timeout.js';
export { select, race, type Selected } from './select.js';
export { join, all } from './join.js';
export { Channel } from './channel.js';
export { Signal } from './signal.js';
export { Event } from './event.js';
export { Mutex } from './mutex.js';
export { Semaphore } from './semaphore.js';
export { Cancelled, TimeoutError, isCancelled } from './errors.js';
export { watchdog, type WatchdogOptions } from './watchdog.js';
export { tasks, printTasks, type TaskInfo } from './debug.js';
export type { Future } from './future.js';
