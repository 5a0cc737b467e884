import { parseArgs, UsageError } from '../args.js';
import { CliError } from '../cli-error.js';
import { listSerialPorts } from '../espruino/serial-ports.js';
import { withEspruinoTools } from '../espruino/session.js';
import type { Io } from '../io.js';
import { commandHelp } from '../usage.js';
import { formatTable } from '../table.js';


/** Serial ports EspruinoTools can see (Espruino.Core.Serial.getPorts), for --port. */
export async function portsCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, commandHelp.ports.args);
  if (args.positional.length > 0) throw new UsageError(`coop ports takes no arguments; got "${args.positional[0]}"`);
  const { ports, problem } = await withEspruinoTools(io, args.options.verbose === true, listSerialPorts);
  if (problem) throw new CliError(problem);
  if (ports.length === 0) {
    io.out('no serial ports found. Plug the board in with a data (not charge-only) USB cable; Bluetooth boards connect with --port <address>.');
  } else {
    const rows = ports.map((p) => [p.path, p.description ?? '', p.usb ? p.usb.map((n) => n.toString(16).padStart(4, '0')).join(':') : '']);
    for (const line of formatTable(['port', 'description', 'USB id'], rows)) io.out(line);
    io.out('');
    io.out(`flash with: coop flash <file.ts> --port ${ports[0].path}`);
  }
  io.out('Other ways to connect: --port aa:bb:cc:dd:ee:ff (Bluetooth LE, needs the noble module and an adapter), --port tcp://host:port (network, or Espruino\'s Linux build run with --telnet).');
  return 0;
}
