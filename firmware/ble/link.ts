/**
 * The board as a peripheral: a phone connecting and leaving, as futures.
 *
 * Espruino reports them as NRF 'connect' (the phone's address) and
 * 'disconnect' (a reason code) events. Coop listens only while a task waits
 * or a GATT server (gatt.ts) needs to know, and removes its listeners when
 * nobody does; whether a phone is connected now comes from
 * NRF.getSecurityStatus(), so nothing has to listen just to remember it.
 */
import { enter, type Waitable, type Waiter } from '../executor.js';
import { waitableThen, type Future } from '../future.js';
import { removeWaiterFrom } from '../wait-list.js';
import { radio } from './radio.js';

/** Listeners' state. Legend: c, tasks waiting for a connection; d, for a disconnection;
 *  n, holders (GATT servers) besides them; l, the listeners are on NRF (not `on`: every Espruino object has an `on` method); fc / fd, the listeners;
 *  k, what a GATT server runs on disconnection. */
const st: { c: Waiter[]; d: Waiter[]; n: number; l?: 1; fc?: (a: string) => void; fd?: (r: number) => void; k?: () => void } = { c: [], d: [], n: 0 };

/** Is a phone (a central) connected to the board now? */
export const isConnected = function (): boolean {
  return !!radio('isConnected').getSecurityStatus().connected;
};

/** Listen to NRF while anyone needs it; stop when nobody does. */
export const listen = function () {
  const nrf = radio('waitForConnect');
  const need = st.c.length + st.d.length + st.n > 0;
  if (need && !st.l) {
    st.l = 1;
    if (!st.fc) {
      st.fc = function (addr: string) { enter(function () { const c = st.c; st.c = []; wake(c, addr); listen(); }); };
      st.fd = function (r: number) { enter(function () { if (st.k) st.k(); const d = st.d; st.d = []; wake(d, r); listen(); }); };
    }
    nrf.on('connect', st.fc);
    nrf.on('disconnect', st.fd);
  } else if (!need && st.l) {
    delete st.l;
    nrf.removeListener('connect', st.fc);
    nrf.removeListener('disconnect', st.fd);
  }
};

/** A GATT server holds the listeners (`k` runs on every disconnection) or lets go. */
export const hold = function (k: (() => void) | undefined) {
  if (k) { st.n++; st.k = k; } else if (st.n > 0 && --st.n === 0) delete st.k;
  listen();
};

const wake = function (ws: Waiter[], v: any) {
  for (let i = 0; i < ws.length; i++) ws[i]._k(v);
};

/** The two waits; `c` picks the list. */
interface LinkOp extends Waitable<any> { c: 1 | 0 }
const LinkOp = function (this: LinkOp, c: 1 | 0) { this.c = c; } as unknown as { new (c: 1 | 0): LinkOp; prototype: LinkOp };
LinkOp.prototype._p = function (this: LinkOp, w: Waiter) {
  const s = radio(this.c ? 'waitForConnect' : 'waitForDisconnect').getSecurityStatus();
  if (this.c && s.connected) return w._k(s.connected_addr);
  if (!this.c && !s.connected) return w._k(0);
  (this.c ? st.c : st.d).push(w);
  listen();
};
LinkOp.prototype._u = function (this: LinkOp, w: Waiter) {
  removeWaiterFrom(this.c ? st.c : st.d, w);
  listen();
};
LinkOp.prototype.then = waitableThen;
let connectOp: LinkOp | undefined;
let disconnectOp: LinkOp | undefined;

/** Wait until a phone is connected (at once if one is): its address. */
export const waitForConnect = function (): Future<string> {
  if (!connectOp) {
    connectOp = new LinkOp(1);
    connectOp._n = 'BLE connect';
  }
  return connectOp;
};

/** Wait until the phone leaves (at once, with 0, if none is connected): Espruino's reason (19: the phone hung up). */
export const waitForDisconnect = function (): Future<number> {
  if (!disconnectOp) {
    disconnectOp = new LinkOp(0);
    disconnectOp._n = 'BLE disconnect';
  }
  return disconnectOp;
};
