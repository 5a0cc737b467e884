import { build, type BuildResult } from '../../toolchain/build.js';
import { parseArgs, parseDuration, UsageError } from '../args.js';
import { CliError } from '../cli-error.js';
import { boardForConnected, checkFits, checkSameBoard, probeExpression, type BoardRoom } from '../espruino/board-check.js';
import { BoardLink, seconds } from '../espruino/board-link.js';
import { consoleLines, errorLines, sinceReset } from '../espruino/console-lines.js';
import { parsePort, portForms } from '../espruino/port-spec.js';
import { withEspruinoTools } from '../espruino/session.js';
import { consolePassword, hasBluetooth } from '../espruino/console-password.js';
import {
  compactExpression, eraseExpression, eraseFileExpression, hex, legacyBootFile, loaderCode, matches, programImage, relockOnDisconnectCode,
  stateExpression, switchExpression, textCrc, verifyExpression, type FlashState, type ProgramImage, type StoredFile,
} from '../espruino/safe-flash.js';
import { saveModes, uploadCode, type SaveMode } from '../espruino/upload-code.js';
import type { LoadedTools } from '../espruino/tools.js';
import type { BoardDefinition } from '../../boards/board-definition.js';
import type { Io } from '../io.js';
import { chooseBoard, firmwareEntry } from '../target.js';
import { describeBuild } from './build.js';
import { commandHelp, flashUsage } from '../usage.js';


/**
 * Why `storage` is the default: `coop flash` should leave the board running
 * the program after it is unplugged, as `platformio run -t upload` and the
 * Arduino IDE do. `--save ram` is the quick way while developing: nothing is
 * written to flash and a reset brings back the saved program. How `storage`
 * survives a cut-off upload: cli/espruino/safe-flash.ts.
 */
export const defaultSaveMode: SaveMode = 'storage';


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
  let mode = (args.options.save ?? defaultSaveMode) as SaveMode;
  if (!saveModes.includes(mode)) throw new UsageError(`--save ${mode}: choose storage (run at every boot) or ram (until the next reset)`);
  if (mode === 'boot') {
    io.out('--save boot now does what --save storage does: the program in its own Storage file, loaded by the boot code');
    mode = 'storage';
  }
  const timeoutMs = parseDuration((args.options.timeout as string | undefined) ?? '10s', '--timeout');
  if (args.options.minify && args.options['no-minify']) throw new UsageError('--minify and --no-minify contradict each other; give one');
  const minify = !args.options['no-minify'];
  const password = consolePassword(args.options.password);
  const lock = args.options['no-lock'] !== true;
  if (args.options['no-lock'] && password === undefined) throw new UsageError('--no-lock removes the lock of a board flashed with --password: give that password with --password or COOP_PASSWORD');
  const bleWhitelist = args.options['ble-whitelist'] === true;
  if (bleWhitelist && mode === 'ram') throw new UsageError('--ble-whitelist is set by the boot code at every start: use it with --save storage (the default)');
  const { entry, project } = fromProject ?? firmwareEntry(named, flashUsage);

  // With a board named (--board, or coop.json's), build first: a TypeScript error shows before any board is needed.
  // Without one, build for the board that answers (the diagram does not count: it is how the simulated board is wired).
  const board = chooseBoard({ flag: args.options.board as string | undefined, project }, false);
  let built: BuildResult | undefined;
  if (board !== undefined) built = await buildFor(entry, board, minify, io);

  return withEspruinoTools(io, args.options.verbose === true, async (tools) => {
    io.out(`connecting to ${port.text} …`);
    const link = await BoardLink.open(tools, port, { timeoutMs, password });
    try {
      const connected = link.env.BOARD!;
      io.out(`connected: ${connected} running Espruino ${link.env.VERSION ?? '(version unknown)'}`);
      if (built) checkSameBoard(built.board, connected, port.text);
      else built = await buildFor(entry, boardForConnected(connected, port.text).id, minify, io);
      const board = built.board;
      if (bleWhitelist && !hasBluetooth(board.chip)) throw new CliError(`--ble-whitelist: the ${board.name} has no Bluetooth LE (only the nRF52 boards do: puckjs, mdbt42q, pixljs, banglejs2)`);
      const settings: FlashSettings = { tools, link, built, board, io, timeoutMs, lockWith: lock ? password : undefined, bleWhitelist };

      const started = Date.now();
      const sent = mode === 'ram' ? await sendToRam(settings) : await saveToStorage(settings);
      if (sent === undefined) return 0;
      // Reading process.memory() also proves the board has taken in everything sent.
      const usage = await link.evaluate<number>('process.memory().usage', 'checking the upload');
      io.out(`sent in ${seconds(Date.now() - started)}: ${board.name} is running it (${usage} of ${sent.jsVars} JsVars in use); ${afterReset(mode, sent.hadBootCode)}` +
        (settings.lockWith !== undefined ? '; its console is locked with the password' : ''));

      await new Promise((r) => setTimeout(r, listenAfterUploadMs));
      const printed = consoleLines(sinceReset(link.output.slice(sent.outputFrom)));
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
      // A console coop logged in to stays open until the board restarts (Espruino locks only at boot and on
      // E.lockConsole): close it again. A board without a password in RAM ignores this.
      if (password !== undefined) await link.lock();
      await link.close();
    }
  }, password);
}

