import { describeAdvert, hostBytes, normalUuid, type Advert } from '../ble/advert.js';
import { CONNECTION_INTERVAL, REMOTE_USER_TERMINATED, type BleCentral, type NrfStack } from '../ble/nrf.js';
import { formatTime } from '../duration.js';
import type { Part, BleHost } from './part.js';

export interface PhoneSpec {
  id: string;
  type: 'phone';
  /** Its Bluetooth address, as the board's 'connect' event reports it. */
  address?: string;
  /** The connection interval it chooses (ms): 7.5 (default, what Espruino asks for); iPhones use 15 or 30. */
  interval?: number;
}

/** What an advert must say for a phone waiting for one. Legend: name, exact; serviceData, UUID → bytes
 *  (each given must be there, equal); manufacturerData, bytes (Espruino's id unless `manufacturer`). */
export interface AdvertMatch {
  name?: string;
  serviceData?: Record<string, number[] | string>;
  manufacturer?: number;
  manufacturerData?: number[] | string;
}

/** A notification the phone got. Legend: t, ms; service / characteristic, UUIDs; data, bytes. */
export interface Notification {
  t: number;
  service: string;
  characteristic: string;
  data: number[];
}

/**
 * A phone running a Bluetooth LE app (nRF Connect, a Web Bluetooth page):
 * it scans the board's adverts, connects, reads, writes and subscribes to
 * notifications. Each action takes the radio's time — the next advert to
 * connect, the next connection event for a read or write — and runs the
 * simulated board meanwhile, so firmware reacts as it would to a real phone.
 */
export class Phone implements Part, BleCentral {
  readonly type = 'phone';
  readonly pins: string[] = [];
  readonly address: string;
  /** Connection interval (µs). */
  readonly interval: number;
  /** Adverts it heard while waiting for one, oldest first. */
  readonly heard: { t: number; advert: Advert }[] = [];
  readonly notifications: Notification[] = [];
  /** Connected to the board now. */
  connected = false;
  /** Why the last link ended, when the board ended it. */
  lastDrop?: string;

  constructor(readonly spec: PhoneSpec, private readonly h: BleHost) {
    if (h.chip.family !== 'nrf52') throw new Error(`a phone talks Bluetooth LE, which ${h.board.name} has not (only the nRF52 boards do in Coop: puckjs, mdbt42q, pixljs, banglejs2)`);
    this.address = spec.address ?? '4c:7a:91:0e:22:b3 public';
    this.interval = Math.round((spec.interval ?? CONNECTION_INTERVAL / 1000) * 1000);
  }

  get id(): string {
    return this.spec.id;
  }

  state(): string {
    return this.connected ? `connected, ${this.notifications.length} notifications` : 'not connected';
  }

  // ---- what the board's stack calls --------------------------------------------

  notified(service: string, characteristic: string, data: number[]): void {
    this.notifications.push({ t: this.h.clock.now, service, characteristic, data });
  }

  dropped(reason: string): void {
    this.connected = false;
    this.lastDrop = reason;
  }

  // ---- actions ---------------------------------------------------------------

  /**
   * Listen until an advert matching `match` goes out (the board's next
   * packets, at its interval), for up to `timeout` ms; the advert, or an Error
   * saying what was heard instead.
   */
  waitForAdvert(match: AdvertMatch, timeout: number): Advert {
    const h = this.h;
    const deadline = h.clock.us + Math.round(timeout * 1000);
    let last: Advert | undefined;
    for (;;) {
      const stack = this.stack('expect-advert');
      const next = stack.nextAdvert(h.clock.us);
      if (next === undefined || next > deadline) {
        h.runUntilUs(deadline);
        throw new Error(`${this.id} heard no advert with ${showMatch(match)} within ${formatTime(timeout)}; ${last ? `the last one it heard was ${describeAdvert(last)}` : this.stack('expect-advert').advertising ? 'it heard none' : 'the board is not advertising (a phone is connected?)'}`);
      }
      h.runUntilUs(next);
      const now = this.stack('expect-advert');
      if (now.nextAdvert(h.clock.us) !== h.clock.us) continue; // it changed while the clock ran
      last = { ...now.advert, serviceData: { ...now.advert.serviceData } };
      this.heard.push({ t: h.clock.now, advert: last });
      if (advertMatches(last, match)) {
        h.runUntilUs(h.clock.us + 1);
        return last;
      }
      h.runUntilUs(h.clock.us + 1);
    }
  }

