/**
 * The usage line and help of each command: here, so `coop help`, `coop <command> --help` and
 * `coop boards` need not load the toolchain.
 */
import type { ArgSpec } from './args.js';

export const buildUsage =
  'coop build [file.ts] [--board B] [-o out.js] [--minify | --no-minify]';
export const simUsage =
  'coop sim [file.ts] [--board B] [--diagram d.json] [--scenario s.yaml] [--vcd out.vcd] [--until 24h] [--realtime] [--timeline] [--quiet] [--seed N] [--ui [--open] [--port P] [--record rec.yaml]] [--report out.html] [--svg out.svg]';
export const flashUsage =
  'coop flash [file.ts] --port <serial port | BLE address | tcp://host:port> [--board B] [--save storage|ram] [--password P [--no-lock]] [--ble-whitelist] [--timeout 10s] [--no-minify] [--verbose]';
export const replUsage =
  'coop repl --port <serial port | BLE address | tcp://host:port> [--password P] [--timeout 10s] [--verbose]';
export const boardsUsage = 'coop boards';
export const portsUsage = 'coop ports [--verbose]';
export const typingsUsage = 'coop typings [--board B] [-o coop-env.d.ts | -o -]';
export const initUsage = 'coop init [folder] [--board B] [--coop <npm spec>]';
export const testUsage = 'coop test [scenario.yaml …] [--board B] [--seed N] [--no-vitest] [--verbose] [--report dir]';

/** Where the file and the board come from, said once for every command that builds. */
const fromProject =
  'Inside a project (a folder with a coop.json, or below one) the file is its "entry". The board is --board, ' +
  'else coop.json\'s "board", else the diagram\'s "board", else puckjs.';

export interface CommandHelp {
  usage: string;
  /** What the command does, in a few sentences. */
  about: string[];
  /** Each option and what it does. */
  options: [string, string][];
  /** The options the command's parser accepts (each is explained in `options`). */
  args: ArgSpec;
}

