/**
 * A TCP connection as lines (or chunks) to await and writes that wait for
 * the network, like `Uart` (io/uart.ts) for a serial port.
 *
 *     const s = await tcpConnect({ host: 'logger.local', port: 7000 });
 *     await s.write('hello\n');          // resolves when Espruino's send buffer is empty ('drain')
 *     const reply = await s.readLine();   // the next line, without '\n'
 *     s.close();
 *
 * Reading: 'data' goes into a bounded buffer from the moment the socket
 * connects, so nothing is missed between two reads. Past `maxBuffer` the
 * oldest whole lines are dropped and the next read throws saying how many
 * bytes, never silently. `read()` takes whatever has arrived (for binary
 * protocols such as MQTT, net/mqtt.ts).
 *
 * Writing, with backpressure: Espruino's socket.write() queues the data and
 * always returns false; 'drain' fires when its send buffer is empty. So
 * write() hands over one write at a time and resolves on the 'drain' that
 * follows it. The one 'drain' Espruino emits right after 'connect' (nothing
 * queued yet) is skipped, so it is not taken for the first write's.
 *
 * Closing, by either side or by the network dropping, fails every waiting
 * and later read or write with an Error naming the host and the reason.
 * close() and cancellation of tcpConnect give the socket back: listeners
 * removed, the connection closed at once (`clsNow`, see http.ts).
 */
import type { Waitable, Waiter } from '../executor.js';
import { waitableThen, type Future } from '../future.js';
import { Semaphore } from '../semaphore.js';
import { select } from '../select.js';
import { sleep } from '../time.js';
import { TimeoutError } from '../errors.js';
import { removeWaiterFrom } from '../wait-list.js';
import { Pending } from './pending.js';
import { takeBytes } from '../io/line-buffer.js';

declare const require: (name: string) => any;

export interface TcpOptions {
  host: string;
  port: number;
  /** Give up connecting after this (ms): TimeoutError. Default 10000. */
  timeout?: number;
  /** What ends a line for readLine(). Default '\n' (a '\r' before it is dropped too). */
  delimiter?: string;
  /** Most bytes kept unread. Default 1024. */
  maxBuffer?: number;
}

/** What a read waits for: a line, or any bytes. */
const enum ReadKind {
  Line = 0,
  Chunk = 1,
}

/** readLine() / read(): one op per kind per socket, holding no state of its own. */
interface ReadOp extends Waitable<string> {
  c: TcpSocket;
  /** Its ReadKind. */
  k: ReadKind;
}
const ReadOp = function (this: ReadOp, c: TcpSocket, k: ReadKind) {
  this.c = c;
  this.k = k;
} as unknown as { new (c: TcpSocket, k: ReadKind): ReadOp; prototype: ReadOp };
ReadOp.prototype._p = function (this: ReadOp, w: Waiter) {
  this.c.q.push(w);
  this.c.qk.push(this.k);
  this.c._deliver();
};
ReadOp.prototype._u = function (this: ReadOp, w: Waiter) {
  const i = this.c.q.indexOf(w);
  if (i >= 0) this.c.qk.splice(i, 1);
  removeWaiterFrom(this.c.q, w);
};
ReadOp.prototype.then = waitableThen;
ReadOp.prototype._n = 'tcp read';

export class TcpSocket {
  /** @internal The Espruino socket, 'host:port', delimiter, buffer limit. */ s: any;
  /** @internal */ nm: string;
  /** @internal */ d: string;
  /** @internal */ m: number;
  /** @internal Received, not yet read; bytes dropped since the last read. */ b = '';
  /** @internal */ lost = 0;
  /** @internal Dropping the rest of a line longer than the buffer. */ sk?: 1;
  /** @internal Readers waiting, and what each waits for (ReadKind). */ q: Waiter[] = [];
  /** @internal */ qk: ReadKind[] = [];
  /** @internal Why it is closed (undefined while open). */ e?: Error;
  /** @internal The write in flight, waiting for 'drain'; skip the first drain after connect. */ dw?: Pending<void>;
  /** @internal */ sd: 0 | 1 = 1;
  /** @internal One writer at a time. */ k = new Semaphore(1);
  /** @internal */ rl: ReadOp;
  /** @internal */ rc: ReadOp;

  /** @internal Use tcpConnect(). */
  constructor(s: any, nm: string, d: string, m: number) {
    this.s = s;
    this.nm = nm;
    this.d = d;
    this.m = m;
    this.rl = new ReadOp(this, ReadKind.Line);
    this.rc = new ReadOp(this, ReadKind.Chunk);
  }

  /** The next line, without its delimiter. */
  readLine(): Future<string> {
    return this.rl;
  }

  /** Whatever has arrived (at least one byte), as a string of bytes. */
  read(): Future<string> {
    return this.rc;
  }

  /** Send `data`; resolves when Espruino's send buffer has emptied. */
  write(data: string): Future<void> {
    return send(this, String(data));
  }

  /** Open until either side closes it or the network drops. */
  get isOpen(): boolean {
    return this.e === undefined;
  }

