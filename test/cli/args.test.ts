import { describe, expect, it } from 'vitest';
import { parseArgs, parseDuration, UsageError } from '../../cli/args.js';
import { parsePort } from '../../cli/espruino/port-spec.js';

describe('parseArgs', () => {
  const spec = { flags: ['verbose'], valued: ['port', 'board'], aliases: { p: 'port' } };

  it('splits positional words from options, in any order', () => {
    expect(parseArgs(['app.ts', '--port', 'tcp://h:1', '--verbose'], spec)).toEqual({ positional: ['app.ts'], options: { port: 'tcp://h:1', verbose: true } });
    expect(parseArgs(['--board=linux', 'app.ts'], spec).options.board).toBe('linux');
    expect(parseArgs(['-p', '/dev/ttyACM0', 'app.ts'], spec).options.port).toBe('/dev/ttyACM0');
  });

  it('names an unknown option and lists the known ones', () => {
    expect(() => parseArgs(['--prot', 'x'], spec)).toThrow(new UsageError('unknown option --prot; this command takes --verbose, --port, --board'));
  });

  it('refuses an option that needs a value but got none', () => {
    expect(() => parseArgs(['app.ts', '--port'], spec)).toThrow('--port needs a value');
    expect(() => parseArgs(['--port', '--verbose'], spec)).toThrow('--port needs a value');
  });
});

describe('parseDuration', () => {
  it('reads ms, s, m, h and d', () => {
    expect(parseDuration('500', 'x')).toBe(500);
    expect(parseDuration('10s', 'x')).toBe(10_000);
    expect(parseDuration('1.5m', 'x')).toBe(90_000);
    expect(parseDuration('24h', 'x')).toBe(86_400_000);
  });

  it('says what a duration looks like', () => {
    expect(() => parseDuration('soon', '--timeout')).toThrow('--timeout: "soon" is not a duration; use e.g. 500ms, 10s, 5m, 24h');
  });
});

describe('parsePort', () => {
  it('knows tcp://host:port, with port 23 and localhost as defaults', () => {
    expect(parsePort('tcp://127.0.0.1:2323')).toEqual({ kind: 'tcp', text: 'tcp://127.0.0.1:2323', host: '127.0.0.1', port: 2323 });
    expect(parsePort('tcp://espruino.local')).toMatchObject({ host: 'espruino.local', port: 23 });
    expect(parsePort('tcp://:2323')).toMatchObject({ host: 'localhost', port: 2323 });
  });

  it('knows Bluetooth LE addresses', () => {
    expect(parsePort('E7:2B:45:1A:0C:99')).toEqual({ kind: 'ble', text: 'e7:2b:45:1a:0c:99', address: 'e7:2b:45:1a:0c:99' });
  });

  it('takes anything else as a serial port', () => {
    expect(parsePort('/dev/ttyACM0')).toEqual({ kind: 'serial', text: '/dev/ttyACM0', path: '/dev/ttyACM0' });
    expect(parsePort('COM3')).toMatchObject({ kind: 'serial', path: 'COM3' });
  });

  it('refuses a bad tcp port or another kind of address, saying what works', () => {
    expect(() => parsePort('tcp://h:99999')).toThrow('--port tcp://h:99999: use tcp://host:port with a port from 1 to 65535, e.g. tcp://127.0.0.1:2323');
    expect(() => parsePort('tcp://h:')).toThrow(UsageError);
    expect(() => parsePort('ws://h:80')).toThrow('coop connects over serial, Bluetooth LE or tcp://, not ws://');
    expect(() => parsePort('  ')).toThrow('--port is empty');
  });
});
