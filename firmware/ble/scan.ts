/**
 * scan(): the devices in range, as a future.
 *
 * NRF.findDevices() cannot be stopped early: a task cancelled while it scans
 * would leave the radio listening (about 12 mA on a Puck.js) until its
 * timeout. scan() drives NRF.setScan() itself, collates the packets by
 * device, and on its timeout or on cancellation calls NRF.setScan() to
 * stop, so nothing is left running:
 *
 *     const found = await scan({ timeout: 2000, filter: { namePrefix: 'Thermo' } });
 *
 * The wait is itself in the executor's timer list (fields r, n, _k), like a
 * pin wait with a timeout (io/edge.ts).
 */
import { now, type Waitable, type Waiter } from '../executor.js';
import { waitableThen, type Future } from '../future.js';
import { timerAdd, timerRemove } from '../timer-list.js';
import { radio } from './radio.js';

/** Espruino's filters (NRF.requestDevice): all that are given must match. */
export interface BleFilter {
  name?: string;
  namePrefix?: string;
  /** Service UUIDs as text ('180f'). */
  services?: string[];
  /** Keys are service UUIDs as lowercase text: { '1809': {} }. */
  serviceData?: { [uuid: string]: {} };
  /** Keys are manufacturer ids: { 0x0590: {} }. */
  manufacturerData?: { [id: number]: {} };
  /** An address: 'e9:53:86:09:89:99 random'. */
  id?: string;
}

/** A device heard (Espruino's BluetoothDevice): the last packet's data. */
export interface BleDevice {
  id: string;
  rssi: number;
  name?: string;
  services?: string[];
  serviceData?: { [uuid: string]: number[] };
  manufacturer?: number;
  manufacturerData?: ArrayBuffer;
  data: ArrayBuffer;
}

export interface ScanOptions {
  /** How long to listen, ms. Default 2000 (NRF.findDevices'). */
  timeout?: number;
  /** Only devices matching this filter (or any of these). */
  filter?: BleFilter | BleFilter[];
}

/** One scan. Legend: t, how long (ms); f, the filters; w, who waits; d, devices by id; o, their ids in the order heard. */
interface ScanWait extends Waitable<BleDevice[]>, Waiter {
  t: number;
  f?: BleFilter[];
  w?: Waiter;
  d?: { [id: string]: BleDevice };
  o?: string[];
}

/** The scan on the radio now: Espruino has one. */
let active: ScanWait | undefined;

const ScanWait = function (this: ScanWait, t: number, f?: BleFilter[]) {
  this.t = t;
  if (f) this.f = f;
} as unknown as { new (t: number, f?: BleFilter[]): ScanWait; prototype: ScanWait };

/** The setScan callback, made here so that its closure holds only the wait. */
const hearer = function (x: ScanWait) {
  return function (dev: BleDevice) {
    if (x.d === undefined) return;
    if (x.d[dev.id] === undefined) x.o!.push(dev.id);
    x.d[dev.id] = dev;
  };
};

ScanWait.prototype._p = function (this: ScanWait, w: Waiter) {
  if (this.w !== undefined) throw new Error('scan: this scan is already being awaited; call scan() again for another');
  if (active) throw new Error('scan: another task is scanning; the radio does one scan at a time (await it, or cancel it first)');
  const nrf = radio('scan');
  this.w = w;
  this.d = {};
  this.o = [];
  active = this;
  nrf.setScan(hearer(this), this.f ? { filters: this.f } : undefined);
  this.r = now() + this.t;
  timerAdd(this);
};

/** The time is up (called by the timer list): the devices heard. */
ScanWait.prototype._k = function (this: ScanWait) {
  delete this.r;
  const w = this.w!;
  const out: BleDevice[] = [];
  for (let i = 0; i < this.o!.length; i++) out.push(this.d![this.o![i]]);
  release(this);
  w._k(out);
};

/** The waiting task was cancelled: the scan stops. */
ScanWait.prototype._u = function (this: ScanWait, _w: Waiter) {
  if (this.w === undefined) return;
  if (this.r !== undefined) {
    timerRemove(this);
    delete this.r;
  }
  release(this);
};

const release = function (x: ScanWait) {
  radio('scan').setScan();
  active = undefined;
  delete x.w;
  delete x.d;
  delete x.o;
};

ScanWait.prototype.then = waitableThen;
ScanWait.prototype._n = 'BLE scan';

/** Listen for `timeout` ms: each device heard (matching `filter`), once, in the order first heard. */
export const scan = function (options?: ScanOptions): Future<BleDevice[]> {
  const o = options || {};
  const t = o.timeout !== undefined ? o.timeout : 2000;
  if (!(t >= 0)) throw new TypeError('scan: timeout must be a number of ms >= 0, got ' + t);
  const f = o.filter === undefined ? undefined : (o.filter instanceof Array ? o.filter : [o.filter]);
  return new ScanWait(t, f);
};

