import { readFile } from 'node:fs/promises';
import { parseDuration } from './duration.js';
import type { BleDeviceSpec } from './parts/ble-device.js';
import type { ButtonSpec } from './parts/button.js';
import type { LedSpec } from './parts/led.js';
import type { PhoneSpec } from './parts/phone.js';
import type { Sht3xSpec } from './parts/sht3x.js';
import type { UartPeerSpec } from './parts/uart-peer.js';
import type { VoltageSourceSpec } from './parts/voltage-source.js';
import type { AccessPointSpec, HttpServerSpec, MqttBrokerSpec } from './parts/access-point.js';

export type PartSpec = LedSpec | ButtonSpec | VoltageSourceSpec | Sht3xSpec | UartPeerSpec | PhoneSpec | BleDeviceSpec | AccessPointSpec | MqttBrokerSpec | HttpServerSpec;

/**
 * What is wired to the board, in the spirit of Wokwi's diagram.json:
 * `{ "board": "puckjs", "parts": [{ "id": "led", "type": "led", "pin": "D5" }, …] }`.
 * See docs/simulator.md for every part and its fields.
 */
export interface Diagram {
  board?: string;
  parts: PartSpec[];
}

/** Fields each part type takes (beyond id and type), and which are required. */
const FIELDS: Record<string, { required: string[]; optional: string[] }> = {
  led: { required: ['pin'], optional: ['activeLow', 'color'] },
  button: { required: ['pin'], optional: ['active', 'bounce'] },
  potentiometer: { required: ['pin'], optional: ['value'] },
  'voltage-source': { required: ['pin'], optional: ['volts'] },
  sht3x: { required: ['sda', 'scl'], optional: ['address', 'temperature', 'humidity'] },
  'uart-peer': { required: [], optional: ['rx', 'tx', 'baud', 'script', 'repeat'] },
  'access-point': { required: ['ssid'], optional: ['password', 'signal', 'outages'] },
  'mqtt-broker': { required: ['host'], optional: ['port'] },
  'http-server': { required: ['host'], optional: ['port', 'routes'] },
  phone: { required: [], optional: ['address', 'interval'] },
  'ble-device': { required: [], optional: ['address', 'name', 'serviceData', 'manufacturer', 'manufacturerData', 'interval', 'rssi', 'services'] },
};
export const PART_TYPES = Object.keys(FIELDS);

