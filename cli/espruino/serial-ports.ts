import type { ToolsPort, ToolsSerialDevice } from './espruino-tools-types.js';
import type { LoadedTools } from './tools.js';

/** What `Espruino.Core.Serial.getPorts` found, and why it found nothing if it could not look. */
export interface PortListing {
  ports: ToolsPort[];
  /** Set when serial ports could not be listed at all: the reason, in words, with the fix. */
  problem?: string;
}

/** EspruinoTools' serial transport (serialport), if that module loaded. */
export function serialDevice(tools: LoadedTools): ToolsSerialDevice | undefined {
  return tools.Espruino.Core.Serial.devices.find((d) => d.name === 'Node Serial');
}

/** Why serial ports cannot be used, or undefined when they can. */
export function serialUnavailable(tools: LoadedTools): string | undefined {
  if (serialDevice(tools)) return undefined;
  const why = tools.logged(/serialport/i)[0];
  return `serial ports are not available: the 'serialport' module did not load${why ? ` (${why.trim()})` : ''}; ` +
    `reinstall coop with npm install so its optional dependency serialport is built`;
}

/** List serial ports with EspruinoTools (Bluetooth and network transports stay off). */
export function listSerialPorts(tools: LoadedTools): Promise<PortListing> {
  const unavailable = serialUnavailable(tools);
  if (unavailable) return Promise.resolve({ ports: [], problem: unavailable });
  const from = tools.log.length;
  return new Promise((resolve) => {
    tools.Espruino.Core.Serial.getPorts((ports) => {
      const serial = (ports ?? []).filter((p) => p.type !== 'socket' && p.type !== 'bluetooth');
      const failed = tools.logged(/serialport error/i, from)[0];
      if (serial.length === 0 && failed) {
        const reason = failed.replace(/^.*serialport error:\s*/i, '');
        const hint = /udevadm/.test(reason) ? ' (on Linux, serialport lists ports with udevadm: install the udev package)' : '';
        resolve({ ports: [], problem: `could not list serial ports: ${reason}${hint}` });
      } else {
        resolve({ ports: serial });
      }
    });
  });
}

/**
 * Make EspruinoTools accept a serial path the user named that exists but was
 * not listed (a port the lister cannot see, e.g. without udev, or a pty).
 */
export function alsoListSerialPath(device: ToolsSerialDevice, path: string): void {
  const original = device.getPorts.bind(device);
  device.getPorts = (callback) =>
    original((ports, instant) => {
      const list = ports ?? [];
      if (!list.some((p) => p.path === path)) list.push({ path, description: 'named with --port' });
      callback(list, instant);
    });
}

/** "/dev/ttyACM0 (Espruino board)" */
export function describePort(p: ToolsPort): string {
  return p.description ? `${p.path} (${p.description})` : p.path;
}
