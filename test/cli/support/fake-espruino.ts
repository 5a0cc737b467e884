import net from 'node:net';

export interface FakeEspruinoOptions {
  /** process.env as the fake board reports it. */
  env?: Record<string, unknown>;
  /** Never say anything (a board that is not answering). */
  silent?: boolean;
  /** Close the connection once this many bytes of code have arrived (an upload cut off). */
  dropAfterBytes?: number;
  /** The board's JsVars and saved code (the --save ram probe), and its free Storage (`storageBytes`, for --save storage). */
  room?: { jsVars: number; storageBytes?: number; hasBootCode?: boolean };
}

export interface FakeEspruino {
  port: string;
  /** Every byte received, as text. */
  received(): string;
  close(): Promise<void>;
}

/**
 * Just enough of an Espruino console on a TCP port for EspruinoTools to
 * connect, ask `process.env` and the like (`print("<","<<",JSON.stringify(x),">>",">")`),
 * and send code — so error paths can be tested without a board.
 */
export async function startFakeEspruino(options: FakeEspruinoOptions = {}): Promise<FakeEspruino> {
  const env = options.env ?? { BOARD: 'LINUX', VERSION: '2v29', CONSOLE: 'Telnet', MODULES: 'Storage' };
  const room = options.room ?? { jsVars: 4096, storageBytes: 262144, hasBootCode: false };
  let all = '';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let line = '';
    let codeBytes = 0;
    socket.on('data', (data) => {
      const text = data.toString('latin1');
      all += text;
      if (options.silent) return;
      for (const ch of text) {
        if (ch !== '\n') {
          line += ch;
          continue;
        }
        const query = /print\("<","<<",JSON\.stringify\((.*)\),">>",">"\)/.exec(line);
        if (query) socket.write(`< <<${JSON.stringify(answer(query[1]))}>> >\r\n>`);
        else if (line.replace(/\x10/g, '') === '') socket.write('\r\n>');
        else codeBytes += line.length + 1;
        line = '';
        if (options.dropAfterBytes !== undefined && codeBytes >= options.dropAfterBytes) {
          socket.destroy();
          return;
        }
      }
    });
  });
  const answer = (expression: string): unknown => {
    if (expression === 'process.env') return env;
    if (expression.startsWith('(function(){var m=process.memory()')) return room;
    // coop flash --save storage asks what is in Storage first (cli/espruino/safe-flash.ts, stateExpression).
    if (expression.startsWith('(function(){var S=require("Storage"),r={jsVars:')) {
      return { jsVars: room.jsVars, free: room.storageBytes ?? 262144, trash: 0, boot: room.hasBootCode ? { n: 1, c: 1 } : null, uses: null, file: null, stale: [] };
    }
    if (expression === 'process.memory().usage') return 123;
    return null;
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port: `tcp://127.0.0.1:${port}`,
    received: () => all,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
