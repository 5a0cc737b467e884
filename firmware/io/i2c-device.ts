/**
 * I2CDevice: one device on an I2C bus, read and written as futures.
 *
 * Espruino's I2C calls are synchronous: a transfer is done when the call
 * returns, and nothing else runs in between, so two devices on one bus never
 * interleave. The futures these methods return are already settled; awaiting
 * one gives other tasks their turn in a loop that reads a sensor often. A
 * device that does not answer (a NACK) or a bus error becomes an Error that
 * names the device's address in hex.
 */
import type { Waitable, Waiter } from '../executor.js';
import { board } from '../board.js';
import { waitableThen, type Future } from '../future.js';
import { checkPin, type PinLike } from './pin.js';

declare const global: any;

export interface I2CDeviceOptions {
  /** When given, the bus is set up on these pins (I2C1.setup({scl, sda, bitrate})). */
  scl?: PinLike;
  sda?: PinLike;
  /** Bits per second. Default Espruino's (100000). */
  bitrate?: number;
}

/** Bytes to send: one byte, an array of bytes, or a string of byte-sized characters. */
export type I2CData = number | number[] | Uint8Array | string;

/** A transfer's outcome, as a future that is already settled. */
interface Done<T> extends Waitable<T> {
  v: any;
}
const Done = function (this: Done<any>, v: any) {
  this.v = v;
} as unknown as { new <T>(v: any): Done<T>; prototype: Done<any> };
Done.prototype._p = function (this: Done<any>, w: Waiter) {
  w._k(this.v);
};
Done.prototype._u = function (_w: Waiter) {};
Done.prototype.then = waitableThen;
Done.prototype._n = 'I2C';

const hex = function (n: number): string {
  return '0x' + (n < 16 ? '0' : '') + n.toString(16).toUpperCase();
};

/** A register as messages show it: 0xE0, or 0xF32D for a two-byte one. */
const regText = function (reg: number | number[]): string {
  if (typeof reg === 'number') return hex(reg);
  let s = '0x';
  for (let i = 0; i < reg.length; i++) s += hex(reg[i]).slice(2);
  return s;
};

export class I2CDevice {
  /** @internal The bus, its name, the address. */ bus: I2CBus;
  /** @internal */ nm: string;
  /** @internal */ a: number;

  /** `bus`: 'I2C1' or the bus itself (I2C1, or a software `new I2C()`); `address`: 7-bit, 0x00..0x7F. */
  constructor(bus: string | I2CBus, address: number, options?: I2CDeviceOptions) {
    const nm = typeof bus === 'string' ? bus : 'I2C';
    const b: I2CBus = typeof bus === 'string' ? global[bus] : bus;
    if (b === undefined || b === null || typeof b.writeTo !== 'function') {
      throw new Error('new I2CDevice(' + nm + '): ' + board.n + " has no I2C bus " + nm + "; use one it has, such as 'I2C1', or new I2C() for software I2C");
    }
    if (typeof address !== 'number' || address !== Math.floor(address) || address < 0 || address > 0x7f) {
      let fix = '';
      if (address >= 0x80 && address <= 0xff && address === Math.floor(address)) fix = '; if ' + hex(address) + ' is an 8-bit address, the 7-bit one is ' + hex(address >> 1);
      throw new TypeError('new I2CDevice(' + nm + ', ' + (typeof address === 'number' && address === Math.floor(address) && address >= 0 ? hex(address) : address) +
        '): an I2C address is 7 bits, 0x00..0x7F' + fix);
    }
    if (options !== undefined && (options.scl !== undefined || options.sda !== undefined)) {
      const setup: any = {
        scl: checkPin(options.scl!, 'i', 'new I2CDevice(' + nm + ') scl'),
        sda: checkPin(options.sda!, 'i', 'new I2CDevice(' + nm + ') sda'),
      };
      if (options.bitrate !== undefined) setup.bitrate = options.bitrate;
      b.setup(setup);
    }
    this.bus = b;
    this.nm = nm;
    this.a = address;
  }

  /** The 7-bit address. */
  get address(): number {
    return this.a;
  }

  /** Send bytes. */
  write(data: I2CData): Future<void> {
    try {
      this.bus.writeTo(this.a, data);
    } catch (e) {
      throw fail(this, 'write', e);
    }
    return new Done<void>(undefined);
  }

  /** Receive `count` bytes. */
  read(count: number): Future<Uint8Array> {
    let r: Uint8Array;
    try {
      r = this.bus.readFrom(this.a, count);
    } catch (e) {
      throw fail(this, 'read of ' + count + ' bytes', e);
    }
    return new Done<Uint8Array>(r);
  }

  /**
   * Write register number `reg` (a byte, or bytes for a device with 16-bit
   * registers or commands), then read `count` bytes from it.
   */
  readRegister(reg: number | number[], count: number): Future<Uint8Array> {
    let r: Uint8Array;
    try {
      this.bus.writeTo(this.a, reg);
      r = this.bus.readFrom(this.a, count);
    } catch (e) {
      throw fail(this, 'read of register ' + regText(reg), e);
    }
    return new Done<Uint8Array>(r);
  }

  /** Write `data` to register `reg` (the register's byte(s), then the data, in one transfer). */
  writeRegister(reg: number | number[], data: I2CData): Future<void> {
    try {
      this.bus.writeTo(this.a, reg, data);
    } catch (e) {
      throw fail(this, 'write of register ' + regText(reg), e);
    }
    return new Done<void>(undefined);
  }
}

const fail = function (d: I2CDevice, what: string, e: any): Error {
  return new Error('I2C device ' + hex(d.a) + ' on ' + d.nm + ': ' + what + ' failed (' + (e && e.message !== undefined ? e.message : e) +
    '); is it wired, powered, and at address ' + hex(d.a) + '?');
};
