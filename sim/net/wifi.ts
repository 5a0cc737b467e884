/**
 * `require('Wifi')` on a simulated ESP32: the station side of Espruino's
 * Wifi module (libs/network/jswrap_wifi.c, esp32/jswrap_esp32_network.c),
 * joining the access points of the diagram on the virtual clock.
 *
 * What it does, as the ESP32 build does:
 * - `connect(ssid, {password}, cb)`: after LINK.associateMs, 'associated'
 *   then 'connected' ({ip, netmask, gw}) and cb(null). No access point with
 *   that SSID (or one that is down, or weaker than LINK.minSignal): after
 *   LINK.noApMs, 'disconnected' ({reason: '201', msg: 'NO_AP_FOUND'}) and
 *   cb('NO_AP_FOUND'). A wrong password: 'disconnected' with AUTH_FAIL and
 *   cb('AUTH_FAIL'). The callback's argument is the reason string, as
 *   sendWifiCompletionCB passes wifiReasonToString(reason).
 * - The access point going down while connected: LINK.beaconTimeoutMs later,
 *   'disconnected' with BEACON_TIMEOUT, every open socket fails ('no
 *   connection'), and the station stays off: the ESP32 build does not
 *   reconnect by itself (stopWifiIfIdle), so firmware must (firmware/net/wifi.ts).
 * - `disconnect(cb)`, `getStatus()`, `getIP(cb)`, `getDetails(cb)`.
 * Access-point mode, scan, ping, DNS and SNTP are not emulated (they fail naming themselves).
 */
import type { BoardServices } from '../host.js';
import { LINK, type AccessPointState, type Network } from './network.js';

/** What require('Wifi') uses of the board. */
export type WifiHost = Pick<BoardServices, 'clock' | 'describe' | 'newObject' | 'note' | 'raise' | 'random' | 'realm' | 'toRealm' | 'unsupported'>;

/** The station's states, as getStatus().station names them. */
type Station = 'off' | 'connecting' | 'connected' | 'no_ap_found' | 'wrong_password';

/** ESP-IDF reason codes (wifi_err_reason_t) and their names. */
const REASON = { ASSOC_LEAVE: 8, BEACON_TIMEOUT: 200, NO_AP_FOUND: 201, AUTH_FAIL: 202 } as const;

