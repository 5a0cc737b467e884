/**
 * WiFi and HTTP on a simulated ESP32: joining with backoff, an outage and
 * the reconnect, requests answered by a handler, errors that name what
 * failed, and cancellation that gives the socket back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCases, homeAp, runCase } from './net-sim.js';

let code: string;
beforeAll(async () => {
  code = await buildCases(`
    import { spawn, keepWifi, connectWifi, wifiUp, wifiIsUp, wifiError, httpRequest, sleep } from 'coop';
    const tryGet = async (url: string, timeout?: number) => {
      try { await httpRequest({ url, timeout }); } catch (e) { print((e as Error).name + ': ' + (e as Error).message); }
    };
    const cases: { [name: string]: () => Promise<void> } = {
      outage: async () => {
        keepWifi('home', { password: 'secret', backoff: 1000 });
        for (;;) {
          await wifiUp();
          print('up');
          while (wifiIsUp()) await sleep(500);
          print('down ' + wifiError());
        }
      },
      leave: async () => {
        const keeper = keepWifi('home', { password: 'secret' });
        await wifiUp();
        print('up ' + (require as any)('Wifi').getStatus().station);
        keeper.cancel();
        try { await keeper; } catch (e) { print((e as Error).message); }
        print('left ' + (require as any)('Wifi').getStatus().station + ' ' + wifiIsUp());
      },
      big: async () => {
        await connectWifi('home', { password: 'secret' });
        try { await httpRequest({ url: 'http://weather.local/big', maxBody: 1000 }); } catch (e) { print((e as Error).message); }
      },
      giveUp: async () => {
        try { await connectWifi('home', { password: 'wrong', attempts: 2 }); } catch (e) { print((e as Error).message); }
        try { await connectWifi('cafe', { attempts: 1 }); } catch (e) { print((e as Error).message); }
      },
      get: async () => {
        await connectWifi('home', { password: 'secret' });
        const r = await httpRequest({ url: 'http://weather.local/config' });
        print(r.status + ' ' + r.headers['Content-Type'] + ' ' + r.body);
        const p = await httpRequest({ url: 'http://weather.local:8080/readings', body: '{"t":21.5}', headers: { 'Content-Type': 'application/json' } });
        print(p.status + ' ' + p.body);
      },
      errors: async () => {
        await tryGet('http://weather.local/');
        await connectWifi('home', { password: 'secret' });
        await tryGet('http://nowhere.local/x');
        await tryGet('http://slow.local/x', 500);
        await tryGet('ftp://weather.local/');
      },
      cancel: async () => {
        await connectWifi('home', { password: 'secret' });
        const t = spawn(async () => { await httpRequest({ url: 'http://slow.local/big' }); print('not reached'); }, { name: 'req' });
        await sleep(100);
        print('open ' + (t.done ? 'done' : 'running'));
        t.cancel();
        try { await t; } catch (e) { print((e as Error).name); }
      },
    };
    spawn(cases[CASE], { name: CASE });
  `);
});

describe('WiFi', () => {
  it('joins, notices an outage, and joins again with backoff', async () => {
    const sim = await runCase(code, 'outage', { parts: [homeAp([{ at: 10_000, for: 20_000 }])] });
    sim.advance('5s');
    expect(sim.output()).toEqual(['up']);
    sim.advance('20s'); // the AP went at 10 s; noticed 6 s later (the beacon timeout)
    expect(sim.output()).toEqual(['up', 'down BEACON_TIMEOUT']);
    sim.advance('30s'); // back at 30 s; the keeper's next attempt finds it
    expect(sim.output()).toEqual(['up', 'down BEACON_TIMEOUT', 'up']);
    const notes = sim.harness.notes.map((n) => n.text).filter((t) => t.startsWith('WiFi'));
    expect(notes[0]).toMatch(/^WiFi: connected to home as /);
    expect(notes).toContain('WiFi: lost home (BEACON_TIMEOUT)');
    // Attempts while it was down, further and further apart (1 s, 2 s, 4 s, … after each 3 s scan).
    const misses = sim.harness.notes.filter((n) => n.text === 'WiFi: no access point "home"').map((n) => n.t);
    expect(misses.length).toBeGreaterThan(1);
    const gaps = misses.slice(1).map((t, i) => Math.round(t - misses[i]));
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
  });

  it('cancelling keepWifi leaves the network', async () => {
    const sim = await runCase(code, 'leave', { parts: [homeAp()] });
    sim.advance('3s');
    expect(sim.output()).toEqual(['up connected', "task 'wifi' was cancelled", 'left off false']);
  });

  it('gives up after `attempts`, naming the SSID and the reason', async () => {
    const sim = await runCase(code, 'giveUp', { parts: [homeAp()] });
    sim.advance('30s');
    expect(sim.output()).toEqual(['WiFi home: AUTH_FAIL after 2 attempts', 'WiFi cafe: NO_AP_FOUND after 1 attempt']);
  });
});

describe('httpRequest', () => {
  it('returns status, headers and body from a handler', async () => {
    const seen: string[] = [];
    const sim = await runCase(code, 'get', { parts: [homeAp()] }, (s) =>
      s.net.http('weather.local', (req) => {
        seen.push(`${req.method} ${req.port} ${req.path} ${req.headers['Content-Length'] ?? '-'} ${req.body}`);
        return req.path === '/config' ? { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"every":60}' } : { status: 201, body: 'ok' };
      }));
    sim.advance('3s');
    expect(sim.output()).toEqual(['200 application/json {"every":60}', '201 ok']);
    expect(seen).toEqual(['GET 80 /config - ', 'POST 8080 /readings 10 {"t":21.5}']);
    expect(sim.net.open.size).toBe(0);
  });

  it('fails naming the URL and the reason: offline, nobody there, too slow, a bad URL', async () => {
    const sim = await runCase(code, 'errors', { parts: [homeAp()] }, (s) => s.net.http('slow.local', () => ({ status: 200, body: 'late', delay: 2000 })));
    sim.advance('5s');
    expect(sim.output()).toEqual([
      'Error: http GET http://weather.local/: Not connected to the internet',
      'Error: http GET http://nowhere.local/x: not found (-6)',
      'TimeoutError: http GET http://slow.local/x: no response within 500 ms',
      'TypeError: http GET ftp://weather.local/: the URL must start with http:// (https is not supported), got "ftp://weather.local/"',
    ]);
    expect(sim.harness.warnings.map((w) => w.text)).toEqual([expect.stringMatching(/^http GET http:\/\/nowhere.local\/x: nothing answers there/)]);
    expect(sim.net.open.size).toBe(0);
  });

  it('a body over maxBody fails the request and closes its connection', async () => {
    const sim = await runCase(code, 'big', { parts: [homeAp()] }, (s) => s.net.http('weather.local', () => ({ status: 200, body: 'x'.repeat(5000) })));
    expect(sim.waitFor(() => sim.output().length > 0, '3s')).toBe(true);
    expect(sim.output()).toEqual(['http GET http://weather.local/big: the body is over 1000 bytes; give a bigger maxBody']);
    expect(sim.net.open.size).toBe(0); // closed at once, not after the other 4 kB
    expect(sim.net.httpLog.map((l) => l.status)).toEqual([200]);
  });

  it('cancelled mid-request, closes the connection and removes its listeners', async () => {
    const sim = await runCase(code, 'cancel', { parts: [homeAp()] }, (s) => s.net.http('slow.local', () => ({ status: 200, body: 'x'.repeat(5000), delay: 1000 })));
    sim.advance(1250); // joined at 1.2 s, the request under way, cancelled at 1.3 s
    expect(sim.net.open.size).toBe(1);
    sim.advance('5s');
    expect(sim.output()).toEqual(['open running', 'Cancelled']);
    expect(sim.net.open.size).toBe(0);
    expect(sim.net.httpLog.map((l) => l.status)).toEqual(['closed by the board']);
  });
});
