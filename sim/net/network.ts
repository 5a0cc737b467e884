/**
 * The world outside an ESP32's antenna, on the virtual clock: access points,
 * HTTP servers and TCP services the board can reach, and the board's open
 * connections to them.
 *
 * Why a world of its own: the board's `Wifi`, `http` and `net` modules
 * (sim/net/wifi.ts, http.ts, tcp.ts) are RAM objects that a reset throws
 * away, but the access point and the broker are hardware that keeps
 * running, like the parts in a diagram. So the Network lives on the
 * Harness, and only the station (the board's WiFi state) and the open
 * connections go on a reset.
 *
 * Services are answered in one of two ways:
 *
 *     sim.net.http('weather.local', (req) => ({ status: 200, body: '{"every":60}' }));  // in process
 *     sim.net.bridge('weather.local:80', 'http://127.0.0.1:8080');                    // a real server
 *
 * A handler is part of the simulation: deterministic, in virtual time. A
 * bridge is for integration tests, and real I/O takes real time while the
 * virtual clock does not move: `await sim.net.run('5m')` advances virtual
 * time but first waits, before each instant, until no bridged request is in
 * flight and every bridged socket has been quiet for QUIET_MS of real time.
 * Real I/O therefore takes zero virtual time, and a run is deterministic
 * as long as the real server answers the same way. A plain (synchronous)
 * `sim.advance()` never waits for real I/O: what arrives later is delivered
 * at the virtual time the next advance is at.
 */
import { connect as netConnect, type Socket } from 'node:net';
import type { BoardServices } from '../host.js';
import { parseDuration } from '../duration.js';
import { IO } from '../virtual-clock.js';

/** What the network uses of the board: the clock (and running it while a host socket answers) and the timeline. */
export type NetworkHost = Pick<BoardServices, 'chip' | 'clock' | 'note' | 'runUntilUs'>;

/** Virtual costs of the link (ms unless said), cited by the modules. */
export const LINK = {
  /** One way across WiFi and the LAN. */
  latencyMs: 5,
  /** Microseconds per byte on the wire: about 1 Mbit/s of useful TCP throughput on a busy 2.4 GHz channel. */
  usPerByte: 8,
  /** TCP handshake (SYN, SYN-ACK). */
  connectMs: 10,
  /** Association, WPA2 handshake and DHCP. */
  associateMs: 1200,
  /** A scan that finds no access point with the SSID. */
  noApMs: 3000,
  /** An access point that stops answering is noticed after this (ESP-IDF's beacon timeout is ~6 s). */
  beaconTimeoutMs: 6000,
  /** Below this signal (dBm) an access point cannot be joined or kept. */
  minSignal: -90,
};

/** Real time a bridged socket must be quiet before virtual time moves on. */
const QUIET_MS = 25;
/** Real time `settle()` waits for real I/O before failing. */
const SETTLE_LIMIT_MS = 10_000;

/** An HTTP request as a handler sees it. */
export interface HttpRequestIn {
  method: string;
  host: string;
  port: number;
  path: string;
  headers: Record<string, string>;
  body: string;
}
/** What a handler answers; `delay` (ms of virtual time) before the answer starts. */
export interface HttpReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delay?: number;
}
export type HttpHandler = (req: HttpRequestIn) => HttpReply | Promise<HttpReply>;

/** The far end of a TCP connection, for a handler or a broker. Data is a binary string (chars 0–255). */
export interface TcpPeer {
  /** 'host:port' the board connected to. */
  readonly remote: string;
  /** Send to the board. */
  send(data: string): void;
  /** Close from this side: the board sees 'end' and 'close'. */
  end(): void;
  /** Bytes from the board. */
  onData?: (data: string) => void;
  /** The connection is gone (either side closed it, or the link dropped). */
  onClose?: () => void;
}
export type TcpHandler = (peer: TcpPeer) => void;

/** An access point (an access-point part, or made by a test). */
export interface AccessPointState {
  id: string;
  ssid: string;
  password?: string;
  /** dBm. */
  signal: number;
  up: boolean;
  /** Called when the AP goes down or comes back. */
  changed?: () => void;
}

/** A board-side connection the network keeps, so a reset or a lost link can close it. */
export interface OpenConnection {
  /** 'tcp host:port' or 'http GET host/path', for messages and tests. */
  what: string;
  /** Drop it: the link went down (`error` is the Espruino error code) or the board reset (undefined). */
  drop(error?: number): void;
}

type Target = { host: string; port: number; kind: 'http' | 'tcp' };

