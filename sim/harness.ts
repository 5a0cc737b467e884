import type { BoardDefinition } from '../boards/board-definition.js';
import { findBoard } from '../boards/index.js';
import { formatConsoleArgs } from './console-format.js';
import { createEspruinoRealm, type EspruinoRealm } from './espruino-context.js';
import { VirtualClock } from './virtual-clock.js';

/** A pin level change, at virtual time `t` (ms). */
export interface PinEvent {
  t: number;
  pin: string;
  value: 0 | 1;
}

/** A line the firmware printed, at virtual time `t` (ms). */
export interface ConsoleLine {
  t: number;
  text: string;
}

export interface HarnessOptions {
  /** Board id; its pins become globals (D5, LED1, BTN1, …). Default 'puckjs'. */
  board?: string;
  /** Called with each console line as it is printed. */
  onConsole?: (line: ConsoleLine) => void;
}

/**
 * The core of the board simulator: runs a bundle exactly as a board would,
 * with Espruino's timer and pin globals, on a virtual clock.
 */
export class Harness {
  readonly board: BoardDefinition;
  readonly clock = new VirtualClock();
  readonly realm: EspruinoRealm;
  readonly console: ConsoleLine[] = [];
  readonly pinLog: PinEvent[] = [];
  /** Errors that escaped a callback, as Espruino's "Uncaught" lines report them. */
  readonly errors: unknown[] = [];
  private levels = new Map<string, 0 | 1>();
  private aliases = new Map<string, string>();

  constructor(options: HarnessOptions = {}) {
    this.board = findBoard(options.board ?? 'puckjs');
    const onConsole = options.onConsole;
    const print = (...args: unknown[]) => {
      const line = { t: this.clock.now, text: formatConsoleArgs(args) };
      this.console.push(line);
      onConsole?.(line);
    };
    for (const [alias, pin] of Object.entries({ ...this.board.leds, ...this.board.buttons })) this.aliases.set(alias, pin);

    this.realm = createEspruinoRealm({
      console: { log: print },
      print,
      setTimeout: (fn: unknown, ms?: number, ...args: unknown[]) => this.arm('setTimeout', fn, ms, false, args),
      setInterval: (fn: unknown, ms?: number, ...args: unknown[]) => this.arm('setInterval', fn, ms, true, args),
      clearTimeout: (id?: number) => this.disarm('clearTimeout', id),
      clearInterval: (id?: number) => this.disarm('clearInterval', id),
      changeInterval: (id: number, ms: number) => {
        if (!this.clock.change(id, Math.max(ms, 0))) throw new Error(`changeInterval: no interval with id ${id}`);
      },
      getTime: () => this.clock.now / 1000,
      digitalWrite: (pin: unknown, value: unknown) => this.write(this.pinName(pin, 'digitalWrite'), value ? 1 : 0),
      digitalRead: (pin: unknown) => this.read(this.pinName(pin, 'digitalRead')),
      __coopPinWrite: (name: string, v: number) => this.write(name, v ? 1 : 0),
      __coopPinRead: (name: string) => this.read(name),
    });
    // Pins are objects made inside the realm, as Espruino's Pin objects are.
    this.realm.evaluate(PIN_PRELUDE, 'coop-sim-pins.js');
    const makePin = this.realm.evaluate('__coopMakePin', 'coop-sim-pins.js') as (n: string) => unknown;
    for (const name of Object.keys(this.board.pins)) this.defineGlobal(name, makePin(name));
    for (const [alias, pin] of this.aliases) this.defineGlobal(alias, (this.realm.context as any)[pin] ?? makePin(pin));
  }

  /** Load and run a bundle's top level, as uploading it to the board does. */
  load(code: string): void {
    this.realm.enter(() => {
      try {
        this.realm.evaluate(code, 'bundle.js');
      } catch (e) {
        this.uncaught(e);
      }
    });
  }

  /** Advance virtual time by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void {
    this.runUntil(this.clock.now + ms);
  }

  /** Run timers until virtual time `t` (ms). */
  runUntil(t: number): void {
    this.clock.runUntil(t, (timer) => this.realm.enter(() => {
      try {
        timer.fire();
      } catch (e) {
        this.uncaught(e);
      }
    }));
  }

  /** Current level of a pin (or LED/button alias). */
  pin(name: string): 0 | 1 {
    return this.read(this.resolve(name));
  }

  /** Console output so far, one string per line. */
  output(): string[] {
    return this.console.map((l) => l.text);
  }

  private uncaught(e: unknown) {
    this.errors.push(e);
    const err = e as { name?: string; message?: string };
    const text = err && err.message !== undefined ? `Uncaught ${err.name ?? 'Error'}: ${err.message}` : `Uncaught ${formatConsoleArgs([e])}`;
    this.console.push({ t: this.clock.now, text });
  }

  private defineGlobal(name: string, value: unknown) {
    Object.defineProperty(this.realm.context, name, { value, writable: true, configurable: true, enumerable: false });
  }

  private arm(api: string, fn: unknown, ms: number | undefined, repeat: boolean, args: unknown[]): number {
    if (typeof fn !== 'function') throw new TypeError(`${api}: the first argument must be a function, got ${typeof fn}`);
    const delay = ms === undefined ? 0 : Number(ms);
    if (!Number.isFinite(delay)) throw new TypeError(`${api}: the time must be a number of milliseconds, got ${String(ms)}`);
    const call = () => (fn as Function)(...args);
    return this.clock.set(call, delay, repeat ? Math.max(delay, 0.001) : 0);
  }

  private disarm(api: string, id: number | undefined) {
    // Espruino: with no argument, every timer goes. Coop never does this; the checker rejects it.
    if (id === undefined) return this.clock.clearAll();
    if (!this.clock.clear(id)) throw new Error(`${api}: no timer with id ${id}`);
  }

  private pinName(pin: unknown, api: string): string {
    const name = pin && typeof pin === 'object' && typeof (pin as any).__name === 'string' ? (pin as any).__name : undefined;
    if (!name) throw new TypeError(`${api}: expected a pin such as D5 or LED1, got ${formatConsoleArgs([pin])}`);
    return name;
  }

  private resolve(name: string): string {
    const pin = this.aliases.get(name) ?? name;
    if (!(pin in this.board.pins)) {
      throw new Error(`${this.board.name} has no pin ${name}; its pins are ${Object.keys(this.board.pins).join(', ')}`);
    }
    return pin;
  }

  private write(name: string, value: 0 | 1) {
    if (this.levels.get(name) === value) return;
    this.levels.set(name, value);
    this.pinLog.push({ t: this.clock.now, pin: name, value });
  }

  private read(name: string): 0 | 1 {
    return this.levels.get(name) ?? 0;
  }
}

/** Espruino's Pin objects, defined in the realm so they behave like the board's. */
const PIN_PRELUDE = `
var __coopMakePin = (function () {
  var write = __coopPinWrite, read = __coopPinRead;
  function Pin(name) { this.__name = name; }
  Pin.prototype.write = function (v) { write(this.__name, v); };
  Pin.prototype.set = function () { write(this.__name, 1); };
  Pin.prototype.reset = function () { write(this.__name, 0); };
  Pin.prototype.read = function () { return !!read(this.__name); };
  Pin.prototype.toggle = function () { var v = !read(this.__name); write(this.__name, v); return v; };
  Pin.prototype.toString = function () { return this.__name; };
  return function (name) { return new Pin(name); };
})();
delete this.__coopPinWrite; delete this.__coopPinRead;
`;
