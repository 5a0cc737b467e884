// coop flash against a fake Espruino console on a local TCP port: every way an
// upload goes wrong that a user will meet, each with its message and exit code.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { startFakeEspruino, type FakeEspruino } from './support/fake-espruino.js';
import { tickerSource, writeFirmware } from './support/firmware.js';

const app = writeFirmware(tickerSource());
let fake: FakeEspruino | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A local TCP port with nothing listening on it. */
async function closedPort(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `tcp://127.0.0.1:${port}`;
}

describe('coop flash when things go wrong', () => {
  it('names a port where nothing is listening', async () => {
    const port = await closedPort();
    const r = await runCli(['flash', app, '--port', port]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`coop flash: could not connect to ${port}: connection refused (nothing is listening there). ` +
      'Is the board (or `espruino --telnet`) running and listening there?']);
  });

  it('names a serial port that is not there', async () => {
    const r = await runCli(['flash', app, '--port', '/dev/ttyCOOP-NO-SUCH-PORT']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^coop flash: port not found: \/dev\/ttyCOOP-NO-SUCH-PORT does not exist(\. Serial ports found: .*|, and no serial ports were found: is the board plugged in .*)$/);
  });

  it('says how long it waited for a board that does not answer', async () => {
    fake = await startFakeEspruino({ silent: true });
    const r = await runCli(['flash', app, '--port', fake.port]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(new RegExp(`^coop flash: board not answering: ${fake.port} is open, but nothing there replied to process\\.env \\(waited \\d+\\.\\d s\\)\\. ` +
      'Is it an Espruino board, with its console on this port\\? If a program on it is stuck, reset the board and try again\\.$'));
  });

  it('gives up after --timeout', async () => {
    fake = await startFakeEspruino({ silent: true });
    const r = await runCli(['flash', app, '--port', fake.port, '--timeout', '1s']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(new RegExp(`^coop flash: board not answering: ${fake.port} did not reply within 1\\.0 s; is the board plugged in and powered\\? ` +
      '\\(waited 1\\.\\d s; change the wait with --timeout\\)$'));
  });

  it('refuses a bundle built for another board', async () => {
    fake = await startFakeEspruino({ env: { BOARD: 'PUCKJS', VERSION: '2v29', CONSOLE: 'Bluetooth' } });
    const r = await runCli(['flash', app, '--port', fake.port, '--board', 'linux']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('connected: PUCKJS running Espruino 2v29');
    expect(r.err).toEqual([`coop flash: wrong board: the bundle was built for Linux (LINUX) but the board on ${fake.port} is Puck.js (PUCKJS; coop board "puckjs"); ` +
      'build for it with --board puckjs, or connect a Linux']);
    expect(fake.received()).not.toContain('reset()');
  });

  it('refuses --ble-whitelist for a board without Bluetooth LE', async () => {
    fake = await startFakeEspruino();
    const r = await runCli(['flash', app, '--port', fake.port, '--ble-whitelist']);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(['coop flash: --ble-whitelist: the Linux has no Bluetooth LE (only the nRF52 boards do: puckjs, mdbt42q, pixljs, banglejs2)']);
  });

  it('refuses a board coop has no definition for', async () => {
    fake = await startFakeEspruino({ env: { BOARD: 'MICROBIT2', VERSION: '2v29', CONSOLE: 'USB' } });
    const r = await runCli(['flash', app, '--port', fake.port]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^coop flash: the board on .* reports BOARD=MICROBIT2, which coop has no definition for; coop knows banglejs2 \(BANGLEJS2\), /);
  });

  it('refuses a bundle too big for the memory the board reports', async () => {
    fake = await startFakeEspruino({ room: { jsVars: 300, storageBytes: 262144 } });
    const r = await runCli(['flash', app, '--port', fake.port]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^coop flash: too big for the board: the bundle needs about \d+ JsVars to load but the Linux has 300 \(process\.memory\(\)\.total\); make the firmware smaller$/);
  });

  it('refuses a bundle too big for the Storage the board has free', async () => {
    fake = await startFakeEspruino({ room: { jsVars: 4096, storageBytes: 1000 } });
    const r = await runCli(['flash', app, '--port', fake.port]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^coop flash: too big for the board's free Storage: the new program needs \d+ bytes beside the old one, which stays until the new one checks out, but the Linux has 1000 bytes free; erase files you no longer need/);
  });

  it('says when the connection is lost in the middle of an upload', async () => {
    fake = await startFakeEspruino({ dropAfterBytes: 2000 });
    const r = await runCli(['flash', app, '--port', fake.port, '--save', 'ram']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(new RegExp(`^coop flash: upload interrupted: the connection to ${fake.port} was lost after \\d+ of \\d+ bytes \\(.*\\)\\. ` +
      'The board may hold part of the program; run coop flash again\\.$'));
    const [, done, total] = /after (\d+) of (\d+) bytes/.exec(r.err[0])!.map(Number);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(total);
  });

  it('sends the bundle with a progress report, offline, when all is well', async () => {
    fake = await startFakeEspruino();
    const r = await runCli(['flash', app, '--port', fake.port, '--save', 'ram']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(`connecting to ${fake.port} …`);
    expect(r.out[1]).toBe('connected: LINUX running Espruino 2v29');
    expect(r.out[2]).toMatch(/^built .*main\.ts for Linux: \d+ bytes/);
    expect(r.out[3]).toMatch(/^sent in \d+\.\d s: Linux is running it \(123 of 4096 JsVars in use\); it is gone after a reset \(--save storage keeps it\)$/);
    expect(r.progress[0]).toEqual(['sending to RAM', 0, r.progress.at(-1)![2]]);
    expect(r.progress.at(-1)![1]).toBe(r.progress.at(-1)![2]);
    expect(fake.received()).toContain('reset();');
    expect(fake.received()).toContain('ticker');
    const { loadEspruinoTools } = await import('../../cli/espruino/tools.js');
    expect((await loadEspruinoTools()).blockedUrls).toEqual([]);
  });

  it('finishes sending code shorter than one write block (EspruinoTools gives no callback for those)', async () => {
    fake = await startFakeEspruino();
    const r = await runCli(['flash', writeFirmware('console.log("hi");\n'), '--port', fake.port, '--save', 'ram']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(fake.received()).toContain('console.log("hi")');
  });
});
