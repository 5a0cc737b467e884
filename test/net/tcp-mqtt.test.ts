/**
 * TCP sockets and the MQTT client on a simulated ESP32: lines both ways,
 * writes that wait for the network, the far end or the network going away,
 * cancellation; MQTT publish/subscribe against the simulator's broker,
 * keep-alive, and a reconnect after a WiFi outage that delivers the queued
 * QoS 1 messages once each.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCases, homeAp, runCase } from './net-sim.js';

let code: string;
beforeAll(async () => {
  code = await buildCases(`
    import { spawn, keepWifi, connectWifi, wifiUp, tcpConnect, Mqtt, sleep, now } from 'coop';
    const fail = (e: unknown) => print((e as Error).name + ': ' + (e as Error).message);
    const cases: { [name: string]: () => Promise<void> } = {
      lines: async () => {
        await connectWifi('home', { password: 'secret' });
        const s = await tcpConnect({ host: 'echo.local', port: 7 });
        await s.write('hello\\r\\nworld\\n');
        print(await s.readLine());
        print(await s.readLine());
        const t = now();
        await s.write('x'.repeat(10000) + '\\n');   // 10 kB at 8 µs a byte: ~80 ms on the link
        print('big write took ' + (now() - t >= 80 ? '>= 80 ms' : (now() - t) + ' ms'));
        // 10 kB back, over the 1 kB buffer: readers hear of the bytes dropped, as they are dropped.
        try { await s.readLine(); } catch (e) { fail(e); }
        try { await s.readLine(); } catch (e) { fail(e); }
        await s.write('bye\\n');
        try { for (;;) print(await s.readLine()); } catch (e) { fail(e); }
        try { await s.write('more'); } catch (e) { fail(e); }
        try { await tcpConnect({ host: 'nowhere.local', port: 7 }); } catch (e) { fail(e); }
      },
      dropped: async () => {
        keepWifi('home', { password: 'secret' });
        await wifiUp();
        const c = spawn(async () => { await tcpConnect({ host: 'echo.local', port: 7, timeout: 60000 }); }, { name: 'connecting' });
        await sleep(1);
        c.cancel();
        try { await c; } catch (e) { fail(e); }
        const s = await tcpConnect({ host: 'echo.local', port: 7 });
        try { for (;;) await s.readLine(); } catch (e) { fail(e); }
        try { await tcpConnect({ host: 'echo.local', port: 7 }); } catch (e) { fail(e); }
      },
      mqtt: async () => {
        keepWifi('home', { password: 'secret' });
        const mq = new Mqtt({ host: 'mqtt.local', clientId: 'board1', keepAlive: 30, online: wifiUp });
        mq.start();
        const cmds = mq.subscribe('board1/cmd/+');
        spawn(async () => {
          for (;;) {
            const m = await cmds.recv();
            print('got ' + m.topic + ' ' + m.payload);
            await mq.publish('board1/ack', m.payload, { qos: 1 });
          }
        }, { name: 'commands' });
        await mq.connected.wait();
        await mq.publish('board1/hello', 'qos0');
        await mq.publish('board1/hello', 'qos1', { qos: 1 });
        print('acked');
        await sleep(60000);
        // Offline: QoS 1 is queued, QoS 0 refused.
        try { await mq.publish('board1/hello', 'lost'); } catch (e) { fail(e); }
        const t = now();
        for (let i = 1; i <= 3; i++) spawn(async () => { await mq.publish('board1/queued', 'm' + i, { qos: 1 }); print('m' + i + ' acked after ' + Math.round((now() - t) / 1000) + ' s'); }, { name: 'pub' + i });
        await sleep(1);
        print('queued ' + mq.queued);
      },
      resend: async () => {
        keepWifi('home', { password: 'secret' });
        const mq = new Mqtt({ host: 'mqtt.local', clientId: 'board2', keepAlive: 0, online: wifiUp });
        const t = mq.start();
        await mq.publish('board2/once', 'reading', { qos: 1 });
        print('acked, queued ' + mq.queued);
        await sleep(1000);
        t.cancel(); // DISCONNECT, then the socket closes
        try { await t; } catch (e) {}
        print('stopped ' + mq.connected.isSet);
      },
    };
    spawn(cases[CASE], { name: CASE });
  `);
});

describe('tcpConnect', () => {
  it('reads lines, writes with backpressure, and reports the far end closing', async () => {
    const sim = await runCase(code, 'lines', { parts: [homeAp()] }, (s) =>
      s.net.tcp('echo.local:7', (peer) => {
        let buf = '';
        peer.onData = (d) => {
          buf += d;
          for (let i; (i = buf.indexOf('\n')) >= 0; buf = buf.slice(i + 1)) {
            const line = buf.slice(0, i + 1);
            if (line === 'bye\n') {
              peer.send('see you\n');
              peer.end();
            } else peer.send(line.toUpperCase());
          }
        };
      }));
    sim.advance('5s');
    expect(sim.output()).toEqual([
      'HELLO',
      'WORLD',
      'big write took >= 80 ms',
      'Error: tcp echo.local:7: 1072 bytes were dropped: more than 1024 bytes arrived before they were read; read sooner or give a bigger maxBuffer',
      'Error: tcp echo.local:7: 8929 bytes were dropped: more than 1024 bytes arrived before they were read; read sooner or give a bigger maxBuffer',
      'see you',
      'Error: tcp echo.local:7: closed by the other side',
      'Error: tcp echo.local:7: closed by the other side',
      'Error: tcp nowhere.local:7: not found (-6)',
    ]);
    expect(sim.net.open.size).toBe(0);
  });

  it('fails reads when WiFi drops, and a cancelled connect gives its socket back', async () => {
    const sim = await runCase(code, 'dropped', { parts: [homeAp([{ at: 3000, for: 60_000 }])] }, (s) => s.net.tcp('echo.local:7', () => {}));
    sim.advance('1300');
    expect(sim.output()).toEqual(["Cancelled: task 'connecting' was cancelled"]);
    expect(sim.net.open.size).toBe(1);
    sim.advance('10s');
    expect(sim.output()).toEqual([
      "Cancelled: task 'connecting' was cancelled",
      'Error: tcp echo.local:7: no connection (-11)',
      'Error: tcp echo.local:7: Not connected to the internet',
    ]);
    expect(sim.net.open.size).toBe(0);
  });
});

describe('Mqtt', () => {
  it('runs the same twice: the network is on the virtual clock', async () => {
    const diagram = { parts: [homeAp([{ at: 40_000, for: 30_000 }]), { id: 'broker', type: 'mqtt-broker' as const, host: 'mqtt.local' }] };
    const runs = await Promise.all([1, 2].map(async () => {
      const sim = await runCase(code, 'mqtt', diagram);
      sim.advance('3s');
      sim.broker('broker').publish('board1/cmd/led', 'on', { qos: 1 });
      sim.advance('80s'); // through the outage, the offline publishes and the reconnect
      return { out: sim.output(), notes: sim.harness.notes, messages: sim.broker('broker').messages };
    }));
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0].messages.length).toBeGreaterThan(4);
  });

  it('sends a message again, marked DUP, when its PUBACK never came before the connection dropped; stopping sends DISCONNECT', async () => {
    const sim = await runCase(code, 'resend', { parts: [homeAp(), { id: 'broker', type: 'mqtt-broker', host: 'mqtt.local' }] });
    const broker = sim.broker('broker');
    broker.withholdAcks = true;
    sim.advance('3s');
    expect(broker.messages.map((m) => `${m.payload} dup=${m.dup}`)).toEqual(['reading dup=false']);
    expect(sim.output()).toEqual([]);
    broker.withholdAcks = false;
    broker.dropAll(); // the connection goes; the client reconnects after its backoff
    sim.advance('3s');
    expect(broker.messages.map((m) => `${m.payload} dup=${m.dup}`)).toEqual(['reading dup=false', 'reading dup=true']);
    expect(sim.output()).toEqual(['acked, queued 0', 'stopped false']);
    expect(broker.connected()).toEqual([]);
    expect(sim.harness.notes.map((n) => n.text)).toContain('MQTT broker: board2 disconnected');
    expect(sim.net.open.size).toBe(0);
  });

  it('publishes at QoS 0 and 1, streams a subscription, pings, and after an outage sends the queue once', async () => {
    const sim = await runCase(code, 'mqtt', {
      parts: [homeAp([{ at: 40_000, for: 30_000 }]), { id: 'broker', type: 'mqtt-broker', host: 'mqtt.local' }],
    });
    const broker = sim.broker('broker');
    sim.advance('3s');
    expect(sim.output()).toEqual(['acked']);
    expect(broker.connected()).toEqual(['board1']);
    expect(broker.messages.map((m) => `${m.topic} ${m.payload} qos${m.qos}`)).toEqual(['board1/hello qos0 qos0', 'board1/hello qos1 qos1']);

    broker.publish('board1/cmd/led', 'on', { qos: 1 });
    broker.publish('board1/other', 'not subscribed');
    sim.advance('1s');
    expect(sim.output()).toEqual(['acked', 'got board1/cmd/led on']);
    expect(broker.payloads('board1/ack')).toEqual(['on']);

    // 30 s of keep-alive with nothing to send: a PINGREQ keeps the broker from dropping it.
    sim.advance('30s');
    expect(broker.connected()).toEqual(['board1']);

    // The AP goes at 40 s (lost at 46 s); the task publishes at 61 s, offline; the AP is back at 70 s.
    sim.advance('30s');
    expect(sim.output().slice(2)).toEqual(['Error: mqtt mqtt.local:1883: not connected (tcp mqtt.local:1883: no connection (-11)); QoS 0 messages are not queued, use { qos: 1 }', 'queued 3']);
    sim.advance('60s');
    const queued = broker.messages.filter((m) => m.topic === 'board1/queued');
    expect(queued.map((m) => `${m.payload} dup=${m.dup}`)).toEqual(['m1 dup=false', 'm2 dup=false', 'm3 dup=false']);
    expect(sim.output().slice(4).map((l) => l.replace(/\d+ s$/, 'N s'))).toEqual(['m1 acked after N s', 'm2 acked after N s', 'm3 acked after N s']);
    expect(sim.errors).toEqual([]);
  });
});
