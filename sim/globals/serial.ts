import type { BoardServices } from '../host.js';
import type { PinState } from '../pins.js';
import { IO } from '../virtual-clock.js';

/** What the UARTs use of the board: pins, the console, the serial log and the devices wired to them. */
export type SerialHost = Pick<BoardServices, 'bytesOf' | 'callListeners' | 'chip' | 'clock' | 'consoleOut' | 'describe' | 'newObject' | 'pinArg' | 'pins' | 'raise' | 'realm' | 'serialLog' | 'text' | 'unsupported' | 'warn'> & { readonly uarts: UartEndpoint[] };

/** A UART device wired to the board (a uart-peer part). */
export interface UartEndpoint {
  /** Part id, for messages. */
  id: string;
  /** The pin the part listens on (the board's TX). */
  rx: PinState | null;
  /** The pin the part sends on (the board's RX). */
  tx: PinState | null;
  baud: number;
  /** Bytes from the board arrive here. */
  receive(text: string): void;
}

/** One serial port of the board: the console device (USB, Bluetooth, …) or a UART. */
export class SerialPort {
  baud = 9600;
  rx: PinState | null = null;
  tx: PinState | null = null;
  isSetUp = false;
  /** Received bytes nobody has read yet (no 'data' listener). */
  buffer = '';
  readonly object: Record<string, unknown>;

  constructor(private readonly h: SerialHost, readonly name: string, readonly isConsole: boolean) {
    const self = this;
    const o = h.newObject();
    const method = (n: string, fn: (...a: unknown[]) => unknown) => Object.defineProperty(o, n, { value: fn, writable: true, configurable: true, enumerable: false });
    method('setup', (baud?: unknown, options?: unknown) => self.setup(baud, options));
    method('write', (...data: unknown[]) => self.send(data.map((d) => h.bytesOf(d, `${name}.write`)).join('')));
    method('print', (s: unknown) => self.send(h.text(s)));
    method('println', (s: unknown) => self.send(h.text(s) + '\r\n'));
    method('available', () => self.buffer.length);
    method('read', (chars?: unknown) => {
      const n = chars === undefined ? self.buffer.length : Math.max(0, Number(chars) | 0);
      const out = self.buffer.slice(0, n);
      self.buffer = self.buffer.slice(n);
      return out;
    });
    method('setConsole', () => h.unsupported(`${name}.setConsole`));
    method('pipe', () => h.unsupported(`${name}.pipe`));
    method('inject', (data: unknown) => self.receive(h.bytesOf(data, `${name}.inject`)));
    this.object = o;
  }

  private setup(baud: unknown, options: unknown): void {
    const h: SerialHost = this.h;
    const b = baud === undefined ? 9600 : Number(baud);
    if (!Number.isFinite(b) || b <= 0) h.raise('Error', `${this.name}.setup: baud rate ${h.describe(baud)} must be a positive number, e.g. 9600`);
    this.baud = b;
    if (options !== null && typeof options === 'object') {
      const o = options as Record<string, unknown>;
      if (o.rx !== undefined) {
        this.rx = h.pinArg(o.rx, `${this.name}.setup (rx)`);
        h.pins.require(this.rx, 'uart', `${this.name}.setup (rx)`, 'UART');
      }
      if (o.tx !== undefined) {
        this.tx = h.pinArg(o.tx, `${this.name}.setup (tx)`);
        h.pins.require(this.tx, 'uart', `${this.name}.setup (tx)`, 'UART');
        h.pins.autoMode(this.tx, 'output');
        h.pins.write(this.tx, 1); // an idle UART line is high
      }
    }
    this.isSetUp = true;
  }

  /** The board sends `text`. */
  send(text: string): void {
    const h: SerialHost = this.h;
    if (this.isConsole) h.consoleOut.write(text);
    h.serialLog.push({ t: h.clock.now, port: this.name, dir: 'out', text });
    if (!this.tx) return;
    for (const ep of h.uarts) {
      if (ep.rx !== this.tx) continue;
      if (ep.baud !== this.baud) {
        h.warn(`${this.name} sent ${JSON.stringify(text)} at ${this.baud} baud but ${ep.id} listens at ${ep.baud} baud: on a board it would receive garbage, so the simulator drops it`);
        continue;
      }
      const at = h.clock.us + transmitUs(text, this.baud);
      h.clock.at(at, IO, () => ep.receive(text));
    }
  }

  /** Bytes arrive from outside (a part, or the scenario for the console). */
  receive(text: string): void {
    const h: SerialHost = this.h;
    h.serialLog.push({ t: h.clock.now, port: this.name, dir: 'in', text });
    const delivered = h.callListeners(this.object, 'data', [text]);
    if (!delivered) this.buffer += text;
  }
}

/** Time for `text` on the wire: 10 bits a byte (8N1). */
export function transmitUs(text: string, baud: number): number {
  return Math.round((text.length * 10 * 1e6) / baud);
}

/** The console device and the UARTs the board's chip has. */
export class SerialPorts {
  readonly ports = new Map<string, SerialPort>();

  constructor(private readonly h: SerialHost) {}

  install(): void {
    const h: SerialHost = this.h;
    const consoleName = h.chip.consoleName;
    for (const name of [consoleName, ...h.chip.serialPorts]) {
      const port = new SerialPort(h, name, name === consoleName);
      this.ports.set(name, port);
      h.realm.define(name, port.object);
    }
  }

  get console(): SerialPort {
    return this.ports.get(this.h.chip.consoleName)!;
  }

  /** A part sends `text` from pin `from` (its TX): deliver to the port listening there. */
  deliver(ep: UartEndpoint, text: string): void {
    const h: SerialHost = this.h;
    const port = [...this.ports.values()].find((p) => p.isSetUp && p.rx !== null && p.rx === ep.tx);
    if (!port) {
      const rx = ep.tx ? ep.tx.name : '(no pin)';
      h.warn(`${ep.id} sent ${JSON.stringify(text)} on ${rx} but no serial port of the board is set up to receive on ${rx} (e.g. Serial1.setup(${ep.baud}, {rx: ${rx}, tx: …})): the bytes are lost`);
      return;
    }
    if (port.baud !== ep.baud) {
      h.warn(`${ep.id} sent ${JSON.stringify(text)} at ${ep.baud} baud but ${port.name} is set up at ${port.baud} baud: on a board it would receive garbage, so the simulator drops it`);
      return;
    }
    port.receive(text);
  }

  reset(): void {
    for (const p of this.ports.values()) {
      p.isSetUp = false;
      p.rx = p.tx = null;
      p.buffer = '';
      p.baud = 9600;
    }
  }
}
