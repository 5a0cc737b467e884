/**
 * Bluetooth LE on a simulated nRF52 board: the `NRF` global, and the air
 * around the board (phones that connect to it, devices it scans and connects
 * to), on the virtual clock.
 *
 * Before, `NRF` was refused on every board, so firmware for the most common
 * Puck.js project (advertise a reading, let a phone change a setting) could
 * not be tested:
 *
 *     NRF.setAdvertising({ 0x1809: [22] });   // → "NRF is part of Espruino on Puck.js, but the Coop simulator does not emulate it"
 *
 * Now the calls below behave as Espruino 2v29's (libs/bluetooth/jswrap_bluetooth.c,
 * targets/nrf5x/bluetooth.c at c5ff787b), with the timing of the radio:
 *
 * - Peripheral: setAdvertising (31-byte limit → "ERR 0xc (DATA_SIZE)"; the
 *   interval persists between calls, as bleAdvertisingInterval does),
 *   setServices / updateServices (onWrite gets {data: ArrayBuffer}; a write
 *   also sets the stored value), 'connect' (the phone's address) and
 *   'disconnect' (reason 19 when the phone leaves, 22 when NRF.disconnect()),
 *   getSecurityStatus().connected, getAddress, getBattery, disconnect.
 *   Advertising stops while a phone is connected and restarts when it goes.
 * - Notifications go through the SoftDevice's TX queue (TX_QUEUE packets),
 *   one packet per connection event (CONNECTION_INTERVAL). Espruino ignores
 *   NRF_ERROR_RESOURCES when the queue is full, so on the board such a
 *   notification is lost without a word; here it is lost too, with a warning.
 * - Central: setScan, findDevices, requestDevice, connect / device.gatt.connect,
 *   getPrimaryService, getCharacteristic, readValue (a DataView), writeValue,
 *   startNotifications ('characteristicvaluechanged'), disconnect. Espruino runs
 *   one central operation at a time: a second one throws "BLE task CONNECT is
 *   already in progress", and failures reject with a string, not an Error.
 *
 * Every radio event is at a whole number of intervals from when it started,
 * so runs are deterministic.
 */
import type { BoardServices } from '../host.js';
import { IO } from '../virtual-clock.js';
import { advertBytes, DEFAULT_INTERVAL, describeAdvert, ESPRUINO_MANUFACTURER, keyUuid, matchesFilter, MAX_PACKET, normalUuid, type Advert, type DeviceFilter } from './advert.js';

/** What Bluetooth LE (NRF, the air around the board) uses of the board. */
export type BleAirHost = Pick<BoardServices, 'board' | 'bytesOf' | 'call' | 'callListeners' | 'clock' | 'isBytes' | 'newObject' | 'note' | 'raise' | 'realm' | 'toRealm' | 'toRealmArray' | 'typeName' | 'unsupported' | 'warn'>;

/** Connection interval in µs: Espruino asks for 7.5 ms while active (BLE_DYNAMIC_INTERVAL_HIGH_RATE); a phone may choose longer. Central links use it too. */
export const CONNECTION_INTERVAL = 7500;
/** Notifications the TX queue holds before it refuses more. */
export const TX_QUEUE = 3;
/** The board's address and what its default name ends with. */
export const BOARD_ADDRESS = 'e7:c4:51:2a:4f:2a random';
/** Disconnection reasons Espruino reports (Nordic's ble_hci.h): the other side hung up / this side did. */
export const REMOTE_USER_TERMINATED = 19;
export const LOCAL_HOST_TERMINATED = 22;
/** How long NRF.connect() tries before "Connection Timeout" (ms). */
export const CONNECT_TIMEOUT = 4000;

/** A characteristic of the board's GATT server. Legend: value, stored bytes; maxLen, most bytes it takes;
 *  readable / writable / notify, what a phone may do; onWrite / onWriteDesc, the firmware's callbacks;
 *  subscribed, a phone enabled notifications (CCCD). */
