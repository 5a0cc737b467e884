import type { BoardDefinition } from '../boards/board-definition.js';
import { findBoard } from '../boards/index.js';
import { chipFacts, type ChipFacts } from './chip.js';
import { describeValue, espruinoFunctionString, formatConsoleArgs } from './console-format.js';
import { ConsoleOutput, type ConsoleLine } from './console-output.js';
import { createEspruinoRealm, type EspruinoRealm, type RealmHost } from './espruino-context.js';
import { FlashStorage } from './flash-storage.js';
import { EspruinoE } from './globals/espruino-e.js';
import { I2cBuses, type I2cDevice } from './globals/i2c.js';
import { PinIo } from './globals/io.js';
import { processObject } from './globals/process.js';
import { requireFunction } from './globals/require.js';
import { SerialPorts, type UartEndpoint } from './globals/serial.js';
import { Timers } from './globals/timers.js';
import { installUnsupported } from './globals/unsupported.js';
import { Watches } from './globals/watches.js';
import { BleAir } from './ble/nrf.js';
import { CpuMeter, DEFAULT_HOST_LIMIT_MS, DEFAULT_RUNAWAY_US, OUTSIDE_TASKS, Runaway } from './cost-model.js';
import { CHARGE, instrument, STEP, stripCounters, type Instrumented } from './instrument.js';
import { keepScopes, stripKeepScopes } from './keep-scopes.js';
import { MemoryEstimator } from './memory-estimate.js';
import { Network } from './net/network.js';
import { PinBank, type PinState } from './pins.js';
import { VirtualClock } from './virtual-clock.js';
import type { AnalogEvent, BoardServices, I2cLogEntry, PinEvent, SerialLogEntry, SimNote } from './host.js';

export type { ConsoleLine } from './console-output.js';
export type { AnalogEvent, PinEvent, SimNote } from './host.js';

export interface HarnessOptions {
  /** Board id; its pins become globals (D5, LED1, BTN1, …). Default 'puckjs'. */
  board?: string;
  /** Called with each console line as it is printed. */
  onConsole?: (line: ConsoleLine) => void;
  /** Called with each simulator warning (bytes lost, no I2C device, …). */
  onWarning?: (note: SimNote) => void;
  /** Seed of Math.random and E.hwRand (default 1): the same seed, the same run. */
  seed?: number;
  /** What a watchdog timeout does: reset the board and run the code again (default), or halt it. */
  watchdog?: 'reset' | 'halt';
  /** Sample the memory estimate as the firmware runs: keep its peak, and stop with "Out of Memory" past the board's JsVars (coop sim turns it on; a sample walks everything: ~10-60 ms of host time each virtual second). */
  trackMemory?: boolean;
  /** Count function code as uploaded to RAM (default) or run from flash, in process.memory(). */
  codeInRam?: boolean;
  /**
   * Board time for code: true moves the virtual clock while code runs, priced
   * per board CPU (cost-model.ts), so the hog detector and the watchdog fire
   * and sleeps are late as on the board. False (default): code is still
   * counted (CPU busy, run time per task, runaway limits) but takes no
   * virtual time, so timings stay exact (what scenarios and tests expect).
   */
  cpuTime?: boolean;
  /** Board time (ms) one callback may run before it is stopped as a runaway, when no watchdog is enabled. Default 10000. */
  runawayMs?: number;
  /** Host time (ms) one callback may run before it is stopped as a runaway. Default 20000. */
  hostLimitMs?: number;
  /** Where a bundle offset is in the source ('src/app.ts:12'), for runaway reports; see coop sim. */
  locate?: (offset: number) => string | undefined;
}

/** Calls to getTime() in one instant that mean a busy-wait loop (virtual time never moves inside code). */
const BUSY_WAIT_CALLS = 5_000_000;

/**
 * A simulated Espruino board: runs a bundle exactly as a board would, with
 * Espruino's globals on a virtual clock. Hardware outside the board (parts)
 * attaches through `pins`, `uarts` and `i2cDevices`; see simulation.ts.
 */
