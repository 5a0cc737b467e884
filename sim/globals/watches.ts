import type { BoardServices } from '../host.js';
import { EspruinoIds } from '../espruino-ids.js';
import type { PinState } from '../pins.js';
import { IO, TIMER, type ClockEntry } from '../virtual-clock.js';

/** What setWatch uses of the board: pins, the clock and calls into the realm. */
export type WatchesHost = Pick<BoardServices, 'board' | 'call' | 'callCode' | 'clock' | 'describe' | 'pinArg' | 'pinObject' | 'pins' | 'raise' | 'realm' | 'toRealm' | 'typeName'>;

/** A setWatch as Espruino keeps it (src/jswrap_io.c, src/jsinteractive.c). */
export interface Watch {
  pin: PinState;
  fn: Function | string;
  repeat: boolean;
  /** 1 rising, -1 falling, 0 both. */
  edge: -1 | 0 | 1;
  /** Debounce in µs; 0 for none. */
  debounce: number;
  data: PinState | null;
  /** Last level the watch accepted. */
  state: 0 | 1;
  /** Seconds of the last accepted change, undefined before the first. */
  lastTime: number | undefined;
  /** Pending debounce timeout. */
  timeout: { entry: ClockEntry; state: 0 | 1 } | null;
}

/**
 * setWatch and clearWatch. A pin edge is a hardware event: it is queued at
 * the instant it happens and handled before the timers due then, as in
 * Espruino's idle loop. Debounce follows jsinteractive.c exactly: an edge
 * (re)starts a timeout of `debounce` ms; when it fires and the level differs
 * from the last accepted one, the callback gets `time` = the last edge's time.
 */
export class Watches {
  readonly ids = new EspruinoIds<Watch>();

  constructor(private readonly h: WatchesHost) {}

  install(): void {
    this.h.realm.define('setWatch', (fn: unknown, pin: unknown, options?: unknown) => this.set(fn, pin, options));
    this.h.realm.define('clearWatch', (...ids: unknown[]) => this.clear(ids));
  }

  /** Number of active watches on `pin` (or on all pins). */
  count(pin?: string): number {
    let n = 0;
    for (const w of this.ids.values()) if (pin === undefined || w.pin.name === pin) n++;
    return n;
  }

  private set(fn: unknown, pinValue: unknown, options: unknown): number {
    const h: WatchesHost = this.h;
    const pin = h.pinArg(pinValue, 'setWatch');
    h.pins.require(pin, 'watch', 'setWatch', 'pin watch (setWatch)');
    const isButton = Object.values(h.board.buttons).includes(pin.name);
    let repeat = false;
    let debounceMs = isButton ? 25 : 0;
    let edge: -1 | 0 | 1 = isButton ? 1 : 0;
    let data: PinState | null = null;
    if (options !== null && typeof options === 'object') {
      const o = options as Record<string, unknown>;
      if (o.repeat !== undefined) repeat = !!o.repeat;
      if (o.debounce !== undefined) {
        debounceMs = Number(o.debounce);
        if (Number.isNaN(debounceMs) || debounceMs < 0) debounceMs = 0;
      }
      if (o.edge !== undefined) {
        const e = o.edge;
        if (typeof e === 'number' || typeof e === 'boolean') edge = Number(e) > 0 ? 1 : Number(e) < 0 ? -1 : 0;
        else if (e === 'rising') edge = 1;
        else if (e === 'falling') edge = -1;
        else if (e === 'both') edge = 0;
        else h.raise('TypeError', `setWatch: 'edge' in setWatch should be 1, -1, 0, 'rising', 'falling' or 'both' (got ${h.describe(e)})`);
      }
      if (o.data !== undefined) data = h.pinArg(o.data, 'setWatch (data)');
      if (o.irq) h.raise('Error', 'setWatch: irq=true set, but function is not a native function');
    } else if (options !== undefined) {
      repeat = !!options;
    }
    if (typeof fn !== 'function' && typeof fn !== 'string') h.raise('Error', `setWatch: Function or String not supplied! (got ${h.typeName(fn)})`);
    // "if you didn't call pinMode beforehand then this function will reset pin's state to input"
    h.pins.autoMode(pin, 'input');
    const watch: Watch = {
      pin, fn, repeat, edge, debounce: Math.round(debounceMs * 1000), data,
      state: pin.level, lastTime: undefined, timeout: null,
    };
    pin.watches++;
    return this.ids.add(watch);
  }