export interface CharState {
  value: number[];
  maxLen: number;
  readable: boolean;
  writable: boolean;
  notify: boolean;
  onWrite?: Function;
  onWriteDesc?: Function;
  subscribed: boolean;
}

/** What the phones and devices see of a BLE event, for tests and the timeline. Legend: t, ms;
 *  kind, what happened; text, the timeline's words for it. */
export interface BleEvent {
  t: number;
  kind: 'advert' | 'connect' | 'disconnect' | 'write' | 'read' | 'subscribe' | 'notify' | 'dropped' | 'scan' | 'central';
  text: string;
}

/** Someone a peripheral link goes to (a phone part). */
export interface BleCentral {
  id: string;
  address: string;
  /** The connection interval it asks for (µs). */
  interval: number;
  /** The board sent a notification. */
  notified(service: string, characteristic: string, data: number[]): void;
  /** The link went down; `reason` as the board's stack reports it. */
  dropped(reason: string): void;
}

/** A device the board can scan and connect to (a ble-device part). */
export interface BlePeripheral {
  id: string;
  address: string;
  advert: Advert;
  rssi: number;
  /** Phase of its adverts (µs). */
  phase: number;
  services: Map<string, Map<string, CharState>>;
  /** The board wrote `data`. */
  written(service: string, characteristic: string, data: number[]): void;
  /** Notifications it sends while the board subscribes: the next one's time and data, or undefined. */
  nextNotification?(service: string, characteristic: string, afterUs: number): { at: number; data: number[] } | undefined;
}

/** The link between the board (peripheral) and a phone. Legend: start, µs of the first connection event;
 *  interval, µs between connection events (the phone chooses it); queue, when (µs) each notification in the TX queue goes. */
interface Link {
  central: BleCentral;
  start: number;
  interval: number;
  queue: number[];
}

/**
 * The radio around one simulated board; it outlives board resets (phones and
 * devices are hardware). `install()` puts a fresh NRF global in each boot.
 */
export class BleAir {
  readonly log: BleEvent[] = [];
  readonly devices: BlePeripheral[] = [];
  /** What NRF.getBattery() says (V): a fresh CR2032. */
  batteryVolts = 3.0;
  link: Link | null = null;
  /** The NRF of the running code (undefined on boards without Bluetooth). */
  stack?: NrfStack;

  constructor(private readonly h: BleAirHost) {}

  /** Make the NRF global for this boot. */
  install(): void {
    this.stack = new NrfStack(this.h, this);
    this.h.realm.define('NRF', this.stack.object);
    for (const name of ['BluetoothDevice', 'BluetoothRemoteGATTServer', 'BluetoothRemoteGATTService', 'BluetoothRemoteGATTCharacteristic']) {
      this.h.realm.define(name, this.h.newObject());
    }
  }

  /** The board resets: the link drops, scans and central links end. */
  reset(): void {
    const link = this.link;
    this.link = null;
    if (link) {
      this.record('disconnect', `${link.central.id} lost the link: the board reset`);
      link.central.dropped('the board reset');
    }
    this.stack?.shutdown();
  }

  record(kind: BleEvent['kind'], text: string): void {
    this.log.push({ t: this.h.clock.now, kind, text });
    this.h.note(`BLE ${text}`);
  }

  /** µs of the next connection event after now (strictly), on the current link. */
  nextEvent(): number {
    const link = this.link!;
    const us = this.h.clock.us;
    const k = Math.floor((us - link.start) / link.interval) + 1;
    return link.start + k * link.interval;
  }

