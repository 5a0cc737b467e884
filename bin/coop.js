#!/usr/bin/env node
// The coop command. The CLI is TypeScript compiled to dist/: by `npm pack` (prepack) for the
// package, and in a clone of the repository by `npm run build:host` or, when dist/ is missing,
// by this file on the first run.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
const hostConfig = fileURLToPath(new URL('../tsconfig.host.json', import.meta.url));
if (!existsSync(fileURLToPath(entry)) && existsSync(hostConfig)) {
  // A clone (the package ships dist/ and no tsconfig): build the CLI once.
  console.error('coop: building the coop command (first run in this clone)…');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', hostConfig], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!existsSync(fileURLToPath(entry))) {
  console.error('coop: the CLI is not built; in a clone of coop run `npm install` then `npm run build:host`');
  process.exit(1);
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
// The command is done. Exit even if a library still holds a handle open (EspruinoTools' Bluetooth
// module keeps its adapter open, as its own CLI does it calls process.exit), once output is flushed.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
