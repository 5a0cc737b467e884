/**
 * What a Bluetooth LE advertisement says, as the simulator keeps it, and the
 * bytes it becomes on air. Shared by the board's NRF (sim/ble/nrf.ts), the
 * phone that scans it (sim/parts/phone.ts) and the devices the board scans
 * (sim/parts/ble-device.ts).
 *
 * The packet layout is Espruino's (libs/bluetooth/jswrap_bluetooth.c,
 * _jswrap_ble_getAdvertisingData, 2v29): flags (3 bytes), the complete
 * local name, service data per UUID (type 0x16), 16-bit service UUIDs
 * (type 0x03) and manufacturer data (type 0xFF, Espruino's 0x0590 when no
 * other is given). More than 31 bytes fails as the SoftDevice does:
 * "ERR 0xc (DATA_SIZE)".
 */

/** One advertisement. Legend: name, the device's name (absent: not shown);
 *  serviceData, UUID (lowercase hex) → bytes, or null for a bare service UUID;
 *  manufacturer, the 16-bit company id (absent: none); manufacturerData, its bytes;
 *  interval, ms between packets; connectable, whether a phone may connect. */
export interface Advert {
  name?: string;
  serviceData: Record<string, number[] | null>;
  manufacturer?: number;
  manufacturerData?: number[];
  interval: number;
  connectable: boolean;
}

/** A filter of NRF.requestDevice / setScan / findDevices (Web Bluetooth's, with Espruino's `id`). */
export interface DeviceFilter {
  name?: string;
  namePrefix?: string;
  services?: string[];
  serviceData?: Record<string, unknown>;
  manufacturerData?: Record<string, unknown>;
  id?: string;
}

/** Espruino's default advertising interval (BLUETOOTH_ADVERTISING_INTERVAL, 375 ms). */
export const DEFAULT_INTERVAL = 375;
/** Espruino's manufacturer id (Pur3 Ltd), advertised by default since 2v26. */
export const ESPRUINO_MANUFACTURER = 0x0590;
/** Largest legacy advertising packet. */
export const MAX_PACKET = 31;

/**
 * A UUID as Espruino accepts one (bleVarToUUID): a number 0..0xFFFF, 'ABCD',
 * or 'abcdabcd-abcd-abcd-abcd-abcdabcdabcd'; lowercase hex, or undefined if
 * it is none of these.
 */
export function normalUuid(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff) return v.toString(16).padStart(4, '0');
  if (typeof v !== 'string') return undefined;
  let s = v.toLowerCase();
  if (/^0x[0-9a-f]{1,4}$/.test(s)) s = s.slice(2).padStart(4, '0');
  if (/^[0-9a-f]{4}$/.test(s)) return s;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s)) return s;
  return undefined;
}

/**
 * A UUID given as an object key (NRF.setAdvertising({0x1809: …}), setServices):
 * Espruino keeps integer-like keys as integers, so '6153' is 0x1809; others as normalUuid.
 */
export function keyUuid(k: string): string | undefined {
  if (/^\d+$/.test(k)) return normalUuid(Number(k));
  return normalUuid(k);
}

/** The advertising packet's bytes. */
export function advertBytes(a: Advert): number[] {
  const out: number[] = [2, 0x01, a.connectable ? 0x06 : 0x04];
  if (a.name !== undefined) {
    const n = [...Buffer.from(a.name, 'latin1')];
    out.push(n.length + 1, 0x09, ...n);
  }
  const bare: string[] = [];
  for (const [uuid, data] of Object.entries(a.serviceData)) {
    if (data === null) {
      bare.push(uuid);
      continue;
    }
    const u = uuidBytes(uuid);
    out.push(u.length + data.length + 1, u.length === 2 ? 0x16 : 0x21, ...u, ...data);
  }
  if (bare.length > 0) {
    const us = bare.flatMap(uuidBytes);
    out.push(us.length + 1, bare.every((u) => u.length === 4) ? 0x03 : 0x07, ...us);
  }
  if (a.manufacturer !== undefined) {
    const d = a.manufacturerData ?? [];
    out.push(d.length + 3, 0xff, a.manufacturer & 255, a.manufacturer >> 8, ...d);
  }
  return out;
}

/** A UUID's bytes, little-endian as on air. */
function uuidBytes(uuid: string): number[] {
  const hex = uuid.replace(/-/g, '');
  const out: number[] = [];
  for (let i = hex.length - 2; i >= 0; i -= 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  return out;
}

/** Does an advertiser with address `id` and advert `a` pass `filter`? */
export function matchesFilter(id: string, a: Advert, filter: DeviceFilter): boolean {
  if (filter.name !== undefined && a.name !== filter.name) return false;
  if (filter.namePrefix !== undefined && !(a.name ?? '').startsWith(filter.namePrefix)) return false;
  if (filter.id !== undefined && filter.id !== id) return false;
  for (const s of filter.services ?? []) if (!(normalUuid(s)! in a.serviceData)) return false;
  for (const s of Object.keys(filter.serviceData ?? {})) {
    const d = a.serviceData[normalUuid(s) ?? s];
    if (d === undefined || d === null) return false;
  }
  for (const m of Object.keys(filter.manufacturerData ?? {})) if (a.manufacturer !== Number(m)) return false;
  return true;
}

/** An advert in one line, for the timeline: `"Puck.js 4f2a" 1809=[22] 180f=[95] every 1000ms`. */
export function describeAdvert(a: Advert): string {
  const parts: string[] = [];
  if (a.name !== undefined) parts.push(JSON.stringify(a.name));
  for (const [u, d] of Object.entries(a.serviceData)) parts.push(d === null ? `service ${u}` : `${u}=[${d.join(',')}]`);
  if (a.manufacturer !== undefined && a.manufacturerData !== undefined) parts.push(`manufacturer 0x${a.manufacturer.toString(16).padStart(4, '0')}=[${a.manufacturerData.join(',')}]`);
  parts.push(`every ${a.interval}ms`);
  if (!a.connectable) parts.push('not connectable');
  return parts.join(' ');
}

/** Bytes as a host array from what a test or scenario gives: [1, 2], 'text', or a number. */
export function hostBytes(v: unknown, what: string): number[] {
  if (typeof v === 'string') return [...Buffer.from(v, 'latin1')];
  if (typeof v === 'number') return [v & 255];
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v.map((x) => x & 255);
  if (ArrayBuffer.isView(v)) return [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)];
  throw new Error(`${what}: give bytes as an array of numbers ([1, 2]) or as text, got ${JSON.stringify(v)}`);
}
