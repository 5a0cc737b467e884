import { boardForConnected } from '../cli/espruino/board-check.js';
import { BoardLink } from '../cli/espruino/board-link.js';
import { parsePort } from '../cli/espruino/port-spec.js';
import { withEspruinoTools } from '../cli/espruino/session.js';
import { uploadCode } from '../cli/espruino/upload-code.js';
import { parseBenchLines } from './espruino-process.js';

/** A board the bench talks to (ESPRUINO_PORT): which it is, and a way to run a bundle on it. */
export interface BenchBoard {
  /** Coop's id for the board (what to build for). */
  id: string;
  name: string;
  /** Send `code` to the board's RAM (after a reset) and return its BENCH lines once it prints BENCH-DONE. */
  run(code: string, timeoutMs?: number): Promise<Record<string, any>[]>;
}

/**
 * Connect to the board at `port` (a serial port, a Bluetooth address or
 * tcp://host:port, as `coop flash` takes) and run `fn` with it. Each bundle
 * is sent as `coop flash --save ram` sends it: nothing is written to flash.
 */
export async function withBoardOnPort<T>(port: string, fn: (board: BenchBoard) => Promise<T>): Promise<T> {
  const quiet = { out: () => {}, err: () => {} };
  return withEspruinoTools(quiet, false, async (tools) => {
    const link = await BoardLink.open(tools, parsePort(port), { timeoutMs: 10_000 });
    try {
      const def = boardForConnected(link.env.BOARD!, port);
      return await fn({
        id: def.id,
        name: def.name,
        async run(code: string, timeoutMs = 120_000) {
          const from = link.output.length;
          await link.send(await uploadCode(tools.Espruino, code, { ram: true }, link.env.VERSION ?? ''), () => {});
          const started = Date.now();
          while (!link.output.slice(from).includes('BENCH-DONE')) {
            if (Date.now() - started > timeoutMs) {
              throw new Error(`no BENCH-DONE from the board on ${port} within ${timeoutMs / 1000} s; it printed:\n${link.output.slice(from).slice(-2000)}`);
            }
            await new Promise((r) => setTimeout(r, 50));
          }
          return parseBenchLines(link.output.slice(from));
        },
      });
    } finally {
      await link.close();
    }
  });
}
