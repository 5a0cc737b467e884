import type { BoardServices } from '../host.js';
import type { PinState } from '../pins.js';

/** What the I2C buses use of the board: its pins, the devices wired to them and the I2C log. */
export type I2cBusHost = Pick<BoardServices, 'board' | 'bytesOf' | 'chip' | 'clock' | 'describe' | 'i2cLog' | 'newObject' | 'pinArg' | 'pins' | 'raise' | 'realm' | 'warn'> & { readonly i2cDevices: I2cDevice[] };

/** Thrown by an I2C device model that does not acknowledge a byte. */
export class I2cNack extends Error {
  constructor(readonly stage: 'address' | 'data', message: string) {
    super(message);
  }
}

/** A device on an I2C bus (a part), as the bus sees it. */
export interface I2cDevice {
  id: string;
  sda: PinState;
  scl: PinState;
  address: number;
  /** The board wrote `bytes`; throw I2cNack to refuse. */
  write(bytes: number[]): void;
  /** The board reads `count` bytes; throw I2cNack to refuse. */
  read(count: number): number[];
}

/**
 * I2C1… (hardware, as the chip has them) and `new I2C()` (software):
 * setup({scl, sda, bitrate}), writeTo, readFrom, as src/jswrap_spi_i2c.c.
 * Devices are the diagram's I2C parts on the same two pins. When nothing
 * answers at an address, a hardware bus throws exactly what Espruino's driver
 * for the chip throws (see chip.ts); a software bus on a board does not check
 * the ACK and would read 0xFF, which the simulator refuses loudly instead.
 */
export class I2cBus {
  sda: PinState | null = null;
  scl: PinState | null = null;
  bitrate = 100000;
  readonly object: Record<string, unknown>;

  constructor(private readonly h: I2cBusHost, readonly name: string, readonly hardware: boolean) {
    const o = h.newObject();
    const method = (n: string, fn: (...a: unknown[]) => unknown) => Object.defineProperty(o, n, { value: fn, writable: true, configurable: true, enumerable: false });
    method('setup', (options?: unknown) => this.setup(options));
    method('writeTo', (address: unknown, ...data: unknown[]) => this.writeTo(address, data));
    method('readFrom', (address: unknown, quantity: unknown) => this.readFrom(address, quantity));
    this.object = o;
  }

  private setup(options: unknown): void {
    const h: I2cBusHost = this.h;
    const o = options !== null && typeof options === 'object' ? (options as Record<string, unknown>) : {};
    const api = `${this.name}.setup`;
    const bitrate = o.bitrate === undefined ? 100000 : Number(o.bitrate);
    if (!(bitrate >= 100)) h.raise('Error', `${api}: Invalid I2C bitrate ${h.describe(o.bitrate)}`);
    const pick = (key: 'scl' | 'sda'): PinState => {
      if (o[key] !== undefined) return h.pinArg(o[key], `${api} (${key})`);
      const fallback = this.hardware ? defaultPin(h, this.name, key) : undefined;
      if (!fallback) h.raise('Error', `${api}: give the ${key.toUpperCase()} pin, e.g. ${this.name}.setup({scl: …, sda: …}); ${h.board.name} has no default ${this.name} ${key.toUpperCase()} pin`);
      return fallback;
    };
    const scl = pick('scl');
    const sda = pick('sda');
    for (const [key, pin] of [['scl', scl], ['sda', sda]] as const) {
      if (this.hardware) h.pins.require(pin, 'i2c', `${api} (${key})`, 'hardware I2C (use new I2C() for software I2C)');
      else h.pins.requireOutput(pin, `${api} (${key})`);
      h.pins.setMode(pin, 'opendrain', true);
      h.pins.write(pin, 1);
    }
    this.scl = scl;
    this.sda = sda;
    this.bitrate = bitrate;
  }

