/**
 * A small MQTT 3.1.1 client written in Coop: connect, publish at QoS 0 and
 * 1, subscribe as a stream, keep-alive, and reconnect with backoff, over
 * tcp.ts. Espruino's own MQTT module is fetched from the internet by its
 * tools when a program requires it; this one is part of the bundle, so it
 * builds offline, and it is tested against the simulator's broker and a
 * real one (aedes) in test/net.
 *
 *     const mq = new Mqtt({ host: 'mqtt.local', clientId: 'ws1', online: wifiUp });
 *     mq.start();                                         // a task that owns the connection
 *     await mq.publish('home/temp', '21.5', { qos: 1 });  // resolves on the broker's PUBACK
 *     const cmds = mq.subscribe('home/ws1/cmd');          // a Channel of { topic, payload }
 *     const m = await cmds.recv();
 *
 * QoS 1 messages wait in a queue (at most `maxQueue`; publish() waits for
 * room) until the broker acknowledges them: published while offline they go
 * out, in order, when the connection is back; one sent but not acknowledged
 * when the connection dropped is sent again with the DUP flag. Each leaves
 * the queue on its PUBACK, so none is sent again after that. QoS 0 messages
 * are not queued: publishing one while offline throws.
 *
 * The connection task (start()): wait for `online` (e.g. wifiUp), connect,
 * CONNECT/CONNACK, subscribe again, send the queue, then three children
 * read packets, send queued messages, and ping when nothing else was sent
 * for `keepAlive` s (a missing PINGRESP drops the connection). When any of
 * them fails (the socket closed, the broker went quiet) the others are
 * cancelled, the socket closed, and it reconnects after a backoff that
 * doubles up to `maxBackoff`. Cancelling the task sends DISCONNECT and closes.
 */
import { Channel } from '../channel.js';
import { Event } from '../event.js';
import { isCancelled } from '../errors.js';
import { join } from '../join.js';
import { Semaphore } from '../semaphore.js';
import { spawn, type Task } from '../task.js';
import { now, sleep } from '../time.js';
import { withTimeout } from '../timeout.js';
import { Pending } from './pending.js';
import { tcpConnect, type TcpSocket } from './tcp.js';

export interface MqttOptions {
  host: string;
  /** Default 1883. */
  port?: number;
  /** Unique per board: the broker drops an older connection with the same id. */
  clientId: string;
  username?: string;
  password?: string;
  /** Seconds; a PINGREQ goes out when nothing else was sent for this long. Default 60. */
  keepAlive?: number;
  /** Wait before each connection attempt, e.g. `wifiUp`. */
  online?: () => PromiseLike<any>;
  /** First wait after a failed connection (ms), doubling up to maxBackoff. Default 1000 and 60000. */
  backoff?: number;
  maxBackoff?: number;
  /** QoS 1 messages kept until acknowledged. Default 10. */
  maxQueue?: number;
}

export interface MqttMessage {
  topic: string;
  payload: string;
}

/** MQTT control packet types, shifted into the first byte. */
const enum Packet {
  Connect = 0x10, Connack = 0x20, Publish = 0x30, Puback = 0x40, Subscribe = 0x82, Suback = 0x90,
  Pingreq = 0xc0, Pingresp = 0xd0, Disconnect = 0xe0,
}

/**
 * One queued QoS 1 message. Legend: t topic, p payload, r retain (1/0),
 * i packet id, s sent at least once (DUP on a resend), n sent on this
 * connection, w the publisher's wait.
 */
interface Queued {
  t: string;
  p: string;
  r: number;
  i: number;
  s?: 1;
  n?: 1;
  w: Pending<void>;
}

/** A subscription. Legend: f topic filter, q QoS asked for, c the stream. */
interface Sub {
  f: string;
  q: number;
  c: Channel<MqttMessage>;
}