export class Harness implements BoardServices {
  readonly board: BoardDefinition;
  readonly chip: ChipFacts;
  readonly clock = new VirtualClock();
  readonly pins: PinBank;
  readonly storage: FlashStorage;
  readonly consoleOut: ConsoleOutput;
  readonly pinLog: PinEvent[] = [];
  readonly analogLog: AnalogEvent[] = [];
  readonly serialLog: SerialLogEntry[] = [];
  readonly i2cLog: I2cLogEntry[] = [];
  /** Errors that escaped a callback, as Espruino's "Uncaught" lines report them. */
  readonly errors: unknown[] = [];
  readonly warnings: SimNote[] = [];
  /** Resets, watchdogs and what parts did, for the timeline. */
  readonly notes: SimNote[] = [];
  /** UART devices wired to the board (parts). */
  readonly uarts: UartEndpoint[] = [];
  /** I2C devices wired to the board (parts). */
  readonly i2cDevices: I2cDevice[] = [];
  /** Access points, servers and the board's connections (sim/net); outlives resets like the parts. */
  readonly net: Network = new Network(this);
  /** What E.getTemperature() returns (°C). */
  dieTemperature: number;
  /** Bluetooth LE around the board: phones, devices, what went over the air (nRF52 boards; sim/ble/nrf.ts). */
  readonly ble: BleAir = new BleAir(this);
  /** True after a watchdog timeout with `watchdog: 'halt'`, or a runaway: no more code runs. */
  halted = false;
  /** Board time the firmware's code takes, per task (cost-model.ts). */
  readonly cpu: CpuMeter;
  /** Why the simulator stopped the firmware (a runaway), with its task and source line; null while it runs. */
  stoppedBy: string | null = null;

  realm!: EspruinoRealm;
  timers!: Timers;
  watches!: Watches;
  io!: PinIo;
  serial!: SerialPorts;
  e!: EspruinoE;
  memory!: MemoryEstimator;

  private code: string | null = null;
  /** The task whose step ran last (named in an Out of Memory stop). */
  private lastTask: string | null = null;
  private instrumented: Instrumented | null = null;
  private pinProto: object | null = null;
  private timeOffset = 0;
  private getTimeCalls = 0;
  private rng: number;
  private pendingReset: string | null = null;
  private readonly endPass = () => this.afterPass();

  constructor(readonly options: HarnessOptions = {}) {
    this.board = findBoard(options.board ?? 'puckjs');
    this.chip = chipFacts(this.board);
    this.dieTemperature = this.chip.dieTemperature;
    this.rng = (options.seed ?? 1) >>> 0 || 1;
    this.storage = new FlashStorage(this.board.flashBytes);
    this.cpu = new CpuMeter(this.board, { clock: this.clock, watchdog: () => this.e?.watchdog ?? null }, {
      boardUs: options.runawayMs !== undefined ? options.runawayMs * 1000 : DEFAULT_RUNAWAY_US,
      hostMs: options.hostLimitMs ?? DEFAULT_HOST_LIMIT_MS,
      charge: options.cpuTime ?? false,
    });
    this.consoleOut = new ConsoleOutput(() => this.clock.now, options.onConsole);
    this.pins = new PinBank(this.board, (kind, message) => this.raise(kind, message));
    this.pins.onLevel = (pin) => {
      this.pinLog.push({ t: this.clock.now, pin: pin.name, value: pin.level });
      if (pin.watches > 0) this.watches.edge(pin);
    };
    this.pins.onAnalog = (pin) => {
      const volts = pin.drive?.kind === 'volts' ? pin.drive.volts : null;
      if (pin.duty !== null || this.lastDuty.get(pin.name) !== undefined) {
        if (this.lastDuty.get(pin.name) !== pin.duty) {
          this.lastDuty.set(pin.name, pin.duty);
          this.analogLog.push({ t: this.clock.now, pin: pin.name, kind: 'duty', value: pin.duty });
        }
      }
      if (volts !== null || this.lastVolts.get(pin.name) !== undefined) {
        if (this.lastVolts.get(pin.name) !== volts) {
          this.lastVolts.set(pin.name, volts);
          this.analogLog.push({ t: this.clock.now, pin: pin.name, kind: 'volts', value: volts });
        }
      }
    };
    this.boot();
  }

  private lastDuty = new Map<string, number | null>();
  private lastVolts = new Map<string, number | null>();

  /** The console lines printed so far. */
  get console(): ConsoleLine[] {
    return this.consoleOut.lines;
  }

