/**
 * advertise(): what the board broadcasts, as a handle a task owns.
 *
 * Espruino's NRF.setAdvertising() is a global setting; a task that sets it
 * and is then cancelled leaves the board advertising a stale reading. Here
 * the advert is a handle: `update()` changes it in place (one setAdvertising
 * call, nothing kept per update), `stop()` goes back to Espruino's default
 * advert, and awaiting the handle keeps it until the task is cancelled, which
 * stops it:
 *
 *     const ad = advertise({ name: 'Beacon', serviceData: { '1809': [22] }, interval: 1000 });
 *     try {
 *       for (;;) { ad.update({ serviceData: { '1809': [temp()] } }); await sleep(60000); }
 *     } finally { ad.stop(); }          // on return, error or cancellation
 *
 * One advert at a time: a new advertise() stops the one before.
 */
import type { Waitable, Waiter } from '../executor.js';
import { waitableThen } from '../future.js';
import { removeWaiterFrom } from '../wait-list.js';
import { radio, reason, uuid } from './radio.js';

export interface AdvertOptions {
  /** The name phones show. Espruino keeps it after stop(). */
  name?: string;
  /** Service data: 16-bit UUID as hex text ('1809') → bytes. Replaces the previous service data when given. */
  serviceData?: { [uuid: string]: number[] | string };
  /** Manufacturer data bytes (Espruino's 0x0590 unless `manufacturer`). */
  manufacturerData?: number[] | string;
  manufacturer?: number;
  /** ms between adverts, 20..10240 (Espruino's default 375). */
  interval?: number;
  /** Whether a phone may connect. Default true. */
  connectable?: boolean;
}

/** The advert in force, so a new one can stop it. */
let current: Advert | undefined;

export class Advert implements Waitable<void> {
  /** @internal The options in force. */ o: AdvertOptions;
  /** @internal Tasks awaiting it. */ w: Waiter[] = [];
  /** @internal Stopped. */ x?: 1;

  /** @internal Use advertise(). */
  constructor(o: AdvertOptions) {
    this.o = {};
    this.update(o);
  }

  /** Change what is advertised: the fields given replace those in force. Throws if the advert would not fit 31 bytes. */
  update(o: AdvertOptions): void {
    if (this.x) throw new Error('Advert.update: this advert was stopped; call advertise() again');
    const c: any = this.o;
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length; i++) c[keys[i]] = (o as any)[keys[i]];
    send(this.o);
  }

  /** Go back to Espruino's default advert (its name, 375 ms); tasks awaiting this one go on. */
  stop(): void {
    if (this.x) return;
    this.x = 1;
    if (current === this) {
      current = undefined;
      radio('Advert.stop').setAdvertising({}, { interval: 375 });
    }
    const w = this.w;
    this.w = [];
    for (let i = 0; i < w.length; i++) w[i]._k();
  }

  /** @internal Awaiting an advert waits until it is stopped. */
  _p(w: Waiter) {
    if (this.x) w._k();
    else this.w.push(w);
  }

  /** @internal The awaiting task was cancelled: the advert stops. */
  _u(w: Waiter) {
    removeWaiterFrom(this.w, w);
    this.stop();
  }
  declare then: Waitable<void>['then'];
}
(Advert.prototype as any).then = waitableThen;
(Advert.prototype as any)._n = 'advert';

/** One NRF.setAdvertising call for options `o`; its failure as an Error naming advertise. */
const send = function (o: AdvertOptions) {
  const data: any = {};
  if (o.serviceData) {
    const keys = Object.keys(o.serviceData);
    for (let i = 0; i < keys.length; i++) data[uuid(keys[i])] = o.serviceData[keys[i]];
  }
  const opts: any = {};
  if (o.name !== undefined) opts.name = o.name;
  if (o.interval !== undefined) opts.interval = o.interval;
  if (o.connectable !== undefined) opts.connectable = o.connectable;
  if (o.manufacturerData !== undefined) {
    opts.manufacturer = o.manufacturer !== undefined ? o.manufacturer : 0x0590;
    opts.manufacturerData = o.manufacturerData;
  }
  const nrf = radio('advertise');
  try {
    nrf.setAdvertising(data, opts);
  } catch (e) {
    const r = reason(e);
    throw new Error('advertise: ' + r + (r.indexOf('DATA_SIZE') >= 0 ? ': the advert is over 31 bytes; shorten the name or the data' : ''));
  }
};

/** Start advertising `o` (stopping the advert before, if any); the handle updates and stops it. */
export const advertise = function (o: AdvertOptions): Advert {
  if (current) current.stop();
  const a = new Advert(o);
  current = a;
  return a;
};