/** What both ways of sending need. */
interface FlashSettings {
  tools: LoadedTools;
  link: BoardLink;
  built: BuildResult;
  board: BoardDefinition;
  io: Io;
  timeoutMs: number;
  /** Lock the console with this password (in the boot code, and in RAM right after the reset). */
  lockWith?: string;
  bleWhitelist: boolean;
}

/** What was sent: where the program's own output starts in `link.output`, and the board's memory. */
interface Sent {
  outputFrom: number;
  jsVars: number;
  hadBootCode: boolean;
}

/** The password back in RAM right after the reset that starts an upload (reset() forgets it). */
function passwordPreamble(s: FlashSettings): string {
  if (s.lockWith === undefined) return '';
  const relock = hasBluetooth(s.board.chip) ? relockOnDisconnectCode : '';
  return `E.setPassword(${JSON.stringify(s.lockWith)});${relock}\n`;
}

/** --save ram: reset, then type the bundle in; it runs as it arrives. */
async function sendToRam(s: FlashSettings): Promise<Sent> {
  const { link, built, io } = s;
  const room = await link.evaluate<BoardRoom>(probeExpression(), 'reading its free memory');
  checkFits(built, room.jsVars, s.board.name);
  const code = await uploadCode(s.tools.Espruino, built.code, { ram: true }, link.env.VERSION ?? '', passwordPreamble(s));
  const outputFrom = link.output.length;
  await link.send(code, (done, total) => io.progress?.('sending to RAM', done, total));
  return { outputFrom, jsVars: room.jsVars, hadBootCode: room.hasBootCode === true };
}

/**
 * --save storage: the program into its own file, checked, then made the boot
 * code (safe-flash.ts says why in this order). Resolves undefined when the
 * board already has exactly this program and boot code.
 */