  /** Console output so far, one string per line. */
  output(): string[] {
    return this.consoleOut.lines.map((l) => l.text);
  }

  /** Load and run a bundle's top level, as uploading it to the board does. */
  load(code: string): void {
    if (this.code !== code || this.instrumented === null) {
      this.code = code;
      this.instrumented = instrument(code);
    }
    if (this.halted) return;
    this.cpu.load(this.instrumented.sites);
    const outer = this.cpu.enter();
    try {
      const run = keepScopes(this.instrumented.code);
      this.memory.noteCode(code, run);
      this.realm.evaluate(run, 'bundle.js');
    } catch (e) {
      this.uncaught(e);
    } finally {
      this.leave(outer);
    }
    this.afterPass();
  }

  /** Advance virtual time by `ms`, running everything that falls due, in order. */
  advance(ms: number): void {
    this.runUntil(this.clock.now + ms);
  }

  /** Run until virtual time `t` (ms). */
  runUntil(t: number): void {
    this.clock.runUntil(Math.round(t * 1000), this.endPass);
  }

  /** Run until virtual time `us` (µs). */
  runUntilUs(us: number): void {
    this.clock.runUntil(us, this.endPass);
  }

  /** Current level of a pin (or LED/button alias). */
  pin(name: string): 0 | 1 {
    return this.pins.byName(name, 'pin').level;
  }

  /** Reset the board now, as the reset button does: RAM is cleared, Storage and parts stay, no code runs. */
  reset(): void {
    this.timers.reset();
    this.watches.reset();
    this.io.reset();
    this.serial.reset();
    this.e.reset();
    this.ble.reset();
    this.net.reset();
    this.realm.api.events.length = 0;
    this.pendingReset = null;
    this.halted = false;
    this.boot();
    this.note('board reset');
  }

  /** Reset and run the saved code again, as a board with saved code does after a reset. */
  reboot(): void {
    this.reset();
    if (this.code !== null) this.load(this.code);
  }

  // ---- services for the globals and parts ---------------------------------

  /** Throw an error of the realm (so `instanceof Error` works in firmware). */
  raise(kind: 'Error' | 'TypeError' | 'InternalError', message: string): never {
    const api = this.realm.api;
    const C = kind === 'TypeError' ? api.TypeError : kind === 'InternalError' ? api.InternalError : api.Error;
    throw new C(message);
  }

  /** Fail loudly for something Espruino has that the simulator does not emulate. */
  unsupported(name: string): never {
    this.raise('Error', `${name} is part of Espruino on ${this.board.name}, but the Coop simulator does not emulate it (see docs/simulator.md)`);
  }

  warn(text: string): void {
    const note = { t: this.clock.now, text };
    this.warnings.push(note);
    this.options.onWarning?.(note);
  }

  note(text: string): void {
    this.notes.push({ t: this.clock.now, text });
  }

  /** Call into the realm; an exception is reported as Espruino's "Uncaught" line. */
  call(fn: Function, self: unknown, args: unknown[]): void {
    if (this.halted) return;
    const outer = this.cpu.enter();
    try {
      fn.apply(self, args);
    } catch (e) {
      this.uncaught(e);
    } finally {
      this.leave(outer);
    }
  }

  /** Run code given as a string (setTimeout("code", …)). */
  callCode(code: string): void {
    if (this.halted) return;
    const outer = this.cpu.enter();
    try {
      this.realm.evaluate(code, 'callback.js');
    } catch (e) {
      this.uncaught(e);
    } finally {
      this.leave(outer);
    }
  }

  /** Call `obj`'s listeners for `event` now; false when it has none. */
  callListeners(obj: object, event: string, args: unknown[]): boolean {
    if (this.halted) return false;
    const outer = this.cpu.enter();
    try {
      return this.realm.api.callListeners(obj, event, args.map((a) => (typeof a === 'object' && a !== null ? this.toRealm(a) : a)));
    } catch (e) {
      this.uncaught(e);
      return true;
    } finally {
      this.leave(outer);
    }
  }

