import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { build } from '../../toolchain/build.js';
import { firmwareFile } from './device.js';

/** A Linux build of Espruino to run bundles on for real; tests that need it skip without it. */
export const espruinoBin = process.env.ESPRUINO_BIN;

/**
 * Build `source` for the Linux board, run it on ESPRUINO_BIN until it prints
 * `DONE`, and return the text after `LINE ` on each line that has it.
 * (The interpreter keeps its event loop after the file, and ignores SIGTERM,
 * so it is killed once the firmware says it is done.)
 */
export async function runOnLinuxEspruino(source: string, options: { timeoutMs?: number; withReports?: boolean } = {}): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  // Coop's own reports (`coop: task 'x' failed: …`) count as lines when asked for.
  const keep = (l: string) => l.includes('LINE ') || (options.withReports === true && l.includes('coop: '));
  const text = (l: string) => (l.includes('LINE ') ? l.slice(l.indexOf('LINE ') + 5) : l.slice(l.indexOf('coop: ')));
  const { code } = await build(firmwareFile(source), { board: 'linux' });
  const file = firmwareFile('', 'bundle.js');
  writeFileSync(file, code);
  return new Promise((resolve, reject) => {
    const child = spawn(espruinoBin!, [file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('no DONE within ' + timeoutMs + ' ms:\n' + out)); }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d.toString();
      if (out.includes('DONE')) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve(out.split(/[\r\n]+/).filter(keep).map(text));
      }
    });
  });
}
