/** Time. */

/** Wait `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise<void>(function (resolve) { setTimeout(resolve, ms); });
}

/** Start `fn` as a task; its errors are reported with its name. */
export function spawn<T>(fn: () => Promise<T>, options?: { name?: string }): Promise<T> {
  const name = (options && options.name) || 'task';
  const p = fn();
  p.then(undefined, function (e) { console.log('Uncaught in task ' + name + ':', e); });
  return p;
}
