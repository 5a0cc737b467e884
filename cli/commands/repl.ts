import { parseArgs, parseDuration, UsageError } from '../args.js';
import { CliError } from '../cli-error.js';
import { BoardLink } from '../espruino/board-link.js';
import { consolePassword } from '../espruino/console-password.js';
import { parsePort, portForms } from '../espruino/port-spec.js';
import { withEspruinoTools } from '../espruino/session.js';
import type { Io } from '../io.js';
import { commandHelp } from '../usage.js';


/** After input ends (piped in), how long the board may stay quiet before the REPL closes. */
const quietAfterInputMs = 500;
const maxWaitAfterInputMs = 2000;

/**
 * The board's own JavaScript console, through EspruinoTools: what you type
 * goes to the board, what it prints comes back. Press Ctrl-C twice to leave
 * (once interrupts the program on the board, as in the Web IDE).
 */
export async function replCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, commandHelp.repl.args);
  if (args.positional.length > 0) throw new UsageError(`coop repl takes no file; got "${args.positional[0]}" (to send a program, use coop flash)`);
  if (typeof args.options.port !== 'string') throw new UsageError(`which board? give --port with ${portForms}; coop ports lists the serial ports found`);
  const port = parsePort(args.options.port);
  const timeoutMs = parseDuration((args.options.timeout as string | undefined) ?? '10s', '--timeout');
  const password = consolePassword(args.options.password);
  const input = io.input;
  if (!input) throw new CliError('coop repl needs a terminal to read from');

  return withEspruinoTools(io, args.options.verbose === true, async (tools) => {
    let live = false;
    let lastOutput = Date.now();
    let pendingLine = '';
    const show = (text: string) => {
      lastOutput = Date.now();
      if (!live) return;
      if (io.write) return io.write(text);
      const lines = (pendingLine + text).split(/\r?\n/);
      pendingLine = lines.pop() ?? '';
      lines.forEach((l) => io.out(l));
    };
    const link = await BoardLink.open(tools, port, { timeoutMs, onOutput: show, password });
    io.err(`connected to ${port.text}: ${link.env.BOARD} running Espruino ${link.env.VERSION ?? '?'}. Type JavaScript; Ctrl-C twice to leave.`);
    live = true;
    const raw = input.isTTY && typeof input.setRawMode === 'function';
    if (raw) input.setRawMode!(true);
    let onData: (chunk: Buffer | string) => void = () => {};
    try {
      const outcome = await new Promise<'left' | 'lost' | 'input ended'>((resolve) => {
        let lastCtrlC = 0;
        onData = (chunk) => {
          const text = chunk.toString();
          if (text.includes('\x03')) {
            if (Date.now() - lastCtrlC < 1000) return resolve('left');
            lastCtrlC = Date.now();
          }
          link.write(text);
        };
        input.on('data', onData);
        input.once('end', () => resolve('input ended'));
        link.waitForDisconnect().then(() => resolve('lost'));
        link.write('\n'); // show a fresh prompt
      });
      if (outcome === 'input ended') {
        // Piped input: let the board answer the last line before closing (a chatty program is never quiet).
        const ended = Date.now();
        while (Date.now() - lastOutput < quietAfterInputMs && Date.now() - ended < maxWaitAfterInputMs) await new Promise((r) => setTimeout(r, 100));
      }
      if (pendingLine) io.out(pendingLine);
      if (outcome === 'lost') throw new CliError(`the connection to ${port.text} was lost`);
      return 0;
    } finally {
      if (raw) input.setRawMode!(false);
      input.off('data', onData);
      input.pause();
      // Espruino keeps a console open once logged in, until it restarts: lock it again on the way out.
      if (password !== undefined) await link.lock();
      await link.close();
    }
  }, password);
}
