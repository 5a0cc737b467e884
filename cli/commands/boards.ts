import { boards } from '../../boards/index.js';
import { parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { commandHelp } from '../usage.js';
import { formatTable } from '../table.js';


/** The boards coop can build for, as a table. */
export async function boardsCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, commandHelp.boards.args);
  if (args.positional.length > 0) throw new UsageError(`coop boards takes no arguments; got "${args.positional[0]}"`);
  const rows = Object.values(boards).map((b) => [
    b.id,
    b.name,
    b.chip,
    b.espruinoBoard,
    String(b.jsVars),
    kb(b.flashBytes),
    names(b.leds),
    names(b.buttons),
  ]);
  for (const line of formatTable(['id', 'name', 'chip', 'Espruino', 'JsVars', 'Storage', 'LEDs', 'buttons'], rows, [4, 5])) io.out(line);
  io.out('');
  io.out('Build for one with --board <id>. JsVars: the variables the interpreter has; Storage: flash for saved code.');
  return 0;
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** { LED1: 'D5', LED2: 'D4' } → "LED1=D5 LED2=D4"; none → "-" */
function names(pins: Record<string, string>): string {
  const entries = Object.entries(pins);
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(' ') : '-';
}