/** Read and check a diagram file. */
export async function loadDiagram(path: string): Promise<Diagram> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`diagram ${path}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'a folder, not a file' : 'no such file'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`diagram ${path}: not valid JSON: ${(e as Error).message}`);
  }
  return parseDiagram(json, path);
}

/** Check a diagram object; errors name the file, the part and the field. */
export function parseDiagram(json: unknown, source = 'diagram'): Diagram {
  const fail = (msg: string): never => {
    throw new Error(`${source}: ${msg}`);
  };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) fail('a diagram is an object: { "board": "puckjs", "parts": [ … ] }');
  const d = json as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!['board', 'parts', 'version', 'author', 'editor', 'connections', '$schema'].includes(k)) fail(`unknown field "${k}"; a diagram has "board" and "parts"`);
  if (d.board !== undefined && typeof d.board !== 'string') fail('"board" must be a board id such as "puckjs"');
  const partsIn = d.parts ?? [];
  if (!Array.isArray(partsIn)) fail('"parts" must be an array');
  const ids = new Set<string>();
  const parts = (partsIn as unknown[]).map((p, i) => {
    const where = `part ${i + 1}`;
    if (p === null || typeof p !== 'object' || Array.isArray(p)) fail(`${where} must be an object with "id" and "type"`);
    const part = { ...(p as Record<string, unknown>) };
    if (typeof part.id !== 'string' || part.id === '') fail(`${where} needs an "id" (a name for scenarios, e.g. "btn1")`);
    const at = `${where} ("${part.id}")`;
    if (ids.has(part.id as string)) fail(`${at}: the id "${part.id}" is used twice`);
    ids.add(part.id as string);
    // Text, and an own field only: "constructor" is not a type, and { "toString": 5 } cannot be made a key.
    const fields = (typeof part.type === 'string' && Object.hasOwn(FIELDS, part.type) ? FIELDS[part.type] : undefined)
      ?? fail(`${at}: unknown type ${JSON.stringify(part.type)}; types are ${PART_TYPES.join(', ')}`);
    const allowed = ['id', 'type', ...fields.required, ...fields.optional];
    for (const k of Object.keys(part)) if (!allowed.includes(k)) fail(`${at}: unknown field "${k}"; a ${part.type} takes ${allowed.map((a) => `"${a}"`).join(', ')}`);
    for (const k of fields.required) if (part[k] === undefined) fail(`${at}: a ${part.type} needs "${k}"`);
    for (const k of ['pin', 'sda', 'scl', 'rx', 'tx']) if (part[k] !== undefined && (typeof part[k] !== 'string' || part[k] === '')) fail(`${at}: "${k}" must be a pin name such as "D5"`);
    const num = (k: string, min: number, max: number) => {
      if (part[k] === undefined) return;
      if (typeof part[k] === 'string' && /^0x[0-9a-f]+$/i.test(part[k] as string)) part[k] = parseInt(part[k] as string, 16);
      if (typeof part[k] !== 'number' || !((part[k] as number) >= min && (part[k] as number) <= max)) fail(`${at}: "${k}" must be a number from ${min} to ${max}, got ${JSON.stringify(part[k])}`);
    };
    num('value', 0, 1);
    num('volts', 0, 3.3);
    // An SHT3x's I2C address is a number; a phone's or ble-device's is Bluetooth text ("aa:bb:cc:dd:ee:ff public").
    if (part.type === 'sht3x') num('address', 0, 127);
    else if (part.address !== undefined && typeof part.address !== 'string') fail(`${at}: "address" is a Bluetooth address such as "aa:bb:cc:dd:ee:ff public"`);
    num('temperature', -45, 130);
    num('humidity', 0, 100);
    num('baud', 1, 10_000_000);
    if (part.active !== undefined && part.active !== 0 && part.active !== 1) fail(`${at}: "active" is the level while pressed, 0 or 1`);
    if (part.activeLow !== undefined && typeof part.activeLow !== 'boolean') fail(`${at}: "activeLow" is true or false`);
    if (part.color !== undefined && typeof part.color !== 'string') fail(`${at}: "color" is a colour name such as "red"`);
    if (part.bounce !== undefined) checkBounce(part.bounce, at, fail);
    if (part.type === 'sht3x' && part.address !== undefined && part.address !== 0x44 && part.address !== 0x45) fail(`${at}: an SHT3x answers at 0x44 (68) or 0x45 (69), not ${part.address}`);
    if (part.type === 'uart-peer') {
      if (part.rx === undefined && part.tx === undefined) fail(`${at}: a uart-peer needs "rx" (the pin it listens on, the board's TX) and/or "tx" (the pin it sends on, the board's RX)`);
      if (part.script !== undefined) {
        if (!Array.isArray(part.script)) fail(`${at}: "script" is a list of { "at": "1s", "send": "text" }`);
        part.script = (part.script as unknown[]).map((s, j) => {
          const item = s as Record<string, unknown>;
          if (!item || typeof item.send !== 'string') fail(`${at}: script item ${j + 1} needs "send" (text)`);
          return { at: duration(item.at ?? 0, `${at}: script item ${j + 1} "at"`, fail), send: item.send as string };
        });
      }
      if (part.repeat !== undefined) {
        const r = part.repeat as Record<string, unknown>;
        if (!r || !Array.isArray(r.lines) || !r.lines.every((l) => typeof l === 'string')) fail(`${at}: "repeat" is { "every": "1s", "lines": ["…"] }`);
        part.repeat = {
          every: duration(r.every, `${at}: repeat "every"`, fail),
          lines: r.lines as string[],
          start: r.start === undefined ? undefined : duration(r.start, `${at}: repeat "start"`, fail),
        };
        if ((part.repeat as { every: number }).every <= 0) fail(`${at}: repeat "every" must be more than 0`);
      }
    }
    if (part.type === 'ble-device') checkBleDevice(part, at, fail);
    if (part.type === 'phone' && part.interval !== undefined) {
      part.interval = duration(part.interval, `${at}: "interval"`, fail);
      if (!((part.interval as number) >= 7.5 && (part.interval as number) <= 4000)) fail(`${at}: "interval" (the connection interval) must be from 7.5ms to 4s, as Bluetooth LE allows`);
    }
    if (['access-point', 'mqtt-broker', 'http-server'].includes(part.type as string)) checkNetworkPart(part, at, fail);
    return part as unknown as PartSpec;
  });
  return { board: d.board as string | undefined, parts };
}

/** A button's "bounce": true/false, or { ms, edges } within what a contact does (edges make a loop per press: no 1e9). */
function checkBounce(b: unknown, at: string, fail: (msg: string) => never): void {
  if (typeof b === 'boolean') return;
  const o = b as Record<string, unknown>;
  const ok = o !== null && typeof o === 'object' && !Array.isArray(o) && Object.keys(o).every((k) => k === 'ms' || k === 'edges') &&
    (o.ms === undefined || (typeof o.ms === 'number' && o.ms >= 0 && o.ms <= 1000)) &&
    (o.edges === undefined || (Number.isInteger(o.edges) && (o.edges as number) >= 0 && (o.edges as number) <= 100));
  if (!ok) fail(`${at}: "bounce" is true, or { "ms": 5, "edges": 4 } (ms 0 to 1000, edges 0 to 100)`);
}

/** parseDuration, with its error the diagram's own: `fail` puts the file's name first. */
function duration(value: unknown, what: string, fail: (msg: string) => never): number {
  try {
    return parseDuration(value, what);
  } catch (e) {
    return fail((e as Error).message);
  }
}

/** A ble-device's fields: durations parsed, names and bytes checked (sim/parts/ble-device.ts). */
function checkBleDevice(part: Record<string, unknown>, at: string, fail: (msg: string) => never): void {
  const isBytes = (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'number' && x >= 0 && x <= 255));
  if (part.name !== undefined && typeof part.name !== 'string') fail(`${at}: "name" must be text`);
  if (part.rssi !== undefined && !(typeof part.rssi === 'number' && part.rssi >= -127 && part.rssi <= 20)) fail(`${at}: "rssi" is the signal strength in dBm, from -127 to 20 (e.g. -60)`);
  if (part.manufacturer !== undefined && !(Number.isInteger(part.manufacturer) && (part.manufacturer as number) >= 0 && (part.manufacturer as number) <= 0xffff)) fail(`${at}: "manufacturer" is a company id from 0 to 65535 (0x0590 is Espruino)`);
  if (part.interval !== undefined) part.interval = duration(part.interval, `${at}: "interval"`, fail);
  if (part.manufacturerData !== undefined && !isBytes(part.manufacturerData)) fail(`${at}: "manufacturerData" must be bytes ([1, 2]) or text`);
  const sd = part.serviceData;
  if (sd !== undefined) {
    if (sd === null || typeof sd !== 'object' || Array.isArray(sd)) fail(`${at}: "serviceData" maps a UUID to bytes: { "1809": [22] }`);
    for (const [k, v] of Object.entries(sd as object)) if (v !== null && !isBytes(v)) fail(`${at}: serviceData "${k}" must be bytes ([22]) or text, or null for a bare service UUID`);
  }
  const services = part.services;
  if (services === undefined) return;
  if (services === null || typeof services !== 'object' || Array.isArray(services)) fail(`${at}: "services" maps a service UUID to its characteristics: { "181a": { "2a6e": { "value": [1, 2] } } }`);
  for (const [sk, chars] of Object.entries(services as object)) {
    if (chars === null || typeof chars !== 'object') fail(`${at}: service "${sk}" maps characteristic UUIDs to { value, readable, writable, notify }`);
    for (const [ck, c] of Object.entries(chars as object)) {
      const where = `${at}: characteristic ${sk}/${ck}`;
      if (c === null || typeof c !== 'object') fail(`${where} must be { value, readable, writable, notify }`);
      for (const k of Object.keys(c)) if (!['value', 'readable', 'writable', 'notify'].includes(k)) fail(`${where}: unknown field "${k}"; a characteristic takes value, readable, writable, notify`);
      const ch = c as Record<string, unknown>;
      if (ch.value !== undefined && !isBytes(ch.value)) fail(`${where}: "value" must be bytes or text`);
      if (ch.notify !== undefined) {
        const n = ch.notify as Record<string, unknown>;
        if (!n || !Array.isArray(n.values) || !n.values.every(isBytes)) fail(`${where}: "notify" is { "every": "1s", "values": [[1], [2]] }`);
        ch.notify = { every: duration(n.every, `${where} notify "every"`, fail), values: n.values };
        if ((ch.notify as { every: number }).every <= 0) fail(`${where}: notify "every" must be more than 0`);
      }
    }
  }
}

/** An access point's, broker's or web server's fields (sim/parts/access-point.ts). */
function checkNetworkPart(part: Record<string, unknown>, at: string, fail: (msg: string) => never): void {
  for (const k of ['ssid', 'password', 'host']) if (part[k] !== undefined && typeof part[k] !== 'string') fail(`${at}: "${k}" must be text`);
  if (part.port !== undefined && !(Number.isInteger(part.port) && (part.port as number) > 0 && (part.port as number) < 65536)) fail(`${at}: "port" must be a port number from 1 to 65535`);
  if (part.signal !== undefined && !(typeof part.signal === 'number' && part.signal <= 0 && part.signal >= -120)) fail(`${at}: "signal" is the strength at the board in dBm, from -120 to 0 (e.g. -60)`);
  if (part.outages !== undefined) {
    if (!Array.isArray(part.outages)) fail(`${at}: "outages" is a list of { "at": "2m", "for": "30s" }`);
    part.outages = (part.outages as unknown[]).map((o, j) => {
      const item = o as Record<string, unknown>;
      if (!item || item.at === undefined || item.for === undefined) fail(`${at}: outage ${j + 1} needs "at" and "for" (durations)`);
      return { at: duration(item.at, `${at}: outage ${j + 1} "at"`, fail), for: duration(item.for, `${at}: outage ${j + 1} "for"`, fail) };
    });
  }
  if (part.routes !== undefined) {
    if (part.routes === null || typeof part.routes !== 'object' || Array.isArray(part.routes)) fail(`${at}: "routes" maps "GET /path" to { "status": 200, "body": "…" }`);
    for (const [k, v] of Object.entries(part.routes as object)) {
      if (!/^[A-Z]+ \/\S*$/.test(k)) fail(`${at}: route "${k}" must be "METHOD /path", e.g. "GET /config"`);
      const r = v as Record<string, unknown>;
      const ok = r !== null && typeof r === 'object' && !Array.isArray(r) && Object.keys(r).every((f) => ['status', 'body', 'headers'].includes(f)) &&
        (r.status === undefined || (Number.isInteger(r.status) && (r.status as number) >= 100 && (r.status as number) <= 599)) &&
        (r.body === undefined || typeof r.body === 'string') &&
        (r.headers === undefined || (r.headers !== null && typeof r.headers === 'object' && !Array.isArray(r.headers) && Object.values(r.headers).every((h) => typeof h === 'string')));
      if (!ok) fail(`${at}: route "${k}" must be { "status": 200, "body": "…", "headers": { "name": "value" } } (status 100 to 599)`);
    }
  }
}