  private clear(ids: unknown[]): void {
    const h: WatchesHost = this.h;
    if (ids.length === 0) {
      for (const w of this.ids.values()) w.pin.watches--;
      this.ids.clear();
      return;
    }
    const id = ids[0];
    if (id === undefined) h.raise('Error', 'clearWatch(undefined) not allowed. Use clearWatch() instead');
    const watch = typeof id === 'number' ? this.ids.get(id) : undefined;
    if (!watch) h.raise('Error', `clearWatch: Unknown Watch ${h.describe(id)}`);
    this.remove(id as number, watch);
  }

  private remove(id: number, watch: Watch): void {
    if (this.ids.get(id) !== watch) return;
    this.ids.delete(id);
    watch.pin.watches--;
    // Espruino leaves a pending debounce timeout in place (clearWatch does not touch timers).
  }

  /** The pin's level changed: queue the hardware event (called by the pin bank). */
  edge(pin: PinState): void {
    const h: WatchesHost = this.h;
    const level = pin.level;
    const us = h.clock.us;
    // A `data` pin is sampled at the edge, as the hardware does.
    let data: Map<Watch, 0 | 1> | null = null;
    for (const w of this.ids.values()) if (w.pin === pin && w.data) (data ??= new Map()).set(w, w.data.level);
    h.clock.at(us, IO, () => this.dispatch(pin, level, us, data));
  }

  private dispatch(pin: PinState, level: 0 | 1, us: number, data: Map<Watch, 0 | 1> | null): void {
    const h: WatchesHost = this.h;
    for (const [id, w] of [...this.ids.entries()]) {
      if (w.pin !== pin || this.ids.get(id) !== w) continue;
      if (w.debounce <= 0) {
        w.state = level;
        const time = us / 1e6;
        if (this.shouldExecute(w, level)) {
          const e: Record<string, unknown> = { state: !!level, lastTime: w.lastTime, time, pin: h.pinObject(pin) };
          if (w.data) e.data = !!(data?.get(w) ?? w.data.level);
          if (!w.repeat) this.remove(id, w);
          this.run(w, e);
        }
        w.lastTime = time;
      } else if (w.timeout) {
        // A bounce: restart the debounce timeout from this edge.
        h.clock.cancel(w.timeout.entry);
        const t = w.timeout;
        t.state = level;
        t.entry = h.clock.at(us + w.debounce, TIMER, () => this.debounced(id, w, t, us + w.debounce));
      } else if (level !== w.state) {
        const t = { state: level } as { entry: ClockEntry; state: 0 | 1 };
        t.entry = h.clock.at(us + w.debounce, TIMER, () => this.debounced(id, w, t, us + w.debounce));
        w.timeout = t;
      }
    }
  }

  private debounced(id: number, w: Watch, t: { state: 0 | 1 }, firedAt: number): void {
    w.timeout = null;
    const was = w.state;
    w.state = t.state;
    if (was === t.state) return;
    const time = (firedAt - w.debounce) / 1e6;
    if (this.shouldExecute(w, t.state)) {
      const e = { state: !!t.state, lastTime: w.lastTime, time, pin: this.h.pinObject(w.pin) };
      w.lastTime = time;
      if (!w.repeat) this.remove(id, w);
      this.run(w, e);
      return;
    }
    w.lastTime = time;
  }

  private shouldExecute(w: Watch, level: 0 | 1): boolean {
    return w.edge === 0 || (w.edge === 1 ? level === 1 : level === 0);
  }

  private run(w: Watch, e: Record<string, unknown>): void {
    if (e.lastTime === undefined) delete e.lastTime;
    const fn = w.fn;
    if (typeof fn === 'string') this.h.callCode(fn);
    else this.h.call(fn, undefined, [this.h.toRealm(e)]);
  }

  /** A board reset: every watch goes, with its pending debounce. */
  reset(): void {
    for (const w of this.ids.values()) {
      w.pin.watches--;
      if (w.timeout) this.h.clock.cancel(w.timeout.entry);
    }
    this.ids.clear();
  }
}
