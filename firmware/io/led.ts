/**
 * Led: on, off, toggle, and blink patterns that run as a task. Cancelling
 * the blink (or the task that started it), or stop(), puts the LED back as
 * it was before the blink; on(), off() and toggle() stop a blink and win.
 */
import { sleep } from '../time.js';
import { spawn, type Task } from '../task.js';
import { checkPin, type PinLike } from './pin.js';

export interface LedOptions {
  /** The LED lights when the pin is 0 (wired from the supply to the pin). Default false. */
  activeLow?: boolean;
}

export interface BlinkOptions {
  /** How many times to play the pattern. Default: until cancelled. */
  times?: number;
}

export class Led {
  /** @internal */ p: Pin;
  /** @internal Lit now (as this Led last set it). */ v = false;
  /** @internal Active low. */ l?: 1;
  /** @internal The blink task running, and the state to restore when it ends. */ t?: Task<void>;
  /** @internal */ b?: boolean;

  constructor(pin: PinLike, options?: LedOptions) {
    this.p = checkPin(pin, 'o', 'new Led');
    if (options !== undefined && options.activeLow) this.l = 1;
  }

  /** Is it lit (as this Led last set it)? */
  get isOn(): boolean {
    return this.v;
  }

  /** Is a blink running? */
  get isBlinking(): boolean {
    return this.t !== undefined && !this.t.done;
  }

  on(): void {
    this.set(true);
  }
  off(): void {
    this.set(false);
  }
  /** Flip it; returns the new state. */
  toggle(): boolean {
    this.set(!this.v);
    return this.v;
  }
  /** Light it or not. Stops a blink. */
  set(on: boolean): void {
    this.stop();
    this._w(on);
  }

  /**
   * Play `pattern` as a task: ms on, ms off, ms on, … (one number n means
   * [n, n]), `times` times or until cancelled. The task is a child of the
   * task that calls blink. When it ends or is cancelled, the LED goes back
   * to how it was before; a new blink, on(), off() or toggle() replaces it.
   */
  blink(pattern: number | number[], options?: BlinkOptions): Task<void> {
    const pat = typeof pattern === 'number' ? [pattern, pattern] : pattern;
    for (let i = 0; i < pat.length; i++) {
      if (typeof pat[i] !== 'number' || !(pat[i] > 0)) {
        throw new TypeError('Led(' + this.p + ').blink: each time in the pattern must be a number of ms > 0, got ' + pat[i]);
      }
    }
    if (pat.length === 0) throw new TypeError('Led(' + this.p + ').blink: the pattern is empty');
    const times = options !== undefined && options.times !== undefined ? options.times : -1;
    if (times !== -1 && !(times >= 0 && times === Math.floor(times))) {
      throw new TypeError('Led(' + this.p + ').blink: times must be a whole number >= 0, got ' + times);
    }
    const self = this;
    this.stop();
    this.b = this.v;
    const t: Task<void> = spawn(async function () {
      try {
        for (let n = 0; n !== times; n++) {
          for (let i = 0; i < pat.length; i++) {
            // Replaced (on(), off(), another blink) but woken before the cancel reached it: stop quietly.
            if (self.t !== t) return;
            self._w(i % 2 === 0);
            await sleep(pat[i]);
          }
        }
      } finally {
        // Not replaced meanwhile: put the LED back.
        if (self.t === t) {
          delete self.t;
          self._w(self.b!);
          delete self.b;
        }
      }
    }, { name: 'blink ' + this.p });
    this.t = t;
    return t;
  }

  /**
   * Stop a blink and put the LED back as it was before it. (Here, not only
   * in the blink's finally: a blink cancelled before it ever ran has none.)
   */
  stop(): void {
    const t = this.t;
    if (t === undefined) return;
    delete this.t;
    this._w(this.b!);
    delete this.b;
    t.cancel();
  }

  /** @internal Drive the pin. */
  _w(on: boolean) {
    this.v = on;
    digitalWrite(this.p, on !== (this.l === 1));
  }
}
