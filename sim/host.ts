/**
 * What the simulated board offers the code that emulates it (Espruino's
 * globals in sim/globals, the network in sim/net, Bluetooth in sim/ble, the
 * memory estimate), stated once, in a file that imports only leaves.
 *
 * Why: each of those files used to take the whole `Harness`:
 *
 *     import type { Harness } from '../harness.js';      // sim/globals/timers.ts
 *     constructor(private readonly h: Harness) {}
 *
 * while harness.ts imports timers.ts to build its Timers: sixteen files in
 * one import cycle, and nothing said what a timer may touch (the brief: no
 * import cycles, narrow interfaces instead of passing the whole Harness).
 * Now each file names what it uses as a Pick of `BoardServices`:
 *
 *     import type { BoardServices } from '../host.js';
 *     export type TimersHost = Pick<BoardServices, 'clock' | 'realm' | 'raise' | 'describe' | 'typeName' | 'call' | 'callCode'>;
 *     constructor(private readonly h: TimersHost) {}
 *
 * and `Harness implements BoardServices`, so the compiler checks that the
 * board provides all of it. Members that are objects the harness builds
 * from those files (its Timers, its Network, its MemoryEstimator) are added
 * by the file that needs them, with its own type; parts say what they use
 * in sim/parts/part.ts.
 */
import type { BoardDefinition } from '../boards/board-definition.js';
import type { ChipFacts } from './chip.js';
import type { ConsoleOutput } from './console-output.js';
import type { EspruinoRealm } from './espruino-context.js';
import type { FlashStorage } from './flash-storage.js';
import type { PinBank, PinState } from './pins.js';
import type { VirtualClock } from './virtual-clock.js';

/** A pin level change, at virtual time `t` (ms). */
export interface PinEvent {
  t: number;
  pin: string;
  value: 0 | 1;
}

/** An analog change on a pin: PWM duty / DAC level (0..1, or null when stopped) or a voltage a part applies. */
export interface AnalogEvent {
  t: number;
  pin: string;
  kind: 'duty' | 'volts';
  value: number | null;
}

/** Something the simulation itself reports: a reset, a watchdog, a part acting. */
export interface SimNote {
  t: number;
  text: string;
}

/** Text over a UART at virtual time `t` (ms): `dir` 'out' from the board, 'in' to it. */
export interface SerialLogEntry {
  t: number;
  port: string;
  dir: 'in' | 'out';
  text: string;
}

/** One I2C transfer at virtual time `t` (ms): the board writing to or reading from `address` on `bus`. */
export interface I2cLogEntry {
  t: number;
  bus: string;
  address: number;
  op: 'write' | 'read';
  bytes: number[];
}

/** The board and its services, as sim/harness.ts provides them to the globals, the network and Bluetooth. */
export interface BoardServices {
  readonly board: BoardDefinition;
  readonly chip: ChipFacts;
  readonly clock: VirtualClock;
  readonly pins: PinBank;
  readonly storage: FlashStorage;
  readonly consoleOut: ConsoleOutput;
  readonly serialLog: SerialLogEntry[];
  readonly i2cLog: I2cLogEntry[];
  /** The firmware's JavaScript realm (rebuilt at each reset). */
  readonly realm: EspruinoRealm;
  /** What E.getTemperature() returns (°C). */
  readonly dieTemperature: number;
  /** Run until virtual time `us` (µs). */
  runUntilUs(us: number): void;
  /** Throw an error of the realm (so `instanceof Error` works in firmware). */
  raise(kind: 'Error' | 'TypeError' | 'InternalError', message: string): never;
  /** Fail loudly for something Espruino has that the simulator does not emulate. */
  unsupported(name: string): never;
  /** Record a simulator warning (bytes lost, no I2C device, …). */
  warn(text: string): void;
  /** Record a note for the timeline (a reset, a part acting). */
  note(text: string): void;
  /** Call into the realm; an exception is reported as Espruino's "Uncaught" line. */
  call(fn: Function, self: unknown, args: unknown[]): void;
  /** Run code given as a string (setTimeout("code", …)). */
  callCode(code: string): void;
  /** Call `obj`'s listeners for `event` now; false when it has none. */
  callListeners(obj: object, event: string, args: unknown[]): boolean;
  /** String(v) as Espruino's %v prints it, never throwing. */
  text(v: unknown): string;
  /** A value shown in a message: strings quoted, objects as console.log shows them. */
  describe(v: unknown): string;
  /** 'null', 'array' or typeof v, for messages. */
  typeName(v: unknown): string;
  /** True for the realm's Pin objects. */
  isPin(v: unknown): boolean;
  /** The pin a firmware argument names: a Pin, 'D5', 'LED1', or a pin number; `api` names the caller in errors. */
  pinArg(v: unknown, api: string): PinState;
  /** The realm's Pin object for a pin. */
  pinObject(pin: PinState): object;
  /** A new empty object of the realm. */
  newObject(): Record<string, unknown>;
  /** Copy a plain host object or array into the realm (values are kept as they are). */
  toRealm(v: object): unknown;
  /** A realm array holding `items`. */
  toRealmArray(items: unknown[]): unknown[];
  /** True for arrays and array buffers (host or realm) and typed arrays. */
  isBytes(v: unknown): boolean;
  /** Data to send as bytes (a binary string): strings, numbers, arrays, typed arrays, {data, count}. */
  bytesOf(v: unknown, api: string): string;
  /** Deterministic random numbers (xorshift32, seeded). */
  random(): number;
  /** Reset at the end of this instant (E.reboot(), a watchdog), as Espruino does from its idle loop. */
  requestReset(reason: string): void;
  /** A watchdog timeout: reset the board or halt it, as the harness's `watchdog` option says. */
  watchdogFired(reason: string): void;
}
