// coop flash against a real Espruino: the Linux build, run by the test as
// `<ESPRUINO_BIN> --telnet` (console on tcp://127.0.0.1:2323), or a board at
// ESPRUINO_PORT. Skipped when neither is given. The Linux build's GPIO does
// nothing, so the test firmware prints "tick N" lines instead of blinking, and
// the test reads them back over the same port.
//
// The tests share one Espruino and one fixed port, so they run in order, in
// this one file. Run them on their own, e.g.
//   ESPRUINO_BIN=/work/espruino-bin/espruino npx vitest run test/cli/flash-e2e.test.ts
// and, if something else may be using port 2323, in a private network namespace:
//   unshare -rn sh -c 'ip link set lo up && ESPRUINO_BIN=… npx vitest run test/cli/flash-e2e.test.ts'
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { expectRunning, linuxEspruinoForSuite, readConsole, telnetAddress } from './support/linux-espruino.js';
import { runCli, show } from './support/run-cli.js';
import { tickerSource, writeFirmware } from './support/firmware.js';
import { build } from '../../toolchain/build.js';
import { withBoardOnPort } from '../../bench/espruino-port.js';

const bin = process.env.ESPRUINO_BIN;
const boardPort = process.env.ESPRUINO_PORT;

describe.skipIf(!bin)('coop flash on the Linux build of Espruino (ESPRUINO_BIN)', () => {
  const espruino = linuxEspruinoForSuite(bin, 'coop-espruino-'); // its espruino.flash: Storage survives restarts
  const ticker = writeFirmware(tickerSource('tick'));

  it('builds, sends with progress, and the program runs (saved to Storage by default)', async () => {
    const r = show(`coop flash ${ticker} --port ${telnetAddress} --board linux`, await runCli(['flash', ticker, '--port', telnetAddress, '--board', 'linux']));
    expect(r.code).toBe(0);
    expect(r.out).toContain('connected: LINUX running Espruino ' + /connected: LINUX running Espruino (\S+)/.exec(r.text)![1]);
    expect(r.text).toMatch(/sent in \d+\.\d s: Linux is running it \(\d+ of \d+ JsVars in use\); it is saved and runs again after a reset/);
    expect(r.progress[0]).toEqual([expect.stringMatching(/^sending to Storage \(coop-[0-9a-f]{8}\.js\)$/), 0, r.progress.at(-1)![2]]);
    expect(r.progress.at(-1)![1]).toBe(r.progress.at(-1)![2]);
    expect(r.out).toContain('  tick 1');
    const { loadEspruinoTools } = await import('../../cli/espruino/tools.js');
    expect((await loadEspruinoTools()).blockedUrls, 'URLs EspruinoTools tried to fetch').toEqual([]);

    const seen = await readConsole(1500);
    console.log(`console after the flash:\n${seen}`);
    expectRunning(seen, 'tick');
  });

  it('keeps running the saved program after a reset (Espruino restarted on the same flash)', async () => {
    await espruino.restart();
    const seen = await readConsole(1500);
    expect(espruino.stdout + seen).toContain('tick 1');
    expectRunning(seen, 'tick');
  });

  it('refuses a bundle built for another board and leaves the board alone', async () => {
    const r = show(`coop flash examples/blink.ts --port ${telnetAddress} --board puckjs`, await runCli(['flash', 'examples/blink.ts', '--port', telnetAddress, '--board', 'puckjs']));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`coop flash: wrong board: the bundle was built for Puck.js (PUCKJS) but the board on ${telnetAddress} is Linux (LINUX; coop board "linux"); ` +
      'build for it with --board linux, or connect a Puck.js']);
    expectRunning(await readConsole(1000), 'tick');
  });

  it('--save ram runs the program until the next reset, then the saved one is back', async () => {
    const app = writeFirmware(tickerSource('ram'));
    const r = show(`coop flash ${app} --port ${telnetAddress} --save ram`, await runCli(['flash', app, '--port', telnetAddress, '--save', 'ram']));
    expect(r.code).toBe(0);
    expect(r.text).toContain('built ' + app + ' for Linux'); // the board was detected, so no --board was needed
    expect(r.text).toContain('it is gone after a reset, when the code saved on the board earlier (.bootcde) runs instead');
    expectRunning(await readConsole(1000), 'ram');

    await espruino.restart();
    const seen = await readConsole(1000);
    expectRunning(seen, 'tick');
    expect(seen).not.toContain('ram ');
  });

  it('--save boot (coop 0.x) now saves as --save storage does, and says so', async () => {
    const app = writeFirmware(tickerSource('boot'));
    const r = show(`coop flash ${app} --port ${telnetAddress} --save boot`, await runCli(['flash', app, '--port', telnetAddress, '--save', 'boot']));
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('--save boot now does what --save storage does: the program in its own Storage file, loaded by the boot code');
    expect(r.progress[0][0]).toMatch(/^sending to Storage \(coop-[0-9a-f]{8}\.js\)$/);
    expectRunning(await readConsole(1000), 'boot');

    await espruino.restart();
    expectRunning(await readConsole(1000), 'boot');
  });

  it('says when the program it sent fails on the board', async () => {
    const app = writeFirmware(`import { spawn, sleep } from 'coop';
spawn(async () => {
  await sleep(100);
  const sensor: any = undefined;
  console.log(sensor.reading);
}, { name: 'reader' });
`);
    const r = show(`coop flash ${app} --port ${telnetAddress} --save ram`, await runCli(['flash', app, '--port', telnetAddress, '--save', 'ram']));
    expect(r.code).toBe(1);
    expect(r.err).toEqual(["coop flash: the code was sent, but the board reported an error running it: coop: task 'reader' failed: Error: Can't read property 'reading' of undefined"]);
  });

  it('coop repl talks to the board', async () => {
    let printed = '';
    const input = Readable.from(['require("Storage").list().sort().join(",")\n']);
    const r = await runCli(['repl', '--port', telnetAddress], { input, write: (text) => (printed += text) });
    console.log(`$ echo 'require("Storage").list().sort().join(",")' | coop repl --port ${telnetAddress}  → exit ${r.code}\n${r.err.join('\n')}\n${printed}`);
    expect(r.code).toBe(0);
    expect(r.err[0]).toMatch(/^connected to tcp:\/\/127\.0\.0\.1:2323: LINUX running Espruino \S+\. Type JavaScript; Ctrl-C twice to leave\.$/);
    expect(printed).toMatch(/=".bootcde,coop-[0-9a-f]{8}\.js"/); // the boot code and one program file: the earlier ones are erased
  });

  it('the bench on a board at a port (ESPRUINO_PORT): a bundle runs there and its BENCH lines come back', async () => {
    const { code } = await build(writeFirmware(`print('BENCH ' + JSON.stringify({ what: 'hello', n: 6 * 7 })); print('BENCH-DONE');`), { board: 'linux' });
    const lines = await withBoardOnPort(telnetAddress, async (board) => {
      expect(board.id).toBe('linux');
      return board.run(code, 20_000);
    });
    expect(lines).toEqual([{ what: 'hello', n: 42 }]);
  });

  it('says so when the connection is lost in the middle of an upload', async () => {
    let killed = false;
    const app = writeFirmware(tickerSource('lost')); // a program the board does not have yet, so it is sent
    const r = await runCli(['flash', app, '--port', telnetAddress, '--board', 'linux'], {
      progress: (_label, done, total) => {
        if (!killed && done > total / 3) {
          killed = true;
          void espruino.stop(); // the board loses power mid-upload
        }
      },
    });
    show(`coop flash ${app} --port ${telnetAddress} --board linux  (Espruino killed a third of the way through)`, r);
    expect(killed).toBe(true);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(new RegExp(`^coop flash: upload interrupted: the connection to tcp://127\\.0\\.0\\.1:2323 was lost after \\d+ of \\d+ bytes \\(.*\\)\\. ` +
      'The program the board boots is untouched \\(the new one was going to its own file, coop-[0-9a-f]{8}\\.js\\): it runs after a reset\\. Run coop flash again\\.$'));
  });
});

describe.skipIf(!boardPort || !!bin)('coop flash on the board at ESPRUINO_PORT', () => {
  it('sends the program to RAM (the saved program is left alone) and it runs', async () => {
    const app = writeFirmware(tickerSource('tick'));
    const r = show(`coop flash ${app} --port ${boardPort} --save ram`, await runCli(['flash', app, '--port', boardPort!, '--save', 'ram']));
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/board console:\n {2}tick 1\n {2}tick 2/);
  });
});
