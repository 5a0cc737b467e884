import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { packageRoot } from '../../toolchain/package-root.js';
import { parseArgs, UsageError } from '../args.js';
import { CliError } from '../cli-error.js';
import type { Io } from '../io.js';
import { displayPath } from '../project.js';
import { appPins, examplePort, projectFiles } from '../project-template.js';
import { commandHelp } from '../usage.js';
import { projectTypings, typingsBoard } from './typings.js';

/**
 * `coop init [folder] --board <id>`: a new firmware project that builds,
 * simulates and tests after `npm install`. It writes only files that are not
 * there: if any is, it lists them and writes nothing.
 */
export async function initCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, commandHelp.init.args);
  const [folder = '.', extra] = args.positional;
  if (extra) throw new UsageError(`one folder at a time; got "${folder}" and "${extra}"`);
  const dir = resolve(folder);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`${folder} is a file; give coop init a folder (a new one, or one without a project in it)`);
  const board = typingsBoard(args.options.board as string | undefined);

  const own = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
  const coopSpec = (args.options.coop as string | undefined) ?? `^${own.version}`;
  const files = projectFiles({
    name: packageName(basename(dir)),
    board,
    coopSpec,
    typescript: own.dependencies.typescript,
    vitest: own.devDependencies?.vitest ?? own.peerDependencies?.vitest ?? '^4.1.0',
    typings: projectTypings(board),
  });

  const there = Object.keys(files).filter((f) => existsSync(join(dir, f)));
  if (there.length > 0) {
    throw new CliError(`${displayPath(dir)} already has ${there.join(', ')}; coop init never overwrites a file, so it wrote nothing. ` +
      'Move those away, or give coop init a new folder: coop init my-project');
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text, { flag: 'wx' });
  }

  const pins = appPins(board);
  const where = displayPath(dir);
  io.out(`created a Coop project for ${board.name} (${board.id}) in ${where}: ${Object.keys(files).join(', ')}`);
  io.out(`src/main.ts: a task reading ${pins.sensor ? `the sensor on ${pins.sensor}` : "the chip's temperature"} and flashing ${pins.led}, and a task counting presses of ${pins.button}`);
  io.out('next:');
  if (where !== '.') io.out(`  cd ${where}`);
  io.out('  npm install');
  io.out(`  npm run sim      # run it on a simulated ${board.name}`);
  io.out('  npm test         # its scenarios in the simulator, then its vitest tests');
  io.out(`  npm run flash -- --port ${examplePort(board)}`);
  return 0;
}

/** An npm package name from a folder name: "My Sensor!" → "my-sensor". */
export function packageName(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^[._-]+|-+$/g, '').slice(0, 214);
  return name || 'coop-firmware';
}
