/**
 * The web server of `coop sim --ui`: one page, its two scripts, one
 * server-sent-events stream of the simulation and three POST endpoints, on
 * 127.0.0.1 only (a free port unless one is asked for). SSE and POST need
 * nothing but node:http; a WebSocket would need a dependency or a framing
 * implementation for no gain here (the page only listens, and sends a few
 * small requests).
 *
 *   GET  /                  the page                    GET /events        the stream (UiMessage JSON per event)
 *   GET  /app.js            page-assets.ts pageScript   GET /wokwi-elements.js  the parts' drawings
 *   POST /api/control       { op: run | pause | step | speed | until, value }
 *   POST /api/input         { op: press | release | set-voltage | … , part, … }   (recorded)
 *   POST /api/save          → { path?, yaml, steps }: the recording as a scenario
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pageHtml, pageScript, wokwiElements } from './page-assets.js';
import type { Control, Input, UiSession } from './session.js';

export interface UiServerOptions {
  session: UiSession;
  title: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Called to save the recording: returns the file written, or undefined to let the page download it. */
  save: () => { path?: string; yaml: string; steps: number };
}

/** Largest request body accepted (a console line, a UART line). */
const MAX_BODY = 64 * 1024;

/** Start the server; resolves with it and its URL once it listens. */
export async function startUiServer(options: UiServerOptions): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const { session } = options;
  const streams = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    handle(req, res).catch((e) => send(res, 500, { error: (e as Error).message }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET') {
      switch (path) {
        case '/':
        case '/index.html':
          return text(res, 'text/html; charset=utf-8', pageHtml({ title: options.title }));
        case '/app.js':
          return text(res, 'text/javascript; charset=utf-8', pageScript());
        case '/wokwi-elements.js':
          return text(res, 'text/javascript; charset=utf-8', wokwiElements());
        case '/events':
          return stream(req, res);
        default:
          return send(res, 404, { error: `no page ${path}; the simulator's page is /` });
      }
    }
    if (req.method !== 'POST') return send(res, 405, { error: `${req.method} is not served; the page GETs and POSTs` });
    const body = await readJson(req);
    try {
      switch (path) {
        case '/api/control':
          session.control(body as Control);
          return send(res, 200, { ok: true });
        case '/api/input':
          session.input(body as Input);
          return send(res, 200, { ok: true });
        case '/api/save':
          return send(res, 200, options.save());
        default:
          return send(res, 404, { error: `no endpoint ${path}` });
      }
    } catch (e) {
      return send(res, 400, { error: (e as Error).message });
    }
  }

  function stream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const write = (m: unknown) => res.write(`data: ${JSON.stringify(m)}\n\n`);
    const { first, stop } = session.subscribe(write);
    write(first);
    streams.add(res);
    req.on('close', () => {
      stop();
      streams.delete(res);
    });
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => fail(new Error(e.code === 'EADDRINUSE' ? `port ${options.port} is in use; give another with --port, or leave it out for a free one` : e.message)));
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const close = () => new Promise<void>((done) => {
    for (const s of streams) s.end();
    server.close(() => done());
    server.closeAllConnections();
  });
  return { server, url, close };
}

function text(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The request's JSON body; a clear error for anything else. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new Error(`request body over ${MAX_BODY} bytes`);
    chunks.push(c as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new Error('the request body is not JSON');
  }
}
