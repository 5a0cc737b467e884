/**
 * `require('net')` and `require('http')` on a simulated board: TCP sockets
 * and HTTP client requests as Espruino 2v29 gives them
 * (libs/network/jswrap_net.c, http/jswrap_http.c, socketserver.c), answered
 * by the Network's handlers or bridged to real servers (network.ts).
 *
 * Espruino's behaviour kept here, because firmware depends on it:
 * - Opening a socket while offline throws InternalError "Not connected to the
 *   internet" (networkGetFromVarIfOnline): net.connect() at once, an HTTP
 *   request at end(), which is when Espruino connects.
 * - socket.write() returns false and 'drain' fires when the send buffer is
 *   empty (also once right after 'connect'); 'data' carries strings; the far
 *   end closing gives 'end' then 'close' (had_error false); a failure gives
 *   'error' ({code, message}, codes of socketerrors.c) then 'close' (true).
 * - An HTTP response: the request's callback gets `res` (statusCode,
 *   statusMessage, headers, httpVersion), then 'data' chunks, 'end', and
 *   'close' on res and on the request.
 * - Neither has abort(): setting the connection's `clsNow` flag (what
 *   socketserver.c reads each idle loop to close a socket now) closes it at
 *   once, with 'close' and no more 'data'. firmware/net uses that to release
 *   a socket on cancellation; here it is a setter.
 * Not emulated: servers (net.createServer, http.createServer), UDP, TLS.
 */
import { request as httpRequest } from 'node:http';
import type { BoardServices } from '../host.js';
import { LINK, type HttpReply, type HttpRequestIn, type Network, type OpenConnection, type TcpHandler, type TcpPeer } from './network.js';

/** What require('net') and require('http') use of the board. */
export type SocketsHost = Pick<BoardServices, 'bytesOf' | 'callListeners' | 'clock' | 'describe' | 'newObject' | 'note' | 'raise' | 'realm' | 'toRealm' | 'typeName' | 'unsupported' | 'warn'>;

/** Espruino's socket error codes (libs/network/socketerrors.c). */
export const SOCKET_ERROR: Record<number, string> = {
  [-3]: 'timeout', [-6]: 'not found', [-9]: 'connection reset', [-11]: 'no connection', [-15]: 'no response',
};
/** Bytes per 'data' event: Espruino reads a socket in chunks of net->chunkSize (536 on ESP32). */
const CHUNK = 536;
const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };

type RealmObject = Record<string, unknown>;