async function saveToStorage(s: FlashSettings): Promise<Sent | undefined> {
  const { link, built, board, io } = s;
  const image = programImage(built.code);
  const loader = loaderCode(image.file, { password: s.lockWith, relockOnDisconnect: hasBluetooth(board.chip), bleWhitelist: s.bleWhitelist });
  const loaderImage = { bytes: Buffer.byteLength(loader, 'utf8'), crc: textCrc(loader) };
  const state = await link.evaluate<FlashState>(stateExpression(image), 'reading its Storage');
  if (typeof state?.jsVars !== 'number' || typeof state.free !== 'number' || !Array.isArray(state.stale)) {
    throw new CliError(`the board's reply while reading its Storage was not what coop expected: ${JSON.stringify(state).slice(0, 200)}; ` +
      'is it running Espruino 2v00 or newer (require("Storage"))?');
  }
  checkFits(built, state.jsVars, board.name);
  const haveProgram = matches(state.file, image);
  if (haveProgram && matches(state.boot, loaderImage)) {
    io.out(`unchanged: the ${board.name} already boots this program (${describeImage(image)}); nothing sent. ` +
      'To restart it, reset the board (or type load() in coop repl)');
    return undefined;
  }

  if (haveProgram) {
    io.out(`${image.file} is already on the board and checks out (${describeImage(image)}); only the boot code changes`);
  } else {
    await makeRoom(s, image, state, loaderImage.bytes);
    const code = await uploadCode(s.tools.Espruino, built.code, { file: image.file }, link.env.VERSION ?? '', passwordPreamble(s));
    await link.send(code, (done, total) => io.progress?.(`sending to Storage (${image.file})`, done, total),
      `The program the board boots is untouched (the new one was going to its own file, ${image.file}): it runs after a reset. Run coop flash again.`);
    const stored = await link.evaluate<StoredFile>(verifyExpression(image.file), 'checking the upload');
    if (!matches(stored, image)) {
      await link.evaluate(eraseFileExpression(image.file), 'erasing the damaged copy');
      const got = stored === null ? 'is missing' : `is ${stored.n} bytes with CRC32 ${hex(stored.c)}`;
      throw new CliError(`the program did not arrive intact: the board's ${image.file} ${got}, but ${describeImage(image)} was sent. ` +
        'The old program is untouched and runs after a reset. Run coop flash again; if this repeats, the link is losing characters (try USB, or a shorter cable)');
    }
  }

  const boot = await link.evaluate<StoredFile>(switchExpression(loader, image.file, state.uses === legacyBootFile), 'making it the boot code');
  if (!matches(boot, loaderImage)) {
    throw new CliError(`writing the boot code (.bootcde) failed: the board reports ${boot === null ? 'no .bootcde' : `${boot.n} bytes`}, ` +
      `coop wrote ${loaderImage.bytes}; run coop flash again (the program file ${image.file} is on the board and checks out)`);
  }
  // Run it as after a power cycle: load() resets the interpreter and runs .bootcde.
  const outputFrom = link.output.length;
  link.write('\x10load()\n');
  if (s.lockWith !== undefined) {
    // The boot code locks the console before the program starts: log in again to check on it.
    await link.waitForOutput(/password>/, outputFrom, s.timeoutMs);
    await link.login(s.lockWith, s.timeoutMs);
  }
  return { outputFrom, jsVars: state.jsVars, hadBootCode: true };
}

/**
 * Make room for the new program beside the old one, which stays until the new one
 * checks out: erase program files left by cut-off uploads, then compact Storage
 * if the erased space is needed (and say so: compaction wears the flash).
 */
async function makeRoom(s: FlashSettings, image: ProgramImage, state: FlashState, loaderBytes: number): Promise<void> {
  const { link, io, board } = s;
  // Each Storage file has a header (16 bytes on most boards); the new .bootcde is written before the old one's space is reused.
  const need = image.bytes + loaderBytes + 128;
  let { free, trash } = state;
  if (state.stale.length > 0) {
    free = await link.evaluate<number>(eraseExpression(state.stale.map((f) => f.name)), 'erasing stale program files');
    const bytes = state.stale.reduce((sum, f) => sum + f.bytes, 0);
    trash += bytes;
    io.out(`erased ${state.stale.map((f) => f.name).join(', ')} (${bytes} bytes): program files no boot code uses, left by an earlier upload that was cut off`);
  }
  if (free < need && free + trash >= need) {
    const before = free;
    free = await link.evaluate<number>(compactExpression, 'compacting Storage');
    io.out(`compacted Storage to make room: ${before} → ${free} bytes free (the space of erased files is reused; compacting rewrites flash, so coop does it only when needed)`);
  }
  if (free < need) {
    throw new CliError(`too big for the board's free Storage: the new program needs ${need} bytes beside the old one, which stays until the new one checks out, ` +
      `but the ${board.name} has ${free} bytes free${trash > 0 ? ` (${trash} more after require("Storage").compact())` : ''}; ` +
      'erase files you no longer need (require("Storage").list() shows them) or make the firmware smaller');
  }
}

function describeImage(image: ProgramImage): string {
  return `${image.file}, ${image.bytes} bytes, CRC32 ${hex(image.crc)}`;
}

async function buildFor(entry: string, board: string, minify: boolean, io: Io): Promise<BuildResult> {
  const result = await build(entry, { board, minify });
  io.out(describeBuild(entry, result));
  return result;
}

function afterReset(mode: SaveMode, hadBootCode: boolean): string {
  if (mode !== 'ram') return 'it is saved and runs again after a reset';
  return hadBootCode
    ? 'it is gone after a reset, when the code saved on the board earlier (.bootcde) runs instead; --save storage replaces that'
    : 'it is gone after a reset (--save storage keeps it)';
}