  uncaught(e: unknown): void {
    // A runaway is stopped by the simulator, not thrown by the firmware: leave() reports it.
    if (e instanceof Runaway || this.cpu.stopped !== null) return;
    const proc = this.realm.global.process as object;
    if (proc && (proc as Record<string, unknown>)[this.realm.api.listenerName('uncaughtException')] !== undefined) {
      try {
        this.realm.api.callListeners(proc, 'uncaughtException', [e]);
        return;
      } catch (again) {
        e = again;
      }
    }
    this.errors.push(e);
    this.consoleOut.write(`Uncaught ${this.text(e)}\n`);
  }

  /** String(v) as Espruino's %v prints it, never throwing. */
  text(v: unknown): string {
    if (typeof v === 'string') return v;
    if (this.isPin(v)) return (v as { __name: string }).__name;
    if (v !== null && typeof v === 'object' && 'message' in v && 'name' in v) {
      return `${String((v as Error).name)}: ${String((v as Error).message)}`;
    }
    try {
      return String(v);
    } catch {
      return Object.prototype.toString.call(v);
    }
  }

  /** A value shown in a message: strings quoted, objects as console.log shows them. */
  describe(v: unknown): string {
    if (typeof v === 'string') return JSON.stringify(v);
    if (this.isPin(v)) return (v as { __name: string }).__name;
    return describeValue(v);
  }

