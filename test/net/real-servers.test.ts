/**
 * The weather-station example against real servers on 127.0.0.1, started
 * here: a node:http server for its configuration and aedes, a maintained
 * MQTT broker from npm, for its readings. The simulated ESP32's sockets are
 * bridged to them (sim.net.bridge), and `sim.net.run()` waits for their real
 * I/O before each instant of virtual time. Through a WiFi outage the
 * readings wait in Storage and reach the real broker once each, in order.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { Aedes } from 'aedes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSim, loadDiagram } from '../../sim/index.js';
import { build } from '../../toolchain/build.js';

let http: HttpServer;
let mqtt: TcpServer;
let broker: Aedes;
const requests: string[] = [];
const published: { client: string; topic: string; payload: string }[] = [];

const listen = (server: HttpServer | TcpServer) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  http = createHttpServer((req, res) => {
    requests.push(`${req.method} ${req.url} host=${req.headers.host}`);
    if (req.url === '/config/ws1') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"topic":"garden/real"}');
    } else {
      res.writeHead(404);
      res.end('no such station');
    }
  });
  broker = await Aedes.createBroker();
  broker.on('publish', (packet, client) => {
    if (client) published.push({ client: client.id, topic: packet.topic, payload: packet.payload.toString() });
  });
  mqtt = createTcpServer(broker.handle as (socket: unknown) => void);
});

afterAll(async () => {
  http?.closeAllConnections();
  http?.close();
  mqtt?.close();
  await new Promise<void>((resolve) => (broker ? broker.close(() => resolve()) : resolve()));
});

describe('weather-station with a real HTTP server and a real MQTT broker (aedes) on 127.0.0.1', () => {
  it('gets its topic over HTTP and publishes every reading once, through a WiFi outage', async () => {
    const [httpPort, mqttPort] = await Promise.all([listen(http), listen(mqtt)]);
    const diagram = await loadDiagram('examples/weather-station.diagram.json');
    // The same access point (down from 70 s for 2 minutes) and sensor; the servers are the real ones.
    diagram.parts = diagram.parts.filter((p) => p.type !== 'http-server' && p.type !== 'mqtt-broker');
    const { code } = await build('examples/weather-station.ts', { board: 'esp32' });
    const sim = await createSim({ board: 'esp32', diagram, bundle: code });
    sim.net.bridge('weather.local', `http://127.0.0.1:${httpPort}`);
    sim.net.bridge('mqtt.local:1883', `mqtt://127.0.0.1:${mqttPort}`);

    const onTopic = () => published.filter((m) => m.topic === 'garden/real');
    // Readings #0 (t = 0) to #4 (t = 240 s); the last goes out when taken.
    expect(await sim.net.waitFor(() => onTopic().length >= 5, '300s')).toBe(true);
    await sim.net.run('1s'); // anything more would arrive now

    expect(sim.errors.map(String)).toEqual([]);
    expect(requests).toEqual(['GET /config/ws1 host=weather.local', 'GET /config/ws1 host=weather.local']);
    const out = sim.output();
    expect(out).toContain('config: topic garden/real');
    expect(out).toContain('wifi: down');
    expect(out.filter((l) => l.includes('buffered (')).length).toBe(3); // #0 before WiFi, #2 and #3 in the outage
    const seqs = onTopic().map((m) => (JSON.parse(m.payload) as { seq: number }).seq);
    expect(seqs).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(published.map((m) => m.client))).toEqual(new Set(['ws1']));
  }, 120_000);
});