  /**
   * Queue a notification. The radio sends one per connection event whatever
   * the firmware is doing, so the queue is kept as departure times rather
   * than drained by events that would have to wait for the code to yield.
   */
  notify(service: string, characteristic: string, data: number[]): void {
    const link = this.link;
    if (!link) return;
    const now = this.h.clock.us;
    link.queue = link.queue.filter((d) => d > now);
    if (link.queue.length >= TX_QUEUE) {
      this.record('dropped', `notification ${service}/${characteristic} [${data.join(',')}] lost: the TX queue (${TX_QUEUE}) was full`);
      this.h.warn(`NRF.updateServices: a notification on ${service}/${characteristic} was lost because the Bluetooth TX queue (${TX_QUEUE} packets) was full; on the board it is lost without a word. Send them no faster than the connection interval (${link.interval / 1000} ms here), as Coop's Characteristic.notify() does with its pace`);
      return;
    }
    const last = link.queue[link.queue.length - 1];
    const at = Math.max(this.nextEvent(), last === undefined ? 0 : last + link.interval);
    link.queue.push(at);
    this.h.clock.at(at, IO, () => {
      if (this.link !== link) return;
      this.record('notify', `${link.central.id} ← notification ${service}/${characteristic} [${data.join(',')}]`);
      link.central.notified(service, characteristic, data);
    });
  }
}

/** The NRF global of one boot, and the board's Bluetooth state behind it. */
export class NrfStack {
  readonly object: Record<string, unknown>;
  advert: Advert;
  /** µs when the current advertising started (packets go out every interval after it). */
  advertStart: number;
  readonly services = new Map<string, Map<string, CharState>>();
  /** The central operation in progress (Espruino's bleTask), or null. */
  private task: string | null = null;
  /** The scan running: its callback and filters; `gen` tells a stale packet from a live one. */
  private scan: { fn: (dev: unknown) => void; filters: DeviceFilter[] | null; gen: number } | null = null;
  private scanGen = 0;
  private alive = true;
  /** Names the board has (Espruino's default: board name and the last 4 hex digits of the address). */
  readonly defaultName: string;

  constructor(private readonly h: BleAirHost, private readonly air: BleAir) {
    this.defaultName = `${h.board.name.replace(/ 2$/, '')} ${BOARD_ADDRESS.slice(12, 14)}${BOARD_ADDRESS.slice(15, 17)}`;
    this.advert = { name: this.defaultName, serviceData: {}, manufacturer: ESPRUINO_MANUFACTURER, interval: DEFAULT_INTERVAL, connectable: true };
    this.advertStart = h.clock.us;
    const o = h.newObject();
    const method = (n: string, fn: (...a: unknown[]) => unknown) => Object.defineProperty(o, n, { value: fn, writable: true, configurable: true, enumerable: false });
    method('setAdvertising', (data, options) => this.setAdvertising(data, options));
    method('getAddress', () => BOARD_ADDRESS);
    method('getBattery', () => air.batteryVolts);
    method('setServices', (data, options) => this.setServices(data, options));
    method('updateServices', (data) => this.updateServices(data));
    method('getSecurityStatus', () => h.toRealm(air.link ? { connected: true, connected_addr: air.link.central.address, encrypted: false, mitm_protected: false, bonded: false, advertising: false } : { connected: false, encrypted: false, mitm_protected: false, bonded: false, advertising: true }));
    method('disconnect', () => this.disconnectPhone());
    method('setScan', (fn, options) => this.setScan(fn, options));
    method('findDevices', (fn, options) => this.findDevices(fn, options));
    method('requestDevice', (options) => this.requestDevice(options));
    method('connect', (mac, options) => this.connect(mac, options));
    for (const n of ['sleep', 'wake', 'restart', 'setTxPower', 'setConnectionInterval', 'setRSSIHandler', 'setScanResponse', 'setWhitelist', 'setSecurity', 'nfcURL', 'nfcRaw', 'nfcStart', 'nfcStop', 'sendHIDReport', 'setAddress', 'eraseBonds']) {
      method(n, () => h.unsupported(`NRF.${n}`));
    }
    this.object = o;
  }

  shutdown(): void {
    this.alive = false;
    this.scan = null;
  }

  // ---- peripheral -------------------------------------------------------------

