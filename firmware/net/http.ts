/**
 * HTTP requests as one await:
 *
 *     const r = await httpRequest({ url: 'http://weather.local/config', timeout: 5000 });
 *     if (r.status === 200) config = JSON.parse(r.body);
 *
 * Before, with Espruino's `require('http').request(options, cb)`: build the
 * options from the URL, collect 'data' chunks, finish on 'close', catch
 * 'error', time out by hand, and never forget a listener or a socket on the
 * way out. A response with any status is a result (check `status`); what
 * fails is not getting one: the error names the method, the URL and the
 * reason ('http GET http://weather.local/config: not found (-6)').
 *
 * Cancelled, or timed out, the request gives back its socket at once: its
 * listeners are removed and the connection's `clsNow` flag is set, which
 * Espruino's socket loop (libs/network/socketserver.c) reads to close it
 * now; the http module has no abort(). Works wherever the board has a
 * network: the ESP32 once WiFi is up, and the Linux build.
 */
import { select } from '../select.js';
import { sleep } from '../time.js';
import { TimeoutError } from '../errors.js';
import { Pending } from './pending.js';

declare const require: (name: string) => any;

export interface HttpRequestOptions {
  /** 'http://host[:port]/path'. */
  url: string;
  /** Default 'GET' ('POST' when there is a body). */
  method?: string;
  /** Request body; Content-Length is set from it. */
  body?: string;
  headers?: { [name: string]: string };
  /** Give up (TimeoutError) when the whole response has not arrived after this (ms). Default 10000. */
  timeout?: number;
  /** Most bytes of body kept; more fails the request. Default 4096. */
  maxBody?: number;
}

export interface HttpResponse {
  status: number;
  headers: { [name: string]: string };
  body: string;
}

/** A URL's parts, or a TypeError naming it. */
export const parseUrl = function (url: string, what: string): { protocol: string; host: string; port: number; path: string } {
  const s = String(url);
  const i = s.indexOf('://');
  const protocol = i > 0 ? s.slice(0, i + 1) : '';
  if (protocol !== 'http:') throw new TypeError(what + ': the URL must start with http:// (https is not supported), got ' + JSON.stringify(s));
  const rest = s.slice(i + 3);
  const slash = rest.indexOf('/');
  const hostPort = slash < 0 ? rest : rest.slice(0, slash);
  const colon = hostPort.indexOf(':');
  const host = colon < 0 ? hostPort : hostPort.slice(0, colon);
  const port = colon < 0 ? 80 : parseInt(hostPort.slice(colon + 1), 10);
  if (host === '' || !(port > 0 && port < 65536)) throw new TypeError(what + ': no host or a bad port in ' + JSON.stringify(s));
  return { protocol: protocol, host: host, port: port, path: slash < 0 ? '/' : rest.slice(slash) };
};

/** Make the request and wait for the whole response (see the file comment). */
export const httpRequest = async function (options: HttpRequestOptions): Promise<HttpResponse> {
  const o = options;
  const method = o.method ? o.method.toUpperCase() : o.body !== undefined ? 'POST' : 'GET';
  const what = 'http ' + method + ' ' + o.url;
  const u = parseUrl(o.url, what);
  const timeout = o.timeout !== undefined ? o.timeout : 10000;
  const max = o.maxBody !== undefined ? o.maxBody : 4096;
  const headers: { [name: string]: string } = {};
  if (o.headers) for (const k in o.headers) headers[k] = o.headers[k];
  if (o.body !== undefined) headers['Content-Length'] = String(o.body.length);
  let req: any;
  let res: any;
  let body = '';
  /** The connection has closed by itself (the whole response, or an error). */
  let closed = false;
  const p: Pending<HttpResponse> = new Pending<HttpResponse>(function () {
    req.removeAllListeners();
    if (res) res.removeAllListeners();
    if (!closed) req.clsNow = true;
  });
  req = require('http').request({ host: u.host, port: u.port, path: u.path, method: method, protocol: u.protocol, headers: headers }, function (r: any) {
    res = r;
    r.on('data', function (d: string) {
      body += d;
      if (body.length > max) p.fail(new Error(what + ': the body is over ' + max + ' bytes; give a bigger maxBody'));
    });
    r.on('close', function () {
      closed = true;
      p.ok({ status: Number(r.statusCode), headers: r.headers || {}, body: body });
    });
  });
  req.on('error', function (e: any) {
    p.fail(new Error(what + ': ' + (e && e.message ? e.message : String(e)) + (e && e.code !== undefined ? ' (' + e.code + ')' : '')));
  });
  req.on('close', function () {
    closed = true;
    if (res === undefined) p.fail(new Error(what + ': the connection closed before a response'));
  });
  try {
    req.end(o.body);
  } catch (e) {
    // Espruino throws here when offline: "Not connected to the internet".
    closed = true;
    p.release();
    throw new Error(what + ': ' + (e as Error).message);
  }
  try {
    const r = await select(p, sleep(timeout));
    if (r.index === 1) throw new TimeoutError(what + ': no response within ' + timeout + ' ms');
    return r.value;
  } finally {
    p.release();
  }
};
