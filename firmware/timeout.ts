/** Deadlines: give up on something when time runs out. */
import { TimeoutError } from './errors.js';
import { select } from './select.js';
import { sleep, sleepUntil } from './time.js';

/** `fut`'s result, or TimeoutError after `ms`; `fut` is cancelled when time runs out. */
export const withTimeout = async function <T>(ms: number, fut: PromiseLike<T>): Promise<T> {
  const r = await select<any>(fut, sleep(ms));
  if (r.index === 1) throw new TimeoutError('timed out after ' + ms + ' ms');
  return r.value;
};

/** `fut`'s result, or TimeoutError when `now()` reaches `t`. */
export const withDeadline = async function <T>(t: number, fut: PromiseLike<T>): Promise<T> {
  const r = await select<any>(fut, sleepUntil(t));
  if (r.index === 1) throw new TimeoutError('deadline ' + t + ' ms passed');
  return r.value;
};