  /** NRF.setAdvertising(data, options). */
  private setAdvertising(data: unknown, options: unknown): void {
    const h: BleAirHost = this.h;
    const a: Advert = { ...this.advert, serviceData: {}, manufacturer: ESPRUINO_MANUFACTURER, manufacturerData: undefined };
    if (options !== undefined) {
      if (options === null || typeof options !== 'object') h.raise('TypeError', `Expecting Object or undefined, got ${h.typeName(options)}`);
      const o = options as Record<string, unknown>;
      if (o.interval !== undefined) a.interval = Math.min(10240, Math.max(20, Math.round(Number(o.interval))));
      if (o.connectable !== undefined) a.connectable = !!o.connectable;
      if (o.name !== undefined) a.name = String(o.name);
      if (o.showName === false) a.name = undefined;
      if (o.manufacturer !== undefined) a.manufacturer = o.manufacturer === false || o.manufacturer === 0 ? undefined : Number(o.manufacturer);
      if (o.manufacturerData !== undefined) a.manufacturerData = this.bytes(o.manufacturerData, 'NRF.setAdvertising manufacturerData');
    }
    if (data !== undefined) {
      if (data === null || typeof data !== 'object' || h.isBytes(data)) h.unsupported('NRF.setAdvertising with raw advertising data (an array)');
      for (const [k, v] of Object.entries(data as object)) {
        const u = keyUuid(k);
        if (u === undefined) h.raise('Error', `Invalid Service UUID: ${k}`);
        a.serviceData[u] = v === undefined ? null : this.bytes(v, `NRF.setAdvertising service data ${k}`);
      }
    }
    if (a.manufacturer !== undefined && a.manufacturerData === undefined && a.manufacturer !== ESPRUINO_MANUFACTURER) a.manufacturerData = [];
    if (advertBytes(a).length > MAX_PACKET) h.raise('Error', 'ERR 0xc (DATA_SIZE)');
    const changed = describeAdvert(a) !== describeAdvert(this.advert);
    // New data goes in the next packet; a new interval or mode restarts advertising.
    if (!this.air.link && (a.interval !== this.advert.interval || a.connectable !== this.advert.connectable)) this.advertStart = h.clock.us;
    this.advert = a;
    if (changed) {
      this.air.record('advert', `advertising ${describeAdvert(a)}`);
    }
  }

  /** Is the board sending advertising packets now? */
  get advertising(): boolean {
    return this.alive && this.air.link === null;
  }

  /** µs of the next advertising packet at or after `us`, or undefined while not advertising. */
  nextAdvert(us: number): number | undefined {
    if (!this.advertising) return undefined;
    const step = this.advert.interval * 1000;
    const k = Math.max(0, Math.ceil((us - this.advertStart) / step));
    return this.advertStart + k * step;
  }

  /** NRF.setServices(data, options). */
  private setServices(data: unknown, options: unknown): void {
    const h: BleAirHost = this.h;
    if (this.air.link) h.raise('Error', "Can't modify services while connected: NRF.setServices needs a restart of the Bluetooth stack; call it before a phone connects");
    void options;
    this.services.clear();
    if (data === undefined) return;
    if (data === null || typeof data !== 'object') h.raise('TypeError', `NRF.setServices: expecting an object of services, got ${h.typeName(data)}`);
    for (const [sk, sv] of Object.entries(data as object)) {
      const su = keyUuid(sk);
      if (su === undefined) h.raise('Error', `Invalid Service UUID: ${sk}`);
      const chars = new Map<string, CharState>();
      for (const [ck, cv] of Object.entries((sv ?? {}) as object)) {
        const cu = keyUuid(ck);
        if (cu === undefined) h.raise('Error', `Invalid Characteristic UUID: ${ck}`);
        const c = (cv ?? {}) as Record<string, unknown>;
        const value = c.value === undefined ? [] : this.bytes(c.value, `NRF.setServices ${sk}/${ck} value`);
        chars.set(cu, {
          value,
          maxLen: c.maxLen !== undefined ? Number(c.maxLen) : Math.max(1, value.length),
          readable: !!c.readable,
          writable: !!c.writable,
          notify: !!c.notify || !!c.indicate,
          onWrite: typeof c.onWrite === 'function' ? c.onWrite : undefined,
          onWriteDesc: typeof c.onWriteDesc === 'function' ? c.onWriteDesc : undefined,
          subscribed: false,
        });
      }
      this.services.set(su, chars);
    }
    // Espruino keeps the services in a hidden variable, so they take JsVars: keep them reachable.
    Object.defineProperty(this.object, '\xFFBLE_SVC', { value: data, writable: true, configurable: true, enumerable: false });
  }