  /** Close now, dropping anything not yet sent. Waiting reads and writes fail. */
  close(): void {
    if (this.e !== undefined) return;
    this._end(new Error('tcp ' + this.nm + ': closed'));
    this.s.clsNow = true;
  }

  /** Send `data` (if given), then close once it is out (Espruino's socket.end). Waiting reads and writes fail now. */
  end(data?: string): void {
    if (this.e !== undefined) return;
    this._end(new Error('tcp ' + this.nm + ': closed'));
    this.s.end(data);
  }

  /**
   * @internal Bytes arrived: into the bounded buffer (io/line-buffer.ts: whole lines
   * dropped past the limit, counted), then to the readers waiting.
   */
  _data(data: string) {
    // NOINLINE: inlined, terser would make it a closure Espruino rebuilds on every call (docs/speed.md).
    if (/*@__NOINLINE__*/ takeBytes(this, data)) this._deliver();
  }

  /** @internal The socket is gone: remove the listeners and fail the waiters. */
  _end(e: Error) {
    if (this.e !== undefined) return;
    this.e = e;
    this.s.removeAllListeners();
    const dw = this.dw;
    this.dw = undefined;
    if (dw) dw.fail(e);
    this._deliver();
  }

  /** @internal Hand lines or chunks to waiting readers, oldest first. */
  _deliver() {
    const q = this.q;
    while (q.length > 0) {
      if (this.lost > 0) {
        const n = this.lost;
        this.lost = 0;
        this.qk.shift();
        q.shift()!._k(new Error('tcp ' + this.nm + ': ' + n + ' bytes were dropped: more than ' + this.m + ' bytes arrived before they were read; read sooner or give a bigger maxBuffer'), 1);
        continue;
      }
      let out: string | undefined;
      if (this.qk[0] === ReadKind.Chunk) {
        if (this.b.length > 0) {
          out = this.b;
          this.b = '';
        }
      } else {
        const i = this.b.indexOf(this.d);
        if (i >= 0) {
          out = this.b.slice(0, i);
          this.b = this.b.slice(i + this.d.length);
          if (this.d === '\n' && out.charAt(out.length - 1) === '\r') out = out.slice(0, -1);
        }
      }
      if (out === undefined) {
        if (this.e === undefined) return;
        this.qk.shift();
        q.shift()!._k(this.e, 1);
        continue;
      }
      this.qk.shift();
      q.shift()!._k(out);
    }
  }
}

/** One write: after the writes before it, resolved by the 'drain' after it. */
const send = async function (c: TcpSocket, data: string): Promise<void> {
  await c.k.acquire();
  try {
    if (c.e !== undefined) throw c.e;
    const p = new Pending<void>(function () { if (c.dw === p) c.dw = undefined; });
    c.dw = p;
    try {
      c.s.write(data);
    } catch (e) {
      c.dw = undefined;
      throw new Error('tcp ' + c.nm + ': ' + (e as Error).message);
    }
    await p;
  } finally {
    c.k.release();
  }
};

/** Connect; resolves with the socket once connected. Errors name the host and the reason. */
export const tcpConnect = async function (options: TcpOptions): Promise<TcpSocket> {
  const o = options;
  const nm = o.host + ':' + o.port;
  const d = o.delimiter !== undefined ? o.delimiter : '\n';
  if (typeof d !== 'string' || d.length === 0) throw new TypeError('tcpConnect(' + nm + '): delimiter must be a non-empty string');
  const m = o.maxBuffer !== undefined ? o.maxBuffer : 1024;
  const timeout = o.timeout !== undefined ? o.timeout : 10000;
  let s: any;
  try {
    s = require('net').connect({ host: o.host, port: o.port });
  } catch (e) {
    // Espruino throws here when offline: "Not connected to the internet".
    throw new Error('tcp ' + nm + ': ' + (e as Error).message);
  }
  const c = new TcpSocket(s, nm, d, m);
  const p: Pending<TcpSocket> = new Pending<TcpSocket>(function () {
    if (p.waiting) {
      s.removeAllListeners();
      s.clsNow = true;
    }
  });
  s.on('connect', function () { p.ok(c); });
  s.on('data', function (data: string) { c._data(data); });
  s.on('drain', function () {
    if (c.sd) {
      c.sd = 0;
      return;
    }
    const w = c.dw;
    c.dw = undefined;
    if (w) w.ok(undefined);
  });
  s.on('error', function (e: any) {
    const err = new Error('tcp ' + nm + ': ' + (e && e.message ? e.message : String(e)) + (e && e.code !== undefined ? ' (' + e.code + ')' : ''));
    p.fail(err);
    c._end(err);
  });
  s.on('close', function () {
    const err = new Error('tcp ' + nm + ': closed by the other side');
    p.fail(err);
    c._end(err);
  });
  try {
    const r = await select(p, sleep(timeout));
    if (r.index === 1) throw new TimeoutError('tcp ' + nm + ': not connected within ' + timeout + ' ms');
    return r.value;
  } finally {
    p.release();
  }
};