/** 'host', 'host:port', 'http://host:port', 'mqtt://host:port' → host and port (port `dflt` when absent). */
export function parseHostPort(text: string, dflt: number, what: string): { host: string; port: number } {
  const m = /^(?:([a-z]+):\/\/)?([^:/\s]+)(?::(\d+))?\/?$/.exec(text.trim());
  if (!m) throw new Error(`${what}: ${JSON.stringify(text)} is not a host; give e.g. "mqtt.local:1883" or "http://127.0.0.1:8080"`);
  const schemePort = m[1] === 'mqtt' ? 1883 : m[1] === 'http' ? 80 : dflt;
  return { host: m[2].toLowerCase(), port: m[3] !== undefined ? Number(m[3]) : schemePort };
}

export class Network {
  readonly accessPoints: AccessPointState[] = [];
  /** Board-side connections open now. */
  readonly open = new Set<OpenConnection>();
  /** Every HTTP request the board made, in order (for tests and the timeline). */
  readonly httpLog: { t: number; method: string; url: string; status: number | string }[] = [];
  private readonly httpHandlers: { host: string; port?: number; handler: HttpHandler }[] = [];
  private readonly tcpHandlers: { host: string; port: number; handler: TcpHandler }[] = [];
  private readonly bridges: { host: string; port?: number; to: { host: string; port: number } }[] = [];
  /** Real I/O in flight: promises of bridged HTTP requests and socket connects. */
  private readonly inflight = new Set<Promise<unknown>>();
  /** Real time (ms) of the last byte a bridged socket sent or received. */
  private lastReal = 0;
  /** The station's link: set by the Wifi module; the Linux build is always online. */
  online: () => boolean;
  /** Called when the link goes (the Wifi module's beacon timeout). */
  readonly linkListeners: (() => void)[] = [];

  constructor(private readonly h: NetworkHost) {
    this.online = () => h.chip.family === 'linux';
  }

  /** Answer HTTP requests to `hostPort` ('weather.local' or 'weather.local:8080') with `handler`. */
  http(hostPort: string, handler: HttpHandler): void {
    const { host, port } = parseHostPort(hostPort, 0, 'net.http');
    this.httpHandlers.unshift({ host, port: port === 0 ? undefined : port, handler });
  }

  /** Answer TCP connections to `hostPort` ('mqtt.local:1883') with `handler`. */
  tcp(hostPort: string, handler: TcpHandler): void {
    const { host, port } = parseHostPort(hostPort, 0, 'net.tcp');
    if (port === 0) throw new Error(`net.tcp: give a port: "${hostPort}:1234"`);
    this.tcpHandlers.unshift({ host, port, handler });
  }

  /** Send connections to `hostPort` to a real server on 127.0.0.1 (`to`: 'http://127.0.0.1:8080', 'mqtt://127.0.0.1:1883'). */
  bridge(hostPort: string, to: string): void {
    const { host, port } = parseHostPort(hostPort, 0, 'net.bridge');
    const real = parseHostPort(to, 0, 'net.bridge (to)');
    if (real.host !== '127.0.0.1' && real.host !== 'localhost') throw new Error(`net.bridge: the simulator only bridges to servers on 127.0.0.1, not ${real.host}`);
    if (real.port === 0) throw new Error(`net.bridge: give the real server's port: "${to}:8080"`);
    this.bridges.unshift({ host, port: port === 0 ? undefined : port, to: { host: '127.0.0.1', port: real.port } });
  }

  /** The access point with part id or SSID `name`. */
  accessPoint(name: string): AccessPointState {
    const ap = this.accessPoints.find((a) => a.id === name || a.ssid === name);
    if (!ap) throw new Error(`no access point "${name}"; the diagram has ${this.accessPoints.length ? this.accessPoints.map((a) => `${a.id} (${a.ssid})`).join(', ') : 'none (add an access-point part)'}`);
    return ap;
  }

  /** Take an access point down (true) or bring it back, now. */
  setAccessPoint(name: string, up: boolean): void {
    const ap = this.accessPoint(name);
    if (ap.up === up) return;
    ap.up = up;
    this.h.note(`access point ${ap.ssid} ${up ? 'back up' : 'down'}`);
    ap.changed?.();
  }

  /** Who answers `host:port`: a handler, a bridge, or nobody. */
  route(t: Target): { handler?: HttpHandler | TcpHandler; bridge?: { host: string; port: number } } {
    const hit = <T extends { host: string; port?: number }>(list: T[]) => list.find((e) => e.host === t.host && (e.port === undefined || e.port === t.port));
    if (t.kind === 'http') {
      const hh = hit(this.httpHandlers);
      if (hh) return { handler: hh.handler };
    } else {
      const th = hit(this.tcpHandlers);
      if (th) return { handler: th.handler };
    }
    const b = hit(this.bridges);
    return b ? { bridge: b.to } : {};
  }

