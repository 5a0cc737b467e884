import { BuildError } from '../toolchain/build-error.js';
import { UsageError } from './args.js';
import { CliError } from './cli-error.js';
import { boardsCommand, boardsUsage } from './commands/boards.js';
import { buildCommand, buildUsage } from './commands/build.js';
import { flashCommand, flashUsage } from './commands/flash.js';
import { portsCommand, portsUsage } from './commands/ports.js';
import { replCommand, replUsage } from './commands/repl.js';
import { simCommand, simUsage } from './commands/sim.js';
import { processIo, type Io } from './io.js';

interface Command {
  run: (argv: string[], io: Io) => Promise<number>;
  usage: string;
  about: string;
}

const commands: Record<string, Command> = {
  build: { run: buildCommand, usage: buildUsage, about: 'compile firmware into one Espruino bundle' },
  sim: { run: simCommand, usage: simUsage, about: 'run firmware on a simulated board' },
  flash: { run: flashCommand, usage: flashUsage, about: 'build firmware and send it to a real board (saved to run at boot by default)' },
  repl: { run: replCommand, usage: replUsage, about: "talk to a board's JavaScript console" },
  boards: { run: boardsCommand, usage: boardsUsage, about: 'list the boards coop can build for' },
  ports: { run: portsCommand, usage: portsUsage, about: 'list the serial ports a board may be on' },
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
