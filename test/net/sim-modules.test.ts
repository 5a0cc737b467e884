/**
 * The simulator's `Wifi`, `net` and `http` modules as Espruino 2v29 has them,
 * driven by plain JavaScript (no Coop, no build): the events and their order,
 * the errors, `clsNow`; and the checks on network parts and steps, whose
 * errors name the part or step and the field.
 */
import { describe, expect, it } from 'vitest';
import { createSim, parseDiagram, parseScenario } from '../../sim/index.js';

const AP = { id: 'ap', type: 'access-point' as const, ssid: 'home', password: 'secret' };

describe('the simulated network modules', () => {
  it('Wifi.connect: events and callback as on an ESP32; net.connect offline throws as Espruino does', async () => {
    const sim = await createSim({ board: 'esp32', diagram: { parts: [AP] }, bundle: `
      var wifi = require('Wifi');
      try { require('net').connect({ host: 'a', port: 1 }); } catch (e) { print(e.name + ': ' + e.message); }
      ['associated', 'connected', 'disconnected'].forEach(function (ev) { wifi.on(ev, function (d) { print(ev + ' ' + JSON.stringify(d)); }); });
      wifi.connect('home', { password: 'nope' }, function (err) {
        print('cb ' + err);
        wifi.connect('home', { password: 'secret' }, function (err) { print('cb ' + err + ' ' + wifi.getStatus().station); });
      });
    ` });
    sim.advance('3s');
    expect(sim.output()).toEqual([
      'InternalError: Not connected to the internet',
      expect.stringMatching(/^disconnected \{"ssid":"home","mac":"[0-9a-f:]{17}","reason":"202","msg":"AUTH_FAIL"\}$/),
      'cb AUTH_FAIL',
      expect.stringMatching(/^associated \{"ssid":"home","mac":"[0-9a-f:]{17}","channel":6\}$/),
      expect.stringMatching(/^connected \{"ip":"192\.168\.4\.\d+","netmask":"255\.255\.255\.0","gw":"192\.168\.4\.1"\}$/),
      'cb null connected',
    ]);
  });

  it('sockets: connect, drain, data, end and close in order; clsNow closes at once', async () => {
    const sim = await createSim({ board: 'linux', bundle: `
      var s = require('net').connect({ host: 'echo.local', port: 7 }, function () { print('connect'); });
      ['drain', 'end', 'close', 'error'].forEach(function (ev) { s.on(ev, function (a) { print(ev + (a === undefined ? '' : ' ' + JSON.stringify(a))); }); });
      s.on('data', function (d) { print('data ' + d); if (d === 'BYE') s.end(); });
      print('write ' + s.write('hi'));
      var t = require('net').connect({ host: 'echo.local', port: 7 });
      t.on('close', function (e) { print('t close ' + e); });
      setTimeout(function () { t.clsNow = true; }, 50);
    ` });
    sim.net.tcp('echo.local:7', (peer) => {
      peer.onData = (d) => peer.send(d === 'hi' ? 'HI' : d);
    });
    sim.advance(30); // connected at 15 ms ('hi' was queued, so no drain then); 'hi' across at 20, HI back at 25
    sim.harness.callCode("s.write('BYE')");
    sim.advance(100);
    expect(sim.output()).toEqual(['write false', 'connect', 'drain', 'data HI', 'drain', 'data BYE', 'close false', 't close false']);
    expect(sim.net.open.size).toBe(0);
  });

  it('http.request: the callback, data, end and close; a host nobody answers gives error then close', async () => {
    const sim = await createSim({ board: 'esp32', diagram: { parts: [AP] }, bundle: `
      require('Wifi').connect('home', { password: 'secret' }, function () {
        var req = require('http').request({ host: 'api.local', path: '/x', method: 'POST' }, function (res) {
          print('res ' + res.statusCode + ' ' + res.headers['Content-Length']);
          res.on('data', function (d) { print('data ' + d.length); });
          res.on('end', function () { print('end'); });
          res.on('close', function () { print('close'); });
        });
        req.end('body');
        var bad = require('http').request('http://nobody.local/', function () { print('never'); });
        bad.on('error', function (e) { print('error ' + JSON.stringify(e)); });
        bad.on('close', function () { print('bad close'); });
        bad.end();
      });
    ` });
    sim.net.http('api.local', (req) => ({ status: 200, body: req.body.repeat(300) }));
    sim.advance('2s');
    expect(sim.output()).toEqual(['error {"code":-6,"message":"not found"}', 'bad close', 'res 200 1200', 'data 536', 'data 536', 'data 128', 'end', 'close']);
    expect(sim.harness.warnings.map((w) => w.text)).toEqual([expect.stringContaining('http GET http://nobody.local/: nothing answers there in the simulation')]);
  });
});

describe('network parts and steps are checked', () => {
  it('names the part and the field', () => {
    expect(() => parseDiagram({ parts: [{ id: 'ap', type: 'access-point' }] })).toThrow('part 1 ("ap"): a access-point needs "ssid"');
    expect(() => parseDiagram({ parts: [{ ...AP, signal: 10 }] })).toThrow('"signal" is the strength at the board in dBm, from -120 to 0');
    expect(() => parseDiagram({ parts: [{ ...AP, outages: [{ at: '1s' }] }] })).toThrow('outage 1 needs "at" and "for"');
    expect(() => parseDiagram({ parts: [{ id: 'b', type: 'mqtt-broker', host: 'm', port: 70000 }] })).toThrow('"port" must be a port number from 1 to 65535');
    expect(() => parseDiagram({ parts: [{ id: 'w', type: 'http-server', host: 'w', routes: { '/x': {} } }] })).toThrow('route "/x" must be "METHOD /path"');
    expect(() => parseScenario({ steps: [{ 'wait-mqtt': { part: 'b' } }] })).toThrow('step 1 (wait-mqtt: { part: b }): "topic" is required');
    expect(() => parseScenario({ steps: [{ 'expect-mqtt': { part: 'b', topic: 't', timeout: '1s' } }] })).toThrow('expect-mqtt does not wait');
  });

  it('a sim without the part says which parts there are', async () => {
    const sim = await createSim({ board: 'esp32', diagram: { parts: [AP] }, bundle: '' });
    expect(() => sim.broker('broker')).toThrow('broker: no part "broker"');
    expect(() => sim.net.setAccessPoint('cafe', false)).toThrow('no access point "cafe"; the diagram has ap (home)');
    expect(() => sim.net.bridge('x.local', 'http://10.0.0.1:80')).toThrow('only bridges to servers on 127.0.0.1');
  });
});

describe('boards without the module', () => {
  it("say 'Module … not found', as their Espruino builds do", async () => {
    const linux = await createSim({ board: 'linux', bundle: "try { require('Wifi'); } catch (e) { print(e.message); }" });
    expect(linux.output()).toEqual(["Module Wifi not found (Espruino on Linux has no 'Wifi' module; http and net need no Wifi where the board has a network)"]);
    const puck = await createSim({ board: 'puckjs', bundle: "try { require('http'); } catch (e) { print(e.message); }" });
    expect(puck.output()).toEqual(["Module http not found (Espruino on Puck.js has no 'http' module)"]);
  });
});
