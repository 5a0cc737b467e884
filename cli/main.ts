import { BuildError } from '../toolchain/build-error.js';
import { UsageError } from './args.js';
import { CliError } from './cli-error.js';
import { commandHelp, formatHelp } from './usage.js';
import { processIo, type Io } from './io.js';

interface Command {
  run: (argv: string[], io: Io) => Promise<number>;
  usage: string;
  about: string;
}

// Loaded when run: the simulator and the toolchain (TypeScript) take a second to load.
const commands: Record<string, Command> = {
  init: { run: async (a, io) => (await import('./commands/init.js')).initCommand(a, io), usage: commandHelp.init.usage, about: 'make a new firmware project: coop.json, src/main.ts, a diagram, a scenario, a test' },
  build: { run: async (a, io) => (await import('./commands/build.js')).buildCommand(a, io), usage: commandHelp.build.usage, about: 'compile firmware into one Espruino bundle' },
  sim: { run: async (a, io) => (await import('./commands/sim.js')).simCommand(a, io), usage: commandHelp.sim.usage, about: 'run firmware on a simulated board' },
  test: { run: async (a, io) => (await import('./commands/test.js')).testCommand(a, io), usage: commandHelp.test.usage, about: "run a project's scenarios in the simulator, then its vitest tests" },
  flash: { run: async (a, io) => (await import('./commands/flash.js')).flashCommand(a, io), usage: commandHelp.flash.usage, about: 'build firmware and send it to a real board (saved to run at boot by default)' },
  repl: { run: async (a, io) => (await import('./commands/repl.js')).replCommand(a, io), usage: commandHelp.repl.usage, about: "talk to a board's JavaScript console" },
  boards: { run: async (a, io) => (await import('./commands/boards.js')).boardsCommand(a, io), usage: commandHelp.boards.usage, about: 'list the boards coop can build for' },
  ports: { run: async (a, io) => (await import('./commands/ports.js')).portsCommand(a, io), usage: commandHelp.ports.usage, about: 'list the serial ports a board may be on' },
  typings: { run: async (a, io) => (await import('./commands/typings.js')).typingsCommand(a, io), usage: commandHelp.typings.usage, about: "write a board's pins, Espruino's globals and 'coop' as a .d.ts for your editor" },
};

function help(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.about}\n           ${c.usage}`);
  return [
    'coop: async tasks for Espruino boards',
    '',
    'commands:',
    ...rows,
    '',
    'coop <command> --help explains a command and its options; coop --version prints the version.',
    'Inside a project (a coop.json, made by coop init) build, sim, test and flash need no file.',
  ].join('\n');
}

/** This package's version, from its package.json (no toolchain loaded). */
async function version(): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { packageRoot } = await import('../toolchain/package-root.js');
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version;
}

/** Run the CLI; returns the exit code. Errors the user can fix print without a stack. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(await version());
    return 0;
  }
  if (name === 'help' && rest[0] !== undefined && Object.hasOwn(commands, rest[0])) {
    io.out(formatHelp(rest[0]));
    return 0;
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return name ? 0 : 1;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`coop: unknown command "${name}"; commands are ${Object.keys(commands).join(', ')}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(formatHelp(name));
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`coop ${name}: ${e.message}`);
      return 2;
    }
    if (e instanceof BuildError) {
      io.err(`coop ${name}: build failed (${e.stage}):\n${e.message}`);
      return 1;
    }
    if (e instanceof CliError) {
      io.err(`coop ${name}: ${e.message}`);
      return e.exitCode;
    }
    const file = fileProblem(e);
    if (file) {
      io.err(`coop ${name}: ${file}`);
      return 1;
    }
    throw e;
  }
}

/** What a file system error says, in words ("no such folder"), by its code. */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder', ENOTDIR: 'a folder in the path is a file', EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied', EPERM: 'not permitted', EEXIST: 'it exists already', ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only', ENAMETOOLONG: 'the name is too long', EINVAL: 'not a valid name',
};

/**
 * A file a command could not read or write (a path from the user: `--report out/x.html` in a
 * folder that is not there, `-o` naming a folder), as "cannot open <path>: <why>"; undefined
 * for any other error. Before: `coop sim --report=` died with ENOENT and a stack trace.
 */
function fileProblem(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof err.code !== 'string' || !Object.hasOwn(FILE_ERRORS, err.code) || err.path === undefined) return undefined;
  const verb = ({ open: 'open', mkdir: 'make the folder', scandir: 'list the folder', unlink: 'remove', rename: 'rename' } as Record<string, string>)[err.syscall ?? ''] ?? 'use';
  const why = err.syscall === 'mkdir' && err.code === 'EEXIST' ? 'a file of that name is in the way' : FILE_ERRORS[err.code];
  return `cannot ${verb} ${JSON.stringify(err.path)}: ${why} (${err.code})`;
}
