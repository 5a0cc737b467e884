/**
 * The board as a Bluetooth LE central, in the simulator: scanning for the
 * devices around it, connecting to one, reading, writing and subscribing,
 * with cancellation that leaves the radio idle and the link closed.
 */
import { describe, expect, it } from 'vitest';
import { createSim } from '../../sim/index.js';
import { build } from '../../toolchain/build.js';
import { firmwareFile } from '../support/device.js';

const devices = {
  parts: [
    {
      id: 'thermo',
      type: 'ble-device' as const,
      name: 'Thermo 1',
      serviceData: { '1809': [21] },
      interval: 200,
      services: {
        '181a': {
          '2a6e': { value: [0x10, 0x09], notify: { every: 500, values: [[1], [2], [3]] } },
          'ff01': { value: 'off', writable: true },
        },
      },
    },
    { id: 'tag', type: 'ble-device' as const, name: 'Tag', manufacturerData: [7], interval: 300 },
  ],
};

/**
 * One firmware for every test here (builds are most of their time); `MODE`,
 * defined before the bundle, picks the test's task.
 */
const firmware = `
  import { connect, join, scan, sleep, spawn, withTimeout } from 'coop';
  declare const MODE: string;
  if (MODE === 'scan') {
    spawn(async () => {
      const all = await scan({ timeout: 1000 });
      print(all.map(function (d) { return d.name + ' ' + d.id + ' ' + d.rssi; }).join('; '));
      const thermos = await scan({ timeout: 1000, filter: { namePrefix: 'Thermo' } });
      print(thermos.length + ' ' + thermos[0].name + ' ' + JSON.stringify(thermos[0].serviceData));
      try { await withTimeout(100, scan({ timeout: 5000 })); } catch (e) { print('' + e); }
      const s = spawn(async () => { await scan({ timeout: 5000 }); }, { name: 'long scan' });
      await sleep(10);
      try { await scan(); } catch (e) { print((e as Error).message); }
      s.cancel();
      print('again: ' + (await scan({ timeout: 500, filter: [{ name: 'Tag' }] })).length);
    }, { name: 'scanner' });
  }
  if (MODE === 'central') {
    const hex = function (b: Uint8Array) { let s = ''; for (let i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16); return s; };
    spawn(async () => {
      const found = await scan({ timeout: 500, filter: { services: ['1809'] } });
      const p = await connect(found[0]);
      print('connected ' + p.id + ' ' + p.connected);
      // Two tasks at once: Espruino runs one BLE operation at a time, Coop queues them.
      const r = await join(
        spawn(async () => hex(await p.read('181a', '2a6e')), { name: 'reader' }),
        spawn(async () => { await p.write('181a', 'ff01', 'on'); return 'written'; }, { name: 'writer' }),
      );
      print(r.join(' '));
      try { await p.read('181a', '9999'); } catch (e) { print((e as Error).message); }
      const sub = await p.subscribe('181a', '2a6e');
      for (let i = 0; i < 4; i++) print('notified ' + hex(await sub.next()));
      await sub.close();
      await p.disconnect();
      print('connected ' + p.connected);
      try { await p.read('181a', '2a6e'); } catch (e) { print((e as Error).message); }
      try { await connect('aa:bb:cc:dd:ee:ff random'); } catch (e) { print((e as Error).message); }
    }, { name: 'central' });
  }
  if (MODE === 'late') {
    spawn(async () => {
      const t = spawn(async () => { await connect('d0:0b:1e:00:00:01 random'); print('never'); }, { name: 'connector' });
      await sleep(1);
      t.cancel();
      const p = await connect('d0:0b:1e:00:00:02 random');
      print('then connected to ' + p.id);
    }, { name: 'main' });
  }
`;
let bundle: Promise<string> | undefined;
const start = async (mode: string) => {
  bundle ??= build(firmwareFile(firmware), { board: 'puckjs' }).then((b) => b.code);
  return createSim({ board: 'puckjs', bundle: `var MODE = '${mode}';\n` + (await bundle), diagram: devices });
};

describe('scan', () => {
  it('finds the devices in range, filters them, and a cancelled scan stops the radio', async () => {
    const sim = await start('scan');
    sim.advance(4000);
    expect(sim.output()).toEqual([
      'Thermo 1 d0:0b:1e:00:00:01 random -60; Tag d0:0b:1e:00:00:02 random -60',
      '1 Thermo 1 {"1809":[21]}',
      'TimeoutError: timed out after 100 ms',
      'scan: another task is scanning; the radio does one scan at a time (await it, or cancel it first)',
      'again: 1',
    ]);
    // Every scan was stopped (setScan()) when it ended or was cancelled.
    const scans = sim.harness.ble.log.filter((e) => e.kind === 'scan').map((e) => e.text);
    expect(scans.filter((t) => t === 'scan started').length).toBe(5);
    expect(scans.filter((t) => t === 'scan stopped').length).toBe(5);
  });
});

describe('central', () => {
  it('connects, reads, writes and subscribes; two tasks share the radio; errors name what failed', async () => {
    const sim = await start('central');
    sim.advance(10000);
    const out = sim.output();
    // The device notifies every 500 ms, cycling 01, 02, 03 from its power-on: four in a row follow the cycle.
    const notified = out.filter((l) => l.startsWith('notified ')).map((l) => Number(l.slice(9)));
    expect(notified).toHaveLength(4);
    for (let i = 1; i < 4; i++) expect(notified[i]).toBe((notified[i - 1] % 3) + 1);
    expect(out.filter((l) => !l.startsWith('notified '))).toEqual([
      'connected d0:0b:1e:00:00:01 random true',
      '1009 written',
      'read 181a/9999 of d0:0b:1e:00:00:01 random: No Characteristics found',
      'connected false',
      'read 181a/2a6e of d0:0b:1e:00:00:01 random: Not connected',
      'connect aa:bb:cc:dd:ee:ff random: Connection Timeout',
    ]);
    expect(sim.bleDevice('thermo').writes.map((w) => String.fromCharCode(...w.data))).toEqual(['on']);
    expect(sim.errors).toEqual([]);
  });

  it('a connection that completes after its task was cancelled is closed, and the radio is free again', async () => {
    const sim = await start('late');
    sim.advance(2000);
    expect(sim.output()).toEqual(['then connected to d0:0b:1e:00:00:02 random']);
    const central = sim.harness.ble.log.filter((e) => e.kind === 'central').map((e) => e.text);
    expect(central).toEqual(['connected to thermo (d0:0b:1e:00:00:01 random)', 'disconnected from thermo', 'connected to tag (d0:0b:1e:00:00:02 random)']);
  });
});