  /** NRF.updateServices(data): new values; a notification where `notify: true` and a phone subscribed. */
  private updateServices(data: unknown): void {
    const h: BleAirHost = this.h;
    if (data === null || typeof data !== 'object') h.raise('TypeError', `NRF.updateServices: expecting an object of services, got ${h.typeName(data)}`);
    for (const [sk, sv] of Object.entries(data as object)) {
      for (const [ck, cv] of Object.entries((sv ?? {}) as object)) {
        const c = this.services.get(keyUuid(sk) ?? '')?.get(keyUuid(ck) ?? '');
        if (!c) h.raise('Error', `Unable to find service with UUID ${ck}`);
        const o = (cv ?? {}) as Record<string, unknown>;
        if (o.value === undefined) continue;
        const bytes = this.bytes(o.value, `NRF.updateServices ${sk}/${ck} value`);
        if (bytes.length === 0) continue;
        if (bytes.length > c.maxLen) h.raise('Error', `ERR 0xc (DATA_SIZE)`);
        c.value = bytes;
        if ((o.notify || o.indicate) && c.notify && c.subscribed && this.air.link) this.air.notify(keyUuid(sk)!, keyUuid(ck)!, bytes);
      }
    }
  }

  /** A phone connects. */
  phoneConnected(central: BleCentral): void {
    this.air.link = { central, start: this.h.clock.us, interval: central.interval, queue: [] };
    this.air.record('connect', `${central.id} (${central.address}) connected`);
    this.h.callListeners(this.object, 'connect', [central.address]);
  }

  /** The phone left (REMOTE_USER_TERMINATED) or the board hung up (LOCAL_HOST_TERMINATED). */
  phoneDisconnected(reason: typeof REMOTE_USER_TERMINATED | typeof LOCAL_HOST_TERMINATED): void {
    const link = this.air.link;
    if (!link) return;
    this.air.link = null;
    for (const chars of this.services.values()) for (const c of chars.values()) c.subscribed = false;
    this.advertStart = this.h.clock.us;
    this.air.record('disconnect', `${link.central.id} disconnected (reason ${reason})`);
    if (reason === LOCAL_HOST_TERMINATED) link.central.dropped('the board disconnected (NRF.disconnect())');
    this.h.callListeners(this.object, 'disconnect', [reason]);
  }

  private disconnectPhone(): void {
    if (!this.air.link) return;
    const h: BleAirHost = this.h;
    h.clock.at(this.air.nextEvent(), IO, () => this.phoneDisconnected(LOCAL_HOST_TERMINATED));
  }

  /** A characteristic of the board's server, or an Error naming what is missing. */
  characteristic(service: unknown, characteristic: unknown, action: string): CharState {
    const su = normalUuid(service);
    const cu = normalUuid(characteristic);
    const chars = su === undefined ? undefined : this.services.get(su);
    if (!chars) throw new Error(`${action}: the board has no service ${String(service)}; it has ${[...this.services.keys()].join(', ') || 'none (NRF.setServices was not called)'}`);
    const c = cu === undefined ? undefined : chars.get(cu);
    if (!c) throw new Error(`${action}: service ${su} has no characteristic ${String(characteristic)}; it has ${[...chars.keys()].join(', ')}`);
    return c;
  }

  /** The phone writes a characteristic: its value changes and onWrite gets {data: ArrayBuffer}. */
  written(c: CharState, data: number[]): void {
    c.value = data.slice(0, Math.max(c.maxLen, data.length));
    if (c.onWrite) this.h.call(c.onWrite, undefined, [this.h.toRealm({ data: this.arrayBuffer(data) })]);
  }