/** A 16-bit number as two bytes. */
const u16 = function (n: number): string {
  return String.fromCharCode(n >> 8, n & 255);
};
/** An MQTT string: length, then the bytes. */
const mstr = function (s: string): string {
  return u16(s.length) + s;
};
/** A packet: first byte, remaining length (1–4 bytes), body. */
const packet = function (first: number, body: string): string {
  let n = body.length;
  let out = String.fromCharCode(first);
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 128;
    out += String.fromCharCode(b);
  } while (n > 0);
  return out + body;
};

/** Does filter `f` (with + and #) match `topic`? */
export const topicMatches = function (f: string, topic: string): boolean {
  const a = f.split('/');
  const b = topic.split('/');
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '#') return true;
    if (i >= b.length || (a[i] !== '+' && a[i] !== b[i])) return false;
  }
  return a.length === b.length;
};

/** CONNACK return codes 1–5, for messages. */
const REFUSED = ['', 'unacceptable protocol version', 'client id rejected', 'server unavailable', 'bad user name or password', 'not authorized'];

export class Mqtt {
  /** Set while connected (CONNACK received). */
  readonly connected = new Event();
  /** Why the last connection failed or dropped ('' if none has). */
  lastError = '';
  /** @internal Options, 'host:port', QoS 1 queue, its room, subscriptions, next packet id. */ o: MqttOptions;
  /** @internal */ nm: string;
  /** @internal */ qu: Queued[] = [];
  /** @internal */ rm: Semaphore;
  /** @internal */ sb: Sub[] = [];
  /** @internal */ id = 1;
  /** @internal The socket while connected; when something was last sent (ms); a wake-up for the sender. */ sk?: TcpSocket;
  /** @internal */ ls = 0;
  /** @internal */ kick = new Event();
  /** @internal A PINGRESP awaited. */ pr?: Pending<void>;
  /** @internal The last session got as far as CONNACK (so the backoff starts over). */ ok?: 1;

  constructor(options: MqttOptions) {
    const o = options;
    if (!o || typeof o.host !== 'string' || typeof o.clientId !== 'string' || o.clientId === '') {
      throw new TypeError("new Mqtt(options): give { host: 'mqtt.local', clientId: 'board1' }");
    }
    this.o = o;
    this.nm = o.host + ':' + (o.port || 1883);
    this.rm = new Semaphore(o.maxQueue !== undefined ? o.maxQueue : 10);
  }

  /** Start the connection task (see the file comment); cancel it to disconnect. */
  start(): Task<void> {
    const self = this;
    return spawn(function () { return run(self); }, { name: 'mqtt' });
  }

  /**
   * Publish. QoS 1 (default 0): queued, resolves on the broker's PUBACK
   * (cancelling the wait takes a message not yet sent out of the queue).
   * QoS 0: sent now; throws when not connected.
   */
  publish(topic: string, payload: string, options?: { qos?: 0 | 1; retain?: boolean }): Future<void> {
    const qos = options && options.qos ? 1 : 0;
    const retain = options && options.retain ? 1 : 0;
    if (qos === 0) return publish0(this, topic, String(payload), retain);
    return publish1(this, topic, String(payload), retain);
  }

  /** Messages on topics matching `filter`, as a stream (a Channel of `capacity`, default 4; when full the reader waits). */
  subscribe(filter: string, capacity?: number): Channel<MqttMessage> {
    const s: Sub = { f: filter, q: 1, c: new Channel<MqttMessage>(capacity || 4) };
    this.sb.push(s);
    // Connected: subscribe now (a failure drops the connection, and the next one subscribes again).
    if (this.connected.isSet) this.send(packet(Packet.Subscribe, u16(this.next()) + mstr(filter) + String.fromCharCode(1))).then(undefined, function () {});
    return s.c;
  }

  /** QoS 1 messages waiting for their PUBACK. */
  get queued(): number {
    return this.qu.length;
  }

  /** @internal A packet id, 1..65535. */
  next(): number {
    const i = this.id;
    this.id = i === 65535 ? 1 : i + 1;
    return i;
  }

  /** @internal Send a packet now. */
  send(p: string): Future<void> {
    this.ls = now();
    return this.sk!.write(p);
  }
}

