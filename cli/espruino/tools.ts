import { createRequire } from 'node:module';
import type { BoardDefinition } from '../../boards/board-definition.js';
import { boards } from '../../boards/index.js';
import { CliError } from '../cli-error.js';
import type { EspruinoTools } from './espruino-tools-types.js';
import { createTcpDevice, type TcpDevice } from './tcp-device.js';

/** EspruinoTools, loaded once per process and set up to work offline. */
export interface LoadedTools {
  Espruino: EspruinoTools;
  tcp: TcpDevice;
  /** Every line EspruinoTools logged (for --verbose and for explaining failures). */
  log: string[];
  /** Lines logged since index `from` that match `pattern`. */
  logged(pattern: RegExp, from?: number): string[];
  /** Every URL EspruinoTools tried to fetch. coop answers none of them from the network. */
  blockedUrls: string[];
}

/** Where EspruinoTools looks for board JSON: answered from boards/, never fetched. */
const LOCAL_BOARD_JSON = 'coop-local:/boards';

/**
 * Settings that keep EspruinoTools off the network and away from transports
 * that cannot work in a terminal (each is an Espruino.Config key; see
 * `espruino --listconfigs`).
 */
export const offlineConfig: Record<string, unknown> = {
  BOARD_JSON_URL: LOCAL_BOARD_JSON, // board JSON from coop's own definitions, not espruino.com/json
  MODULE_URL: '', //                   a coop bundle is self-contained: never fetch modules for require()
  COMPILATION: false, //               "compiled" functions would be posted to an online compiler
  COMPILATION_URL: '',
  MINIFICATION_LEVEL: '', //           terser has already minified the bundle
  MODULE_MINIFICATION_LEVEL: '',
  PRETOKENISE: 0,
  SET_TIME_ON_WRITE: false, //         as the espruino CLI: send the code exactly as built
  WEBRTC_BRIDGE_ID: '', //             no remote (WebRTC) or relay connections
  RELAY_KEY: '',
  WEB_BLUETOOTH: false, //             browser-only transports
  WEB_SERIAL: false,
  SERIAL_AUDIO: 0,
  BLUETOOTH_LOW_ENERGY: false, //      noble: switched on only when --port is a Bluetooth address
  BLUETOOTH_LOW_ENERGY_DBUS: false, // node-ble: crashes the process when there is no D-Bus system bus
};

let loaded: Promise<LoadedTools> | undefined;

/** What EspruinoTools has logged in this process (the console is captured while coop uses it). */
export const toolsLog: string[] = [];

/**
 * Load EspruinoTools as a library (`require('espruino').init`), the way its
 * own CLI does, then make it offline: the settings above, plus a `getURL`
 * processor that answers board JSON from coop's boards and refuses every
 * other URL, so nothing can reach the network even if a setting is missed.
 * Call with the console captured: loading logs a line per file.
 */
export function loadEspruinoTools(): Promise<LoadedTools> {
  loaded ??= new Promise<LoadedTools>((resolve, reject) => {
    const require = createRequire(import.meta.url);
    let entry: { init(callback: () => void): void };
    try {
      entry = require('espruino');
    } catch (e) {
      reject(new CliError(`EspruinoTools (the 'espruino' npm package) could not be loaded: ${(e as Error).message.split('\n')[0]}; run npm install in the coop folder`));
      return;
    }
    entry.init(() => {
      const Espruino = (globalThis as unknown as { Espruino: EspruinoTools }).Espruino;
      const tools: LoadedTools = {
        Espruino,
        tcp: createTcpDevice(),
        log: toolsLog,
        blockedUrls: [],
        logged: (pattern, from = 0) => toolsLog.slice(from).filter((line) => pattern.test(line)),
      };
      Object.assign(Espruino.Config, offlineConfig);
      Espruino.addProcessor('getURL', (data: { url: string; data?: string }, callback) => answerOffline(tools, data, callback));
      replaceDevice(Espruino, 'Node Socket', tools.tcp);
      resolve(tools);
    });
  });
  return loaded;
}

function answerOffline(tools: LoadedTools, data: { url: string; data?: string }, callback: (data: unknown) => void): void {
  if (data.url.startsWith(LOCAL_BOARD_JSON + '/')) {
    const name = data.url.slice(LOCAL_BOARD_JSON.length + 1).replace(/\.json$/, '');
    const board = Object.values(boards).find((b) => b.espruinoBoard === name);
    // An unknown board gets no JSON, exactly as if espruino.com had none.
    if (board) return callback({ ...data, data: JSON.stringify(boardJson(board)) });
  } else {
    tools.blockedUrls.push(data.url);
    tools.log.push(`coop: not fetching ${data.url} (coop works offline)`);
  }
  // EspruinoTools treats an unreadable local file as "not found": its getURL then calls back with undefined.
  callback({ url: '/coop-works-offline/no-such-file' });
}

/** What EspruinoTools reads from a board JSON file (info, chip), from coop's definition. */
export function boardJson(board: BoardDefinition): Record<string, unknown> {
  return {
    info: { name: board.name, id: board.espruinoBoard },
    chip: { part: board.chip, family: board.chip },
    coop: { id: board.id, jsVars: board.jsVars, flashBytes: board.flashBytes, source: board.source },
  };
}

function replaceDevice(Espruino: EspruinoTools, name: string, device: TcpDevice): void {
  const devices = Espruino.Core.Serial.devices;
  const at = devices.findIndex((d) => d.name === name);
  if (at >= 0) devices.splice(at, 1, device);
  else devices.push(device);
}
