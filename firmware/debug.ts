/**
 * What every task is doing, for the console and for tests: its state, what it
 * waits on, its age and its run time.
 *
 * Run time is what only this module pays for. Once it is in the bundle, the
 * executor's hog check hears of every step that took any time (executor.ts
 * hearEveryStep), and the hook below adds the step's getTime() delta to its
 * task's `rt` before passing steps over HOG_MS on to the hog report:
 *
 *   without debug.ts:  if (t1 - t0 > .1 && hooks.hog) hooks.hog(task(), 1e3 * (t1 - t0))   (as before: the same bytes)
 *   with it:           hogLimit 0, hooks.hog = count run time, then report a hog over 100 ms
 *
 * So a bundle that never lists tasks is unchanged (no field, no call per
 * step); one that does pays a call per step and 2 JsVars per task that has
 * run (`rt`, a float). In the simulator a step takes board time only with
 * `cpuTime` on (createSim({ cpuTime: true }), coop sim --cpu-time): there the
 * deltas are the cost model's, and without it every step takes 0 ms.
 */
import { Frame } from './runtime/state-machine.js';
import { State } from './runtime/states.js';
import { HOG_MS, hearEveryStep, hooks, type Coroutine } from './executor.js';
import { recordSpawnTimes, root } from './task.js';

// Ages need spawn times: tasks record them once this module is in the bundle.
recordSpawnTimes();

// Run time: every step's time goes to its task; only steps over HOG_MS reach the hog report.
hearEveryStep();
const reportHog = hooks.hog;
hooks.hog = function (t: Coroutine | undefined, ms: number) {
  if (t !== undefined) t.rt = (t.rt || 0) + ms;
  if (ms > HOG_MS && reportHog) reportHog(t, ms);
};

export interface TaskInfo {
  name: string;
  /** 'ready', 'sleeping', 'waiting', 'joining' (body done, children running) */
  state: string;
  /** What it waits on: 'until 5000 ms', 'task blink', 'Channel recv', 'Promise', …
   * (not called `on`: every Espruino object has an `on` method). */
  waitingOn?: string;
  /** Seconds since it was spawned. */
  age: number;
  /** Nesting depth: 0 for top-level tasks. */
  depth: number;
  /** Run time so far, ms: the time its steps (its code between awaits) took, by getTime(). */
  runMs: number;
}

const describe = function (c: Coroutine): { state: string; waitingOn?: string } {
  if (c.st === State.Joining) return { state: 'joining' };
  // Parked: State.Parked, or asleep on the timer with no `st` and its deadline in `r` (executor.ts, Coroutine.st).
  if (c.st !== State.Parked && typeof c.r !== 'number') return { state: 'ready' };
  // Follow the chain of awaited async functions down to what really blocks.
  let r = c.r;
  while (r instanceof Frame && (r as Coroutine).name === undefined && ((r as Coroutine).st === State.Parked || typeof (r as Coroutine).r === 'number')) r = (r as Coroutine).r;
  if (typeof r === 'number') return { state: 'sleeping', waitingOn: 'until ' + r + ' ms' };
  if (r instanceof Frame) return { state: 'waiting', waitingOn: (r as Coroutine).name !== undefined ? 'task ' + (r as Coroutine).name : 'async function' };
  return { state: 'waiting', waitingOn: r && r._n ? r._n : r && typeof r.then === 'function' && !r._p ? 'Promise' : 'something' };
};

/** Every live task, parents before children. */
export const tasks = function (): TaskInfo[] {
  const out: TaskInfo[] = [];
  const t = Math.floor(getTime());
  const walk = function (list: Coroutine[], depth: number) {
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      const d = describe(c);
      const info: TaskInfo = { name: c.name!, state: d.state, age: t - (c.a || 0), depth: depth, runMs: Math.round(c.rt || 0) };
      if (d.waitingOn !== undefined) info.waitingOn = d.waitingOn;
      out.push(info);
      if (c.k) walk(c.k, depth + 1);
    }
  };
  walk(root.k, 0);
  return out;
};

/** Print the task list, one line each, indented by nesting: `blink: sleeping (until 5000 ms), 12 s, ran 3 ms`. */
export const printTasks = function () {
  const list = tasks();
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    let pad = '';
    for (let j = 0; j < x.depth; j++) pad += '  ';
    console.log(pad + x.name + ': ' + x.state + (x.waitingOn ? ' (' + x.waitingOn + ')' : '') + ', ' + x.age + ' s, ran ' + x.runMs + ' ms');
  }
};
