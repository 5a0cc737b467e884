import { build, type BuildResult } from '../../toolchain/build.js';
import { parseArgs, parseDuration, UsageError } from '../args.js';
import { CliError } from '../cli-error.js';
import { boardForConnected, checkFits, checkSameBoard, probeExpression, type BoardRoom } from '../espruino/board-check.js';
import { BoardLink, seconds } from '../espruino/board-link.js';
import { consoleLines, errorLines, sinceReset } from '../espruino/console-lines.js';
import { parsePort, portForms } from '../espruino/port-spec.js';
import { withEspruinoTools } from '../espruino/session.js';
import { bootFile, saveModes, uploadCode, type SaveMode } from '../espruino/upload-code.js';
import type { Io } from '../io.js';
import { chooseBoard, firmwareEntry } from '../target.js';
import { describeBuild } from './build.js';
import { commandHelp, flashUsage } from '../usage.js';


/**
 * Why `storage` is the default: `coop flash` should leave the board running
 * the program after it is unplugged, as `platformio run -t upload` and the
 * Arduino IDE do. `--save ram` is the quick way while developing: nothing is
 * written to flash and a reset brings back the saved program.
 */
export const defaultSaveMode: SaveMode = 'storage';

const where: Record<SaveMode, string> = {
  storage: 'Storage (.bootcde)',
  boot: `Storage (${bootFile}, loaded by E.setBootCode)`,
  ram: 'RAM',
};

/** How long to keep listening after the upload, to show what the program printed first. */
const listenAfterUploadMs = 1000;

export async function flashCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, commandHelp.flash.args);
  const [named, extra] = args.positional;
  if (extra) throw new UsageError(`one file at a time; got "${named}" and "${extra}"`);
  // No file: the project's entry, or "which file?" before anything else. A file named is checked after the options.
  const fromProject = named === undefined ? firmwareEntry(undefined, flashUsage) : undefined;
  if (typeof args.options.port !== 'string') {
    throw new UsageError(`which board? give --port with ${portForms}; coop ports lists the serial ports found`);
  }
  const port = parsePort(args.options.port);
  const mode = (args.options.save ?? defaultSaveMode) as SaveMode;
  if (!saveModes.includes(mode)) throw new UsageError(`--save ${mode}: choose storage (run at every boot), boot (Storage file + E.setBootCode) or ram (until the next reset)`);
  const timeoutMs = parseDuration((args.options.timeout as string | undefined) ?? '10s', '--timeout');
  if (args.options.minify && args.options['no-minify']) throw new UsageError('--minify and --no-minify contradict each other; give one');
  const minify = !args.options['no-minify'];
  const { entry, project } = fromProject ?? firmwareEntry(named, flashUsage);

  // With a board named (--board, or coop.json's), build first: a TypeScript error shows before any board is needed.
  // Without one, build for the board that answers (the diagram does not count: it is how the simulated board is wired).
  const board = chooseBoard({ flag: args.options.board as string | undefined, project }, false);
  let built: BuildResult | undefined;
  if (board !== undefined) built = await buildFor(entry, board, minify, io);

  return withEspruinoTools(io, args.options.verbose === true, async (tools) => {
    io.out(`connecting to ${port.text} …`);
    const link = await BoardLink.open(tools, port, { timeoutMs });
    try {
      const connected = link.env.BOARD!;
      io.out(`connected: ${connected} running Espruino ${link.env.VERSION ?? '(version unknown)'}`);
      if (built) checkSameBoard(built.board, connected, port.text);
      else built = await buildFor(entry, boardForConnected(connected, port.text).id, minify, io);
      const board = built.board;

      const room = await link.evaluate<BoardRoom>(probeExpression(mode === 'ram' ? [] : mode === 'boot' ? [bootFile] : ['.bootcde']), 'reading its free memory');
      checkFits(built, room, mode, board.name);

      const code = await uploadCode(tools.Espruino, built.code, mode, link.env.VERSION ?? '');
      const sendFrom = link.output.length;
      const started = Date.now();
      await link.send(code, (done, total) => io.progress?.(`sending to ${where[mode]}`, done, total));
      // Reading process.memory() also proves the board has taken in everything sent.
      const usage = await link.evaluate<number>('process.memory().usage', 'checking the upload');
      io.out(`sent in ${seconds(Date.now() - started)}: ${board.name} is running it (${usage} of ${room.jsVars} JsVars in use); ${afterReset(mode, room)}`);

      await new Promise((r) => setTimeout(r, listenAfterUploadMs));
      const printed = consoleLines(sinceReset(link.output.slice(sendFrom)));
      if (printed.length > 0) {
        io.out('board console:');
        for (const line of printed.slice(0, 20)) io.out(`  ${line}`);
        if (printed.length > 20) io.out(`  … (${printed.length - 20} more lines; coop repl --port ${port.text} shows the console)`);
      }
      const errors = errorLines(printed);
      if (errors.length > 0) {
        // A bundle that passed the build cannot have a syntax error, unless characters were lost on the way
        // (a link without flow control). --save storage sends 1 KB pieces with pauses between them.
        const hint = /SyntaxError/.test(errors[0]) && mode === 'ram'
          ? '; a bundle that built cannot have a syntax error, so characters were probably lost on the way: --save storage sends it in paced pieces'
          : '';
        throw new CliError(`the code was sent, but the board reported ${errors.length === 1 ? 'an error' : 'errors'} running it: ${errors[0]}${hint}`);
      }
      return 0;
    } finally {
      await link.close();
    }
  });
}

async function buildFor(entry: string, board: string, minify: boolean, io: Io): Promise<BuildResult> {
  const result = await build(entry, { board, minify });
  io.out(describeBuild(entry, result));
  return result;
}

function afterReset(mode: SaveMode, room: BoardRoom): string {
  if (mode !== 'ram') return 'it is saved and runs again after a reset';
  return room.hasBootCode
    ? 'it is gone after a reset, when the code saved on the board earlier (.bootcde) runs instead; --save storage replaces that'
    : 'it is gone after a reset (--save storage keeps it)';
}
