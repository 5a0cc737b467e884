import { CliError } from '../cli-error.js';
import type { EspruinoTools } from './espruino-tools-types.js';

/**
 * Where the code goes:
 * - `storage`: its own Storage file `coop-<crc>.js`, checked on the board, then made the boot code
 *   by a one-line `.bootcde` loader (safe-flash.ts); run now and at every boot.
 * - `boot`: what coop 0.x wrote with E.setBootCode; now the same as `storage`, which works that way.
 * - `ram`: sent to the interpreter only; it runs now and is gone after a reset.
 */
export type SaveMode = 'storage' | 'boot' | 'ram';

export const saveModes: SaveMode[] = ['storage', 'boot', 'ram'];

/** EspruinoTools' SAVE_ON_SEND values (plugins/saveOnSend.js). */
const SAVE_ON_SEND = { ram: 0, storageFile: 3 } as const;

/** Where `uploadCode` sends the bundle: run it in RAM, or write it to this Storage file (not run). */
export type UploadTarget = { ram: true } | { file: string };

/**
 * Turn a bundle into what is typed at the board, with EspruinoTools'
 * `transformForEspruino` processors (saveOnSend turns it into UTF-8 and, for
 * a file, `require("Storage").write(...)` commands of 1 KB each). The board
 * is reset first (Espruino.Config.RESET_BEFORE_SEND, as the Web IDE does).
 * `preamble` is typed right after that reset, before the bundle (coop puts
 * the console password back there: reset() forgets it). EspruinoTools picks
 * how to save from the firmware version (Storage needs 1v96+), so the version
 * the board reported is passed in, not looked up.
 */
export async function uploadCode(Espruino: EspruinoTools, bundle: string, target: UploadTarget, firmwareVersion: string, preamble = ''): Promise<string> {
  const version = parseVersion(firmwareVersion);
  if ('file' in target && !(version && (version.major > 1 || version.minor >= 96))) {
    throw new CliError(`saving to Storage needs Espruino 1v96 or newer, but the board runs ${firmwareVersion || 'an unknown version'}; ` +
      `update its firmware, or send to RAM with --save ram`);
  }
  Espruino.Core.Env.setFirmwareVersion(firmwareVersion);
  const config = Espruino.Config;
  config.RESET_BEFORE_SEND = true; // start from a clean interpreter, as the Web IDE does
  if ('file' in target) {
    config.SAVE_ON_SEND = SAVE_ON_SEND.storageFile;
    config.SAVE_STORAGE_FILE = target.file;
    config.LOAD_STORAGE_FILE = 0; // not yet: it is checked, then the boot code that loads it is written
  } else {
    config.SAVE_ON_SEND = SAVE_ON_SEND.ram;
  }
  return new Promise((resolve) => {
    Espruino.callProcessor('transformForEspruino', bundle, (code: string) => resolve(preamble + code));
  });
}

/** '2v29.277' → { major: 2, minor: 29 } */
function parseVersion(text: string): { major: number; minor: number } | undefined {
  const m = /^(\d+)v(\d+)/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}