type Future<T> = PromiseLike<T>;

/** A PUBLISH packet. */
const publishPacket = function (m: { t: string; p: string; r: number; i?: number; s?: 1 }, qos: number): string {
  return packet(Packet.Publish | (m.s ? 8 : 0) | (qos << 1) | m.r, mstr(m.t) + (qos ? u16(m.i!) : '') + m.p);
};

const publish0 = async function (c: Mqtt, t: string, p: string, r: number): Promise<void> {
  if (!c.connected.isSet) throw new Error('mqtt ' + c.nm + ': not connected (' + (c.lastError || 'not started') + '); QoS 0 messages are not queued, use { qos: 1 }');
  await c.send(publishPacket({ t: t, p: p, r: r }, 0));
};

const publish1 = async function (c: Mqtt, t: string, p: string, r: number): Promise<void> {
  await c.rm.acquire();
  const m: Queued = { t: t, p: p, r: r, i: c.next(), w: new Pending<void>() };
  c.qu.push(m);
  c.kick.set();
  try {
    await m.w;
  } finally {
    if (m.w.waiting && !m.n && !m.s) {
      // Cancelled before it went out: it leaves the queue.
      const i = c.qu.indexOf(m);
      if (i >= 0) {
        c.qu.splice(i, 1);
        c.rm.release();
      }
    }
  }
};

/** The connection task: connect, serve, reconnect with backoff, forever. */
const run = async function (c: Mqtt): Promise<void> {
  const o = c.o;
  let delay = o.backoff !== undefined ? o.backoff : 1000;
  const max = o.maxBackoff !== undefined ? o.maxBackoff : 60000;
  for (;;) {
    if (o.online) await o.online();
    delete c.ok;
    try {
      await session(c);
    } catch (e) {
      if (isCancelled(e)) throw e;
      c.lastError = (e as Error).message;
    }
    if (c.ok) delay = o.backoff !== undefined ? o.backoff : 1000;
    await sleep(delay);
    delay = Math.min(delay * 2, max);
  }
};

/** One connection, until it fails (it always ends by throwing). */
const session = async function (c: Mqtt): Promise<void> {
  const o = c.o;
  const ka = o.keepAlive !== undefined ? o.keepAlive : 60;
  const s = await tcpConnect({ host: o.host, port: o.port || 1883 });
  c.sk = s;
  let ok = false;
  try {
    let flags = 2; // clean session
    let tail = mstr(o.clientId);
    if (o.username !== undefined) { flags |= 0x80; tail += mstr(o.username); }
    if (o.password !== undefined) { flags |= 0x40; tail += mstr(o.password); }
    await c.send(packet(Packet.Connect, mstr('MQTT') + String.fromCharCode(4, flags) + u16(ka) + tail));
    const reader = new Reader(s);
    const ack = await withTimeout(10000, reader.next());
    if (ack.f !== Packet.Connack) throw new Error('mqtt ' + c.nm + ': expected CONNACK, got packet 0x' + ack.f.toString(16));
    const rc = ack.b.charCodeAt(1);
    if (rc !== 0) throw new Error('mqtt ' + c.nm + ': connection refused: ' + (REFUSED[rc] || 'code ' + rc));
    ok = true;
    c.ok = 1;
    c.connected.set();
    c.lastError = '';
    for (let i = 0; i < c.sb.length; i++) await c.send(packet(Packet.Subscribe, u16(c.next()) + mstr(c.sb[i].f) + String.fromCharCode(c.sb[i].q)));
    // Everything queued goes again: the new connection has acknowledged nothing.
    for (let i = 0; i < c.qu.length; i++) delete c.qu[i].n;
    c.kick.set();
    await join(readLoop(c, reader), sendLoop(c), pingLoop(c, ka));
  } finally {
    c.sk = undefined;
    c.connected.clear();
    if (c.pr) c.pr.release();
    // Leaving on purpose (cancelled): DISCONNECT, so the broker knows it was meant. Else just close.
    if (ok && s.isOpen) s.end(String.fromCharCode(Packet.Disconnect, 0));
    else s.close();
  }
};

