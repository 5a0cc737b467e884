import { UsageError } from '../args.js';

/** Where a board is: what `--port` names, classified the way EspruinoTools connects to it. */
export type PortSpec =
  | { kind: 'tcp'; text: string; host: string; port: number }
  | { kind: 'ble'; text: string; address: string }
  | { kind: 'serial'; text: string; path: string };

const bleAddress = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

export const portForms = 'a serial port (/dev/ttyACM0, COM3), a Bluetooth LE address (aa:bb:cc:dd:ee:ff) or tcp://host:port';

/** Parse `--port`: a serial path, a Bluetooth LE address, or tcp://host[:port] (port 23 by default, as in EspruinoTools). */
export function parsePort(text: string): PortSpec {
  const value = text.trim();
  if (!value) throw new UsageError(`--port is empty; give ${portForms}`);
  if (/^tcp:\/\//i.test(value)) {
    const m = /^tcp:\/\/([^:/]*)(?::(\d*))?\/?$/i.exec(value);
    const port = m?.[2] === undefined ? 23 : Number(m[2]);
    if (!m || m[2] === '' || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new UsageError(`--port ${value}: use tcp://host:port with a port from 1 to 65535, e.g. tcp://127.0.0.1:2323`);
    }
    const host = m[1] || 'localhost';
    return { kind: 'tcp', text: `tcp://${host}:${port}`, host, port };
  }
  if (bleAddress.test(value)) return { kind: 'ble', text: value.toLowerCase(), address: value.toLowerCase() };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new UsageError(`--port ${value}: coop connects over serial, Bluetooth LE or tcp://, not ${value.split(':')[0]}://; give ${portForms}`);
  }
  return { kind: 'serial', text: value, path: value };
}
