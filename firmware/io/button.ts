/**
 * Button: presses, releases, long presses and double presses of a push
 * button, as futures or as a Channel of events.
 *
 * A Button watches its pin (one repeating, debounced setWatch) from the
 * first time anything waits on it until `close()`, or until the last task
 * waiting on it is cancelled with nothing else listening. Between waits it
 * keeps watching, so the timing of a double press is seen whole.
 */
import { enter, now, type Waitable, type Waiter } from '../executor.js';
import type { Channel } from '../channel.js';
import { waitableThen, type Future } from '../future.js';
import { timerAdd, timerRemove } from '../timer-list.js';
import { checkPin, type PinLike } from './pin.js';

export type ButtonEvent = 'press' | 'release' | 'long' | 'double';

export interface ButtonOptions {
  /** The pin reads 0 while pressed (a button to GND with a pull-up). Default false: reads 1 while pressed, as BTN1 on Puck.js. */
  activeLow?: boolean;
  /** Turn on the pin's pull-up or pull-down resistor. Default: leave the pin mode as it is. */
  pull?: 'up' | 'down';
  /** The level must be steady this long to count, in ms. Default 25. */
  debounce?: number;
  /** Held this long is a long press, in ms. Default 1000. */
  longMs?: number;
  /** A press starting within this long of the previous release is a double press, in ms. Default 300. */
  doubleMs?: number;
}

const PRESS = 0;
const RELEASE = 1;
const LONG = 2;
const DOUBLE = 3;
const ANY = 4;
const NAMES: ButtonEvent[] = ['press', 'release', 'long', 'double'];

/** One wait for an event kind. */
interface ButtonWait extends Waitable<any> {
  b: Button;
  k: number;
}

const ButtonWait = function (this: ButtonWait, b: Button, k: number) {
  this.b = b;
  this.k = k;
} as unknown as { new (b: Button, k: number): ButtonWait; prototype: ButtonWait };

ButtonWait.prototype._p = function (this: ButtonWait, w: Waiter) {
  this.b._q(w, this.k);
};
ButtonWait.prototype._u = function (this: ButtonWait, w: Waiter) {
  this.b._unq(w);
};
ButtonWait.prototype.then = waitableThen;
ButtonWait.prototype._n = 'Button';

/** The watch's callback, made here so that its closure holds only the button. */
const watcher = function (b: Button) {
  return function (e: { state: boolean; time: number }) {
    enter(function () { b._edge(e.state, e.time); });
  };
};

export class Button {
  /** @internal */ p: Pin;
  /** @internal */ o?: ButtonOptions;
  /** @internal Watch id while watching. */ id?: number;
  /** @internal Waiters and the kind each waits for: [w, kind, w, kind, …]. */ q: any[] = [];
  /** @internal */ ch?: Channel<ButtonEvent>;
  /** @internal Time (s) of the press in progress. */ dn?: number;
  /** @internal Time (s) of the last release that a second press could make a double. */ up?: number;
  /** @internal The press in progress was already a long or a double press. */ x?: 1;
  /** @internal Long-press deadline (ms) and link, while in the executor's timer list. */ r?: number;
  /** @internal */ n?: Waiter;

  constructor(pin: PinLike, options?: ButtonOptions) {
    const pull = options !== undefined ? options.pull : undefined;
    const p = checkPin(pin, pull === 'up' ? '^' : pull === 'down' ? '_' : 'w', 'new Button');
    if (pull !== undefined) {
      checkPin(p, 'w', 'new Button');
      pinMode(p, pull === 'up' ? 'input_pullup' : 'input_pulldown');
    }
    this.p = p;
    if (options !== undefined) this.o = options;
  }

  /** Next press (the button goes down). */
  press(): Future<void> {
    return new ButtonWait(this, PRESS);
  }
  /** Next release. */
  release(): Future<void> {
    return new ButtonWait(this, RELEASE);
  }
  /** Next long press: resolves while the button is still held, `longMs` after it went down. */
  longPress(): Future<void> {
    return new ButtonWait(this, LONG);
  }
  /** Next double press: resolves as the second press goes down. */
  doublePress(): Future<void> {
    return new ButtonWait(this, DOUBLE);
  }
  /** Next event of any kind. */
  next(): Future<ButtonEvent> {
    return new ButtonWait(this, ANY);
  }

