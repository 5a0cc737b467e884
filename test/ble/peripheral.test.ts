/**
 * The board as a Bluetooth LE peripheral, in the simulator: adverts a phone
 * hears, GATT writes as a stream, notifications with backpressure, and
 * connections as events, each cancellable and leaving nothing behind.
 */
import { describe, expect, it } from 'vitest';
import { createSim, toTimeline, toVcd, type Diagram } from '../../sim/index.js';
import { build } from '../../toolchain/build.js';
import { firmwareFile } from '../support/device.js';

const phone = { parts: [{ id: 'phone', type: 'phone' as const }] };

/**
 * One firmware for the tests here (builds are most of their time); `MODE`,
 * defined before the bundle, picks the task each test runs.
 */
const firmware = `
  import { Characteristic, advertise, isConnected, serve, sleep, spawn, waitForConnect, waitForDisconnect, withTimeout } from 'coop';
  declare const global: any;
  declare const NRF: any;
  declare const MODE: string;
  const rate = new Characteristic('a000', 'a001', { readable: true, writable: true, value: [10], queue: 4 });
  const slow = new Characteristic('a000', 'a003', { readable: true, notify: true, value: [0], pace: 30 });
  if (MODE === 'busy' || MODE === 'slow' || MODE === 'notify') serve([rate, slow]);
  global.rate = rate;
  if (MODE === 'busy') spawn(async () => {
    print('connected: ' + await waitForConnect());
    await sleep(1000);                         // busy: not waiting for writes
    for (let i = 0; i < 3; i++) print('rate ' + (await rate.written())[0]);
  }, { name: 'settings' });
  if (MODE === 'slow') spawn(async () => {
    try { await withTimeout(100, rate.written()); } catch (e) { print('' + e); }
    print('waiting: ' + rate.w.length);
    await sleep(5000);
    try { await rate.written(); } catch (e) { print((e as Error).message); }
    print('then ' + (await rate.written())[0]);
  }, { name: 'slow' });
  if (MODE === 'notify') spawn(async () => {
    print('sent to nobody: ' + await slow.notify([9]));
    await waitForConnect();
    while (!slow.subscribed) await sleep(10);
    for (let i = 0; i < 40; i++) await slow.notify([i]);
    print('paced done');
    await sleep(100);
    for (let i = 100; i < 140; i++) NRF.updateServices({ 0xa000: { 0xa003: { value: [i], notify: true } } });
  }, { name: 'sender' });
  if (MODE === 'advert') {
    spawn(async () => {
      const ad = advertise({ name: 'Thermo', serviceData: { '1809': [20] }, interval: 500 });
      await sleep(2000);
      ad.update({ serviceData: { '1809': [21], '180f': [95] } });
      await sleep(1);
      const before = process.memory().usage;
      for (let i = 0; i < 100; i++) {
        ad.update({ serviceData: { '1809': [i & 255] } });
        await sleep(10);
      }
      print('JsVars gained over 100 updates: ' + (process.memory().usage - before));
      ad.update({ serviceData: { '1809': [22] } });
    }, { name: 'beacon' });
  }
  if (MODE === 'advert-cancel') {
    const t = spawn(async () => {
      await advertise({ name: 'Busy', manufacturerData: [1, 2, 3] });
    }, { name: 'advertiser' });
    spawn(async () => {
      await sleep(1000);
      t.cancel();
      try { await t; } catch (e) { print('advertiser: ' + e); }
      try {
        advertise({ name: 'A very long name that will never fit', serviceData: { '1809': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } });
      } catch (e) { print((e as Error).message); }
    }, { name: 'main' });
  }
  if (MODE === 'no-radio') {
    const api: { [name: string]: any } = { advertise: advertise };
    spawn(async () => {
      try { api['advertise']({ name: 'x' }); } catch (e) { print((e as Error).message); }
    }, { name: 'main' });
  }
  if (MODE === 'link') {
    const listening = function () { return Object.getOwnPropertyNames(NRF).filter(function (n) { return n.charAt(0) === '#'; }).length; };
    spawn(async () => {
      try { await withTimeout(50, waitForConnect()); } catch (e) { print('' + e); }
      print('before: connected ' + isConnected() + ', listeners ' + listening());
      const w = waitForConnect();
      print('phone ' + await w + ', listeners ' + listening());
      print('left with reason ' + await waitForDisconnect() + ', listeners ' + listening());
      await waitForConnect();
      NRF.disconnect();
      print('hung up with reason ' + await waitForDisconnect());
      print('not connected: ' + await waitForDisconnect());
    }, { name: 'link' });
  }
`;
let bundle: Promise<string> | undefined;
const start = async (mode: string, parts: Diagram['parts'] = phone.parts, board = 'puckjs') => {
  bundle ??= build(firmwareFile(firmware), { board: 'puckjs' }).then((b) => b.code);
  return createSim({ board, bundle: `var MODE = '${mode}';\n` + (await bundle), diagram: { parts } });
};

