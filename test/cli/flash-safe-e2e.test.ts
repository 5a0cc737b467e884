// Nothing lost, nobody in: coop flash against the Linux build of Espruino
// (`<ESPRUINO_BIN> --telnet`, console on tcp://127.0.0.1:2323, Storage in the
// file espruino.flash of its folder, so restarting it there is a board reset).
// Skipped without ESPRUINO_BIN. Run on their own with
//   ESPRUINO_BIN=/work/espruino-bin/espruino npx vitest run test/cli/flash-safe-e2e.test.ts
//
// A cut-off upload: coop talks to the board through a TCP relay that the test
// closes when coop reports 10%, 50% or 90% of the upload sent: the user's
// cable pulled out. The board is then reset, and must run the old program.
import net from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectRunning, linuxEspruinoForSuite, readConsole, telnetAddress, telnetPort, typeAtConsole } from './support/linux-espruino.js';
import { runCli, show } from './support/run-cli.js';
import { tickerSource, writeFirmware } from './support/firmware.js';

const bin = process.env.ESPRUINO_BIN;

/**
 * A TCP relay to the board's console that cuts the connection, as a cable pulled out,
 * once `limit` bytes of the upload (counted from its first Storage write) have passed:
 * at that exact byte, in the middle of a line or not.
 */