  typeName(v: unknown): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'array';
    return typeof v;
  }

  isPin(v: unknown): boolean {
    return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === this.pinProto;
  }

  /** The pin a firmware argument names: a Pin, 'D5', 'LED1', or a pin number. */
  pinArg(v: unknown, api: string): PinState {
    if (this.isPin(v)) return this.pins.states.get((v as { __name: string }).__name)!;
    if (typeof v === 'string') return this.pins.byName(v, api);
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
      const name = this.pins.states.has('D' + v) ? 'D' + v : this.pins.names()[v];
      if (name) return this.pins.states.get(name)!;
      this.raise('Error', `${api}: ${this.board.name} has no pin number ${v}`);
    }
    this.raise('TypeError', `${api}: expected a pin such as ${this.examplePin()}, got ${this.describe(v)}`);
  }

  /** The realm's Pin object for a pin. */
  pinObject(pin: PinState): object {
    return this.realm.api.pins[pin.name];
  }

  /** A new empty object of the realm. */
  newObject(): Record<string, unknown> {
    return new (this.realm.global.Object as ObjectConstructor)() as Record<string, unknown>;
  }

  /** Copy a plain host object or array into the realm (values are kept as they are). */
  toRealm(v: object): unknown {
    if (Array.isArray(v)) return this.toRealmArray(v.map((x) => (isPlain(x) || Array.isArray(x) ? this.toRealm(x) : x)));
    if (!isPlain(v)) return v;
    const o = this.newObject();
    for (const [k, x] of Object.entries(v)) o[k] = typeof x === 'object' && x !== null && (isPlain(x) || Array.isArray(x)) ? this.toRealm(x) : x;
    return o;
  }

  toRealmArray(items: unknown[]): unknown[] {
    const a = new (this.realm.global.Array as ArrayConstructor)();
    for (const x of items) a.push(x);
    return a;
  }

  isBytes(v: unknown): boolean {
    return Array.isArray(v) || v instanceof (this.realm.global.Array as ArrayConstructor) || ArrayBuffer.isView(v) || v instanceof (this.realm.global.ArrayBuffer as ArrayBufferConstructor) || v instanceof ArrayBuffer;
  }

  /** Data to send as bytes (a binary string): strings, numbers, arrays, typed arrays, {data, count}. */
  bytesOf(v: unknown, api: string): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String.fromCharCode(Number(v) & 255);
    if (ArrayBuffer.isView(v)) return String.fromCharCode(...new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    if (v instanceof (this.realm.global.ArrayBuffer as ArrayBufferConstructor) || v instanceof ArrayBuffer) return String.fromCharCode(...new Uint8Array(v as ArrayBuffer));
    if (Array.isArray(v) || v instanceof (this.realm.global.Array as ArrayConstructor)) return (v as unknown[]).map((x) => this.bytesOf(x, api)).join('');
    if (v !== null && typeof v === 'object' && 'data' in v) {
      const o = v as { data: unknown; count?: unknown };
      return this.bytesOf(o.data, api).repeat(o.count === undefined ? 1 : Math.max(0, Number(o.count) | 0));
    }
    this.raise('TypeError', `${api}: cannot send ${this.describe(v)}; give a string, a number, an array of bytes or a Uint8Array`);
  }

  /** Deterministic random numbers (xorshift32, seeded). */
  random(): number {
    let x = this.rng;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.rng = x;
    return x / 0x100000000;
  }

  /** Reset at the end of this instant (E.reboot(), a watchdog), as Espruino does from its idle loop. */
  requestReset(reason: string): void {
    this.pendingReset = reason;
  }

  watchdogFired(reason: string): void {
    this.note(`watchdog: ${reason}`);
    if ((this.options.watchdog ?? 'reset') === 'halt') {
      this.warn(`watchdog: ${reason}; the board is halted`);
      this.halt();
      return;
    }
    this.warn(`watchdog: ${reason}; the board resets and runs its code again`);
    this.requestReset(`watchdog: ${reason}`);
  }

  /** A callback into firmware code has ended: report a runaway it was stopped for. */
  private leave(outer: unknown): void {
    this.cpu.leave(outer);
    if (this.cpu.depthNow === 0) this.memory.callbackEnded();
    if (this.cpu.stopped === null || this.stoppedBy !== null || this.cpu.depthNow > 0) return;
    const cpu = this.cpu;
    const site = cpu.stoppedAt;
    const where = site === null ? '' : ` at ${this.options.locate?.(site.start) ?? `bundle offset ${site.start}`} (${snippet(this.code ?? '', site.start, site.end)})`;
    // Not "never awaited": a task that awaits may still loop without awaiting later.
    const who = `${cpu.stoppedTask !== null ? `task '${cpu.stoppedTask}'` : 'code outside tasks'} did not return to the event loop${cpu.stoppedFor !== '' ? ` for ${cpu.stoppedFor}` : ''}`;
    const busyWait = !(this.options.cpuTime ?? false) && this.getTimeCalls > 1000
      ? `; it called getTime() ${this.getTimeCalls.toLocaleString('en')} times without time passing: a busy-wait loop? Without cpuTime, code takes no virtual time, so wait with setTimeout or await sleep() instead`
      : '';
    const text = `${who}${where}: ${cpu.stopped}${busyWait}`;
    if (cpu.stopKind === 'watchdog') {
      // The watchdog expired while code ran: that code may well await later, it was just running then.
      const running = cpu.stoppedTask !== null ? `task '${cpu.stoppedTask}'` : 'code outside tasks';
      const reason = `${cpu.stopped} while ${running} was running${where}, ${(cpu.stoppedRan / 1e6).toFixed(3)}s since it was called from the event loop`;
      cpu.clearStop();
      this.watchdogFired(reason);
      if (!this.halted) return;
      this.stoppedBy = text;
      return;
    }
    this.stoppedBy = text;
    this.note(`stopped: ${text}`);
    this.warn(`stopped: ${text}; the firmware is halted`);
    this.halt();
  }

  /** The estimate passed the board's JsVars: stop as Espruino does when it cannot allocate ("OUT OF MEMORY", then execution interrupted). */
  private outOfMemory(usage: number): void {
    const task = this.lastTask !== null ? `; task '${this.lastTask}' was running` : '';
    this.consoleOut.write('OUT OF MEMORY\nExecution Interrupted\n');
    const text = `Out of Memory: about ${usage} of ${this.board.name}'s ${this.board.jsVars} JsVars${task}`;
    this.note(text);
    this.warn(`${text}; the firmware is halted`);
    this.halt();
  }

  private halt(): void {
    this.timers.reset();
    this.watches.reset();
    this.io.reset();
    this.e.reset();
    this.halted = true;
  }

  // ---- internals ------------------------------------------------------------

  private afterPass(): void {
    this.getTimeCalls = 0;
    if (!this.halted && this.code !== null && this.options.trackMemory) {
      const over = this.memory.sample(this.clock.now);
      if (over) this.outOfMemory(over.usage);
    }
    if (!this.halted && this.realm.api.hasEvents()) {
      const outer = this.cpu.enter();
      try {
        this.realm.api.runEvents();
      } catch (e) {
        this.uncaught(e);
      } finally {
        this.leave(outer);
      }
    }
    if (this.pendingReset !== null) {
      const reason = this.pendingReset;
      this.pendingReset = null;
      this.note(`reset (${reason})`);
      this.reboot();
    }
  }

  private boot(): void {
    this.pins.resetBoard();
    this.realm = createEspruinoRealm(this.realmHost());
    this.pinProto = (this.realm.api.Pin as { prototype: object }).prototype;
    this.timers = new Timers(this);
    this.watches = new Watches(this);
    this.io = new PinIo(this);
    this.serial = new SerialPorts(this);
    this.e = new EspruinoE(this);
    this.memory = new MemoryEstimator(this, this.options.codeInRam ?? true);
    const r = this.realm;
    this.cpu.clearStop();
    r.define(CHARGE, this.cpu.charge);
    r.define(STEP, (frame: { name?: string; q?: { name?: string } }) => {
      this.lastTask = frame.name ?? frame.q?.name ?? this.lastTask;
      this.cpu.step(frame);
    });
    // Firmware reading a function's text sees it as the board has it, without the counters.
    const fnProto = (r.global.Function as FunctionConstructor).prototype;
    const fnText = fnProto.toString;
    Object.defineProperty(fnProto, 'toString', {
      value: { toString() { return espruinoFunctionString(stripKeepScopes(stripCounters(fnText.call(this)))); } }.toString, writable: true, configurable: true, enumerable: false,
    });
    const print = (...args: unknown[]) => this.consoleOut.write(formatConsoleArgs(args) + '\n');
    const consoleObject = this.newObject();
    for (const m of ['log', 'info', 'warn', 'error', 'debug']) Object.defineProperty(consoleObject, m, { value: print, enumerable: false, writable: true, configurable: true });
    r.define('console', consoleObject);
    r.define('print', print);
    r.define('getTime', () => {
      if (++this.getTimeCalls > BUSY_WAIT_CALLS) {
        this.getTimeCalls = 0;
        this.raise('Error', `getTime() was called ${BUSY_WAIT_CALLS.toLocaleString('en')} times without time passing: a busy-wait loop? Simulated code runs in zero time, so wait with setTimeout or await sleep() instead`);
      }
      return this.clock.us / 1e6 + this.timeOffset;
    });
    r.define('setTime', (t: unknown) => {
      this.timeOffset = Number(t) - this.clock.us / 1e6;
    });
    this.timers.install();
    this.watches.install();
    this.io.install();
    this.serial.install();
    new I2cBuses(this).install();
    r.define('E', this.e.object);
    r.define('process', processObject(this));
    r.define('require', requireFunction(this));
    for (const name of this.pins.names()) r.define(name, r.api.makePin(name));
    for (const [alias, pin] of this.pins.aliases) r.define(alias, r.api.pins[pin]);
    if (this.chip.family === 'nrf52') this.ble.install();
    installUnsupported(this);
    this.memory.snapshotBuiltins();
  }

  private realmHost(): RealmHost {
    return {
      uncaught: (e) => this.uncaught(e),
      describe: (v) => this.describe(v),
      text: (v) => this.text(v),
      typeName: (v) => this.typeName(v),
      listenerAdded: () => {},
      pinFromValue: (v) => this.pinObject(this.pinArg(v, 'Pin')),
      pinRead: (pin, api) => this.io.readOne(this.pinArg(pin, api), api),
      pinWrite: (pin, v, api) => this.io.writeOne(this.pinArg(pin, api), v ? 1 : 0, api),
      pinToggle: (pin) => this.io.toggle(pin),
      pinMode: (pin, mode, api) => this.io.pinMode(pin, mode, false, api),
      getPinMode: (pin) => this.io.getPinMode(pin),
      analogRead: (pin) => this.io.analogRead(pin),
      pinInfo: (pin) => this.io.pinInfo(pin),
      dateNow: () => (this.clock.us / 1e6 + this.timeOffset) * 1000,
      random: () => this.random(),
    };
  }

  private examplePin(): string {
    const led = Object.keys(this.board.leds)[0];
    const first = this.pins.names()[0];
    return led ? `${first} or ${led}` : first;
  }
}

/** The first characters of a site's text, for a message. */
function snippet(code: string, start: number, end: number): string {
  const text = code.slice(start, Math.min(end, start + 60));
  return end - start > 60 ? text + '…' : text;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}