  /** The phone enables or disables notifications (writes the CCCD). */
  subscribe(c: CharState, on: boolean): void {
    c.subscribed = on;
    if (c.onWriteDesc) this.h.call(c.onWriteDesc, undefined, [this.h.toRealm({ data: this.arrayBuffer([on ? 1 : 0, 0]) })]);
  }

  // ---- central ---------------------------------------------------------------

  /** NRF.setScan(fn, options): a BluetoothDevice per packet heard; setScan() stops. */
  private setScan(fn: unknown, options: unknown): void {
    const h: BleAirHost = this.h;
    if (fn === undefined) {
      if (this.scan) this.air.record('scan', 'scan stopped');
      this.scan = null;
      return;
    }
    if (typeof fn !== 'function') h.raise('TypeError', `NRF.setScan: expecting a function or undefined, got ${h.typeName(fn)}`);
    const filters = this.filtersOf(options, 'NRF.setScan');
    const gen = ++this.scanGen;
    this.scan = { fn: fn as (d: unknown) => void, filters, gen };
    this.air.record('scan', 'scan started');
    for (const d of this.air.devices) this.hearNext(d, gen, h.clock.us);
  }

  /** Schedule device `d`'s next advert while scan `gen` runs. */
  private hearNext(d: BlePeripheral, gen: number, fromUs: number): void {
    const step = d.advert.interval * 1000;
    const k = Math.max(0, Math.ceil((fromUs - d.phase) / step));
    const at = d.phase + k * step;
    this.h.clock.at(at, IO, () => {
      const s = this.scan;
      if (!this.alive || !s || s.gen !== gen) return;
      if (!s.filters || s.filters.some((f) => matchesFilter(d.address, d.advert, f))) this.h.call(s.fn, undefined, [this.deviceObject(d)]);
      this.hearNext(d, gen, at + 1);
    });
  }

  /** NRF.findDevices(fn, timeout | {timeout, filters}): the devices heard, once, when the time is up. */
  private findDevices(fn: unknown, options: unknown): void {
    const h: BleAirHost = this.h;
    if (typeof fn !== 'function') h.raise('TypeError', `NRF.findDevices: expecting a function, got ${h.typeName(fn)}`);
    let timeout = 2000;
    let opts: unknown;
    if (typeof options === 'number') timeout = options;
    else if (options !== undefined) {
      opts = options;
      const t = (options as { timeout?: unknown }).timeout;
      if (t !== undefined) timeout = Number(t);
    }
    const found = new Map<string, unknown>();
    this.setScan((d: { id: string }) => found.set(d.id, d), opts);
    const gen = this.scanGen;
    h.clock.at(h.clock.us + Math.round(timeout * 1000), IO, () => {
      if (!this.alive || this.scan?.gen !== gen) return;
      this.setScan(undefined, undefined);
      h.call(fn, undefined, [h.toRealmArray([...found.values()])]);
    });
  }

  /** NRF.requestDevice({filters, timeout}): the first device that matches. */
  private requestDevice(options: unknown): unknown {
    const h: BleAirHost = this.h;
    const filters = this.filtersOf(options, 'NRF.requestDevice');
    const t = (options as { timeout?: unknown } | undefined)?.timeout;
    const timeout = t === undefined ? 2000 : Number(t);
    this.newTask('REQUEST_DEVICE');
    return this.promise((resolve, reject) => {
      let done = false;
      this.setScan((d: unknown) => {
        if (done) return;
        done = true;
        this.setScan(undefined, undefined);
        this.task = null;
        resolve(d);
      }, filters ? h.toRealm({ filters }) : undefined);
      h.clock.at(h.clock.us + Math.round(timeout * 1000), IO, () => {
        if (done || !this.alive) return;
        done = true;
        this.setScan(undefined, undefined);
        this.task = null;
        reject('No device found matching filters');
      });
    });
  }

  /** NRF.connect(address): a BluetoothRemoteGATTServer, once connected. */
  private connect(mac: unknown, options: unknown): unknown {
    void options;
    const address = String(mac);
    const d = this.air.devices.find((x) => x.address === address || x.address.split(' ')[0] === address);
    return this.gattConnect(d, address);
  }