  /** Connect at the board's next connectable advert, within `timeout` ms. */
  connect(timeout = 5000): void {
    const h = this.h;
    if (this.connected) throw new Error(`${this.id} is already connected`);
    const deadline = h.clock.us + Math.round(timeout * 1000);
    for (;;) {
      const stack = this.stack('ble-connect');
      const next = stack.nextAdvert(h.clock.us);
      if (next === undefined || next > deadline) {
        h.runUntilUs(deadline);
        throw new Error(`${this.id} could not connect within ${formatTime(timeout)}: ${h.ble.link ? `${h.ble.link.central.id} is connected to the board` : 'the board sent no advert'}`);
      }
      h.runUntilUs(next);
      const s = this.stack('ble-connect');
      if (s.nextAdvert(h.clock.us) !== h.clock.us) continue;
      if (!s.advert.connectable) {
        h.runUntilUs(h.clock.us + 1);
        continue;
      }
      // CONNECT_IND after the advert; the link starts with its first connection event.
      h.runUntilUs(h.clock.us + 1250);
      this.connected = true;
      this.lastDrop = undefined;
      this.stack('ble-connect').phoneConnected(this);
      h.runUntilUs(h.clock.us);
      return;
    }
  }

  /** Hang up, at the next connection event. */
  disconnect(): void {
    this.link('ble-disconnect');
    this.h.runUntilUs(this.h.ble.nextEvent());
    this.connected = false;
    this.stack('ble-disconnect').phoneDisconnected(REMOTE_USER_TERMINATED);
    this.h.runUntilUs(this.h.clock.us);
  }

  /** Read a characteristic of the board: its bytes. */
  read(service: string | number, characteristic: string | number): number[] {
    const c = this.char(service, characteristic, 'ble-read');
    if (!c.readable) throw new Error(`ble-read: ${normalUuid(service)}/${normalUuid(characteristic)} is not readable (give it readable: true)`);
    this.nextEvent();
    const value = [...c.value];
    this.h.ble.record('read', `${this.id} read ${normalUuid(service)}/${normalUuid(characteristic)}: [${value.join(',')}]`);
    return value;
  }

  /** Write bytes (or text) to a characteristic of the board; its onWrite runs at the next connection event. */
  write(service: string | number, characteristic: string | number, data: number[] | string): void {
    const bytes = hostBytes(data, 'ble-write');
    const c = this.char(service, characteristic, 'ble-write');
    if (!c.writable) throw new Error(`ble-write: ${normalUuid(service)}/${normalUuid(characteristic)} is not writable (give it writable: true)`);
    if (bytes.length > c.maxLen) throw new Error(`ble-write: ${bytes.length} bytes is more than ${normalUuid(service)}/${normalUuid(characteristic)} takes (maxLen ${c.maxLen})`);
    this.nextEvent();
    this.h.ble.record('write', `${this.id} wrote ${normalUuid(service)}/${normalUuid(characteristic)}: [${bytes.join(',')}]`);
    this.stack('ble-write').written(c, bytes);
    this.h.runUntilUs(this.h.clock.us);
  }

