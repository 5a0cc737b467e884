import type { BoardServices } from '../host.js';
import { EspruinoIds } from '../espruino-ids.js';
import { TIMER, type ClockEntry } from '../virtual-clock.js';

/** What setTimeout/setInterval use of the board: the clock and calls into the realm. */
export type TimersHost = Pick<BoardServices, 'call' | 'callCode' | 'clock' | 'describe' | 'raise' | 'realm' | 'typeName'>;

/** A setTimeout/setInterval as Espruino keeps it. */
export interface JsTimer {
  fn: Function | string;
  args: unknown[];
  /** Repeat period in µs; 0 for setTimeout. */
  every: number;
  entry: ClockEntry;
  run: () => void;
}

/** Espruino's minimum timer period: src/jsinteractive.h TIMER_MIN_INTERVAL (0.1 ms). */
const MIN_US = 100;
/** src/jswrap_interactive.c: "Interval is too long (>100 years)". */
const MAX_MS = 100 * 365 * 24 * 3600 * 1000;

/**
 * setTimeout, setInterval, clearTimeout, clearInterval, changeInterval as in
 * src/jswrap_interactive.c: ids from Espruino's timer array, a 0.1 ms
 * minimum, intervals re-armed from their deadline, clearing an unknown id is
 * silently ignored (it is on the board), `clearTimeout(undefined)` throws and
 * `clearTimeout()` clears every timer.
 */
export class Timers {
  readonly ids = new EspruinoIds<JsTimer>();

  constructor(private readonly h: TimersHost) {}

  install(): void {
    const h: TimersHost = this.h;
    h.realm.define('setTimeout', (fn: unknown, ms?: unknown, ...args: unknown[]) => this.set('setTimeout', fn, ms, args, false));
    h.realm.define('setInterval', (fn: unknown, ms?: unknown, ...args: unknown[]) => this.set('setInterval', fn, ms, args, true));
    h.realm.define('clearTimeout', (...ids: unknown[]) => this.clear('Timeout', ids));
    h.realm.define('clearInterval', (...ids: unknown[]) => this.clear('Interval', ids));
    h.realm.define('changeInterval', (id: unknown, ms: unknown) => this.change(id, ms));
  }

  private set(api: string, fn: unknown, ms: unknown, args: unknown[], repeat: boolean): number {
    const h: TimersHost = this.h;
    if (typeof fn !== 'function' && typeof fn !== 'string') h.raise('Error', `${api}: Function or String not supplied! (got ${h.typeName(fn)})`);
    let delay = ms === undefined ? 0 : Number(ms);
    if (Number.isNaN(delay) || delay < 0.1) delay = 0.1;
    if (delay > MAX_MS) h.raise('Error', `${api}: Interval is too long (>100 years): ${String(ms)} ms`);
    const us = Math.max(MIN_US, Math.round(delay * 1000));
    const timer = { fn, args, every: repeat ? us : 0 } as JsTimer;
    const id = this.ids.add(timer);
    timer.run = () => this.fire(id, timer);
    timer.entry = h.clock.at(h.clock.us + us, TIMER, timer.run);
    return id;
  }

  private fire(id: number, timer: JsTimer): void {
    // As in jsiIdle: the timer stays in the array while its callback runs (so ids
    // handed out meanwhile skip it), and an interval is re-armed afterwards, from
    // its deadline, with the period it has then (changeInterval may have changed it).
    const due = timer.entry.due;
    const fn = timer.fn;
    if (typeof fn === 'string') this.h.callCode(fn);
    else this.h.call(fn, undefined, timer.args);
    if (this.ids.get(id) !== timer) return; // cleared meanwhile
    if (timer.every > 0) {
      this.h.clock.cancel(timer.entry);
      timer.entry = this.h.clock.at(due + timer.every, TIMER, timer.run, timer.entry.seq);
    } else {
      this.ids.delete(id);
    }
  }

  private clear(kind: 'Timeout' | 'Interval', ids: unknown[]): void {
    const h: TimersHost = this.h;
    if (ids.length === 0) {
      // Every timer goes, but not watch debounce timeouts (they are not user timers).
      for (const t of this.ids.values()) h.clock.cancel(t.entry);
      this.ids.clear();
      return;
    }
    const id = ids[0];
    if (id === undefined) h.raise('Error', `clear${kind}(undefined) not allowed. Use clear${kind}() instead`);
    const n = typeof id === 'number' ? id : Number(id);
    const timer = this.ids.get(n);
    if (!timer) return; // Espruino ignores an unknown id
    h.clock.cancel(timer.entry);
    this.ids.delete(n);
  }

  private change(id: unknown, ms: unknown): void {
    const h: TimersHost = this.h;
    const timer = typeof id === 'number' ? this.ids.get(id) : undefined;
    if (!timer) h.raise('Error', `changeInterval: Unknown Interval ${h.describe(id)}`);
    let delay = Number(ms);
    if (Number.isNaN(delay) || delay < 0.1) delay = 0.1;
    const us = Math.max(MIN_US, Math.round(delay * 1000));
    timer.every = us;
    h.clock.cancel(timer.entry);
    timer.entry = h.clock.at(h.clock.us + us, TIMER, timer.run, timer.entry.seq);
  }

  /** A board reset: every timer goes. */
  reset(): void {
    for (const t of this.ids.values()) this.h.clock.cancel(t.entry);
    this.ids.clear();
  }
}