  private gattConnect(d: BlePeripheral | undefined, address: string): unknown {
    const h: BleAirHost = this.h;
    this.newTask('CONNECT');
    return this.promise((resolve, reject) => {
      if (!d) {
        h.clock.at(h.clock.us + CONNECT_TIMEOUT * 1000, IO, () => {
          if (!this.alive) return;
          this.task = null;
          this.air.record('central', `connecting to ${address} timed out: no such device in range`);
          reject('Connection Timeout');
        });
        return;
      }
      // The next advert of the device, then the first connection event.
      const step = d.advert.interval * 1000;
      const at = d.phase + Math.max(0, Math.ceil((h.clock.us - d.phase) / step)) * step + CONNECTION_INTERVAL;
      h.clock.at(at, IO, () => {
        if (!this.alive) return;
        this.task = null;
        this.air.record('central', `connected to ${d.id} (${d.address})`);
        resolve(this.serverObject(d));
      });
    });
  }

  /** Espruino's bleNewTask: one central operation at a time. */
  private newTask(name: string): void {
    if (this.task !== null) this.h.raise('Error', `BLE task ${this.task} is already in progress`);
    this.task = name;
  }

  /** A central operation: holds the task for one connection interval, then settles. */
  private op(name: string, link: { up: boolean }, run: () => unknown): unknown {
    this.newTask(name);
    return this.promise((resolve, reject) => {
      this.h.clock.at(this.h.clock.us + CONNECTION_INTERVAL, IO, () => {
        if (!this.alive) return;
        this.task = null;
        if (!link.up) return reject('Not connected');
        try {
          resolve(run());
        } catch (e) {
          reject((e as Error).message);
        }
      });
    });
  }

  private serverObject(d: BlePeripheral): unknown {
    const h: BleAirHost = this.h;
    const link = { up: true };
    const device = this.deviceObject(d) as Record<string, unknown>;
    const server = h.newObject();
    const method = (o: object, n: string, fn: (...a: unknown[]) => unknown) => Object.defineProperty(o, n, { value: fn, writable: true, configurable: true, enumerable: false });
    server.device = device;
    server.connected = true;
    device.gatt = server;
    method(server, 'getPrimaryService', (uuid) => this.op('PRIMARYSERVICE', link, () => {
      const su = normalUuid(uuid);
      const chars = su === undefined ? undefined : d.services.get(su);
      if (!chars) throw new Error('No Services found');
      const service = h.newObject();
      service.uuid = su;
      service.device = device;
      method(service, 'getCharacteristic', (cuuid) => this.op('CHARACTERISTIC', link, () => {
        const cu = normalUuid(cuuid);
        const c = cu === undefined ? undefined : chars.get(cu);
        if (!c) throw new Error('No Characteristics found');
        const ch = h.newObject();
        ch.uuid = cu;
        ch.service = service;
        method(ch, 'readValue', () => this.op('CHARACTERISTIC_READ', link, () => {
          if (!c.readable) throw new Error(`Characteristic ${cu} is not readable`);
          this.air.record('central', `read ${su}/${cu} of ${d.id}: [${c.value.join(',')}]`);
          const dv = new (h.realm.global.DataView as DataViewConstructor)(this.arrayBuffer(c.value) as ArrayBuffer);
          ch.value = dv;
          return dv;
        }));
        method(ch, 'writeValue', (data) => {
          const bytes = this.bytes(data, 'BluetoothRemoteGATTCharacteristic.writeValue');
          return this.op('CHARACTERISTIC_WRITE', link, () => {
            if (!c.writable) throw new Error(`Characteristic ${cu} is not writable`);
            c.value = bytes;
            this.air.record('central', `wrote ${su}/${cu} of ${d.id}: [${bytes.join(',')}]`);
            d.written(su!, cu!, bytes);
          });
        });
        method(ch, 'startNotifications', () => this.op('CHARACTERISTIC_DESC_AND_STARTNOTIFY', link, () => {
          if (!c.notify) throw new Error(`Characteristic ${cu} does not notify`);
          c.subscribed = true;
          const next = (after: number) => {
            const n = d.nextNotification?.(su!, cu!, after);
            if (!n) return;
            h.clock.at(n.at, IO, () => {
              if (!link.up || !c.subscribed || !this.alive) return;
              c.value = n.data;
              ch.value = new (h.realm.global.DataView as DataViewConstructor)(this.arrayBuffer(n.data) as ArrayBuffer);
              this.air.record('central', `notification ${su}/${cu} from ${d.id}: [${n.data.join(',')}]`);
              h.callListeners(ch, 'characteristicvaluechanged', [h.toRealm({ target: ch })]);
              next(n.at + 1);
            });
          };
          next(h.clock.us);
          return ch;
        }));
        method(ch, 'stopNotifications', () => this.op('CHARACTERISTIC_NOTIFY', link, () => {
          c.subscribed = false;
        }));
        return ch;
      }));
      return service;
    }));
    method(server, 'disconnect', () => this.op('DISCONNECT', { up: true }, () => {
      if (!link.up) return;
      link.up = false;
      server.connected = false;
      for (const chars of d.services.values()) for (const c of chars.values()) c.subscribed = false;
      this.air.record('central', `disconnected from ${d.id}`);
      h.callListeners(device, 'gattserverdisconnected', [LOCAL_HOST_TERMINATED]);
    }));
    return server;
  }