  private target(addressValue: unknown, api: string): { address: number; device: I2cDevice | undefined } {
    const h: I2cBusHost = this.h;
    if (!this.sda || !this.scl) h.raise('Error', `${api}: ${this.name} is not set up; call ${this.name}.setup({scl: …, sda: …}) first`);
    const a = addressValue !== null && typeof addressValue === 'object' ? (addressValue as Record<string, unknown>).address : addressValue;
    const address = Number(a);
    if (!Number.isInteger(address) || address < 0 || address > 127) {
      h.raise('Error', `${api}: ${h.describe(a)} is not a 7-bit I2C address (0..127)${address > 127 && address < 256 ? `; if it is an 8-bit address use ${address >> 1} (0x${(address >> 1).toString(16)})` : ''}`);
    }
    const device = h.i2cDevices.find((d) => d.sda === this.sda && d.scl === this.scl && d.address === address);
    return { address, device };
  }

  private nack(op: 'write' | 'read', address: number, stage: 'address' | 'data', detail?: string): never {
    const h: I2cBusHost = this.h;
    const where = `${this.name} (SDA ${this.sda!.name}, SCL ${this.scl!.name})`;
    if (detail !== undefined) {
      h.warn(`${where}: the device at 0x${address.toString(16)} did not acknowledge the ${stage === 'address' ? op : `${op} data`}: ${detail}`);
    } else {
      const here = h.i2cDevices.filter((d) => d.sda === this.sda && d.scl === this.scl);
      const others = here.length > 0 ? `devices on this bus: ${here.map((d) => `${d.id} at 0x${d.address.toString(16)}`).join(', ')}` : 'no device is wired to these pins in the diagram';
      h.warn(`${where}: no device answered at address 0x${address.toString(16)} (${address}); ${others}`);
    }
    if (!this.hardware) {
      h.raise('Error', `I2C Error: no ACK from address 0x${address.toString(16)} (on a board, software I2C does not check the ACK and would read 0xFF)`);
    }
    const e = h.chip.i2cNack(op);
    const message = stage === 'data' && h.chip.family === 'nrf52' ? e.message.replace('33281', '33282') : e.message;
    h.raise(e.kind, message);
  }

  private writeTo(addressValue: unknown, data: unknown[]): void {
    const api = `${this.name}.writeTo`;
    const { address, device } = this.target(addressValue, api);
    const bytes = [...data.map((d) => this.h.bytesOf(d, api)).join('')].map((c) => c.charCodeAt(0) & 255);
    if (bytes.length === 0) return; // Espruino sends nothing for no data
    this.h.i2cLog.push({ t: this.h.clock.now, bus: this.name, address, op: 'write', bytes });
    if (!device) this.nack('write', address, 'address');
    try {
      device.write(bytes);
    } catch (e) {
      if (e instanceof I2cNack) this.nack('write', address, e.stage, e.message);
      throw e;
    }
  }

  private readFrom(addressValue: unknown, quantity: unknown): unknown {
    const h: I2cBusHost = this.h;
    const api = `${this.name}.readFrom`;
    const { address, device } = this.target(addressValue, api);
    const n = Number(quantity);
    if (!Number.isInteger(n) || n < 0) h.raise('Error', `${api}: quantity ${h.describe(quantity)} must be a whole number of bytes`);
    if (n === 0) return undefined;
    if (!device) this.nack('read', address, 'address');
    let bytes: number[];
    try {
      bytes = device.read(n);
    } catch (e) {
      if (e instanceof I2cNack) this.nack('read', address, e.stage, e.message);
      throw e;
    }
    h.i2cLog.push({ t: h.clock.now, bus: this.name, address, op: 'read', bytes });
    const out = new h.realm.api.Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = bytes[i] ?? 0xff;
    return out;
  }
}

/** Default pins from the board definition's notes ("I2C1 SDA default"). */
function defaultPin(h: I2cBusHost, bus: string, key: 'scl' | 'sda'): PinState | undefined {
  const re = new RegExp(`${bus} ${key} default`, 'i');
  const name = h.pins.names().find((n) => re.test(h.board.pins[n].note ?? ''));
  return name ? h.pins.states.get(name) : undefined;
}

export class I2cBuses {
  constructor(private readonly h: I2cBusHost) {}

  install(): void {
    const h: I2cBusHost = this.h;
    for (const name of h.chip.i2cBuses) h.realm.define(name, new I2cBus(h, name, true).object);
    let n = 0;
    const I2C = function I2C(this: unknown) {
      return new I2cBus(h, `I2C (software #${++n})`, false).object;
    };
    h.realm.define('I2C', I2C);
  }
}
