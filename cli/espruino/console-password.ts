import { UsageError } from '../args.js';

/**
 * The console password: `--password`, else the COOP_PASSWORD environment
 * variable (which, unlike a command-line word, other users of the machine
 * cannot see in `ps`). Espruino compares at most 20 typed characters
 * (src/jsinteractive.c: the locked console keeps 20), so a longer password
 * could never be typed in. Quotes, backslashes and spaces are refused so the
 * password reads the same in a command, in the boot code and in a log — which
 * is what lets coop mask it everywhere it might be printed.
 */
export function consolePassword(flag: string | true | undefined, environment: string | undefined = process.env.COOP_PASSWORD): string | undefined {
  const from = typeof flag === 'string' ? '--password' : 'COOP_PASSWORD';
  const password = typeof flag === 'string' ? flag : environment === '' ? undefined : environment;
  if (password === undefined) return undefined;
  if (password.length > 20) throw new UsageError(`${from}: the password is ${password.length} characters; Espruino's console takes at most 20`);
  if (!/^[!#-&(-[\]-~]+$/.test(password)) {
    throw new UsageError(`${from}: use letters, digits and punctuation other than quotes and backslashes, with no spaces ` +
      `(the board compares what is typed at its password> prompt, character by character)`);
  }
  return password;
}

/** True for boards with Espruino's `NRF` (Bluetooth LE): the nRF52 ones. */
export function hasBluetooth(chip: string): boolean {
  return /^nrf52/i.test(chip);
}
