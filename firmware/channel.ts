/**
 * Channel<T>: a bounded queue between tasks. `send` waits while it is full
 * (backpressure), `recv` waits while it is empty. A value goes straight from
 * sender to a waiting receiver through the ready queue: no timer, no Promise.
 */
import { READY, type Waitable, type Waiter } from './executor.js';
import { waitableThen, type Future } from './future.js';
import { removeWaiterFrom } from './wait-list.js';

/** A sender parked on a full channel, with the value it brings. */
interface BlockedSend {
  w: Waiter;
  v: any;
}

interface Op<T> extends Waitable<T> {
  ch: Channel<any>;
  v?: any;
}

export class Channel<T> {
  private buf: T[] = [];
  /** Receivers waiting for a value. */
  private rq: Waiter[] = [];
  /** Senders waiting for room. */
  private sq: BlockedSend[] = [];
  /** The one recv operation this channel hands out (it holds no state of its own). */
  private rx: Op<T>;

  constructor(readonly capacity: number) {
    if (typeof capacity !== 'number' || capacity < 1 || capacity !== Math.floor(capacity)) {
      throw new Error('new Channel(capacity): capacity must be a whole number >= 1, got ' + capacity);
    }
    this.rx = new RecvOp(this);
  }

  /** Values waiting to be received. */
  get length(): number {
    return this.buf.length;
  }

  /** Send `v`, waiting while the channel is full. */
  send(v: T): Future<void> {
    // trySend, written out: this is the hot path of every handoff.
    if (this.rq.length > 0) {
      this.rq.shift()!._k(v);
      return READY;
    }
    if (this.buf.length < this.capacity) {
      this.buf.push(v);
      return READY;
    }
    const op = new SendOp(this);
    op.v = v;
    return op;
  }

  /** Send `v` if there is room now; false if the channel is full. */
  trySend(v: T): boolean {
    if (this.rq.length > 0) {
      this.rq.shift()!._k(v);
      return true;
    }
    if (this.buf.length < this.capacity) {
      this.buf.push(v);
      return true;
    }
    return false;
  }

  /** Receive the next value, waiting while the channel is empty. */
  recv(): Future<T> {
    return this.rx;
  }

  /** The next value if there is one now, else undefined. */
  tryRecv(): T | undefined {
    if (this.buf.length === 0) return undefined;
    const v = this.buf.shift()!;
    this.refill();
    return v;
  }

  /** Room was made: the longest-waiting sender's value moves in, and that sender goes on. */
  private refill() {
    if (this.sq.length > 0) {
      const s = this.sq.shift()!;
      this.buf.push(s.v);
      s.w._k();
    }
  }

  /** @internal */ _recv(w: Waiter) {
    if (this.buf.length === 0) {
      this.rq.push(w);
    } else {
      // The receiver is queued before the sender it unblocks: it asked first.
      w._k(this.buf.shift());
      this.refill();
    }
  }
  /** @internal */ _unrecv(w: Waiter) {
    removeWaiterFrom(this.rq, w);
  }
  /** @internal */ _send(w: Waiter, v: T) {
    if (this.trySend(v)) w._k();
    else this.sq.push({ w: w, v: v });
  }
  /** @internal */ _unsend(w: Waiter) {
    for (let i = 0; i < this.sq.length; i++) {
      if (this.sq[i].w === w) {
        this.sq.splice(i, 1);
        return;
      }
    }
  }
}

const RecvOp = function (this: Op<any>, ch: Channel<any>) {
  this.ch = ch;
} as unknown as { new (ch: Channel<any>): Op<any>; prototype: Op<any> };
RecvOp.prototype._p = function (this: Op<any>, w: Waiter) {
  // _recv written out: waiting for a value is half of every handoff.
  const ch = this.ch as any;
  if (ch.buf.length === 0) ch.rq.push(w);
  else ch._recv(w);
};
RecvOp.prototype._u = function (this: Op<any>, w: Waiter) { this.ch._unrecv(w); };
RecvOp.prototype.then = waitableThen;
RecvOp.prototype._n = 'Channel recv';

const SendOp = function (this: Op<void>, ch: Channel<any>) {
  this.ch = ch;
} as unknown as { new (ch: Channel<any>): Op<void>; prototype: Op<void> };
SendOp.prototype._p = function (this: Op<void>, w: Waiter) { this.ch._send(w, this.v); };
SendOp.prototype._u = function (this: Op<void>, w: Waiter) { this.ch._unsend(w); };
SendOp.prototype.then = waitableThen;
SendOp.prototype._n = 'Channel send';