  /** Turn notifications of a characteristic on (or off). */
  subscribe(service: string | number, characteristic: string | number, on = true): void {
    const c = this.char(service, characteristic, 'ble-subscribe');
    if (!c.notify) throw new Error(`ble-subscribe: ${normalUuid(service)}/${normalUuid(characteristic)} does not notify (give it notify: true)`);
    this.nextEvent();
    this.h.ble.record('subscribe', `${this.id} ${on ? 'subscribed to' : 'unsubscribed from'} ${normalUuid(service)}/${normalUuid(characteristic)}`);
    this.stack('ble-subscribe').subscribe(c, on);
    this.h.runUntilUs(this.h.clock.us);
  }

  /**
   * Wait up to `timeout` ms for a notification (after the first `from` ones)
   * on the characteristic, whose data is `data` when given; its index.
   */
  waitForNotify(service: string | number, characteristic: string | number, data: number[] | string | undefined, timeout: number, from = 0): number {
    const su = normalUuid(service);
    const cu = normalUuid(characteristic);
    const want = data === undefined ? undefined : hostBytes(data, 'expect-notify');
    const h = this.h;
    const deadline = h.clock.us + Math.round(timeout * 1000);
    const find = () => this.notifications.findIndex((n, i) => i >= from && n.service === su && n.characteristic === cu && (!want || sameBytes(n.data, want)));
    for (;;) {
      const i = find();
      if (i >= 0) return i;
      const next = h.clock.nextDue();
      if (next === undefined || next > deadline) {
        h.runUntilUs(deadline);
        const j = find();
        if (j >= 0) return j;
        const got = this.notifications.slice(from).filter((n) => n.service === su && n.characteristic === cu).map((n) => `[${n.data.join(',')}]`);
        throw new Error(`${this.id} got no notification on ${su}/${cu}${want ? ` with [${want.join(',')}]` : ''} within ${formatTime(timeout)}; ${got.length ? `it got ${got.slice(-5).join(' ')}` : this.connected ? 'it got none' : 'it is not connected'}`);
      }
      h.runUntilUs(next);
    }
  }

  // ---- helpers ---------------------------------------------------------------

  private stack(action: string): NrfStack {
    const s = this.h.ble.stack;
    if (!s) throw new Error(`${action}: ${this.h.board.name} has no Bluetooth`);
    return s;
  }

  private link(action: string): void {
    if (!this.connected || this.h.ble.link?.central !== this) throw new Error(`${action}: ${this.id} is not connected to the board${this.lastDrop ? ` (${this.lastDrop})` : ''}; connect first (ble-connect)`);
  }

  private char(service: string | number, characteristic: string | number, action: string) {
    this.link(action);
    return this.stack(action).characteristic(service, characteristic, action);
  }

  /** Run the board until the next connection event. */
  private nextEvent(): void {
    this.h.runUntilUs(this.h.ble.nextEvent());
  }
}

/** Does `a` say what `m` asks? */
export function advertMatches(a: Advert, m: AdvertMatch): boolean {
  if (m.name !== undefined && a.name !== m.name) return false;
  for (const [k, v] of Object.entries(m.serviceData ?? {})) {
    const d = a.serviceData[normalUuid(k) ?? k];
    if (!d || !sameBytes(d, hostBytes(v, 'expect-advert serviceData'))) return false;
  }
  if (m.manufacturerData !== undefined) {
    if (a.manufacturer !== (m.manufacturer ?? 0x0590) || !sameBytes(a.manufacturerData ?? [], hostBytes(m.manufacturerData, 'expect-advert manufacturerData'))) return false;
  }
  return true;
}

function sameBytes(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function showMatch(m: AdvertMatch): string {
  const parts: string[] = [];
  if (m.name !== undefined) parts.push(`name ${JSON.stringify(m.name)}`);
  for (const [k, v] of Object.entries(m.serviceData ?? {})) parts.push(`${normalUuid(k) ?? k}=[${hostBytes(v, 'serviceData').join(',')}]`);
  if (m.manufacturerData !== undefined) parts.push(`manufacturer data [${hostBytes(m.manufacturerData, 'manufacturerData').join(',')}]`);
  return parts.join(' ') || 'anything';
}

