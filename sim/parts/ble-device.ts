import { DEFAULT_INTERVAL, hostBytes, normalUuid, type Advert } from '../ble/advert.js';
import type { BlePeripheral, CharState } from '../ble/nrf.js';
import type { Part, BleHost } from './part.js';

/** A characteristic of a ble-device. Legend: value, bytes or text; readable / writable, what the board may do;
 *  notify, notifications it sends while subscribed: `values` in turn, one every `every` ms. */
export interface BleDeviceCharSpec {
  value?: number[] | string;
  readable?: boolean;
  writable?: boolean;
  notify?: { every: number; values: (number[] | string)[] };
}

export interface BleDeviceSpec {
  id: string;
  type: 'ble-device';
  /** Its address, as scans report it ("id"). Default made from its position. */
  address?: string;
  name?: string;
  /** UUID → bytes (or null: a bare service UUID). */
  serviceData?: Record<string, number[] | string | null>;
  manufacturer?: number;
  manufacturerData?: number[] | string;
  /** ms between adverts. Default 375 (Espruino's). */
  interval?: number;
  rssi?: number;
  /** Its GATT server: service UUID → characteristic UUID → characteristic. */
  services?: Record<string, Record<string, BleDeviceCharSpec>>;
}

/**
 * Another Bluetooth LE device in range of the board (a sensor tag, another
 * Puck.js): it advertises, so the board's scans find it, and it serves GATT
 * characteristics the board can read, write and subscribe to as a central.
 */
export class BleDevice implements Part, BlePeripheral {
  readonly type = 'ble-device';
  readonly pins: string[] = [];
  readonly address: string;
  readonly advert: Advert;
  readonly rssi: number;
  readonly phase: number;
  readonly services = new Map<string, Map<string, CharState>>();
  /** What the board wrote, oldest first. */
  readonly writes: { t: number; service: string; characteristic: string; data: number[] }[] = [];

  constructor(readonly spec: BleDeviceSpec, private readonly h: BleHost) {
    if (h.chip.family !== 'nrf52') throw new Error(`a ble-device is found by Bluetooth LE, which ${h.board.name} has not (only the nRF52 boards do in Coop)`);
    const n = h.ble.devices.length;
    this.address = spec.address ?? `d0:0b:1e:00:00:${(n + 1).toString(16).padStart(2, '0')} random`;
    const serviceData: Record<string, number[] | null> = {};
    for (const [k, v] of Object.entries(spec.serviceData ?? {})) serviceData[uuid(k, spec.id)] = v === null ? null : hostBytes(v, `${spec.id} serviceData`);
    this.advert = {
      name: spec.name,
      serviceData,
      manufacturer: spec.manufacturer ?? (spec.manufacturerData !== undefined ? 0x0590 : undefined),
      manufacturerData: spec.manufacturerData === undefined ? undefined : hostBytes(spec.manufacturerData, `${spec.id} manufacturerData`),
      interval: spec.interval ?? DEFAULT_INTERVAL,
      connectable: true,
    };
    this.rssi = spec.rssi ?? -60;
    // Devices do not advertise in step: each starts 10 ms after the one before.
    this.phase = 10_000 * (n + 1);
    for (const [sk, chars] of Object.entries(spec.services ?? {})) {
      const m = new Map<string, CharState>();
      for (const [ck, c] of Object.entries(chars)) {
        const value = c.value === undefined ? [] : hostBytes(c.value, `${spec.id} ${sk}/${ck} value`);
        m.set(uuid(ck, spec.id), { value, maxLen: 20, readable: c.readable ?? true, writable: !!c.writable, notify: c.notify !== undefined, subscribed: false });
      }
      this.services.set(uuid(sk, spec.id), m);
    }
    h.ble.devices.push(this);
  }

  get id(): string {
    return this.spec.id;
  }

  state(): string {
    return `advertising as ${this.advert.name ?? this.address}, ${this.writes.length} writes from the board`;
  }

  written(service: string, characteristic: string, data: number[]): void {
    this.writes.push({ t: this.h.clock.now, service, characteristic, data });
  }

  /** Its notifications come every `every` ms, from time 0, cycling through `values`. */
  nextNotification(service: string, characteristic: string, afterUs: number): { at: number; data: number[] } | undefined {
    const spec = Object.entries(this.spec.services ?? {}).find(([k]) => uuid(k, this.id) === service)?.[1];
    const c = spec && Object.entries(spec).find(([k]) => uuid(k, this.id) === characteristic)?.[1];
    if (!c?.notify || c.notify.values.length === 0) return undefined;
    const every = Math.round(c.notify.every * 1000);
    const k = Math.floor(afterUs / every) + 1;
    return { at: k * every, data: hostBytes(c.notify.values[(k - 1) % c.notify.values.length], `${this.id} notify`) };
  }
}

function uuid(k: string, id: string): string {
  const u = normalUuid(k);
  if (u === undefined) throw new Error(`${id}: ${JSON.stringify(k)} is not a Bluetooth UUID; give 'abcd' (16-bit) or a 128-bit one`);
  return u;
}
