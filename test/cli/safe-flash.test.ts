// The pieces of a safe flash that need no board (the whole of it runs against the
// real interpreter in flash-safe-e2e.test.ts, with ESPRUINO_BIN).
import { describe, expect, it } from 'vitest';
import { consolePassword } from '../../cli/espruino/console-password.js';
import { loaderCode, matches, programImage, textCrc } from '../../cli/espruino/safe-flash.js';
import { runCli } from './support/run-cli.js';
import { tickerSource, writeFirmware } from './support/firmware.js';

describe('the program file', () => {
  it('is named after the CRC-32 of the bytes the board stores (UTF-8), which E.CRC32 computes the same way', () => {
    expect(programImage('hello')).toEqual({ file: 'coop-3610a686.js', bytes: 5, crc: 907060870 }); // E.CRC32("hello") on Espruino 2v29: 907060870
    expect(programImage('print("é")').bytes).toBe(11); // two bytes for é, as EspruinoTools sends it
  });

  it('matches what the board reports only when length and CRC both agree (the board may report the CRC as a signed number)', () => {
    const image = { bytes: 5, crc: 0xf0000001 };
    expect(matches({ n: 5, c: 0xf0000001 | 0 }, image)).toBe(true);
    expect(matches({ n: 4, c: 0xf0000001 }, image)).toBe(false);
    expect(matches({ n: 5, c: 1 }, image)).toBe(false);
    expect(matches(null, image)).toBe(false);
  });
});

describe('the boot code', () => {
  it('is one line that loads the program file', () => {
    expect(loaderCode('coop-3610a686.js')).toBe('eval(require("Storage").read("coop-3610a686.js"));');
  });

  it('locks the console before the program starts, when there is a password', () => {
    expect(loaderCode('coop-3610a686.js', { password: 'pw' })).toBe('E.setPassword("pw");E.lockConsole();eval(require("Storage").read("coop-3610a686.js"));');
  });

  it('on nRF52 boards also locks again when a Bluetooth connection ends, and can turn the whitelist on', () => {
    expect(loaderCode('coop-1.js', { password: 'pw', relockOnDisconnect: true, bleWhitelist: true })).toBe(
      'E.setPassword("pw");E.lockConsole();NRF.on("disconnect",function(){E.lockConsole();});NRF.setWhitelist(true);eval(require("Storage").read("coop-1.js"));');
  });

  it('is compared by CRC, so coop never reads back a boot code that holds the password', () => {
    expect(textCrc('hello')).toBe(907060870);
  });
});

describe('the console password', () => {
  it('comes from --password, else COOP_PASSWORD', () => {
    expect(consolePassword('s3cret!', 'other')).toBe('s3cret!');
    expect(consolePassword(undefined, 'other')).toBe('other');
    expect(consolePassword(undefined, undefined)).toBeUndefined();
    expect(consolePassword(undefined, '')).toBeUndefined();
  });

  it('is refused, without being printed, when the board could not take it', () => {
    const tooLong = 'abcdefghij0123456789X';
    expect(() => consolePassword(tooLong)).toThrow("--password: the password is 21 characters; Espruino's console takes at most 20");
    for (const bad of ['with space', 'quo"te', 'back\\slash', "apo'strophe", 'tab\there']) {
      let message = '';
      try {
        consolePassword(undefined, bad);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^COOP_PASSWORD: use letters, digits and punctuation other than quotes and backslashes, with no spaces/);
      expect(message).not.toContain(bad);
    }
  });
});

describe('coop flash: lock and Bluetooth options', () => {
  const app = writeFirmware(tickerSource());

  it('needs the password for --no-lock, and a saved program for --ble-whitelist', async () => {
    const saved = process.env.COOP_PASSWORD;
    delete process.env.COOP_PASSWORD;
    try {
      expect((await runCli(['flash', app, '--port', 'tcp://127.0.0.1:1', '--no-lock'])).err).toEqual([
        'coop flash: --no-lock removes the lock of a board flashed with --password: give that password with --password or COOP_PASSWORD']);
      expect((await runCli(['flash', app, '--port', 'tcp://127.0.0.1:1', '--ble-whitelist', '--save', 'ram'])).err).toEqual([
        'coop flash: --ble-whitelist is set by the boot code at every start: use it with --save storage (the default)']);
    } finally {
      if (saved !== undefined) process.env.COOP_PASSWORD = saved;
    }
  });
});
