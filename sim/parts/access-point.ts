/**
 * The network parts of a diagram: a WiFi access point (with outages on a
 * schedule), an MQTT broker and a static HTTP server, all reachable by an
 * ESP32 board's `Wifi`, `net` and `http` modules (sim/net/).
 *
 *     { "id": "ap", "type": "access-point", "ssid": "home", "password": "secret",
 *       "signal": -60, "outages": [{ "at": "2m", "for": "3m" }] }
 *     { "id": "broker", "type": "mqtt-broker", "host": "mqtt.local", "port": 1883 }
 *     { "id": "api", "type": "http-server", "host": "weather.local",
 *       "routes": { "GET /config": { "status": 200, "body": "{\"every\":60}" } } }
 */
import { MqttBroker } from '../net/mqtt-broker.js';
import type { AccessPointState } from '../net/network.js';
import type { Part, NetHost } from './part.js';

export interface AccessPointSpec {
  id: string;
  type: 'access-point';
  ssid: string;
  /** WPA2 password; none for an open network. */
  password?: string;
  /** Signal at the board, dBm (default -55); below -90 it cannot be joined. */
  signal?: number;
  /** Times it is down: `at` (ms from start) for `for` ms. */
  outages?: { at: number; for: number }[];
}

/** A WiFi access point: it goes down and comes back on its schedule, or when a test says. */
export class AccessPoint implements Part {
  readonly type = 'access-point';
  readonly pins: string[] = [];
  readonly ap: AccessPointState;

  constructor(readonly spec: AccessPointSpec, h: NetHost) {
    this.ap = { id: spec.id, ssid: spec.ssid, password: spec.password, signal: spec.signal ?? -55, up: true };
    h.net.accessPoints.push(this.ap);
    for (const o of spec.outages ?? []) {
      h.clock.at(Math.round(o.at * 1000), 0, () => h.net.setAccessPoint(spec.id, false));
      h.clock.at(Math.round((o.at + o.for) * 1000), 0, () => h.net.setAccessPoint(spec.id, true));
    }
  }

  get id(): string {
    return this.spec.id;
  }

  state(): string {
    return `${this.ap.ssid} ${this.ap.up ? 'up' : 'down'} (${this.ap.signal} dBm)`;
  }
}

export interface MqttBrokerSpec {
  id: string;
  type: 'mqtt-broker';
  host: string;
  /** Default 1883. */
  port?: number;
}

/** The simulation's MQTT broker at host:port (sim/net/mqtt-broker.ts). */
export class MqttBrokerPart implements Part {
  readonly type = 'mqtt-broker';
  readonly pins: string[] = [];
  readonly broker: MqttBroker;

  constructor(readonly spec: MqttBrokerSpec, h: NetHost) {
    const where = `${spec.host}:${spec.port ?? 1883}`;
    this.broker = new MqttBroker(h, spec.id);
    h.net.tcp(where, (peer) => this.broker.accept(peer));
  }

  get id(): string {
    return this.spec.id;
  }

  state(): string {
    return this.broker.state();
  }
}

export interface HttpServerSpec {
  id: string;
  type: 'http-server';
  host: string;
  port?: number;
  /** "METHOD /path" → the answer; anything else gets 404. */
  routes?: Record<string, { status?: number; body?: string; headers?: Record<string, string> }>;
}

/** A web server with fixed answers; it records what it was sent. */
export class HttpServer implements Part {
  readonly type = 'http-server';
  readonly pins: string[] = [];
  /** Requests received: "POST /status {…}". */
  readonly received: string[] = [];

  constructor(readonly spec: HttpServerSpec, h: NetHost) {
    h.net.http(`${spec.host}${spec.port ? ':' + spec.port : ''}`, (req) => {
      this.received.push(`${req.method} ${req.path}${req.body ? ' ' + req.body : ''}`);
      const route = spec.routes?.[`${req.method} ${req.path}`];
      return route ?? { status: 404, body: 'no route ' + req.method + ' ' + req.path };
    });
  }

  get id(): string {
    return this.spec.id;
  }

  state(): string {
    return `${this.received.length} request(s)`;
  }
}
