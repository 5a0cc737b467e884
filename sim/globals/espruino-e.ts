import type { BoardServices } from '../host.js';
import type { MemoryEstimator } from '../memory-estimate.js';
import { IO, type ClockEntry } from '../virtual-clock.js';

/** What E uses of the board: time, flash, the watchdog, reset, random numbers, and its memory estimate for E.getSizeOf. */
export type EHost = Pick<BoardServices, 'bytesOf' | 'clock' | 'dieTemperature' | 'newObject' | 'random' | 'realm' | 'requestReset' | 'storage' | 'text' | 'toRealmArray' | 'unsupported' | 'watchdogFired'> & { readonly memory: Pick<MemoryEstimator, 'sizeOf'> };

/**
 * Members of Espruino's `E` that exist on boards but are not emulated: using
 * one fails loudly, naming it, instead of quietly being undefined.
 * (From src/jswrap_espruino.c and the board-specific libraries.)
 */
const NOT_EMULATED_E = [
  'FFT', 'accept', 'asm', 'compiledC', 'convolve', 'decodeUTF8', 'dumpFragmentation', 'dumpFreeList', 'dumpLockedVars',
  'dumpStr', 'dumpTimers', 'dumpVariables', 'enableAPI', 'errorFlag', 'getAddressOf', 'getBattery', 'getClock',
  'getConsole', 'getPowerUsage', 'getRTCPrescaler', 'interpolate', 'interpolate2d', 'lockConsole', 'mapInPlace',
  'memoryArea', 'nativeCall', 'openFile', 'pipe', 'reverseByte', 'sendUSBHID', 'setClock', 'setConsole',
  'setDST', 'setComparator', 'setFlags', 'setPassword', 'setRTCPrescaler', 'setUSBHID', 'showAlert', 'showMenu',
  'showMessage', 'showPrompt', 'showScroller', 'srand', 'stopEventPropagation', 'toArrayBuffer', 'toJS',
  'unmountSD', 'connectSDCard', 'kill', 'getFlags', 'CRC32', 'HSBtoRGB', 'dumpStr', 'lookupNoCase', 'toFlatString',
];

/** The watchdog as E.enableWatchdog sets it up. */
interface Watchdog {
  timeoutUs: number;
  auto: boolean;
  entry: ClockEntry | null;
}

/**
 * The `E` object: getTemperature, enableWatchdog/kickWatchdog (a simulated
 * watchdog: in manual mode, not kicking it within the timeout resets the
 * board — or halts it, as the simulation is told), getSizeOf (the memory
 * estimate), reboot, setBootCode, and the small maths helpers.
 */
export class EspruinoE {
  watchdog: Watchdog | null = null;
  readonly object: object;

  constructor(private readonly h: EHost) {
    const o = h.newObject();
    const method = (n: string, fn: (...a: unknown[]) => unknown) => Object.defineProperty(o, n, { value: fn, writable: true, configurable: true, enumerable: false });
    method('getTemperature', () => h.dieTemperature);
    method('enableWatchdog', (timeout: unknown, isAuto?: unknown) => this.enableWatchdog(timeout, isAuto));
    method('kickWatchdog', () => this.kick());
    method('getSizeOf', (v: unknown) => h.memory.sizeOf(v));
    method('reboot', () => h.requestReset('E.reboot()'));
    method('setBootCode', (code: unknown) => {
      h.storage.write('.bootcde', h.text(code));
    });
    method('getErrorFlags', () => h.toRealmArray([]));
    method('getAnalogVRef', () => 3.3);
    method('hwRand', () => Math.floor(h.random() * 0x100000000) | 0);
    method('clip', (x: unknown, min: unknown, max: unknown) => Math.min(Number(max), Math.max(Number(min), Number(x))));
    method('sum', (arr: unknown) => Array.from(arr as ArrayLike<number>).reduce((a, b) => a + Number(b), 0));
    method('variance', (arr: unknown, mean: unknown) => Array.from(arr as ArrayLike<number>).reduce((a, b) => a + (Number(b) - Number(mean)) ** 2, 0) / (arr as ArrayLike<number>).length);
    method('toUint8Array', (...args: unknown[]) => {
      const s = args.map((a) => h.bytesOf(a, 'E.toUint8Array')).join('');
      const out = new h.realm.api.Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
      return out;
    });
    method('toString', (...args: unknown[]) => args.map((a) => h.bytesOf(a, 'E.toString')).join(''));
    method('setTimeZone', (zone: unknown) => {
      if (Number(zone) !== 0) h.unsupported('E.setTimeZone with an offset other than 0');
    });
    method('getSerial', () => '00000000-coop-sim');
    for (const name of NOT_EMULATED_E) {
      Object.defineProperty(o, name, { get: () => h.unsupported(`E.${name}`), configurable: true, enumerable: false });
    }
    this.object = o;
  }

  private enableWatchdog(timeout: unknown, isAuto: unknown): void {
    let t = Number(timeout);
    if (Number.isNaN(t) || t < 0) t = 1;
    const auto = isAuto === undefined || !!isAuto;
    if (this.watchdog?.entry) this.h.clock.cancel(this.watchdog.entry);
    this.watchdog = { timeoutUs: Math.round(t * 1e6), auto, entry: null };
    // In automatic mode the idle loop kicks it, and simulated code takes no time,
    // so it can never fire; in manual mode the firmware must kick it in time.
    if (!auto) this.arm();
  }

  private kick(): void {
    const wd = this.watchdog;
    if (!wd) return;
    if (wd.entry) this.h.clock.cancel(wd.entry);
    if (!wd.auto) this.arm();
  }

  private arm(): void {
    const wd = this.watchdog!;
    const h: EHost = this.h;
    const kickedAt = h.clock.us;
    wd.entry = h.clock.at(kickedAt + wd.timeoutUs, IO, () => {
      wd.entry = null;
      h.watchdogFired(`the watchdog was not kicked for ${wd.timeoutUs / 1e6}s (last kick at ${(kickedAt / 1e6).toFixed(3)}s)`);
    });
  }

  reset(): void {
    if (this.watchdog?.entry) this.h.clock.cancel(this.watchdog.entry);
    this.watchdog = null;
  }
}
