import type { BoardServices } from '../host.js';
import type { Network } from '../net/network.js';
import { httpModule, netModule, type SocketsHost } from '../net/sockets.js';
import { wifiModule, type WifiHost } from '../net/wifi.js';
import { storageModule, type StorageHost } from './storage.js';

/** What require() uses of the board, with what the modules it returns use (Storage, Wifi, net, http). */
export type RequireHost = Pick<BoardServices, 'board' | 'chip' | 'newObject' | 'raise' | 'realm' | 'storage' | 'toRealm' | 'unsupported'> & StorageHost & WifiHost & SocketsHost & { readonly net: Network };

/** Built-in modules of Espruino firmware that the simulator does not emulate. */
const NOT_EMULATED = [
  'Flash', 'heatshrink', 'crypto', 'neopixel', 'Wifi', 'ESP32', 'http', 'net', 'dgram', 'tls', 'fs', 'Telnet',
  'ble_hid_keyboard', 'ble_hid_controls', 'ble_eddystone', 'ble_ibeacon', 'ble_uart', 'ble_simple_uart', 'tensorflow',
  'CC3000', 'WIZnet', 'TelnetServer', 'NetworkJS', 'AT', 'Font6x8', 'Font8x16',
];

/**
 * require(): 'Storage' is the simulated flash; a module saved in Storage under
 * the name is loaded from there (as Espruino does); a known built-in the
 * simulator lacks fails naming it; anything else is "Module … not found".
 */
export function requireFunction(h: RequireHost): (name: unknown) => unknown {
  const cache = new Map<string, unknown>();
  return (name: unknown) => {
    const n = String(name);
    if (cache.has(n)) return cache.get(n);
    let mod: unknown;
    if (n === 'Storage') mod = storageModule(h);
    else if (n === 'Wifi' && h.chip.family === 'esp32') mod = wifiModule(h, h.net);
    else if ((n === 'http' || n === 'net') && (h.chip.family === 'esp32' || h.chip.family === 'linux')) mod = n === 'http' ? httpModule(h, h.net) : netModule(h, h.net);
    else if ((n === 'Wifi' && (h.chip.family === 'linux' || h.chip.family === 'nrf52')) || ((n === 'http' || n === 'net') && (h.board.id === 'puckjs' || h.board.id === 'banglejs2'))) {
      // Builds without the module say so: Wifi is only in the ESP32's (of these boards); the Puck.js and
      // Bangle.js 2 builds have no NET library (boards/*.py in Espruino's source).
      h.raise('Error', `Module ${n} not found (Espruino on ${h.board.name} has no '${n}' module${n === 'Wifi' ? '; http and net need no Wifi where the board has a network' : ''})`);
    }
    else if (NOT_EMULATED.includes(n)) h.unsupported(`require('${n}')`);
    else {
      const source = h.storage.read(n);
      if (source === undefined) h.raise('Error', `Module ${n} not found (the simulator only has the 'Storage' module built in, and no Storage file is named '${n}')`);
      const exports = h.newObject();
      const module = h.toRealm({ exports });
      const fn = h.realm.evaluate(`(function (exports, module) {\n${source}\n})`, n) as Function;
      fn(exports, module);
      mod = (module as { exports: unknown }).exports;
    }
    cache.set(n, mod);
    return mod;
  };
}
