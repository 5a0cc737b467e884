/**
 * The Espruino globals firmware may use, typed. Pins (D5, LED1, BTN1, …) are
 * declared per board by the build, so a pin the board lacks is a type error.
 */

interface Pin {
  read(): boolean;
  write(value: boolean | number): void;
  set(): void;
  reset(): void;
  toggle(): boolean;
  mode(mode: PinMode): void;
  getMode(): PinMode;
  getInfo(): any;
}
type PinMode =
  | 'analog' | 'input' | 'input_pullup' | 'input_pulldown'
  | 'output' | 'opendrain' | 'af_output' | 'af_opendrain' | 'auto';

interface SetWatchOptions {
  repeat?: boolean;
  edge?: 'rising' | 'falling' | 'both' | 1 | -1 | 0;
  debounce?: number;
  irq?: boolean;
  data?: Pin;
  hispeed?: boolean;
}
interface WatchEvent {
  state: boolean;
  time: number;
  lastTime: number;
  data?: boolean;
}

declare function setTimeout(fn: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function setInterval(fn: (...args: any[]) => void, ms?: number, ...args: any[]): number;
// The id is optional only so that a missing one reaches the Espruino check, which explains why it must be given.
declare function clearTimeout(id?: number): void;
declare function clearInterval(id?: number): void;
declare function changeInterval(id: number, ms: number): void;
/** Seconds since the board started, as a float (microsecond resolution). */
declare function getTime(): number;
declare function setWatch(fn: (e: WatchEvent) => void, pin: Pin, options?: SetWatchOptions | boolean): number;
declare function clearWatch(id?: number): void;
declare function digitalWrite(pin: Pin | Pin[], value: boolean | number): void;
declare function digitalRead(pin: Pin | Pin[]): number;
declare function digitalPulse(pin: Pin, value: boolean | number, time: number | number[]): void;
declare function analogRead(pin: Pin): number;
declare function analogWrite(pin: Pin, value: number, options?: { freq?: number; soft?: boolean; forceSoft?: boolean }): void;
declare function pinMode(pin: Pin, mode?: PinMode, automatic?: boolean): void;
declare function getPinMode(pin: Pin): PinMode;
declare function print(...text: any[]): void;

interface Console {
  log(...args: any[]): void;
}
declare var console: Console;

interface MemoryInfo {
  free: number;
  usage: number;
  total: number;
  history: number;
  gc?: number;
  gctime?: number;
}
declare var process: {
  memory(gc?: boolean): MemoryInfo;
  version: string;
  env: { BOARD: string; VERSION: string; [key: string]: any };
};

declare var E: {
  enableWatchdog(timeout: number, isAuto?: boolean | 'auto'): void;
  kickWatchdog(): void;
  getTemperature(): number;
  setBootCode(code: string, alwaysExec?: boolean): void;
  getSizeOf(v: any, depth?: number): number;
  on(event: string, fn: (...args: any[]) => void): void;
  [key: string]: any;
};

interface SerialPort {
  setup(baud: number, options?: { rx?: Pin; tx?: Pin; bytesize?: number; parity?: string | null; stopbits?: number; flow?: string | null }): void;
  write(data: string | number[]): void;
  print(text: string): void;
  println(text: string): void;
  on(event: 'data', fn: (data: string) => void): void;
  removeAllListeners(event?: string): void;
  available(): number;
  read(chars?: number): string;
}
interface I2CBus {
  setup(options: { scl?: Pin; sda?: Pin; bitrate?: number }): void;
  writeTo(address: number | { address: number; stop: boolean }, ...data: any[]): void;
  readFrom(address: number | { address: number; stop: boolean }, quantity: number): Uint8Array;
}
declare var I2C: { new (): I2CBus };
declare var Serial: { new (): SerialPort };

declare function require(module: 'Storage'): {
  read(name: string, offset?: number, length?: number): string | undefined;
  write(name: string, data: string, offset?: number, size?: number): boolean;
  erase(name: string): void;
  list(regex?: RegExp): string[];
  getFree(): number;
};
declare var Serial1: SerialPort;
declare var USB: SerialPort;
declare var I2C1: I2CBus;

// ES2015+ library functions Espruino 2v29 has (checked on the interpreter); the
// build's TypeScript library is ES5, so they are declared here. Not declared,
// because Espruino lacks them: Number.isInteger, Math.trunc, Array.from, trimStart.
interface ObjectConstructor {
  assign<T extends {}, U>(target: T, source: U): T & U;
  assign(target: object, ...sources: any[]): any;
  values<T>(o: { [s: string]: T }): T[];
  entries<T>(o: { [s: string]: T }): [string, T][];
}
interface Array<T> {
  find(predicate: (value: T, index: number, obj: T[]) => unknown): T | undefined;
  findIndex(predicate: (value: T, index: number, obj: T[]) => unknown): number;
  includes(searchElement: T, fromIndex?: number): boolean;
  fill(value: T, start?: number, end?: number): this;
}
interface String {
  startsWith(searchString: string, position?: number): boolean;
  endsWith(searchString: string, endPosition?: number): boolean;
  includes(searchString: string, position?: number): boolean;
  repeat(count: number): string;
  padStart(maxLength: number, fillString?: string): string;
  padEnd(maxLength: number, fillString?: string): string;
}
interface Math {
  sign(x: number): number;
}
