/** What every task is doing, for the console and for tests. */
import { Frame } from './runtime/state-machine.js';
import type { Coroutine } from './executor.js';
import { root } from './task.js';

export interface TaskInfo {
  name: string;
  /** 'ready', 'sleeping', 'waiting', 'joining' (body done, children running) */
  state: string;
  /** What it waits on, when waiting: 'task blink', 'async function', 'Channel', 'Promise', … */
  on?: string;
  /** Seconds since it was spawned. */
  age: number;
  /** Nesting depth: 0 for top-level tasks. */
  depth: number;
}

const describe = function (c: Coroutine): { state: string; on?: string } {
  if (c.st === 4) return { state: 'joining' };
  if (c.st !== 1) return { state: 'ready' };
  // Follow the chain of awaited async functions down to what really blocks.
  let r = c.r;
  while (r instanceof Frame && (r as Coroutine).nm === undefined && (r as Coroutine).st === 1) r = (r as Coroutine).r;
  if (typeof r === 'number') return { state: 'sleeping', on: 'until ' + r + ' ms' };
  if (r instanceof Frame) return { state: 'waiting', on: (r as Coroutine).nm !== undefined ? 'task ' + (r as Coroutine).nm : 'async function' };
  return { state: 'waiting', on: r && r._n ? r._n : r && typeof r.then === 'function' && !r._p ? 'Promise' : 'something' };
};

/** Every live task, parents before children. */
export const tasks = function (): TaskInfo[] {
  const out: TaskInfo[] = [];
  const t = Math.floor(getTime());
  const walk = function (list: Coroutine[], depth: number) {
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      const d = describe(c);
      const info: TaskInfo = { name: c.nm!, state: d.state, age: t - (c.a || 0), depth: depth };
      if (d.on !== undefined) info.on = d.on;
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
    console.log(pad + x.name + ': ' + x.state + (x.on ? ' (' + x.on + ')' : '') + ', ' + x.age + ' s');
  }
};