  /**
   * Send every event from now on into `ch` (`btn.events(new Channel(8))`).
   * An event that finds the channel full is lost: a button cannot wait for
   * a slow reader, so give the channel room. `close()` stops it.
   */
  events(ch: Channel<ButtonEvent>): Channel<ButtonEvent> {
    this.ch = ch;
    this._watch();
    return ch;
  }

  /** Is it pressed now? */
  get isPressed(): boolean {
    const v = digitalRead(this.p);
    return this.o !== undefined && this.o.activeLow ? !v : !!v;
  }

  /** Stop watching the pin. Tasks waiting on the button get an Error. */
  close(): void {
    const q = this.q;
    this.q = [];
    delete this.ch;
    this._unwatch();
    for (let i = 0; i < q.length; i += 2) q[i]._k(new Error('Button on ' + this.p + ' was closed'), 1);
  }

  /** @internal A waiter parks for `kind`. */
  _q(w: Waiter, kind: number) {
    this.q.push(w, kind);
    this._watch();
  }

  /** @internal A waiter was cancelled: with nobody left, the watch goes. */
  _unq(w: Waiter) {
    const i = this.q.indexOf(w);
    if (i >= 0) this.q.splice(i, 2);
    if (this.q.length === 0 && this.ch === undefined) this._unwatch();
  }

  /** @internal */
  _watch() {
    if (this.id !== undefined) return;
    const o = this.o;
    this.id = setWatch(watcher(this), this.p, { edge: 'both', repeat: true, debounce: o !== undefined && o.debounce !== undefined ? o.debounce : 25 });
  }

  /** @internal */
  _unwatch() {
    if (this.id === undefined) return;
    clearWatch(this.id);
    delete this.id;
    this._stopLong();
    delete this.dn;
    delete this.up;
    delete this.x;
  }

  /** @internal The debounced level changed at `t` (s). */
  _edge(state: boolean, t: number) {
    const o = this.o;
    const down = o !== undefined && o.activeLow ? !state : state;
    if (down) {
      if (this.dn !== undefined) return;
      this.dn = t;
      this._emit(PRESS);
      const dbl = o !== undefined && o.doubleMs !== undefined ? o.doubleMs : 300;
      if (this.up !== undefined && (t - this.up) * 1000 <= dbl) {
        this.x = 1;
        this._emit(DOUBLE);
      }
      if (this.dn === t) {
        // Still down after the wakes above (close() may have run): time the long press.
        this.r = Math.round(t * 1000) + (o !== undefined && o.longMs !== undefined ? o.longMs : 1000);
        if (this.r <= now()) this.r = now();
        timerAdd(this as any);
      }
    } else {
      if (this.dn === undefined) return;
      delete this.dn;
      this._stopLong();
      if (this.x !== undefined) {
        delete this.x;
        delete this.up;
      } else {
        this.up = t;
      }
      this._emit(RELEASE);
    }
  }

  /** @internal The long-press time ran out (called by the timer list). */
  _k() {
    delete this.r;
    if (this.dn === undefined || this.x !== undefined) return;
    this.x = 1;
    this._emit(LONG);
  }

  /** @internal */
  _stopLong() {
    if (this.r !== undefined) {
      timerRemove(this as any);
      delete this.r;
    }
  }

  /** @internal Wake everyone waiting for `kind`, and tell the channel. */
  _emit(kind: number) {
    const q = this.q;
    for (let i = 0; i < q.length;) {
      if (q[i + 1] === kind || q[i + 1] === ANY) {
        const w: Waiter = q[i];
        q.splice(i, 2);
        w._k(NAMES[kind]);
      } else {
        i += 2;
      }
    }
    if (this.ch !== undefined) this.ch.trySend(NAMES[kind]);
  }
}
