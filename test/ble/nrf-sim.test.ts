/**
 * The simulator's NRF as Espruino's own API (plain JavaScript bundles, no
 * Coop), and the BLE scenario steps: what they accept, and what a failing
 * one says.
 */
import { describe, expect, it } from 'vitest';
import { createSim, parseDiagram, parseScenario, runScenario } from '../../sim/index.js';

const diagram = {
  board: 'puckjs',
  parts: [
    { id: 'phone', type: 'phone' },
    { id: 'thermo', type: 'ble-device', name: 'Thermo 1', serviceData: { '1809': [21] }, interval: '200ms', services: { '181a': { '2a6e': { value: [1, 2] } } } },
  ],
};

describe('NRF in the simulator', () => {
  it('setAdvertising as Espruino: number keys are 16-bit UUIDs, 31 bytes at most, the interval persists', async () => {
    const sim = await createSim({ diagram, bundle: `
      NRF.setAdvertising({ 0x1809: [22] }, { name: 'T', interval: 600 });
      try { NRF.setAdvertising({ 0x1809: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] }); } catch (e) { print(e.message); }
      setTimeout(function () { NRF.setAdvertising({ 0x180f: [95] }); }, 1000);
      print(NRF.getAddress() + ' ' + NRF.getBattery());
    ` });
    const p = sim.phone('phone');
    expect(p.waitForAdvert({ name: 'T', serviceData: { '1809': [22] } }, 100).interval).toBe(600);
    expect(p.waitForAdvert({ serviceData: { '180f': [95] } }, 2000).interval).toBe(600);
    expect(sim.output()).toEqual(['ERR 0xc (DATA_SIZE)', 'e7:c4:51:2a:4f:2a random 3']);
  });

  it('findDevices, requestDevice and a second central operation as Espruino has them', async () => {
    const sim = await createSim({ diagram, bundle: `
      NRF.findDevices(function (devs) {
        print('found ' + devs.map(function (d) { return d.name; }).join(','));
        NRF.requestDevice({ filters: [{ namePrefix: 'Nobody' }], timeout: 500 }).then(null, function (e) { print('rejected: ' + e); });
        try { NRF.connect('d0:0b:1e:00:00:01 random'); } catch (e) { print(e.message); }
      }, 1000);
    ` });
    sim.advance(2000);
    expect(sim.output()).toEqual(['found Thermo 1', 'BLE task REQUEST_DEVICE is already in progress', 'rejected: No device found matching filters']);
  });

  it("a reset drops the phone's link", async () => {
    const sim = await createSim({ diagram, bundle: `NRF.on('connect', function (a) { print('connected ' + a); });` });
    const p = sim.phone('phone');
    p.connect();
    sim.harness.reboot();
    expect(p.connected).toBe(false);
    expect(p.lastDrop).toBe('the board reset');
    expect(sim.output()).toEqual(['connected 4c:7a:91:0e:22:b3 public']);
  });

  it('a phone or ble-device on a board without Bluetooth is refused, naming the part', async () => {
    await expect(createSim({ diagram: { board: 'esp32', parts: [{ id: 'phone', type: 'phone' }] }, bundle: '' }))
      .rejects.toThrow('diagram: part "phone" (phone): a phone talks Bluetooth LE, which ESP32 DevKit has not (only the nRF52 boards do in Coop: puckjs, mdbt42q, pixljs, banglejs2)');
    expect(() => parseDiagram({ parts: [{ id: 'p', type: 'phone', interval: '1ms' }] }))
      .toThrow('part 1 ("p"): "interval" (the connection interval) must be from 7.5ms to 4s, as Bluetooth LE allows');
  });
});

describe('BLE scenario steps', () => {
  it('check their fields', () => {
    const bad = (step: unknown) => () => parseScenario({ steps: [step] }, 's.yaml');
    expect(bad({ 'ble-write': { part: 'phone', service: 'a000', characteristic: 'a001' } })).toThrow('s.yaml: step 1 (ble-write: { part: phone, service: a000, characteristic: a001 }): "data" is required');
    expect(bad({ 'ble-write': { part: 'phone', service: 'a000', characteristic: 'a001', data: [300] } })).toThrow('"data" must be bytes ([22, 95]) or text');
    expect(bad({ 'expect-advert': { part: 'phone', serviceData: [1] } })).toThrow('"serviceData" maps a UUID (as text: "1809") to bytes');
    expect(parseScenario({ steps: [{ 'ble-connect': 'phone' }, { 'expect-notify': { part: 'phone', service: '181a', characteristic: '2a6e', timeout: '2s' } }] }).steps.map((s) => s.step))
      .toEqual([{ kind: 'ble-connect', part: 'phone', timeout: 5000 }, { kind: 'expect-notify', part: 'phone', service: '181a', characteristic: '2a6e', data: undefined, timeout: 2000 }]);
  });

  it('a failing step says what the phone heard or got', async () => {
    const sim = await createSim({ diagram, bundle: `
      NRF.setAdvertising({ 0x1809: [22] }, { name: 'T' });
      NRF.setServices({ 0xa000: { 0xa001: { readable: true, writable: true, value: [1] } } });
    ` });
    const result = await runScenario(sim, parseScenario({ name: 'wrong', steps: [
      { 'expect-advert': { part: 'phone', name: 'T', serviceData: { '1809': [22] }, timeout: '1s' } },
      { 'ble-connect': 'phone' },
      { 'ble-read': { part: 'phone', service: 'a000', characteristic: 'a001', expect: [1] } },
      { 'ble-write': { part: 'phone', service: 'a000', characteristic: 'a001', data: [7] } },
      { 'ble-read': { part: 'phone', service: 'a000', characteristic: 'a001', expect: [8] } },
    ] }));
    expect(result.ok).toBe(false);
    expect(result.message).toContain('failed at step 5 of 5 (ble-read: { part: phone, service: a000, characteristic: a001, expect: [8] })');
    expect(result.message).toContain('expected: a000/a001 to read [8]');
    expect(result.message).toContain('seen:     it read [7]');
    const none = await runScenario(sim, parseScenario({ name: 'no advert', steps: [{ 'expect-advert': { part: 'phone', name: 'Other', timeout: '1s' } }] }));
    expect(none.message).toContain('phone heard no advert with name "Other" within 1.000s; the board is not advertising (a phone is connected?)');
  });
});
