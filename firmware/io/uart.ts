/**
 * Uart: a serial port as lines to await and writes that wait for the wire.
 *
 * Reading: the port's 'data' events go into a buffer from the moment the
 * Uart is made, so nothing is missed between two readLine()s. The buffer is
 * bounded (maxBuffer): past it the oldest lines are dropped whole, and the
 * next readLine() throws an Error saying how many bytes — never silently.
 *
 * Writing, with backpressure: Espruino's Serial.write() copies into a small
 * transmit buffer and, when that is full, blocks the whole interpreter until
 * there is room. JavaScript cannot see how full that buffer is, so write()
 * paces itself by the baud rate instead: it hands over CHUNK bytes at a time,
 * never more than two chunks ahead of the wire (10 bits a byte), sleeping in
 * between, and resolves when the last byte should be out. Writes from
 * several tasks go out whole, one after another.
 */
import { enter, now, type Waitable, type Waiter } from '../executor.js';
import { board } from '../board.js';
import { waitableThen, type Future } from '../future.js';
import { Semaphore } from '../semaphore.js';
import { sleep } from '../time.js';
import { removeWaiterFrom } from '../wait-list.js';
import { takeBytes } from './line-buffer.js';
import { checkPin, type PinLike } from './pin.js';

declare const global: any;

/** Bytes handed to Serial.write() at once: far below the transmit buffer of any board. */
const CHUNK = 32;

export interface UartOptions {
  /** Baud rate. Default 9600. */
  baud?: number;
  /** Receive and transmit pins; when given the port is set up on them. */
  rx?: PinLike;
  tx?: PinLike;
  /** What ends a line. Default '\n' (a '\r' before it is dropped too). */
  delimiter?: string;
  /** Most bytes kept waiting to be read as lines. Default 256. */
  maxBuffer?: number;
}

/** The readLine() operation; one per Uart, holding no state of its own. */
interface LineOp extends Waitable<string> {
  u: Uart;
}
const LineOp = function (this: LineOp, u: Uart) {
  this.u = u;
} as unknown as { new (u: Uart): LineOp; prototype: LineOp };
LineOp.prototype._p = function (this: LineOp, w: Waiter) {
  this.u.q.push(w);
  this.u._deliver();
};
LineOp.prototype._u = function (this: LineOp, w: Waiter) {
  removeWaiterFrom(this.u.q, w);
};
LineOp.prototype.then = waitableThen;
LineOp.prototype._n = 'Uart line';

export class Uart {
  /** @internal The port, its name, baud rate, line delimiter and buffer limit. */ s: SerialPort;
  /** @internal */ nm: string;
  /** @internal */ bd: number;
  /** @internal */ d: string;
  /** @internal */ m: number;
  /** @internal Received, not yet read. */ b = '';
  /** @internal Bytes dropped since the last readLine. */ lost = 0;
  /** @internal Dropping the rest of a line longer than the buffer. */ sk?: 1;
  /** @internal Tasks waiting for a line. */ q: Waiter[] = [];
  /** @internal The 'data' listener, the line op, the writers' lock. */ f: (data: string) => void;
  /** @internal */ rx: LineOp;
  /** @internal */ k = new Semaphore(1);
  /** @internal When (ms) the bytes written so far should be out. */ t = 0;

  /** `port`: 'Serial1' or the port itself (Serial1). */
  constructor(port: string | SerialPort, options?: UartOptions) {
    const nm = typeof port === 'string' ? port : 'serial port';
    const s: SerialPort = typeof port === 'string' ? global[port] : port;
    if (s === undefined || s === null || typeof s.write !== 'function') {
      throw new Error('new Uart(' + nm + '): ' + board.n + ' has no serial port ' + nm + "; use one it has, such as 'Serial1'");
    }
    const o = options || {};
    const baud = o.baud !== undefined ? o.baud : 9600;
    if (!(baud > 0)) throw new TypeError('new Uart(' + nm + '): baud must be a number > 0, got ' + baud);
    const d = o.delimiter !== undefined ? o.delimiter : '\n';
    if (typeof d !== 'string' || d.length === 0) throw new TypeError('new Uart(' + nm + '): delimiter must be a non-empty string');
    const m = o.maxBuffer !== undefined ? o.maxBuffer : 256;
    if (!(m >= 1)) throw new TypeError('new Uart(' + nm + '): maxBuffer must be a number >= 1, got ' + m);
    const pins: any = {};
    if (o.rx !== undefined) pins.rx = checkPin(o.rx, 'u', 'new Uart(' + nm + ') rx');
    if (o.tx !== undefined) pins.tx = checkPin(o.tx, 'u', 'new Uart(' + nm + ') tx');
    if (o.baud !== undefined || o.rx !== undefined || o.tx !== undefined) s.setup(baud, pins);
    this.s = s;
    this.nm = nm;
    this.bd = baud;
    this.d = d;
    this.m = m;
    this.rx = new LineOp(this);
    const self = this;
    this.f = function (data: string) {
      enter(function () { self._data(data); });
    };
    s.on('data', this.f);
  }

  /** The next line, without its delimiter. */
  readLine(): Future<string> {
    return this.rx;
  }

  /** Send `data`; resolves when it should be on the wire (see the file comment). */
  write(data: string): Future<void> {
    return send(this, String(data));
  }

  /** Stop listening to the port. Tasks waiting for a line get an Error. */
  close(): void {
    (this.s as any).removeListener('data', this.f);
    const q = this.q;
    this.q = [];
    for (let i = 0; i < q.length; i++) q[i]._k(new Error('Uart ' + this.nm + ' was closed'), 1);
  }

  /**
   * @internal Bytes arrived: into the bounded buffer (io/line-buffer.ts: whole lines
   * dropped past the limit, counted), then to the readers waiting.
   */
  _data(data: string) {
    // NOINLINE: inlined, terser would make it a closure Espruino rebuilds on every call (docs/speed.md).
    if (/*@__NOINLINE__*/ takeBytes(this, data)) this._deliver();
  }

  /** @internal Hand complete lines to waiting tasks, oldest first. */
  _deliver() {
    const q = this.q;
    while (q.length > 0) {
      if (this.lost > 0) {
        const n = this.lost;
        this.lost = 0;
        q.shift()!._k(new Error(this.nm + ': ' + n + ' bytes were dropped: more than ' + this.m +
          ' bytes arrived before a line was read; read lines sooner or give a bigger maxBuffer'), 1);
        continue;
      }
      const i = this.b.indexOf(this.d);
      if (i < 0) return;
      let line = this.b.slice(0, i);
      this.b = this.b.slice(i + this.d.length);
      if (this.d === '\n' && line.charAt(line.length - 1) === '\r') line = line.slice(0, -1);
      q.shift()!._k(line);
    }
  }
}

/** One write: whole, after the writes before it, paced by the baud rate. */
const send = async function (u: Uart, data: string): Promise<void> {
  await u.k.acquire();
  try {
    const msPerByte = 10000 / u.bd;
    for (let i = 0; i < data.length; i += CHUNK) {
      // At most one chunk may still be queued ahead of this one.
      const wait = u.t - now() - CHUNK * msPerByte;
      if (wait > 0) await sleep(wait);
      const chunk = data.substr(i, CHUNK);
      u.s.write(chunk);
      u.t = Math.max(u.t, now()) + chunk.length * msPerByte;
    }
    const left = u.t - now();
    if (left > 0) await sleep(left);
  } finally {
    u.k.release();
  }
};
