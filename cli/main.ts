import { BuildError } from '../toolchain/build-error.js';
import { UsageError } from './args.js';
import { CliError } from './cli-error.js';
import { boardsUsage, buildUsage, flashUsage, portsUsage, replUsage, simUsage, typingsUsage } from './usage.js';
import { processIo, type Io } from './io.js';

interface Command {
  run: (argv: string[], io: Io) => Promise<number>;
  usage: string;
  about: string;
}

// Loaded when run: the simulator and the toolchain (TypeScript) take a second to load.
const commands: Record<string, Command> = {
  build: { run: async (a, io) => (await import('./commands/build.js')).buildCommand(a, io), usage: buildUsage, about: 'compile firmware into one Espruino bundle' },
  sim: { run: async (a, io) => (await import('./commands/sim.js')).simCommand(a, io), usage: simUsage, about: 'run firmware on a simulated board' },
  flash: { run: async (a, io) => (await import('./commands/flash.js')).flashCommand(a, io), usage: flashUsage, about: 'build firmware and send it to a real board (saved to run at boot by default)' },
  repl: { run: async (a, io) => (await import('./commands/repl.js')).replCommand(a, io), usage: replUsage, about: "talk to a board's JavaScript console" },
  boards: { run: async (a, io) => (await import('./commands/boards.js')).boardsCommand(a, io), usage: boardsUsage, about: 'list the boards coop can build for' },
  ports: { run: async (a, io) => (await import('./commands/ports.js')).portsCommand(a, io), usage: portsUsage, about: 'list the serial ports a board may be on' },
  typings: { run: async (a, io) => (await import('./commands/typings.js')).typingsCommand(a, io), usage: typingsUsage, about: "write a board's pins, Espruino's globals and 'coop' as a .d.ts for your editor" },
};

function help(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.about}\n           ${c.usage}`);
  return ['coop: async tasks for Espruino boards', '', 'commands:', ...rows].join('\n');
}

/** Run the CLI; returns the exit code. Errors the user can fix print without a stack. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    io.err(`coop: unknown command "${name}"; commands are ${Object.keys(commands).join(', ')}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${command.usage}`);
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
    throw e;
  }
}