  /** Hosts with a handler or a bridge, for messages. */
  known(): string {
    const all = [
      ...this.httpHandlers.map((e) => `http ${e.host}${e.port ? ':' + e.port : ''}`),
      ...this.tcpHandlers.map((e) => `tcp ${e.host}:${e.port}`),
      ...this.bridges.map((e) => `${e.host}${e.port ? ':' + e.port : ''} → 127.0.0.1:${e.to.port}`),
    ];
    return all.length ? all.join(', ') : 'none';
  }

  /** Track real I/O until `p` settles. */
  track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    const done = () => {
      this.inflight.delete(p);
      this.touch();
    };
    p.then(done, done);
    return p;
  }

  /** A bridged socket moved bytes now (real time). */
  touch(): void {
    this.lastReal = Date.now();
  }

  /** Run `fn` in the simulation at the current virtual time (for results of real I/O). */
  inject(fn: () => void): void {
    this.h.clock.at(this.h.clock.us, IO, fn);
  }

  /** Wait (real time) until no real I/O is in flight and bridged sockets have been quiet for QUIET_MS. */
  async settle(): Promise<void> {
    const start = Date.now();
    for (;;) {
      if (this.inflight.size > 0) {
        // The limit's timer is cleared at once, so a finished test leaves no timer behind.
        let timer: ReturnType<typeof setTimeout> | undefined;
        const limit = new Promise<void>((r) => (timer = setTimeout(r, SETTLE_LIMIT_MS)));
        await Promise.race([...this.inflight, limit]).catch(() => {});
        clearTimeout(timer);
      } else {
        const quiet = Date.now() - this.lastReal;
        if (quiet >= QUIET_MS) return;
        await wait(QUIET_MS - quiet);
      }
      if (Date.now() - start > SETTLE_LIMIT_MS) throw new Error(`the simulated network waited ${SETTLE_LIMIT_MS} ms of real time for a bridged server that did not answer (${this.inflight.size} request(s) in flight); is it running on 127.0.0.1?`);
    }
  }

  /**
   * Advance virtual time by `ms`, waiting for real I/O before each instant
   * (see the file comment). What integration tests with bridges use instead
   * of `sim.advance()`.
   */
  async run(ms: number | string): Promise<void> {
    const h = this.h;
    const deadline = Math.round((h.clock.now + parseDuration(ms, 'net.run')) * 1000);
    for (;;) {
      await this.settle();
      const next = h.clock.nextDue();
      if (next === undefined || next > deadline) {
        h.runUntilUs(deadline);
        return;
      }
      h.runUntilUs(next);
    }
  }

  /** Run until `done()` holds or `timeout` of virtual time passes, waiting for real I/O on the way. */
  async waitFor(done: () => boolean, timeout: number | string): Promise<boolean> {
    const h = this.h;
    const deadline = Math.round((h.clock.now + parseDuration(timeout, 'net.waitFor')) * 1000);
    for (;;) {
      await this.settle();
      if (done()) return true;
      const next = h.clock.nextDue();
      if (next === undefined || next > deadline) {
        h.runUntilUs(deadline);
        await this.settle();
        h.runUntilUs(deadline);
        return done();
      }
      h.runUntilUs(next);
    }
  }

  /** The link went down: every open connection fails with 'no connection'. */
  linkLost(): void {
    for (const c of [...this.open]) c.drop(-11);
    for (const f of this.linkListeners) f();
  }

  /** The board reset: its connections go (the far ends see them close). */
  reset(): void {
    for (const c of [...this.open]) c.drop();
    this.open.clear();
    this.online = () => this.h.chip.family === 'linux';
  }

  /** Open a real TCP socket to a bridge target; data and close come back through `peer`-like callbacks. */
  realSocket(to: { host: string; port: number }, on: { data(d: string): void; close(error?: string): void; connected(): void }): { write(d: string): void; end(): void } {
    const sock: Socket = netConnect({ host: to.host, port: to.port });
    let closed = false;
    const connected = this.track(new Promise<void>((resolve) => {
      sock.once('connect', () => resolve());
      sock.once('error', () => resolve());
      sock.once('close', () => resolve());
    }));
    sock.setNoDelay(true);
    sock.on('connect', () => {
      this.touch();
      this.inject(() => on.connected());
    });
    sock.on('data', (b: Buffer) => {
      this.touch();
      const d = b.toString('latin1');
      this.inject(() => on.data(d));
    });
    let error: string | undefined;
    sock.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code === 'ECONNREFUSED' ? 'connection refused' : e.message;
    });
    sock.on('close', () => {
      this.touch();
      if (closed) return;
      closed = true;
      this.inject(() => on.close(error));
    });
    return {
      write: (d) => {
        this.touch();
        void connected.then(() => {
          if (!sock.destroyed) sock.write(Buffer.from(d, 'latin1'));
        });
      },
      end: () => {
        closed = true;
        sock.destroy();
      },
    };
  }
}

function wait(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
