import { CliError } from '../cli-error.js';
import type { EspruinoTools } from './espruino-tools-types.js';

/**
 * Where the code goes:
 * - `storage`: Storage file `.bootcde`, run now and at every boot (EspruinoTools' "Save on Send: Direct to Flash").
 * - `boot`: Storage file `coop.js`, plus `E.setBootCode` with a one-line loader for it; run now and at every boot.
 * - `ram`: sent to the interpreter only; it runs now and is gone after a reset.
 */
export type SaveMode = 'storage' | 'boot' | 'ram';

export const saveModes: SaveMode[] = ['storage', 'boot', 'ram'];

/** The Storage file `--save boot` writes the bundle to. */
export const bootFile = 'coop.js';

/** EspruinoTools' SAVE_ON_SEND values (plugins/saveOnSend.js). */
const SAVE_ON_SEND = { ram: 0, storageBootCode: 1, storageFile: 3 } as const;

/**
 * Turn a bundle into what is typed at the board, with EspruinoTools'
 * `transformForEspruino` processors (saveOnSend wraps it into
 * `require("Storage").write(...)` chunks and a `load()` for the Storage modes).
 * EspruinoTools picks how to save from the firmware version (Storage needs
 * 1v96+), so the version the board reported is passed in, not looked up.
 */
export async function uploadCode(Espruino: EspruinoTools, bundle: string, mode: SaveMode, firmwareVersion: string): Promise<string> {
  const version = parseVersion(firmwareVersion);
  if (mode !== 'ram' && !(version && (version.major > 1 || version.minor >= 96))) {
    throw new CliError(`saving to Storage needs Espruino 1v96 or newer, but the board runs ${firmwareVersion || 'an unknown version'}; ` +
      `update its firmware, or send to RAM with --save ram`);
  }
  Espruino.Core.Env.setFirmwareVersion(firmwareVersion);
  const config = Espruino.Config;
  config.RESET_BEFORE_SEND = true; // start from a clean interpreter, as the Web IDE does
  if (mode === 'ram') {
    config.SAVE_ON_SEND = SAVE_ON_SEND.ram;
  } else if (mode === 'storage') {
    config.SAVE_ON_SEND = SAVE_ON_SEND.storageBootCode;
    config.LOAD_STORAGE_FILE = 1; // then load(): reset and run .bootcde, exactly as after a power cycle
  } else {
    config.SAVE_ON_SEND = SAVE_ON_SEND.storageFile;
    config.SAVE_STORAGE_FILE = bootFile;
    config.LOAD_STORAGE_FILE = 0; // not yet: the boot code that loads it is written first
  }
  return new Promise((resolve) => {
    Espruino.callProcessor('transformForEspruino', bundle, (code: string) => {
      if (mode === 'storage') {
        // A coop.js left by an earlier --save boot would only take flash space.
        code = `require("Storage").erase(${JSON.stringify(bootFile)});\n` + code;
      }
      if (mode === 'boot') {
        const loader = `eval(require("Storage").read(${JSON.stringify(bootFile)}))`;
        code += `E.setBootCode(${JSON.stringify(loader)});\nload();\n`;
      }
      resolve(code);
    });
  });
}

/** '2v29.277' → { major: 2, minor: 29 } */
function parseVersion(text: string): { major: number; minor: number } | undefined {
  const m = /^(\d+)v(\d+)/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}
