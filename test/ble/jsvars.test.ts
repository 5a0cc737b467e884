/**
 * What the Bluetooth LE futures cost in JsVars, measured with
 * process.memory().usage on the real interpreter (ESPRUINO_BIN, the Linux
 * build) and estimated by the simulator. The Linux build has no Bluetooth,
 * so there NRF is a plain object that keeps what Espruino keeps (the advert
 * and the services it is given, its listeners): the figures are Coop's share
 * plus those, not the SoftDevice's own RAM, which is outside the JsVars.
 * docs/memory.md lists them.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { build } from '../../toolchain/build.js';
import { createSim } from '../../sim/index.js';
import { espruinoBin } from '../support/espruino.js';
import { firmwareFile } from '../support/device.js';

const MEASURE = `
  import { spawn, sleep, yieldNow, advertise, Characteristic, serve, waitForConnect, scan } from 'coop';
  declare const global: any;
  const say = function (s: string) { print('LINE ' + s); };
  async function usage(): Promise<number> {
    await sleep(1);
    return process.memory().usage;
  }
  /** JsVars a task parked on wait() holds, the task included. */
  async function parked(wait: () => PromiseLike<any>): Promise<number> {
    const b = await usage();
    const t = spawn(async () => { await wait(); }, { name: 'w' });
    await yieldNow();
    const d = (await usage()) - b;
    t.cancel();
    await sleep(1);
    return d;
  }
  spawn(async () => {
    let b = await usage();
    const ad = advertise({ name: 'Beacon', serviceData: { '1809': [22] }, interval: 1000 });
    global.ad = ad;
    say('advert (handle and data) ' + ((await usage()) - b));
    // Warm-up, past the loop counter's own growth (an integer over 1,000 takes more room on Espruino).
    let i = 0;
    for (; i < 2000; i++) ad.update({ serviceData: { '1809': [i & 255] } });
    b = await usage();
    for (; i < 2100; i++) ad.update({ serviceData: { '1809': [i & 255] } });
    say('100 updates ' + ((await usage()) - b));
    b = await usage();
    for (; i < 12100; i++) ad.update({ serviceData: { '1809': [i & 255] } });
    say('10000 updates ' + ((await usage()) - b));
    b = await usage();
    const c = new Characteristic('a000', 'a001', { writable: true, readable: true, notify: true, value: [1, 2] });
    global.c = c;
    serve([c]);
    say('a served characteristic (writable, notify) ' + ((await usage()) - b));
    say('task sleeping ' + (await parked(function () { return sleep(1e6); })));
    say('task waiting for a write ' + (await parked(function () { return c.written(); })));
    say('task waiting for a connection ' + (await parked(function () { return waitForConnect(); })));
    say('task scanning ' + (await parked(function () { return scan({ timeout: 1e6 }); })));
    print('DONE');
  }, { name: 'main' });
`;

/** NRF for the Linux build: keeps what Espruino's keeps (hidden root vars for the advert and services). */
const STUB = `var NRF = { setAdvertising: function (d, o) { NRF.a = [d, o]; }, setServices: function (d, o) { NRF.s = d; },
  updateServices: function (d) {}, getSecurityStatus: function () { return { connected: false }; },
  setScan: function (f, o) { if (f) NRF.f = [f, o]; else delete NRF.f; } };\n`;

const lines = (out: string) => out.split(/[\r\n]+/).filter((l) => l.includes('LINE ')).map((l) => l.slice(l.indexOf('LINE ') + 5));

describe('Bluetooth LE JsVar costs', () => {
  // The simulator's estimate of the same program, for the table in docs/memory.md (12 s: with the real measurement only).
  it.skipIf(!espruinoBin && !process.env.COOP_BLE_COSTS)('in the simulator: updates cost nothing, each wait is a few JsVars beyond its task', async () => {
    const { code } = await build(firmwareFile(MEASURE), { board: 'puckjs' });
    // 12,100 advert updates in one step take ~60 s of modelled Puck.js time: past the runaway limit (10 s), which
    // would stop the firmware; this test prices memory, not time.
    const sim = await createSim({ board: 'puckjs', bundle: code, runawayMs: 600_000 });
    sim.advance(1000);
    const got = lines(sim.output().join('\n'));
    console.log('simulator estimate:\n  ' + got.join('\n  '));
    // The same few JsVars after 100 updates as after 10,000 (the frame's temporaries): nothing per update.
    expect(got.find((l) => l.startsWith('100 updates'))!.slice(12)).toBe(got.find((l) => l.startsWith('10000 updates'))!.slice(14));
    expect(got).toHaveLength(8);
  });

  it.skipIf(!espruinoBin)('on Espruino 2v29 (Linux build, ESPRUINO_BIN)', async () => {
    const { code } = await build(firmwareFile(MEASURE), { board: 'puckjs' });
    const file = firmwareFile('', 'ble-bundle.js');
    writeFileSync(file, STUB + code);
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(espruinoBin!, [file], { stdio: ['pipe', 'pipe', 'pipe'] });
      let text = '';
      const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('no DONE:\n' + text)); }, 60_000);
      child.stdout.on('data', (d) => {
        text += d.toString();
        if (text.includes('DONE')) { clearTimeout(timer); child.kill('SIGKILL'); resolve(text); }
      });
    });
    const got = lines(out);
    console.log('Espruino 2v29 (Linux):\n  ' + got.join('\n  '));
    // The same few JsVars after 100 updates as after 10,000 (the frame's temporaries): nothing per update.
    expect(got.find((l) => l.startsWith('100 updates'))!.slice(12)).toBe(got.find((l) => l.startsWith('10000 updates'))!.slice(14));
    expect(got).toHaveLength(8);
  });
});