export const commandHelp: Record<string, CommandHelp> = {
  init: {
    usage: initUsage,
    args: { valued: ['board', 'coop'] },
    about: [
      'Make a new firmware project in folder (default: this folder): package.json, coop.json, tsconfig.json,',
      'coop-env.d.ts (the board\'s typings), src/main.ts (two tasks and a button), diagram.json, a scenario,',
      'a vitest test, .gitignore and a README. It never overwrites a file: if any is there already it writes nothing.',
      'Then: cd folder, npm install, npm run sim, npm test.',
    ],
    options: [
      ['--board B', 'the board the project is for (default puckjs); coop boards lists them. Its LED, button and an analog pin are used'],
      ['--coop <npm spec>', 'what package.json depends on for Coop (default "^<this version>"), e.g. a tarball: file:../espruino-coop-0.1.0.tgz'],
    ],
  },
  build: {
    usage: buildUsage,
    args: { flags: ['minify', 'no-minify'], valued: ['board', 'o', 'out'], aliases: { output: 'out' } },
    about: ['Compile firmware the device way into one ES5 bundle, check it for what Espruino cannot run, and say how much of the board it needs.', fromProject],
    options: [
      ['file.ts', 'the firmware\'s main file (default: the project\'s entry)'],
      ['--board B', 'the board to build for: only its pins may be named (coop boards lists them)'],
      ['-o out.js, --out', 'where to write the bundle (default out/<file>.js; in a project, out/ in the project)'],
      ['--minify', 'minify the bundle with terser (the default)'],
      ['--no-minify', 'leave the bundle readable'],
    ],
  },
  sim: {
    usage: simUsage,
    args: { flags: ['realtime', 'timeline', 'quiet', 'ui', 'open', 'cpu-time'], valued: ['board', 'until', 'diagram', 'scenario', 'vcd', 'seed', 'report', 'svg', 'record', 'port'] },
    about: [
      'Build firmware and run it on a simulated board on a virtual clock, printing its console and the pins wired to parts.',
      'Exits 1 when a scenario step fails, the firmware throws an uncaught error, would not fit the board, or never returns (a loop without await is stopped).',
      fromProject + ' The diagram is --diagram, else the scenario\'s, else <file>.diagram.json next to the file, else coop.json\'s "diagram".',
    ],
    options: [
      ['file.ts', 'the firmware\'s main file (default: the project\'s entry)'],
      ['--board B', 'the board to simulate; the diagram and scenario must be for the same board'],
      ['--diagram d.json', 'the parts wired to the board (LEDs, buttons, potentiometers, sensors, a UART peer)'],
      ['--scenario s.yaml', 'run the scenario\'s steps (press buttons, set voltages, expect pins and console lines); the run ends with its last step'],
      ['--vcd out.vcd', 'write the pin trace as a waveform for GTKWave or PulseView'],
      ['--until 24h', 'run this much virtual time (default 10s; with a scenario, run on to it after the last step)'],
      ['--realtime', 'run at wall-clock speed, to watch it'],
      ['--timeline', 'print a timeline and a summary per pin at the end'],
      ['--quiet', 'print neither the console nor the pins, only the result'],
      ['--seed N', 'the seed of Math.random() (default 1)'],
      ['--cpu-time', 'code takes board time: the clock moves while code runs (priced for the board\'s CPU), so sleeps are late, the hog detector and the watchdog fire as on the board (CPU busy % is printed either way)'],
      ['--ui', 'serve a live page on 127.0.0.1 (board, parts to click and drag, waveform, console, tasks, time controls) until Ctrl-C'],
      ['--open', 'with --ui: open the page in the browser'],
      ['--port P', 'with --ui: the port (default: a free one)'],
      ['--record rec.yaml', 'with --ui: save what you do in the page as a scenario that replays it (also the page\'s Save button)'],
      ['--report out.html', 'write one self-contained HTML page of the run: waveform, console, steps, memory, parts'],
      ['--svg out.svg', 'write the waveform as a picture'],
    ],
  },
  test: {
    usage: testUsage,
    args: { flags: ['no-vitest', 'verbose'], valued: ['board', 'seed', 'report'] },
    about: [
      'Run a project\'s tests: each scenario file coop.json\'s "scenarios" names, in the simulator, then its vitest tests',
      '(vitest run in the project, when vitest is installed there). Prints a line per scenario and a summary; exits 1 if anything failed.',
      'The board and diagram are as for coop sim (coop.json\'s, unless a scenario names its own diagram).',
    ],
    options: [
      ['scenario.yaml …', 'run these scenario files instead of coop.json\'s "scenarios"'],
      ['--board B', 'simulate this board instead of coop.json\'s'],
      ['--seed N', 'the seed of Math.random() in the simulator (default 1)'],
      ['--no-vitest', 'run the scenarios only'],
      ['--verbose', 'print the firmware\'s console while each scenario runs'],
      ['--report dir', 'write an HTML report of each scenario\'s run into dir (<scenario>.html: waveform, console, steps, memory, parts)'],
    ],
  },
  flash: {
    usage: flashUsage,
    args: { flags: ['minify', 'no-minify', 'verbose', 'no-lock', 'ble-whitelist'], valued: ['port', 'board', 'save', 'timeout', 'password'], aliases: { p: 'port', v: 'verbose' } },
    about: [
      'Build firmware and send it to a real board through EspruinoTools, offline; by default it is saved to run again after a reset.',
      'Inside a project the file is its "entry". The board is --board, else coop.json\'s "board", else the board that answers on the port.',
    ],
    options: [
      ['file.ts', 'the firmware\'s main file (default: the project\'s entry)'],
      ['--port P, -p P', 'where the board is: a serial port (/dev/ttyUSB0, COM3), a Bluetooth LE address (aa:bb:cc:dd:ee:ff) or tcp://host:port; coop ports lists serial ports'],
      ['--board B', 'build for this board, before connecting; the connected board must be the same'],
      ['--save storage', 'save to Storage so it runs at every boot (the default): written to its own file, checked on the board, then made the boot code, so a cut-off upload keeps the old program'],
      ['--save ram', 'send it to RAM only: quicker, gone after a reset'],
      ['--password P', 'lock the board\'s console with this password at every boot (E.setPassword + E.lockConsole), and unlock a locked board with it; else COOP_PASSWORD'],
      ['--no-lock', 'with the password: unlock the board and save the program without the lock'],
      ['--ble-whitelist', 'nRF52 boards: after the first device bonds, only bonded devices may connect (NRF.setWhitelist)'],
      ['--timeout 10s', 'how long to wait for the board to answer'],
      ['--minify', 'minify the bundle (the default)'],
      ['--no-minify', 'send the bundle unminified'],
      ['--verbose, -v', 'show what EspruinoTools does'],
    ],
  },
  repl: {
    usage: replUsage,
    args: { flags: ['verbose'], valued: ['port', 'timeout', 'password'], aliases: { p: 'port', v: 'verbose' } },
    about: ["Open a board's JavaScript console: what you type goes to the board; Ctrl-C twice leaves."],
    options: [
      ['--port P, -p P', 'where the board is: a serial port, a Bluetooth LE address or tcp://host:port'],
      ['--password P', 'log in to a locked console (else COOP_PASSWORD); it is locked again when you leave'],
      ['--timeout 10s', 'how long to wait for the board to answer'],
      ['--verbose, -v', 'show what EspruinoTools does'],
    ],
  },
  boards: {
    usage: boardsUsage,
    args: {},
    about: ['List the boards coop can build for: id, name, chip, memory, Storage, LEDs and buttons.'],
    options: [],
  },
  ports: {
    usage: portsUsage,
    args: { flags: ['verbose'], aliases: { v: 'verbose' } },
    about: ['List the serial ports a board may be on.'],
    options: [['--verbose, -v', 'show what EspruinoTools does while it looks']],
  },
  typings: {
    usage: typingsUsage,
    args: { valued: ['board', 'o', 'out'], aliases: { output: 'out' } },
    about: [
      "Write Espruino's globals, exactly the board's pins and the 'coop' module as one .d.ts, so an editor (and tsc --noEmit)",
      'sees firmware as coop build does. Include it in your tsconfig.json. The board is --board, else coop.json\'s "board", else puckjs.',
    ],
    options: [
      ['--board B', 'the board whose pins to declare'],
      ['-o file, --out', 'where to write it (default coop-env.d.ts; in a project, in the project\'s folder); -o - prints it'],
    ],
  },
};

/** `coop <command> --help`: the usage line, what it does, and every option. */
export function formatHelp(name: string): string {
  const h = commandHelp[name];
  const width = Math.max(0, ...h.options.map(([o]) => o.length));
  const lines = [`usage: ${h.usage}`, '', ...h.about];
  if (h.options.length > 0) lines.push('', 'options:', ...h.options.map(([o, text]) => `  ${o.padEnd(width)}  ${text}`));
  return lines.join('\n');
}
