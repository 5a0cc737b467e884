/**
 * The board's GATT server: characteristics a phone reads, writes and
 * subscribes to, with writes as a stream and notifications with backpressure.
 *
 * Espruino hands a write to an `onWrite` callback, and a task busy elsewhere
 * would miss it; here each write is queued on its characteristic (up to
 * `queue`, default 8; past that the oldest go and the next read says how
 * many), so `await c.written()` gets every write in order:
 *
 *     const rate = new Characteristic('a000', 'a001', { writable: true, value: [10] });
 *     serve([rate]);
 *     for (;;) interval = (await rate.written())[0];
 *
 * Notifying: NRF.updateServices() puts a notification in the SoftDevice's TX
 * queue and Espruino ignores NRF_ERROR_RESOURCES when that is full, so a
 * notification sent too soon is lost without a word. JavaScript cannot see
 * that queue (Espruino reports no "sent" event), so, as Uart paces itself by
 * the baud rate, notify() paces itself by the connection interval: one
 * notification per `pace` ms (default 7.5, the interval Espruino asks for;
 * a phone may choose a longer one — iPhones 15 or 30 ms — so give `pace` to
 * match), whichever task sends: each takes the next slot and waits for it.
 *
 *     // before: for (…) NRF.updateServices({ 0x181a: { 0x2a6e: { value: v, notify: true } } });  // some lost
 *     for (…) await temp.notify(v);                                                             // none lost
 */
import { enter, now, type Waitable, type Waiter } from '../executor.js';
import { waitableThen, type Future } from '../future.js';
import { sleep, yieldNow } from '../time.js';
import { removeWaiterFrom } from '../wait-list.js';
import { hold } from './link.js';
import { radio, reason, uuid } from './radio.js';

/** ms between notifications by default: one per connection event at Espruino's active interval. */
const PACE_MS = 7.5;
/** When (ms) the next notification may go; shared by every characteristic (one link). */
let free = 0;

export interface CharacteristicOptions {
  /** Initial value. */
  value?: number[] | string;
  /** Most bytes it holds (default: the initial value's length, at least 1 — Espruino's rule). */
  maxLen?: number;
  readable?: boolean;
  writable?: boolean;
  notify?: boolean;
  /** What nRF Connect shows for it. */
  description?: string;
  /** Writes kept until read (default 8). */
  queue?: number;
  /** ms between notifications: the phone's connection interval (default 7.5). */
  pace?: number;
}

/** written(): one op per characteristic, holding nothing of its own. */
interface WriteOp extends Waitable<Uint8Array> { c: Characteristic }
const WriteOp = function (this: WriteOp, c: Characteristic) { this.c = c; } as unknown as { new (c: Characteristic): WriteOp; prototype: WriteOp };
WriteOp.prototype._p = function (this: WriteOp, w: Waiter) {
  this.c.w.push(w);
  this.c._deliver();
};
WriteOp.prototype._u = function (this: WriteOp, w: Waiter) {
  removeWaiterFrom(this.c.w, w);
};
WriteOp.prototype.then = waitableThen;
WriteOp.prototype._n = 'BLE write';

export class Characteristic {
  /** @internal Service and characteristic UUIDs as Espruino takes them. */ s: string | number;
  /** @internal */ u: string | number;
  /** @internal Options. */ o: CharacteristicOptions;
  /** @internal Writes not yet read. */ q: Uint8Array[] = [];
  /** @internal Tasks waiting for a write. */ w: Waiter[] = [];
  /** @internal Writes dropped since the last read. */ lost = 0;
  /** @internal A phone enabled notifications. */ sub?: 1;
  /** @internal */ rx: WriteOp;

  /** `service` and `uuid`: 16-bit as hex text ('181a') or a number (0x181A), or 128-bit text. */
  constructor(service: string | number, id: string | number, options?: CharacteristicOptions) {
    this.s = uuid(service);
    this.u = uuid(id);
    this.o = options || {};
    this.rx = new WriteOp(this);
  }

  /** Has a phone subscribed to notifications? */
  get subscribed(): boolean {
    return !!this.sub;
  }

  /** The next value a phone writes (bytes), waiting until one does. */
  written(): Future<Uint8Array> {
    return this.rx;
  }

  /** Set the value phones read, without notifying. */
  set(value: number[] | string): void {
    update(this, value, false);
  }

  /**
   * Set the value and notify a subscribed phone, waiting for a free slot on
   * the link first (see the file comment). True if a phone was subscribed;
   * false if not (the value is still set, for reads).
   */
  notify(value: number[] | string): Future<boolean> {
    return notify(this, value);
  }

