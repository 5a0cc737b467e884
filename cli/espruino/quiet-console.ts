import { format } from 'node:util';

/**
 * EspruinoTools reports everything — each file it loads, each chunk it sends,
 * each error — with console.log/warn/error. While a coop command talks to a
 * board those lines go to `sink` (shown with --verbose) instead of mixing
 * with coop's own output. Returns the function that puts the console back.
 */
export function captureConsole(sink: (line: string) => void): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods) console[m] = (...args: unknown[]) => sink(format(...args));
  return () => methods.forEach((m, i) => (console[m] = saved[i]));
}
