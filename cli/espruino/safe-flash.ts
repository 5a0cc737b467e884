import { crc32 } from 'node:zlib';

/**
 * How `coop flash` saves a program so that no cut-off upload can lose the old one.
 *
 * Why: Espruino overwrites a Storage file by erasing it first (src/jsflash.c,
 * jsfWriteFile), and EspruinoTools writes `.bootcde` in 1 KB pieces, so a
 * connection dropped half way used to leave half a program to run at boot:
 *
 *     before: require("Storage").write(".bootcde", <1 KB>, 0, 9000); … write(".bootcde", <1 KB>, 8192)   ← cut here: broken boot code
 *     after:  require("Storage").write("coop-3ac1f00d.js", <1 KB>, 0, 9000); …                           ← cut here: old program untouched
 *             check on the board: length 9000, E.CRC32 = 0x3ac1f00d                                        ← a mismatch stops here
 *             require("Storage").write(".bootcde", 'eval(require("Storage").read("coop-3ac1f00d.js"))')   ← one line: all or nothing
 *             erase the other coop-*.js; load()
 *
 * The program file is named after its CRC-32, so flashing the same bundle
 * again finds it already there (and says so), and an interrupted upload of a
 * new one never touches the file the boot code loads. The boot code is a
 * one-line loader written with a single command: the board runs a line only
 * once it has all of it, so a cut leaves either the old loader or the new one.
 * (A power cut during that one small write, ~1 ms of flash erase and write,
 * is the one window left; it is a property of Espruino's Storage, not of the link.)
 *
 * Measured (Espruino 2v29 Linux build): the loader costs 6 JsVars more than
 * the same program written straight into `.bootcde` (407 vs 401 for a
 * one-task program); `E.CRC32` on the board equals Node's `zlib.crc32` over
 * the same bytes.
 */

/**
 * The program file's name pattern on the board (a Storage name is at most 28 characters).
 * Espruino's RegExp has no `{n}` counts and no optional groups (2v29: `/a{8}/` and `/a(-b)?c/` never match), hence `+`.
 */
const programFilePattern = '^coop-[0-9a-f]+\\.js$';

/** The Storage file `--save boot` of coop 0.x wrote the bundle to; erased once a loader no longer uses it. */
export const legacyBootFile = 'coop.js';

/** The bundle as the board stores it: EspruinoTools sends UTF-8 bytes (saveOnSend's asUTF8Bytes). */
export interface ProgramImage {
  /** Storage name: `coop-<crc32 as 8 hex digits>.js`. */
  file: string;
  /** Length in bytes, as `require("Storage").read(file).length` reports it. */
  bytes: number;
  /** CRC-32 of those bytes, unsigned, as `E.CRC32(...) >>> 0`. */
  crc: number;
}

/** Name, length and checksum of `bundle` once stored on a board. */
export function programImage(bundle: string): ProgramImage {
  const data = Buffer.from(bundle, 'utf8');
  const crc = crc32(data) >>> 0;
  return { file: `coop-${hex(crc)}.js`, bytes: data.length, crc };
}

/** What the boot code does besides loading the program. */
export interface LoaderOptions {
  /** Lock the console with this password at every boot (E.setPassword + E.lockConsole). */
  password?: string;
  /** nRF52 only: lock the console again whenever a Bluetooth connection ends (a logged-in console stays open until then). */
  relockOnDisconnect?: boolean;
  /** nRF52 only: NRF.setWhitelist(true): after the first device bonds, only bonded devices may connect. */
  bleWhitelist?: boolean;
}

/** nRF52: lock the console again whenever a Bluetooth connection ends (Espruino leaves a logged-in console open until then). */
export const relockOnDisconnectCode = 'NRF.on("disconnect",function(){E.lockConsole();});';

/**
 * The one-line `.bootcde` that loads `file`. The lock comes first, so the
 * console is closed before the program's first line runs.
 */
export function loaderCode(file: string, options: LoaderOptions = {}): string {
  let code = '';
  if (options.password !== undefined) {
    code += `E.setPassword(${JSON.stringify(options.password)});E.lockConsole();`;
    if (options.relockOnDisconnect) code += relockOnDisconnectCode;
  }
  if (options.bleWhitelist) code += 'NRF.setWhitelist(true);';
  return code + `eval(require("Storage").read(${JSON.stringify(file)}));`;
}