export function wifiModule(h: WifiHost, net: Network): Record<string, unknown> {
  const w = h.newObject();
  let station: Station = 'off';
  let ap: AccessPointState | undefined;
  let ssid = '';
  /** The pending connect's timer and callback; a new connect or disconnect replaces them. */
  let pending: { timer: ReturnType<BoardServices['clock']['at']>; cb?: unknown } | undefined;
  let lossTimer: ReturnType<BoardServices['clock']['at']> | undefined;
  const ip = '192.168.4.' + (20 + Math.floor(h.random() * 200));
  const mac = '24:0a:c4:00:' + hex(Math.floor(h.random() * 256)) + ':' + hex(Math.floor(h.random() * 256));

  const emit = (event: string, details?: Record<string, unknown>) => {
    (w as unknown as { emit: (...a: unknown[]) => void }).emit(event, details === undefined ? undefined : h.toRealm(details));
  };
  const callback = (cb: unknown, ...args: unknown[]) => {
    if (typeof cb === 'function') h.realm.api.queueEvent(cb, undefined, args);
  };
  const method = (n: string, fn: (...a: unknown[]) => unknown) => Object.defineProperty(w, n, { value: fn, writable: true, configurable: true, enumerable: false });
  const cancelPending = () => {
    if (pending) h.clock.cancel(pending.timer);
    pending = undefined;
  };
  const disconnected = (reason: keyof typeof REASON) => {
    emit('disconnected', { ssid, mac: ap ? apMac(ap) : '00:00:00:00:00:00', reason: String(REASON[reason]), msg: reason });
  };
  const goOffline = () => {
    if (lossTimer) h.clock.cancel(lossTimer);
    lossTimer = undefined;
    if (ap) ap.changed = undefined;
    net.online = () => false;
  };
  /** The access point changed while connected: down → lost after the beacon timeout. */
  const watchAp = (a: AccessPointState) => {
    a.changed = () => {
      if (station !== 'connected') return;
      if (!a.up && lossTimer === undefined) {
        lossTimer = h.clock.at(h.clock.us + LINK.beaconTimeoutMs * 1000, 1, () => {
          lossTimer = undefined;
          if (a.up || station !== 'connected') return;
          station = 'off';
          goOffline();
          h.note(`WiFi: lost ${a.ssid} (BEACON_TIMEOUT)`);
          net.linkLost();
          disconnected('BEACON_TIMEOUT');
        });
      } else if (a.up && lossTimer !== undefined) {
        h.clock.cancel(lossTimer);
        lossTimer = undefined;
      }
    };
  };

  method('connect', (name?: unknown, options?: unknown, cb?: unknown) => {
    if (typeof name !== 'string') h.raise('TypeError', `Wifi.connect: the SSID must be a string, got ${h.describe(name)}`);
    if (typeof options === 'function' && cb === undefined) {
      cb = options;
      options = undefined;
    }
    if (cb !== undefined && typeof cb !== 'function') h.raise('Error', `Wifi.connect: expecting a callback function, got ${h.describe(cb)}`);
    const password = options !== null && typeof options === 'object' ? (options as { password?: unknown }).password : undefined;
    if (station === 'connected' && name === ssid) {
      callback(cb, null);
      return;
    }
    cancelPending();
    if (station === 'connected') {
      goOffline();
      net.linkLost();
      disconnected('ASSOC_LEAVE');
    }
    station = 'connecting';
    ssid = name;
    const target = net.accessPoints.find((a) => a.ssid === name && a.up && a.signal >= LINK.minSignal);
    const wrong = target !== undefined && target.password !== undefined && target.password !== '' && String(password ?? '') !== target.password;
    const ms = target === undefined ? LINK.noApMs : LINK.associateMs;
    const timer = h.clock.at(h.clock.us + ms * 1000, 1, () => {
      pending = undefined;
      // Checked again when the attempt ends: the access point may have gone meanwhile.
      if (target === undefined || !target.up) {
        station = 'no_ap_found';
        h.note(`WiFi: no access point "${name}"`);
        disconnected('NO_AP_FOUND');
        callback(cb, 'NO_AP_FOUND');
        return;
      }
      if (wrong) {
        station = 'wrong_password';
        h.note(`WiFi: wrong password for ${name}`);
        disconnected('AUTH_FAIL');
        callback(cb, 'AUTH_FAIL');
        return;
      }
      station = 'connected';
      ap = target;
      net.online = () => station === 'connected';
      watchAp(target);
      h.note(`WiFi: connected to ${name} as ${ip}`);
      emit('associated', { ssid: name, mac: apMac(target), channel: 6 });
      emit('connected', { ip, netmask: '255.255.255.0', gw: '192.168.4.1' });
      callback(cb, null);
    });
    pending = { timer, cb };
  });
  method('disconnect', (cb?: unknown) => {
    cancelPending();
    const was = station;
    station = 'off';
    goOffline();
    if (was === 'connected') {
      net.linkLost();
      disconnected('ASSOC_LEAVE');
    }
    callback(cb);
  });
  method('getStatus', (cb?: unknown) => {
    const s = h.toRealm({ station, ap: 'disabled', mode: station === 'off' ? 'off' : 'sta', phy: '11n', powersave: 'none', savedMode: 'off' });
    callback(cb, s);
    return s;
  });
  method('getIP', (cb?: unknown) => {
    const s = h.toRealm(station === 'connected' ? { ip, netmask: '255.255.255.0', gw: '192.168.4.1', mac } : { ip: '0.0.0.0', netmask: '0.0.0.0', gw: '0.0.0.0', mac });
    callback(cb, s);
    return s;
  });
  method('getDetails', (cb?: unknown) => {
    const s = h.toRealm({ status: station, rssi: station === 'connected' && ap ? ap.signal : 0, ssid, mac, savedSsid: '' });
    callback(cb, s);
    return s;
  });
  for (const n of ['startAP', 'stopAP', 'scan', 'ping', 'getHostByName', 'setSNTP', 'setIP', 'setAPIP', 'save', 'restore', 'setConfig', 'getAPDetails', 'getAPIP', 'setHostname', 'getHostname', 'turbo']) {
    method(n, () => h.unsupported(`require('Wifi').${n}`));
  }
  return w;
}

function hex(n: number): string {
  return (n < 16 ? '0' : '') + n.toString(16);
}

/** A made-up but stable BSSID for an access point. */
function apMac(ap: AccessPointState): string {
  let x = 0;
  for (const c of ap.ssid) x = (x * 31 + c.charCodeAt(0)) >>> 0;
  return 'a0:b1:c2:' + hex(x & 255) + ':' + hex((x >> 8) & 255) + ':' + hex((x >> 16) & 255);
}
