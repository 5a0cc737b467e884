import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Write firmware source to a fresh temporary folder; returns the file's path. */
export function writeFirmware(source: string, name = 'main.ts'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'coop-cli-')), name);
  writeFileSync(file, source);
  return file;
}

/** Prints "<label> N" every 200 ms: a program whose running can be seen on a board without LEDs. */
export const tickerSource = (label = 'tick') => `import { spawn, sleep } from 'coop';

spawn(async () => {
  for (let n = 1; ; n++) {
    console.log('${label} ' + n);
    await sleep(200);
  }
}, { name: 'ticker' });
`;
