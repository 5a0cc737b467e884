import { spawn } from 'node:child_process';

/**
 * Runs a bundle on a real Espruino interpreter (the Linux build, given as
 * ESPRUINO_BIN) and returns the `BENCH {json}` lines it prints before
 * `BENCH-DONE`. The interpreter keeps running its event loop after the file,
 * so it is stopped once the bench says it is done.
 */
export function runOnEspruino(bin: string, file: string, timeoutMs = 60_000): Promise<Record<string, any>[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${file}: no BENCH-DONE from ${bin} within ${timeoutMs} ms; it printed:\n${out}`));
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d.toString();
      if (out.includes('BENCH-DONE')) {
        clearTimeout(timer);
        child.kill();
        resolve(parseBenchLines(out));
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ESPRUINO_BIN=${bin}: ${e.message}`));
    });
  });
}

export function parseBenchLines(text: string): Record<string, any>[] {
  return text
    .split(/[\r\n]+/)
    .map((l) => l.replace(/^[\s\S]*?BENCH /, 'BENCH ').trim())
    .filter((l) => l.startsWith('BENCH {'))
    .map((l) => JSON.parse(l.slice(6)));
}