/** CRC-32 of a short text as the board would compute it (for comparing boot code without reading it back). */
export function textCrc(text: string): number {
  return crc32(Buffer.from(text, 'utf8')) >>> 0;
}

/** A stored file's length and CRC as the board reports them; `null` when there is no such file. */
export type StoredFile = { n: number; c: number } | null;

/** What `stateExpression` reports. */
export interface FlashState {
  /** process.memory().total: JsVars the interpreter has. */
  jsVars: number;
  /** Bytes free at the end of Storage (a new file goes there). */
  free: number;
  /** Bytes of erased files that `require("Storage").compact()` would reclaim (0 before 2v09). */
  trash: number;
  /** `.bootcde` now: length and CRC (never its text: it may hold the password). */
  boot: StoredFile;
  /** The program file the boot code loads now (`coop-….js` or the legacy `coop.js`), if it loads one. */
  uses: string | null;
  /** The new program's file, if one by that name is already there. */
  file: StoredFile;
  /** Other program files: left by an upload that was cut off, or by a program no longer booted. */
  stale: { name: string; bytes: number }[];
}

/** On the board, `I(name)`: a stored file's length and CRC-32, or null when there is none. */
const fileInfo = 'function I(f){var d=S.read(f);return d===undefined?null:{n:d.length,c:E.CRC32(d)};}';

/** One expression (ES5, as the board runs it) reporting `FlashState` for writing `image`. */
export function stateExpression(image: ProgramImage): string {
  return `(function(){var S=require("Storage"),r={jsVars:process.memory().total,free:S.getFree(),trash:0};${fileInfo}` +
    `var t=S.getStats?S.getStats():0;if(t){r.free=t.freeBytes;r.trash=t.trashBytes;}` +
    `var b=S.read(".bootcde");r.boot=I(".bootcde");` +
    `var u=b!==undefined&&b.length<300?/coop-[0-9a-f]+\\.js/.exec(b)||/coop\\.js/.exec(b):null;r.uses=u?u[0]:null;` +
    `r.file=I(${JSON.stringify(image.file)});` +
    `r.stale=S.list(new RegExp(${JSON.stringify(programFilePattern)})).filter(function(f){return f!=${JSON.stringify(image.file)}&&f!=r.uses;})` +
    `.map(function(f){return {name:f,bytes:S.read(f).length};});return r;})()`;
}

/** True when the stored file is exactly `image`. */
export function matches(stored: StoredFile, image: { bytes: number; crc: number }): boolean {
  return stored !== null && stored.n === image.bytes && stored.c >>> 0 === image.crc;
}

/** Erase `names` (stale program files) and report Storage's free bytes after. */
export function eraseExpression(names: string[]): string {
  return `(function(){var S=require("Storage");${JSON.stringify(names)}.forEach(function(f){S.erase(f);});return S.getFree();})()`;
}

/** Compact Storage (reclaim erased files' space) and report its free bytes after. */
export const compactExpression = '(function(){var S=require("Storage");S.compact();return S.getFree();})()';

/** Length and CRC of `file` as stored, read back on the board. */
export function verifyExpression(file: string): string {
  return `(function(){var S=require("Storage");${fileInfo}return I(${JSON.stringify(file)});})()`;
}

/**
 * Make `loader` the boot code, then erase every program file but `keep` (and
 * the legacy coop.js the old loader may have used); reports `.bootcde`'s
 * length and CRC as written. One line, so the board runs all of it or none.
 */
export function switchExpression(loader: string, keep: string, eraseLegacy: boolean): string {
  return `(function(){var S=require("Storage");${fileInfo}S.write(".bootcde",${JSON.stringify(loader)});var r=I(".bootcde");` +
    `S.list(new RegExp(${JSON.stringify(programFilePattern)})).forEach(function(f){if(f!=${JSON.stringify(keep)})S.erase(f);});` +
    `${eraseLegacy ? `S.erase(${JSON.stringify(legacyBootFile)});` : ''}return r;})()`;
}

/** Erase a program file that did not verify. */
export function eraseFileExpression(file: string): string {
  return `(function(){require("Storage").erase(${JSON.stringify(file)});return 1;})()`;
}

export function hex(crc: number): string {
  return (crc >>> 0).toString(16).padStart(8, '0');
}