  /** @internal A phone wrote `data` (an ArrayBuffer). */
  _write(data: ArrayBuffer) {
    const m = this.o.queue !== undefined ? this.o.queue : 8;
    if (this.q.length >= m) {
      this.q.shift();
      this.lost++;
    }
    this.q.push(new Uint8Array(data));
    this._deliver();
  }

  /** @internal Hand queued writes to waiting tasks, oldest first. */
  _deliver() {
    while (this.w.length > 0 && (this.q.length > 0 || this.lost > 0)) {
      if (this.lost > 0) {
        const n = this.lost;
        this.lost = 0;
        this.w.shift()!._k(new Error('BLE ' + nameOf(this) + ': ' + n + ' writes were dropped: more than ' +
          (this.o.queue !== undefined ? this.o.queue : 8) + ' came before they were read; read sooner or give a bigger queue'), 1);
        continue;
      }
      this.w.shift()!._k(this.q.shift());
    }
  }
}

/** A characteristic as messages name it: '181a/2a6e'. */
const nameOf = function (c: Characteristic): string {
  return hex(c.s) + '/' + hex(c.u);
};
const hex = function (u: string | number): string {
  return typeof u === 'number' ? ('000' + u.toString(16)).slice(-4) : u;
};

/** One updateServices call; an error names the characteristic. */
const update = function (c: Characteristic, value: number[] | string, notify: boolean) {
  const ch: any = {};
  ch[c.u] = notify ? { value: value, notify: true } : { value: value };
  const sv: any = {};
  sv[c.s] = ch;
  try {
    radio('Characteristic.set').updateServices(sv);
  } catch (e) {
    throw new Error('BLE ' + nameOf(c) + ': ' + reason(e) + (reason(e).indexOf('DATA_SIZE') >= 0 ? ': more bytes than its maxLen' : ''));
  }
};

const notify = async function (c: Characteristic, value: number[] | string): Promise<boolean> {
  if (!c.sub) {
    update(c, value, false);
    return false;
  }
  // Take the next slot before waiting, so tasks notifying together go one per slot.
  const at = Math.max(free, now());
  free = at + (c.o.pace !== undefined ? c.o.pace : PACE_MS);
  if (at > now()) await sleep(at - now());
  else await yieldNow(); // an await point either way, so a loop of notify() never hogs the board
  update(c, value, !!c.sub);
  return !!c.sub;
};

/** The services Coop serves now (so serve() again releases the previous). */
let served: Characteristic[] | undefined;

/**
 * Serve `chars` (NRF.setServices), grouped by service. Call it while no
 * phone is connected (Espruino restarts its stack for it). `advertise`
 * lists service UUIDs to put in the scan response.
 */
export const serve = function (chars: Characteristic[], options?: { advertise?: string[] }): void {
  const sv: any = {};
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const o = c.o;
    if (!sv[c.s]) sv[c.s] = {};
    const d: any = { value: o.value !== undefined ? o.value : [0], readable: !!o.readable, writable: !!o.writable, notify: !!o.notify };
    if (o.maxLen !== undefined) d.maxLen = o.maxLen;
    if (o.description !== undefined) d.description = o.description;
    if (o.writable) d.onWrite = writer(c);
    if (o.notify) d.onWriteDesc = subscriber(c);
    sv[c.s][c.u] = d;
  }
  try {
    radio('serve').setServices(sv, options && options.advertise ? { advertise: options.advertise } : undefined);
  } catch (e) {
    throw new Error('serve: ' + reason(e));
  }
  if (!served) hold(function () {
    const s = served!;
    for (let i = 0; i < s.length; i++) delete s[i].sub;
  });
  served = chars;
};

/** Stop serving: NRF.setServices() with none, the listeners go; tasks waiting for writes get an Error. */
export const unserve = function (): void {
  if (!served) return;
  const s = served;
  served = undefined;
  hold(undefined);
  radio('unserve').setServices({});
  for (let i = 0; i < s.length; i++) {
    const w = s[i].w;
    s[i].w = [];
    for (let j = 0; j < w.length; j++) w[j]._k(new Error('BLE ' + nameOf(s[i]) + ' is no longer served'), 1);
  }
};

/** The onWrite callback, made here so its closure holds only the characteristic. */
const writer = function (c: Characteristic) {
  return function (evt: { data: ArrayBuffer }) { enter(function () { c._write(evt.data); }); };
};

/** The onWriteDesc callback: bit 0 of the CCCD is notifications on. */
const subscriber = function (c: Characteristic) {
  return function (evt: { data: ArrayBuffer }) {
    if (new Uint8Array(evt.data)[0] & 1) c.sub = 1;
    else delete c.sub;
  };
};
