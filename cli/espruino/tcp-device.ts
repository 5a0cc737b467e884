import net from 'node:net';
import type { ToolsSerialDevice } from './espruino-tools-types.js';
import { parsePort } from './port-spec.js';

/**
 * A tcp:// transport for EspruinoTools, registered in place of its own
 * "Node Socket" device. The stock one only logs socket errors, so a refused
 * connection never completes and a connection reset mid-upload goes
 * unnoticed; this one reports both, through the same device interface
 * (core/serial.js), so EspruinoTools' upload, flow control and progress
 * are unchanged.
 */
export interface TcpDevice extends ToolsSerialDevice {
  /** Why the last connection failed or ended, in words ('connection refused'), if it did. */
  lastError?: string;
  /** The ports EspruinoTools may list: the tcp:// port the user named. */
  ports: string[];
  /** Is a connection open (or opening)? */
  isOpen(): boolean;
}

export function createTcpDevice(): TcpDevice {
  let socket: net.Socket | undefined;
  const device: TcpDevice = {
    name: 'Coop TCP',
    ports: [],
    isOpen: () => socket !== undefined,
    getPorts(callback) {
      callback(device.ports.map((path) => ({ path, description: 'Network connection', type: 'socket' })), true);
    },
    open(path, openCallback, receiveCallback, disconnectCallback) {
      const spec = parsePort(path);
      if (spec.kind !== 'tcp') return openCallback(undefined);
      device.lastError = undefined;
      let opened = false;
      const s = net.connect({ host: spec.host, port: spec.port });
      socket = s;
      s.setNoDelay(true);
      s.on('connect', () => {
        opened = true;
        openCallback('Ok');
      });
      s.on('data', (data: Buffer) => {
        // EspruinoTools wants an ArrayBuffer holding exactly these bytes (not Node's pooled buffer).
        receiveCallback(data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer);
      });
      s.on('error', (e: NodeJS.ErrnoException) => {
        device.lastError = describeSocketError(e);
      });
      s.on('end', () => {
        device.lastError ??= 'the board closed the connection';
      });
      s.on('close', () => {
        if (socket === s) socket = undefined;
        if (opened) disconnectCallback();
        else openCallback(undefined);
      });
    },
    write(data, callback) {
      const s = socket;
      if (!s || s.destroyed) return callback();
      // EspruinoTools hands over one character per byte (it has already UTF-8 encoded the code).
      s.write(Buffer.from(data, 'latin1'), () => callback());
    },
    close() {
      const s = socket;
      if (!s) return;
      s.end();
      // A peer that never closes its side must not keep coop running.
      setTimeout(() => s.destroy(), 1000).unref();
    },
  };
  return device;
}

function describeSocketError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ECONNREFUSED': return 'connection refused (nothing is listening there)';
    case 'ECONNRESET': return 'the connection was reset';
    case 'EPIPE': return 'the connection was closed by the board';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'no such host';
    case 'EHOSTUNREACH': case 'ENETUNREACH': return 'host unreachable';
    case 'ETIMEDOUT': return 'timed out';
    default: return e.message;
  }
}
