/**
 * WiFi on the ESP32 as futures: join an access point with retries and
 * backoff, keep the link up, and let tasks wait until it is.
 *
 * Why: Espruino's `require('Wifi').connect(ssid, {password}, cb)` calls back
 * once, with null or a reason ('NO_AP_FOUND', 'AUTH_FAIL', …), and when the
 * link drops later it emits 'disconnected' and stays off: the ESP32 build
 * does not reconnect by itself. Every project writes the same loop around
 * it. Before:
 *
 *     function join() {
 *       wifi.connect(SSID, { password: PW }, function (err) {
 *         if (err) setTimeout(join, 5000); else startMqtt();
 *       });
 *     }
 *     wifi.on('disconnected', function () { stopMqtt(); setTimeout(join, 5000); });
 *
 * After:
 *
 *     keepWifi(SSID, { password: PW });           // a task: joins, rejoins, with backoff
 *     await wifiUp();                              // in any task: wait for the link
 *
 * The link state is an Event (`up`): set on 'connected', cleared on
 * 'disconnected'. Cancelling the keeper (or a connectWifi) stops the
 * attempt, removes the listeners and disconnects.
 */
import { Event } from '../event.js';
import { select } from '../select.js';
import { spawn, type Task } from '../task.js';
import { sleep } from '../time.js';
import type { Future } from '../future.js';
import { Pending } from './pending.js';

declare const require: (name: string) => any;

export interface WifiOptions {
  /** WPA2 password; none for an open network. */
  password?: string;
  /** Wait after the first failed attempt (ms); doubles after each failure up to maxBackoff. Default 1000. */
  backoff?: number;
  /** Longest wait between attempts (ms). Default 60000. */
  maxBackoff?: number;
  /** How long one attempt may take before it counts as failed (ms). Default 20000. */
  attemptTimeout?: number;
  /** connectWifi: give up after this many failed attempts in a row. Default: never. */
  attempts?: number;
}

/** The link: `up` set while connected, `down` while not (both Events, so either can be awaited). */
const up = /*#__PURE__*/ new Event();
const down = /*#__PURE__*/ new Event();
/** Record the link's state in both Events. */
const setLink = function (on: boolean) {
  if (on) {
    up.set();
    down.clear();
  } else {
    up.clear();
    down.set();
  }
};
/** A keeper waiting for the link to drop. */
let lostWaiter: Pending<string> | undefined;
/** Why the last attempt or the link failed ('' when it has not). */
let lastError = '';
/** The Wifi module and its two listeners, while installed. */
let W: any;
let onUp: (() => void) | undefined;
let onDown: ((d: any) => void) | undefined;

/** Load the Wifi module and listen to the link (once). */
const link = function (): any {
  if (W === undefined) {
    try {
      W = require('Wifi');
    } catch (e) {
      throw new Error("WiFi: this board has no Wifi module (require('Wifi') failed: " + (e as Error).message + '); http and tcp still work where the board has a network, e.g. the Linux build');
    }
  }
  if (onUp === undefined) {
    setLink(false);
    onUp = function () { setLink(true); };
    onDown = function (d: any) {
      setLink(false);
      lastError = d && d.msg ? d.msg : 'disconnected';
      const l = lostWaiter;
      lostWaiter = undefined;
      if (l) l.ok(lastError);
    };
    W.on('connected', onUp);
    W.on('disconnected', onDown);
  }
  return W;
};

/** Stop listening and leave the access point. */
const unlink = function () {
  if (W === undefined) return;
  if (onUp !== undefined) {
    W.removeListener('connected', onUp);
    W.removeListener('disconnected', onDown);
    onUp = onDown = undefined;
  }
  setLink(false);
  W.disconnect();
};

/** One Wifi.connect: null when joined, else the reason. Cancelled → the attempt is stopped. */
const attempt = function (w: any, ssid: string, password: string | undefined): Pending<string | null> {
  const p: Pending<string | null> = new Pending<string | null>(function () {
    if (p.waiting) w.disconnect();
  });
  w.connect(ssid, { password: password }, function (err: any) {
    p.ok(err ? String(err) : null);
  });
  return p;
};

/**
 * Join `ssid`, retrying with backoff (see WifiOptions); resolves when the
 * link is up. Throws after `attempts` failures, naming the SSID and the
 * last reason. Cancelled, it stops the attempt in progress.
 */
export const connectWifi = async function (ssid: string, options?: WifiOptions): Promise<void> {
  const o = options || {};
  const w = link();
  let delay = o.backoff !== undefined ? o.backoff : 1000;
  const max = o.maxBackoff !== undefined ? o.maxBackoff : 60000;
  const limit = o.attemptTimeout !== undefined ? o.attemptTimeout : 20000;
  for (let n = 1; ; n++) {
    const p = attempt(w, ssid, o.password);
    let why: string | null;
    try {
      const r = await select(p, sleep(limit));
      why = r.index === 0 ? r.value : 'no answer within ' + limit + ' ms';
    } finally {
      p.release();
    }
    if (why === null) {
      setLink(true);
      lastError = '';
      return;
    }
    lastError = why;
    if (o.attempts !== undefined && n >= o.attempts) throw new Error('WiFi ' + ssid + ': ' + why + ' after ' + n + ' attempt' + (n > 1 ? 's' : ''));
    await sleep(delay);
    delay = Math.min(delay * 2, max);
  }
};

/**
 * A task that keeps the board on `ssid`: joins (connectWifi, never giving
 * up), waits for the link to drop, and joins again, the backoff starting
 * over. Cancel it to leave the network.
 */
export const keepWifi = function (ssid: string, options?: WifiOptions): Task<void> {
  const o = options || {};
  const forever: WifiOptions = { password: o.password, backoff: o.backoff, maxBackoff: o.maxBackoff, attemptTimeout: o.attemptTimeout };
  return spawn(async function () {
    link();
    try {
      for (;;) {
        await connectWifi(ssid, forever);
        if (!up.isSet) continue; // dropped again already
        const lost = new Pending<string>(function () { lostWaiter = undefined; });
        lostWaiter = lost;
        try {
          await lost;
        } finally {
          lost.release();
        }
      }
    } finally {
      unlink();
    }
  }, { name: 'wifi' });
};

/** Wait until the link is up (at once if it is). */
export const wifiUp = function (): Future<void> {
  return up;
};

/** Wait until the link is down (at once if it is, or if WiFi was never started). */
export const wifiDown = function (): Future<void> {
  if (!up.isSet) return down.isSet ? down : sleep(0);
  return down;
};

/** Is the link up now? */
export const wifiIsUp = function (): boolean {
  return up.isSet;
};

/** Why the last attempt or the link failed: 'NO_AP_FOUND', 'AUTH_FAIL', 'BEACON_TIMEOUT', … ('' if it has not). */
export const wifiError = function (): string {
  return lastError;
};
