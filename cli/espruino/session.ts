import type { Io } from '../io.js';
import { captureConsole } from './quiet-console.js';
import { loadEspruinoTools, toolsLog, type LoadedTools } from './tools.js';

/**
 * Run `fn` with EspruinoTools loaded and its console chatter captured:
 * kept in `toolsLog` and, with --verbose, shown on stderr. EspruinoTools logs
 * every byte it sends (serial.js: `---> "…"`), so `secret` (the console
 * password) is replaced by `***` in every line before it is kept or shown.
 */
export async function withEspruinoTools<T>(io: Io, verbose: boolean, fn: (tools: LoadedTools) => Promise<T>, secret?: string): Promise<T> {
  const restore = captureConsole((raw) => {
    const line = secret ? raw.split(secret).join('***') : raw;
    toolsLog.push(line);
    if (toolsLog.length > 5000) toolsLog.splice(0, 1000);
    // One line each: EspruinoTools logs the errors it recovers from (a missing optional module: peerjs,
    // heatshrink under ESM) with their whole stack, which reads as if coop had crashed.
    if (verbose) {
      const [first, ...rest] = line.split('\n');
      io.err(`  espruino: ${first}${rest.length > 0 ? ` (+${rest.length} lines: EspruinoTools' stack trace, not shown)` : ''}`);
    }
  });
  try {
    return await fn(await loadEspruinoTools());
  } finally {
    restore();
  }
}
