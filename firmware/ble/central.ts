/**
 * The board as a central: connect to another device and read, write and
 * subscribe to its characteristics, each a future.
 *
 * Espruino's Web Bluetooth calls return Promises and run one at a time: a
 * second call while one is pending throws "BLE task … is already in
 * progress". Here every call waits its turn (one lock for the radio, held
 * until Espruino's Promise settles, even if the task that started it was
 * cancelled), failures become Errors that say what failed ('read 181a/2a6e
 * of d0:0b:…: Not connected'), and a connection that completes after its
 * task was cancelled is closed rather than left open:
 *
 *     const p = await connect('d0:0b:1e:00:00:01 random');
 *     try { print(await p.read('181a', '2a6e')); } finally { await p.disconnect(); }
 */
import { enter, type Waitable, type Waiter } from '../executor.js';
import { Channel } from '../channel.js';
import { waitableThen, type Future } from '../future.js';
import { Semaphore } from '../semaphore.js';
import { radio, reason, uuid } from './radio.js';

/** One central operation at a time, as Espruino's stack allows. */
const lock = new Semaphore(1);
const unlock = function () { lock.release(); };

/** A wait on an Espruino Promise. Legend: p, the Promise; l, what it is, for errors; w, who waits; c, the waiter was cancelled. */
interface PromiseWait extends Waitable<any> {
  p: PromiseLike<any>;
  l: string;
  w?: Waiter;
  c?: 1;
}
const PromiseWait = function (this: PromiseWait, p: PromiseLike<any>, l: string) {
  this.p = p;
  this.l = l;
} as unknown as { new (p: PromiseLike<any>, l: string): PromiseWait; prototype: PromiseWait };
PromiseWait.prototype._p = function (this: PromiseWait, w: Waiter) {
  const self = this;
  this.w = w;
  this.p.then(function (v: any) {
    enter(function () {
      const w2 = self.w;
      if (w2) { delete self.w; w2._k(v); }
    });
  }, function (e: any) {
    enter(function () {
      const w2 = self.w;
      if (w2) { delete self.w; w2._k(new Error(self.l + ': ' + reason(e)), 1); }
    });
  });
};
PromiseWait.prototype._u = function (this: PromiseWait) {
  delete this.w;
  this.c = 1;
};
PromiseWait.prototype.then = waitableThen;
PromiseWait.prototype._n = 'BLE central';

/**
 * Start an Espruino BLE call when the radio is free; its result. The lock is
 * held until its Promise settles — and, when the waiting task was cancelled
 * and `late` undoes what the call did (closes a connection), until that is done too.
 */
const op = async function (label: string, start: () => PromiseLike<any>, late?: (v: any) => PromiseLike<any>): Promise<any> {
  await lock.acquire();
  let p: PromiseLike<any>;
  try {
    p = start();
  } catch (e) {
    lock.release();
    throw new Error(label + ': ' + reason(e));
  }
  const w = new PromiseWait(p, label);
  p.then(function (v: any) {
    if (late && w.c) {
      try {
        late(v).then(unlock, unlock);
        return;
      } catch (e) { /* the link is gone already */ }
    }
    unlock();
  }, unlock);
  return await w;
};

/** Notifications of one characteristic, as a stream: `await sub.next()`. Up to `queue` are kept (default 8); past that, new ones are dropped and counted in `lost`. */
export class Subscription {
  /** @internal */ ch: Channel<Uint8Array>;
  /** @internal The characteristic, its listener. */ c: any;
  /** @internal */ f: (ev: any) => void;
  /** Notifications dropped because nobody read them in time. */
  lost = 0;

  /** @internal Use Peripheral.subscribe(). */
  constructor(c: any, queue: number) {
    const self = this;
    this.ch = new Channel<Uint8Array>(queue);
    this.c = c;
    this.f = function (ev: any) {
      const v = new Uint8Array(ev.target.value.buffer);
      enter(function () { if (!self.ch.trySend(v)) self.lost++; });
    };
    c.on('characteristicvaluechanged', this.f);
  }

  /** The next notification's bytes. */
  next(): Future<Uint8Array> {
    return this.ch.recv();
  }

  /** Stop listening (the listener goes) and ask the device to stop notifying. */
  close(): Future<void> {
    this.c.removeListener('characteristicvaluechanged', this.f);
    const c = this.c;
    return op('unsubscribe ' + c.uuid, function () { return c.stopNotifications(); });
  }
}

/** A connected device. */
export class Peripheral {
  /** Its address. */
  readonly id: string;
  /** @internal Espruino's BluetoothRemoteGATTServer. */ g: any;
  /** @internal Services and characteristics found, by UUID. */ ss: any = {};
  /** @internal */ cs: any = {};

  /** @internal Use connect(). */
  constructor(id: string, g: any) {
    this.id = id;
    this.g = g;
  }

  /** Is the link up? */
  get connected(): boolean {
    return !!this.g.connected;
  }

  /** Read a characteristic: its bytes. */
  async read(service: string | number, characteristic: string | number): Promise<Uint8Array> {
    const label = 'read ' + service + '/' + characteristic + ' of ' + this.id;
    const c = await charOf(this, service, characteristic, label);
    const dv = await op(label, function () { return c.readValue(); });
    return new Uint8Array(dv.buffer);
  }

  /** Write bytes (or text) to a characteristic; resolves when the device has them. */
  async write(service: string | number, characteristic: string | number, data: number[] | string | Uint8Array): Promise<void> {
    const label = 'write ' + service + '/' + characteristic + ' of ' + this.id;
    const c = await charOf(this, service, characteristic, label);
    await op(label, function () { return c.writeValue(data); });
  }

  /** Turn on notifications of a characteristic: a stream of them. */
  async subscribe(service: string | number, characteristic: string | number, queue?: number): Promise<Subscription> {
    const label = 'subscribe ' + service + '/' + characteristic + ' of ' + this.id;
    const c = await charOf(this, service, characteristic, label);
    const s = new Subscription(c, queue !== undefined ? queue : 8);
    try {
      await op(label, function () { return c.startNotifications(); });
    } catch (e) {
      c.removeListener('characteristicvaluechanged', s.f);
      throw e;
    }
    return s;
  }

  /** Close the connection. */
  disconnect(): Future<void> {
    const g = this.g;
    return op('disconnect ' + this.id, function () { return g.disconnect(); });
  }
}

/** A characteristic's Espruino object, found once and kept. */
const charOf = async function (p: Peripheral, service: string | number, characteristic: string | number, label: string): Promise<any> {
  const key = service + '/' + characteristic;
  if (p.cs[key]) return p.cs[key];
  let s = p.ss[service];
  if (!s) {
    const g = p.g;
    s = p.ss[service] = await op(label, function () { return g.getPrimaryService(uuidText(service)); });
  }
  const c = await op(label, function () { return s.getCharacteristic(uuidText(characteristic)); });
  p.cs[key] = c;
  return c;
};

/** Web Bluetooth calls take UUIDs as text or numbers; pass numbers through, text as given. */
const uuidText = function (u: string | number): string | number {
  return uuid(u);
};

/** Connect to a device by address (a scan's `id`, or the device itself); cancelling the wait closes a connection that completes afterwards. */
export const connect = async function (device: string | { id: string }): Promise<Peripheral> {
  const id = typeof device === 'string' ? device : device.id;
  const nrf = radio('connect');
  const g = await op('connect ' + id, function () { return nrf.connect(id); }, function (late: any) { return late.disconnect(); });
  return new Peripheral(id, g);
};