/** Read packets: deliver PUBLISHes, retire acknowledged messages, note PINGRESPs. */
const readLoop = async function (c: Mqtt, reader: Reader): Promise<void> {
  for (;;) {
    const pk = await reader.next();
    const type = pk.f & 0xf0;
    if (type === Packet.Publish) {
      const qos = (pk.f >> 1) & 3;
      const tl = (pk.b.charCodeAt(0) << 8) | pk.b.charCodeAt(1);
      const topic = pk.b.substr(2, tl);
      let at = 2 + tl;
      if (qos > 0) {
        const id = (pk.b.charCodeAt(at) << 8) | pk.b.charCodeAt(at + 1);
        at += 2;
        await c.send(packet(Packet.Puback, u16(id)));
      }
      const msg: MqttMessage = { topic: topic, payload: pk.b.slice(at) };
      for (let i = 0; i < c.sb.length; i++) if (topicMatches(c.sb[i].f, topic)) await c.sb[i].c.send(msg);
    } else if (type === Packet.Puback) {
      const id = (pk.b.charCodeAt(0) << 8) | pk.b.charCodeAt(1);
      for (let i = 0; i < c.qu.length; i++) {
        if (c.qu[i].i === id) {
          const m = c.qu.splice(i, 1)[0];
          c.rm.release();
          m.w.ok(undefined);
          break;
        }
      }
    } else if (type === Packet.Pingresp) {
      if (c.pr) c.pr.ok(undefined);
    }
  }
};

/** Send queued QoS 1 messages not yet sent on this connection, in order. */
const sendLoop = async function (c: Mqtt): Promise<void> {
  for (;;) {
    await c.kick.wait();
    c.kick.clear();
    // From the front each time: PUBACKs take messages out while a send is awaited.
    for (;;) {
      let m: Queued | undefined;
      for (let i = 0; i < c.qu.length && m === undefined; i++) if (!c.qu[i].n) m = c.qu[i];
      if (m === undefined) break;
      m.n = 1;
      await c.send(publishPacket(m, 1));
      m.s = 1;
    }
  }
};

/** Ping when nothing was sent for `ka` s; no PINGRESP within ka/2 s (at least 5) drops the connection. */
const pingLoop = async function (c: Mqtt, ka: number): Promise<void> {
  if (ka <= 0) return;
  for (;;) {
    const idle = now() - c.ls;
    if (idle < ka * 1000) {
      await sleep(ka * 1000 - idle);
      continue;
    }
    const p = new Pending<void>(function () { if (c.pr === p) c.pr = undefined; });
    c.pr = p;
    await c.send(String.fromCharCode(Packet.Pingreq, 0));
    try {
      await withTimeout(Math.max(5000, ka * 500), p);
    } catch (e) {
      if (isCancelled(e)) throw e;
      throw new Error('mqtt ' + c.nm + ': no PINGRESP within ' + Math.max(5, ka / 2) + ' s');
    } finally {
      p.release();
    }
  }
};

/** Packets out of a TCP byte stream. Legend of a packet: f first byte, b body. */
class Reader {
  b = '';
  constructor(readonly s: TcpSocket) {}
  async next(): Promise<{ f: number; b: string }> {
    for (;;) {
      // Remaining length: 1–4 bytes of 7 bits each.
      let n = 0;
      let mul = 1;
      let i = 1;
      let whole = false;
      while (i < this.b.length && i <= 4) {
        const x = this.b.charCodeAt(i++);
        n += (x & 127) * mul;
        mul *= 128;
        if ((x & 128) === 0) {
          whole = this.b.length >= i + n;
          break;
        }
      }
      if (whole) {
        const pk = { f: this.b.charCodeAt(0), b: this.b.substr(i, n) };
        this.b = this.b.slice(i + n);
        return pk;
      }
      this.b += await this.s.read();
    }
  }
}
