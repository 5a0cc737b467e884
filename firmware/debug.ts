/** What every task is doing, for the console and for tests. */
import { Frame } from './runtime/state-machine.js';
import { State } from './runtime/states.js';
import type { Coroutine } from './executor.js';
import { recordSpawnTimes, root } from './task.js';

// Ages need spawn times: tasks record them once this module is in the bundle.
recordSpawnTimes();

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
}

const describe = function (c: Coroutine): { state: string; waitingOn?: string } {
  if (c.st === State.Joining) return { state: 'joining' };
  if (c.st !== State.Parked) return { state: 'ready' };
  // Follow the chain of awaited async functions down to what really blocks.
  let r = c.r;
  while (r instanceof Frame && (r as Coroutine).name === undefined && (r as Coroutine).st === State.Parked) r = (r as Coroutine).r;
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
      const info: TaskInfo = { name: c.name!, state: d.state, age: t - (c.a || 0), depth: depth };
      if (d.waitingOn !== undefined) info.waitingOn = d.waitingOn;
      out.push(info);
      if (c.k) walk(c.k, depth + 1);
    }
  };
  walk(root.k, 0);
  return out;
};

/** Print the task list, one line each, indented by nesting. */
export const printTasks = function () {
  const list = tasks();
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    let pad = '';
    for (let j = 0; j < x.depth; j++) pad += '  ';
    console.log(pad + x.name + ': ' + x.state + (x.waitingOn ? ' (' + x.waitingOn + ')' : '') + ', ' + x.age + ' s');
  }
};