describe('advertise', () => {
  it('a phone hears the advert, updated from a task, at its interval; 100 updates cost no JsVars', async () => {
    const sim = await start('advert');
    const p = sim.phone('phone');
    const first = p.waitForAdvert({ name: 'Thermo', serviceData: { '1809': [20] } }, 1000);
    expect(first.interval).toBe(500);
    p.waitForAdvert({ serviceData: { '1809': [22] } }, 8000);
    expect(sim.output()).toEqual(['JsVars gained over 100 updates: 0']);
    // Packets go out every 500 ms from when the advert last changed.
    const times = p.heard.map((h) => h.t);
    expect(times[1] - times[0]).toBe(500);
    expect(sim.harness.notes.map((n) => n.text)).toContain('BLE advertising "Thermo" 1809=[20] every 500ms');
    // On the timeline, and in the VCD as an event per advert change.
    expect(toTimeline(sim)).toMatch(/\[ +\d+\.\d{3}s\] sim: BLE advertising "Thermo" 1809=\[20\] every 500ms/);
    const vcd = toVcd(sim);
    const id = /\$var event 1 (\S+) ble_advert \$end/.exec(vcd)![1];
    expect(vcd.split('\n').filter((l) => l === `1${id}`).length).toBe(sim.harness.ble.log.filter((e) => e.kind === 'advert').length);
  });

  it('cancelling the task that awaits an advert stops it: the board goes back to its default advert', async () => {
    const sim = await start('advert-cancel');
    const p = sim.phone('phone');
    p.waitForAdvert({ name: 'Busy', manufacturerData: [1, 2, 3] }, 500);
    sim.advance(1000);
    // Back to Espruino's default advert (its manufacturer id with no data, every 375 ms); the name stays, as on the board.
    const after = p.waitForAdvert({ name: 'Busy' }, 1000);
    expect(after.manufacturerData).toBeUndefined();
    expect(after.interval).toBe(375);
    expect(sim.output()).toEqual([
      "advertiser: Cancelled: task 'advertiser' was cancelled",
      'advertise: ERR 0xc (DATA_SIZE): the advert is over 31 bytes; shorten the name or the data',
    ]);
  });
});

describe('GATT characteristics', () => {
  it('every write reaches the task in order, even while it is busy elsewhere', async () => {
    const sim = await start('busy');
    const p = sim.phone('phone');
    p.connect();
    for (const v of [20, 30, 40]) p.write('a000', 'a001', [v]);
    expect(sim.output()).toEqual(['connected: 4c:7a:91:0e:22:b3 public']);
    sim.advance(1100);
    expect(sim.output().slice(1)).toEqual(['rate 20', 'rate 30', 'rate 40']);
    expect(p.read('a000', 'a001')).toEqual([40]);
  });

  it('more writes than the queue holds: the oldest go and the next read says how many; a cancelled wait leaves no waiter', async () => {
    const sim = await start('slow');
    sim.advance(200);
    const p = sim.phone('phone');
    p.connect();
    for (let v = 1; v <= 6; v++) p.write('a000', 'a001', [v]);
    sim.advance(6000);
    expect(sim.output()).toEqual([
      'TimeoutError: timed out after 100 ms',
      'waiting: 0',
      'BLE a000/a001: 2 writes were dropped: more than 4 came before they were read; read sooner or give a bigger queue',
      'then 3',
    ]);
  });

  it('notify() paces notifications to the link: all 40 arrive, in order; NRF.updateServices in a loop loses some', async () => {
    const sim = await start('notify', [{ id: 'phone', type: 'phone', interval: 30 }]);
    const p = sim.phone('phone');
    p.connect();
    expect(p.read('a000', 'a003')).toEqual([9]);
    p.subscribe('a000', 'a003');
    sim.advance(5000);
    const got = p.notifications.map((n) => n.data[0]);
    expect(got.slice(0, 40)).toEqual([...Array(40).keys()]);
    const raw = got.slice(40);
    expect(raw.length).toBeLessThan(40);
    const warnings = sim.harness.warnings.map((w) => w.text);
    expect(warnings).toHaveLength(40 - raw.length);
    expect(warnings[0]).toContain('a notification on a000/a003 was lost because the Bluetooth TX queue (3 packets) was full');
    expect(sim.output()).toEqual(['sent to nobody: false', 'paced done']);
  });
});

describe('connections', () => {
  it('connect and disconnect are futures; listeners are on NRF only while someone waits, and a cancelled wait removes them', async () => {
    const sim = await start('link');
    sim.advance(100);
    const p = sim.phone('phone');
    p.connect();
    sim.advance(100);
    p.disconnect();
    sim.advance(100);
    p.connect();
    sim.advance(100);
    expect(p.connected).toBe(false);
    expect(p.lastDrop).toBe('the board disconnected (NRF.disconnect())');
    expect(sim.output()).toEqual([
      'TimeoutError: timed out after 50 ms',
      'before: connected false, listeners 0',
      'phone 4c:7a:91:0e:22:b3 public, listeners 0',
      'left with reason 19, listeners 0',
      'hung up with reason 22',
      'not connected: 0',
    ]);
  });

  it('Bluetooth LE on a board without it: the build names the line, and code the build cannot see fails naming the call', async () => {
    await expect(build(firmwareFile(`
      import { spawn, advertise, scan } from 'coop';
      spawn(async () => { advertise({ name: 'x' }); await scan(); }, { name: 'main' });
    `), { board: 'esp32' })).rejects.toThrow(/main\.ts:3:27: advertise: Bluetooth LE needs an nRF52 board \(puckjs, mdbt42q, pixljs, banglejs2\); ESP32 DevKit has none\n.*main\.ts:3:59: scan: Bluetooth LE needs an nRF52 board/);
    // The Puck.js bundle on an Espruino Pico, reaching advertise() through an object the build cannot follow.
    const sim = await start('no-radio', [], 'pico');
    sim.advance(10);
    expect(sim.output()).toEqual(['advertise: Bluetooth LE (NRF) is only on the nRF52 boards: Puck.js, MDBT42Q, Pixl.js, Bangle.js 2']);
  });
});