  /** A BluetoothDevice for device `d`, as setScan reports it. */
  private deviceObject(d: BlePeripheral): unknown {
    const h: BleAirHost = this.h;
    const a = d.advert;
    const o: Record<string, unknown> = { id: d.address, rssi: d.rssi, data: this.arrayBuffer(advertBytes(a)) };
    if (a.name !== undefined) o.name = a.name;
    const sd = Object.entries(a.serviceData);
    const services = sd.filter(([, v]) => v === null).map(([u]) => u);
    if (services.length > 0) o.services = h.toRealmArray(services);
    const withData = sd.filter(([, v]) => v !== null);
    if (withData.length > 0) o.serviceData = h.toRealm(Object.fromEntries(withData.map(([u, v]) => [u, h.toRealmArray(v!)])));
    if (a.manufacturer !== undefined) {
      o.manufacturer = a.manufacturer;
      o.manufacturerData = this.arrayBuffer(a.manufacturerData ?? []);
    }
    const dev = h.toRealm(o) as Record<string, unknown>;
    const server = h.newObject();
    Object.defineProperty(server, 'connect', { value: () => this.gattConnect(d, d.address), enumerable: false, configurable: true, writable: true });
    dev.gatt = server;
    return dev;
  }

  private filtersOf(options: unknown, api: string): DeviceFilter[] | null {
    if (options === undefined || options === null) return null;
    if (typeof options !== 'object') this.h.raise('TypeError', `${api}: options must be an object such as { filters: [{ namePrefix: 'Puck.js' }] }`);
    const f = (options as { filters?: unknown }).filters;
    if (f === undefined) return null;
    if (!Array.isArray(f) && !(f instanceof (this.h.realm.global.Array as ArrayConstructor))) this.h.raise('TypeError', `${api}: filters must be an array of filters such as [{ namePrefix: 'Puck.js' }]`);
    return [...(f as DeviceFilter[])];
  }

  private promise(executor: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void): unknown {
    const P = this.h.realm.api.Promise as unknown as new (fn: (res: (v: unknown) => void, rej: (e: unknown) => void) => void) => unknown;
    return new P(executor);
  }

  arrayBuffer(bytes: number[]): unknown {
    const U8 = this.h.realm.api.Uint8Array;
    return new U8(bytes).buffer;
  }

  private bytes(v: unknown, api: string): number[] {
    const s = this.h.bytesOf(v, api);
    const out: number[] = [];
    for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i) & 255);
    return out;
  }
}
