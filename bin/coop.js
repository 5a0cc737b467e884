#!/usr/bin/env node
// The coop command. The CLI is TypeScript compiled to dist/ by `npm install` (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('coop: the CLI is not built yet; run `npm install` (or `npm run build:host`) in the coop folder first');
  process.exit(1);
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
// The command is done. Exit even if a library still holds a handle open (EspruinoTools' Bluetooth
// module keeps its adapter open, as its own CLI does it calls process.exit), once output is flushed.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