/** Calls into the realm that every connection needs. */
class Realm {
  constructor(readonly h: SocketsHost) {}
  method(o: RealmObject, n: string, fn: (...a: unknown[]) => unknown): void {
    Object.defineProperty(o, n, { value: fn, writable: true, configurable: true, enumerable: false });
  }
  /** Queue `event`'s listeners, as jsiQueueObjectCallbacks does. */
  emit(o: RealmObject, event: string, ...args: unknown[]): void {
    (o as { emit: (...a: unknown[]) => void }).emit(event, ...args.map((a) => (typeof a === 'object' && a !== null ? this.h.toRealm(a) : a)));
  }
  error(o: RealmObject, code: number): void {
    this.emit(o, 'error', { code, message: SOCKET_ERROR[code] ?? 'unknown error' });
  }
  /** An on-connect style callback; `fn` is checked as Espruino does. */
  checkCallback(fn: unknown, api: string): void {
    if (fn !== undefined && typeof fn !== 'function') this.h.raise('Error', `${api}: expecting a callback function but got ${this.h.describe(fn)}`);
  }
  /** A `clsNow` setter on `o`: the firmware's way to close now. */
  closeNowFlag(o: RealmObject, close: () => void): void {
    let flag = false;
    Object.defineProperty(o, 'clsNow', {
      get: () => flag,
      set: (v) => {
        flag = !!v;
        if (flag) close();
      },
      configurable: true,
      enumerable: false,
    });
  }
  /** Host and port from a URL string or {host, port}. */
  target(options: unknown, dfltPort: number, api: string): { host: string; port: number; path: string; protocol: string; o: Record<string, unknown> } {
    const h = this.h;
    let o: Record<string, unknown>;
    if (typeof options === 'string') {
      const m = /^(?:(\w+:)\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(options);
      if (!m) return h.raise('Error', `${api}: cannot parse the URL ${JSON.stringify(options)}`);
      o = { protocol: m[1] ?? 'http:', host: m[2], port: m[3] === undefined ? undefined : Number(m[3]), path: m[4] ?? '/' };
    } else if (options !== null && typeof options === 'object') {
      o = options as Record<string, unknown>;
    } else {
      return h.raise('Error', `${api}: expecting Options to be an Object but it was ${h.typeName(options)}`);
    }
    const host = o.host ?? o.hostname;
    if (typeof host !== 'string' || host === '') return h.raise('Error', `${api}: options need a "host", e.g. { host: 'mqtt.local', port: 1883 }`);
    const port = o.port === undefined ? dfltPort : Number(o.port);
    return { host: host.toLowerCase(), port, path: typeof o.path === 'string' ? o.path : '/', protocol: typeof o.protocol === 'string' ? o.protocol : 'http:', o };
  }
}

/** Microseconds for `bytes` to cross the link, one way. */
function transit(bytes: number): number {
  return LINK.latencyMs * 1000 + bytes * LINK.usPerByte;
}

/** require('net'). */
export function netModule(h: SocketsHost, net: Network): RealmObject {
  const r = new Realm(h);
  const m = h.newObject();
  r.method(m, 'connect', (options?: unknown, cb?: unknown) => openSocket(r, net, options, cb));
  r.method(m, 'createServer', () => h.unsupported("require('net').createServer"));
  return m;
}

/** A board socket: net.connect(). */
function openSocket(r: Realm, net: Network, options: unknown, cb: unknown): RealmObject {
  const h = r.h;
  const t = r.target(options, 0, 'net.connect');
  r.checkCallback(cb, 'net.connect');
  if (!(t.port > 0)) h.raise('Error', `net.connect: options need a "port", e.g. { host: '${t.host}', port: 1883 }`);
  if (!net.online()) h.raise('InternalError', 'Not connected to the internet');
  const s = h.newObject();
  const what = `tcp ${t.host}:${t.port}`;
  if (typeof cb === 'function') (s as { on: (e: string, f: unknown) => void }).on('connect', cb);
  /** Bytes written, not yet across; when the last of them arrives 'drain' fires. */
  let sending = 0;
  let connected = false;
  let ending = false;
  let closed = false;
  let peer: (TcpPeer & { fromBoard(d: string): void; gone(): void }) | undefined;
  /** What arrived with no 'data' listener: read() and available() see it. */
  let buffer = '';
  /** When each direction of the link has sent what it was given (µs): data queues behind data, in order; latency is added after. */
  let linkFree = 0;
  let downFree = 0;

  const conn: OpenConnection = {
    what,
    drop: (code) => {
      if (closed) return;
      close(code);
    },
  };
  const close = (code?: number) => {
    closed = true;
    net.open.delete(conn);
    peer?.gone();
    if (code !== undefined) r.error(s, code);
    r.emit(s, 'close', code !== undefined);
  };
  const toBoard = (d: string) => {
    if (closed) return;
    for (let i = 0; i < d.length; i += CHUNK) {
      const chunk = d.slice(i, i + CHUNK);
      if (!h.callListeners(s, 'data', [chunk])) buffer += chunk;
    }
  };
  const fromBoard = (d: string) => {
    if (d.length === 0) return;
    sending++;
    linkFree = Math.max(h.clock.us, linkFree) + d.length * LINK.usPerByte;
    h.clock.at(linkFree + LINK.latencyMs * 1000, 0, () => {
      sending--;
      if (closed) return;
      peer?.fromBoard(d);
      if (sending === 0) {
        if (ending) close();
        else r.emit(s, 'drain');
      }
    });
  };

  r.method(s, 'write', (data?: unknown) => {
    if (!net.online()) h.raise('InternalError', 'Not connected to the internet');
    if (closed || ending) return false;
    const d = h.bytesOf(typeof data === 'string' ? data : String(data), 'Socket.write');
    if (connected) fromBoard(d);
    else pendingWrites.push(d);
    return false;
  });
  r.method(s, 'end', (data?: unknown) => {
    if (data !== undefined) (s.write as (d: unknown) => void)(data);
    if (closed || ending) return;
    ending = true;
    if (connected && sending === 0) h.clock.at(h.clock.us + transit(0), 0, () => { if (!closed) close(); });
  });
  r.method(s, 'available', () => buffer.length);
  r.method(s, 'read', (n?: unknown) => {
    const k = n === undefined || n === 0 ? buffer.length : Number(n);
    const out = buffer.slice(0, k);
    buffer = buffer.slice(k);
    return out;
  });
  r.method(s, 'pipe', () => h.unsupported('Socket.pipe'));
  r.closeNowFlag(s, () => { if (!closed) close(); });
  const pendingWrites: string[] = [];

  const onConnected = () => {
    if (closed) return;
    connected = true;
    r.emit(s, 'connect', s);
    for (const d of pendingWrites.splice(0)) fromBoard(d);
    if (sending === 0) {
      if (ending) close();
      else r.emit(s, 'drain');
    }
  };
  net.open.add(conn);
  h.clock.at(h.clock.us + (LINK.connectMs + LINK.latencyMs) * 1000, 0, () => {
    if (closed) return;
    const route = net.route({ host: t.host, port: t.port, kind: 'tcp' });
    if (route.handler) {
      let gone = false;
      const p: TcpPeer & { fromBoard(d: string): void; gone(): void } = {
        remote: `${t.host}:${t.port}`,
        send: (d) => {
          if (gone) return;
          downFree = Math.max(h.clock.us, downFree) + d.length * LINK.usPerByte;
          h.clock.at(downFree + LINK.latencyMs * 1000, 0, () => toBoard(d));
        },
        end: () => {
          if (gone) return;
          gone = true;
          h.clock.at(Math.max(h.clock.us, downFree) + LINK.latencyMs * 1000, 0, () => {
            if (closed) return;
            r.emit(s, 'end');
            close();
          });
        },
        fromBoard: (d) => p.onData?.(d),
        gone: () => {
          if (gone) return;
          gone = true;
          p.onClose?.();
        },
      };
      peer = p;
      (route.handler as TcpHandler)(p);
      onConnected();
    } else if (route.bridge) {
      let real: { write(d: string): void; end(): void } | undefined;
      const p = {
        remote: `${t.host}:${t.port}`,
        send: () => {},
        end: () => {},
        fromBoard: (d: string) => real?.write(d),
        gone: () => real?.end(),
      };
      peer = p;
      let up = false;
      real = net.realSocket(route.bridge, {
        connected: () => {
          up = true;
          onConnected();
        },
        data: (d) => toBoard(d),
        close: (error) => {
          if (closed) return;
          if (!up) {
            h.note(`${what}: the bridged server refused (${error ?? 'closed'})`);
            close(-9);
          } else {
            r.emit(s, 'end');
            close();
          }
        },
      });
    } else {
      h.warn(`${what}: nothing answers there in the simulation (add a handler, a broker or a bridge; known: ${net.known()})`);
      close(-6);
    }
  });
  return s;
}

/** require('http'). */
export function httpModule(h: SocketsHost, net: Network): RealmObject {
  const r = new Realm(h);
  const m = h.newObject();
  r.method(m, 'request', (options?: unknown, cb?: unknown) => openRequest(r, net, options, cb, false));
  r.method(m, 'get', (options?: unknown, cb?: unknown) => openRequest(r, net, options, cb, true));
  r.method(m, 'createServer', () => h.unsupported("require('http').createServer"));
  return m;
}

/** A board HTTP request: http.request() / http.get(). */
function openRequest(r: Realm, net: Network, options: unknown, cb: unknown, get: boolean): RealmObject {
  const h = r.h;
  const t = r.target(options, 80, get ? 'http.get' : 'http.request');
  r.checkCallback(cb, 'http.request');
  if (t.protocol === 'https:') h.unsupported('https (TLS) in http.request');
  const method = get ? 'GET' : typeof t.o.method === 'string' ? t.o.method : 'GET';
  const headers: Record<string, string> = {};
  if (t.o.headers !== null && typeof t.o.headers === 'object') for (const [k, v] of Object.entries(t.o.headers as object)) headers[k] = String(v);
  const url = `http://${t.host}${t.port === 80 ? '' : ':' + t.port}${t.path}`;
  const req = h.newObject();
  let body = '';
  let ended = false;
  let closed = false;
  let res: RealmObject | undefined;
  const log = { t: h.clock.now, method, url, status: 'pending' as number | string };
  const conn: OpenConnection = {
    what: `http ${method} ${url}`,
    drop: (code) => {
      if (closed) return;
      finish(code);
    },
  };
  const finish = (code?: number) => {
    closed = true;
    net.open.delete(conn);
    if (code !== undefined) {
      log.status = SOCKET_ERROR[code] ?? String(code);
      r.error(req, code);
      if (res) r.error(res, code);
    }
    if (res) r.emit(res, 'close', code !== undefined);
    r.emit(req, 'close', code !== undefined);
  };
  r.method(req, 'write', (data?: unknown) => {
    if (ended) h.raise('Error', 'httpCRq.write: the request has already ended');
    body += h.bytesOf(typeof data === 'string' ? data : String(data), 'httpCRq.write');
    return false;
  });
  r.method(req, 'end', (data?: unknown) => {
    if (ended) return;
    if (data !== undefined) (req.write as (d: unknown) => void)(data);
    if (!net.online()) h.raise('InternalError', 'Not connected to the internet');
    ended = true;
    net.httpLog.push(log);
    net.open.add(conn);
    const sent = `${method} ${t.path} HTTP/1.0\r\n`.length + Object.entries(headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0) + body.length + 4;
    h.clock.at(h.clock.us + LINK.connectMs * 1000 + transit(sent), 0, () => {
      if (closed) return;
      const route = net.route({ host: t.host, port: t.port, kind: 'http' });
      const input: HttpRequestIn = { method, host: t.host, port: t.port, path: t.path, headers, body };
      let reply: Promise<HttpReply> | HttpReply;
      if (route.handler) {
        try {
          reply = (route.handler as (q: HttpRequestIn) => HttpReply | Promise<HttpReply>)(input);
        } catch (e) {
          h.warn(`${conn.what}: the test's handler threw ${(e as Error).message}; the board gets 500`);
          reply = { status: 500, body: String((e as Error).message) };
        }
      } else if (route.bridge) {
        reply = net.track(realHttp(route.bridge, input));
      } else {
        h.warn(`${conn.what}: nothing answers there in the simulation (add a handler or a bridge; known: ${net.known()})`);
        finish(-6);
        return;
      }
      // A handler's answer is used now (deterministic); a bridge's when it comes, at the virtual time then.
      if (!(reply instanceof Promise)) return respond(reply);
      reply.then(
        (rep) => net.inject(() => respond(rep)),
        (e: Error) => net.inject(() => {
          h.note(`${conn.what}: the bridged server failed: ${e.message}`);
          if (!closed) finish(-9);
        }),
      );
    });
  });
  /** The reply arrives: headers, then the body in chunks, then 'end' and 'close'. */
  const respond = (rep: HttpReply) => {
    if (closed) return;
    const status = rep.status ?? 200;
    const text = rep.body ?? '';
    const hdrs = { ...(rep.headers ?? {}) };
    if (!Object.keys(hdrs).some((k) => k.toLowerCase() === 'content-length')) hdrs['Content-Length'] = String(text.length);
    const first = h.clock.us + (rep.delay ?? 0) * 1000 + transit(64);
    h.clock.at(first, 0, () => {
      if (closed) return;
      log.status = status;
      res = h.newObject();
      Object.assign(res, { statusCode: String(status), statusMessage: STATUS_TEXT[status] ?? '', httpVersion: '1.1', headers: h.toRealm(hdrs) });
      r.method(res, 'available', () => 0);
      r.method(res, 'read', () => '');
      r.method(res, 'pipe', () => h.unsupported('httpCRs.pipe'));
      if (typeof cb === 'function') h.realm.api.queueEvent(cb, req, [res]);
      let at = h.clock.us;
      for (let i = 0; i < text.length; i += CHUNK) {
        const chunk = text.slice(i, i + CHUNK);
        at += chunk.length * LINK.usPerByte;
        h.clock.at(at, 0, () => { if (!closed) r.emit(res!, 'data', chunk); });
      }
      h.clock.at(at, 0, () => {
        if (closed) return;
        r.emit(res!, 'end');
        finish();
      });
    });
  };
  r.closeNowFlag(req, () => {
    if (closed) return;
    if (log.status === 'pending') log.status = 'closed by the board';
    finish();
  });
  return req;
}

/** A request to a real server on 127.0.0.1 (a bridge). */
function realHttp(to: { host: string; port: number }, q: HttpRequestIn): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    // agent: false: a connection per request, closed after it, as the board's are.
    const req = httpRequest({ host: to.host, port: to.port, method: q.method, path: q.path, headers: { ...q.headers, host: q.host }, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && k !== 'connection' && k !== 'keep-alive' && k !== 'date') headers[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(parts).toString('latin1') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(Buffer.from(q.body, 'latin1'));
  });
}