async function startRelay(): Promise<{ port: string; limit?: number; passed(): number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const marker = 'require("Storage").write("coop-';
  let sent = '';
  let uploadFrom = -1;
  const relay = {
    port: '',
    limit: undefined as number | undefined,
    passed: () => (uploadFrom < 0 ? 0 : sent.length - uploadFrom),
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = net.createServer((client) => {
    const board = net.connect(telnetPort, '127.0.0.1');
    sockets.add(client).add(board);
    const end = () => sockets.forEach((s) => s.destroy());
    client.on('data', (data: Buffer) => {
      let text = data.toString('latin1');
      if (uploadFrom < 0 && (sent + text).includes(marker)) uploadFrom = (sent + text).indexOf(marker);
      if (uploadFrom >= 0 && relay.limit !== undefined) {
        const room = uploadFrom + relay.limit - sent.length;
        if (room < text.length) {
          text = text.slice(0, Math.max(0, room));
          sent += text;
          board.write(text, 'latin1', end);
          return;
        }
      }
      sent += text;
      board.write(text, 'latin1');
    });
    board.on('data', (data) => client.write(data));
    client.on('error', end).on('close', end);
    board.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay.port = `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return relay;
}

/** What `expression` evaluates to on the board, through coop repl (with the password when it is locked). */
async function ask(expression: string, password?: string): Promise<string> {
  let printed = '';
  const input = Readable.from([`${expression}\n`]);
  const r = await runCli(['repl', '--port', telnetAddress, ...(password ? ['--password', password] : [])], { input, write: (text) => (printed += text) });
  expect(r.code, r.err.join('\n')).toBe(0);
  const m = /\n=(.*)\r?\n/.exec(printed);
  return m ? m[1].trim() : printed;
}

describe.skipIf(!bin)('safe flashing on the Linux build of Espruino (ESPRUINO_BIN)', () => {
  const espruino = linuxEspruinoForSuite(bin, 'coop-safe-flash-'); // its espruino.flash: Storage survives restarts
  const reset = () => espruino.restart();

  beforeAll(async () => {
    const r = show('coop flash old.ts', await runCli(['flash', writeFirmware(tickerSource('old')), '--port', telnetAddress]));
    expect(r.code).toBe(0);
  });

  // 1 = the whole program arrived, but not the check and the switch to it.
  for (const fraction of [0.1, 0.5, 0.9, 1]) {
    it(`keeps the old program when the connection is cut at ${fraction * 100}% of an upload, and the next flash succeeds`, async () => {
      const relay = await startRelay();
      const app = writeFirmware(tickerSource('new'));
      let total = 0;
      const r = await runCli(['flash', app, '--port', relay.port], {
        progress: (_label, done, all) => {
          if (done === 0) {
            total = all;
            relay.limit = Math.round(fraction * all); // the upload is cut at this byte
          }
        },
      });
      await relay.close();
      show(`coop flash new.ts --port <relay>  (cut after ${relay.passed()} of ${total} bytes of the upload)`, r);
      expect(relay.passed()).toBe(Math.round(fraction * total));
      expect(r.code).toBe(1);
      if (fraction < 1) expect(r.err[0]).toMatch(/^coop flash: upload interrupted: .* The program the board boots is untouched/);
      else expect(r.err[0]).toMatch(/^coop flash: (upload interrupted|the connection to tcp:\/\/127\.0\.0\.1:\d+ was lost)/);

      await reset();
      const seen = await readConsole(1200);
      expectRunning(seen, 'old');
      expect(seen).not.toContain('new ');

      const again = show('coop flash new.ts', await runCli(['flash', app, '--port', telnetAddress]));
      expect(again.code).toBe(0);
      expectRunning(await readConsole(1000), 'new');
      await reset();
      expectRunning(await readConsole(1200), 'new');

      // Back to the old program for the next cut.
      expect((await runCli(['flash', writeFirmware(tickerSource('old')), '--port', telnetAddress])).code).toBe(0);
    });
  }

  it('says so, and sends nothing, when the board already boots this program', async () => {
    const app = writeFirmware(tickerSource('same'));
    expect((await runCli(['flash', app, '--port', telnetAddress])).code).toBe(0);
    const r = show('coop flash same.ts  (a second time)', await runCli(['flash', app, '--port', telnetAddress]));
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toMatch(/^unchanged: the Linux already boots this program \(coop-[0-9a-f]{8}\.js, \d+ bytes, CRC32 [0-9a-f]{8}\); nothing sent\. /);
    expect(r.progress).toEqual([]);
    expectRunning(await readConsole(1000), 'same');
    expect(await ask('require("Storage").list().sort().join(",")')).toMatch(/^".bootcde,coop-[0-9a-f]{8}\.js"$/);
  });

  it('compacts Storage when the new program fits only in the space of erased files, and says so', async () => {
    // A file as big as most of Storage, erased: its space is "trash" until compacted.
    const free = Number(await ask('require("Storage").getFree()'));
    await ask(`require("Storage").write("filler", "x", 0, ${free - 4000}), require("Storage").erase("filler"), require("Storage").getStats().trashBytes`);
    const app = writeFirmware(tickerSource('roomy'));
    const r = show('coop flash roomy.ts  (Storage full of erased space)', await runCli(['flash', app, '--port', telnetAddress]));
    expect(r.code).toBe(0);
    expect(r.out).toContainEqual(expect.stringMatching(/^compacted Storage to make room: \d+ → \d+ bytes free \(/));
    expectRunning(await readConsole(1000), 'roomy');
  });

  describe('a locked console (--password, COOP_PASSWORD)', () => {
    const password = 'Tr0ub4dor&3';
    const savedEnv = process.env.COOP_PASSWORD;
    afterEach(() => {
      if (savedEnv === undefined) delete process.env.COOP_PASSWORD;
      else process.env.COOP_PASSWORD = savedEnv;
    });

    it('locks the board with --password: the program runs, the console asks for the password, also after a reset', async () => {
      const r = show('coop flash locked.ts --password ***', await runCli(['flash', writeFirmware(tickerSource('locked')), '--port', telnetAddress, '--password', password]));
      expect(r.code).toBe(0);
      expect(r.text).toMatch(/Linux is running it \(\d+ of \d+ JsVars in use\); it is saved and runs again after a reset; its console is locked with the password/);
      expect(r.text).not.toContain(password);
      expect(await typeAtConsole('1+1')).toContain('Invalid password');
      await reset();
      const seen = await typeAtConsole('1+1');
      expect(seen).toContain('Invalid password');
      expectRunning(await readConsole(1000), 'locked');
    });

    it('refuses to flash a locked board without the password, or with a wrong one, and never prints it', async () => {
      delete process.env.COOP_PASSWORD;
      const app = writeFirmware(tickerSource('intruder'));
      const none = show('coop flash intruder.ts', await runCli(['flash', app, '--port', telnetAddress]));
      expect(none.code).toBe(1);
      expect(none.err).toEqual([`coop flash: the console of the board on ${telnetAddress} is locked with a password (it answered "password>"); give it with --password, or set COOP_PASSWORD`]);
      const wrong = show('coop flash intruder.ts --password guess --verbose', await runCli(['flash', app, '--port', telnetAddress, '--password', 'guess', '--verbose']));
      expect(wrong.code).toBe(1);
      expect(wrong.err.at(-1)).toBe(`coop flash: wrong password: the board on ${telnetAddress} refused the password given (--password or COOP_PASSWORD); ` +
        'its console stays locked. Give the password the board was flashed with');
      expect(wrong.text).not.toContain(password);
      expectRunning(await readConsole(1000), 'locked');
    });

    it('flashes a locked board with COOP_PASSWORD, keeps it locked, and masks the password in --verbose output', async () => {
      process.env.COOP_PASSWORD = password;
      const r = show('COOP_PASSWORD=*** coop flash unlocked.ts --verbose', await runCli(['flash', writeFirmware(tickerSource('relocked')), '--port', telnetAddress, '--verbose']));
      expect(r.code).toBe(0);
      expect(r.err.some((l) => l.includes('***'))).toBe(true); // EspruinoTools logged what it sent, masked
      expect(r.text).not.toContain(password);
      expectRunning(await readConsole(1000), 'relocked');
      expect(await typeAtConsole('1+1')).toContain('Invalid password'); // locked again when coop left
    });

    it('coop repl logs in with --password and locks the console again on the way out', async () => {
      expect(await ask('6*7', password)).toBe('42');
      expect(await typeAtConsole('1+1')).toContain('Invalid password');
    });

    it('--no-lock with the password takes the lock off', async () => {
      const r = show('coop flash open.ts --password *** --no-lock', await runCli(['flash', writeFirmware(tickerSource('open')), '--port', telnetAddress, '--password', password, '--no-lock']));
      expect(r.code).toBe(0);
      await reset();
      const seen = await typeAtConsole('6*7');
      expect(seen).toContain('=42');
      expect(seen).not.toContain('password>');
    });
  });
});
