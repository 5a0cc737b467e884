/**
 * A small MQTT 3.1.1 broker inside the simulation, on the virtual clock, so
 * firmware that publishes and subscribes is tested without a server and
 * deterministically. It speaks the protocol on the wire (the bytes the
 * board's socket sends), so the board's MQTT client is exercised for real;
 * integration tests bridge to a real broker instead (network.ts).
 *
 * What it does: CONNECT/CONNACK (clean sessions only), PUBLISH at QoS 0 and
 * 1 (PUBACK), SUBSCRIBE/SUBACK with `+` and `#`, UNSUBSCRIBE, PINGREQ, and
 * DISCONNECT; retained messages; it drops a client that is silent for 1.5
 * times its keep-alive (MQTT-3.1.2-24). Every PUBLISH it receives is
 * recorded in `messages`, with its DUP flag, so a test can check that
 * queued messages arrived once. QoS 2, wills and persistent sessions are not
 * implemented: a client asking for them is refused, naming what it asked.
 */
import type { BoardServices } from '../host.js';
import type { TcpPeer } from './network.js';

/** What the broker uses of the board: the clock (keep-alive, retries) and the timeline. */
export type BrokerHost = Pick<BoardServices, 'clock' | 'note'>;

/** MQTT control packet types (the high nibble of the first byte). */
const enum Packet {
  Connect = 1, Connack = 2, Publish = 3, Puback = 4, Subscribe = 8, Suback = 9, Unsubscribe = 10, Unsuback = 11,
  Pingreq = 12, Pingresp = 13, Disconnect = 14,
}

/** A PUBLISH the broker received: when (ms), from whom, what, and its flags. */
export interface BrokerMessage {
  t: number;
  clientId: string;
  topic: string;
  payload: string;
  qos: number;
  dup: boolean;
  retain: boolean;
}

interface Client {
  peer: TcpPeer;
  id: string;
  buf: string;
  subs: { filter: string; qos: number }[];
  keepAlive: number;
  lastSeen: number;
  timer?: ReturnType<BoardServices['clock']['at']>;
  nextId: number;
}

export class MqttBroker {
  /** Every PUBLISH received, in order. */
  readonly messages: BrokerMessage[] = [];
  private readonly clients = new Set<Client>();
  private readonly retained = new Map<string, { payload: string; qos: number }>();
  /** False while the broker is "down": connections are refused. */
  up = true;
  /** True: receive PUBLISHes but send no PUBACK (as when the acknowledgements are lost), for tests of resending. */
  withholdAcks = false;

  /** `h`: the clock (keep-alive timing) and the timeline (notes); nothing else of the board. */
  constructor(private readonly h: BrokerHost, readonly name: string) {}

  /** Client ids connected now. */
  connected(): string[] {
    return [...this.clients].filter((c) => c.id !== '').map((c) => c.id);
  }

  /** Messages received on `topic` (exact), payloads only. */
  payloads(topic: string): string[] {
    return this.messages.filter((m) => m.topic === topic).map((m) => m.payload);
  }

  /** Publish to the board's subscriptions, as another client would. */
  publish(topic: string, payload: string, options: { qos?: number; retain?: boolean } = {}): void {
    this.route(topic, payload, options.qos ?? 0, options.retain ?? false);
  }

  /** Drop every client (a broker restart); `up` false also refuses new ones. */
  dropAll(): void {
    for (const c of [...this.clients]) this.drop(c, 'dropped by the test');
  }

  /** A TCP connection arrived (the Network's handler for the broker's host:port). */
  accept(peer: TcpPeer): void {
    if (!this.up) {
      peer.end();
      return;
    }
    const c: Client = { peer, id: '', buf: '', subs: [], keepAlive: 0, lastSeen: this.h.clock.now, nextId: 1 };
    this.clients.add(c);
    peer.onData = (d) => this.data(c, d);
    peer.onClose = () => this.gone(c);
  }

  state(): string {
    return `${this.up ? 'up' : 'down'}, ${this.clients.size} client(s), ${this.messages.length} message(s) received`;
  }

  private data(c: Client, d: string): void {
    c.buf += d;
    c.lastSeen = this.h.clock.now;
    for (;;) {
      const p = readPacket(c.buf);
      if (p === null) return;
      c.buf = c.buf.slice(p.size);
      this.packet(c, p.type, p.flags, p.body);
      if (!this.clients.has(c)) return;
    }
  }

  private packet(c: Client, type: number, flags: number, body: string): void {
    if (c.id === '' && type !== Packet.Connect) return this.drop(c, 'sent a packet before CONNECT');
    switch (type) {
      case Packet.Connect: {
        let i = 0;
        const proto = str(body, i);
        i = proto.next;
        const level = body.charCodeAt(i++);
        const cflags = body.charCodeAt(i++);
        c.keepAlive = (body.charCodeAt(i) << 8) | body.charCodeAt(i + 1);
        i += 2;
        const id = str(body, i);
        if (proto.text !== 'MQTT' || level !== 4) {
          c.peer.send(String.fromCharCode(0x20, 2, 0, 1));
          return this.drop(c, `asked for protocol ${proto.text} level ${level}; this broker speaks MQTT 3.1.1 (level 4)`);
        }
        if (cflags & 0x04) return this.drop(c, 'asked for a will; the simulated broker has none');
        c.id = id.text || 'anonymous-' + this.h.clock.us;
        for (const other of this.clients) if (other !== c && other.id === c.id) this.drop(other, 'a new connection with its client id took over');
        this.h.note(`MQTT ${this.name}: ${c.id} connected`);
        c.peer.send(String.fromCharCode(0x20, 2, 0, 0));
        this.armKeepAlive(c);
        return;
      }
      case Packet.Publish: {
        const qos = (flags >> 1) & 3;
        const t = str(body, 0);
        let i = t.next;
        let id = 0;
        if (qos > 0) {
          id = (body.charCodeAt(i) << 8) | body.charCodeAt(i + 1);
          i += 2;
        }
        if (qos > 1) return this.drop(c, 'published at QoS 2; the simulated broker does QoS 0 and 1');
        const payload = body.slice(i);
        const retain = (flags & 1) === 1;
        this.messages.push({ t: this.h.clock.now, clientId: c.id, topic: t.text, payload, qos, dup: (flags & 8) !== 0, retain });
        this.h.note(`MQTT ${this.name}: ${c.id} published ${t.text} ${JSON.stringify(payload.length > 60 ? payload.slice(0, 60) + '…' : payload)}`);
        if (qos === 1 && !this.withholdAcks) c.peer.send(String.fromCharCode(0x40, 2, id >> 8, id & 255));
        this.route(t.text, payload, qos, retain);
        return;
      }
      case Packet.Puback:
        return;
      case Packet.Subscribe: {
        const id = (body.charCodeAt(0) << 8) | body.charCodeAt(1);
        let i = 2;
        const granted: number[] = [];
        const added: string[] = [];
        while (i < body.length) {
          const f = str(body, i);
          const q = Math.min(1, body.charCodeAt(f.next));
          i = f.next + 1;
          c.subs = c.subs.filter((s) => s.filter !== f.text);
          c.subs.push({ filter: f.text, qos: q });
          granted.push(q);
          added.push(f.text);
        }
        c.peer.send(frame(0x90, String.fromCharCode(id >> 8, id & 255, ...granted)));
        for (const [topic, m] of this.retained) if (added.some((f) => matches(f, topic))) this.deliver(c, topic, m.payload, m.qos, true);
        return;
      }
      case Packet.Unsubscribe: {
        const id = (body.charCodeAt(0) << 8) | body.charCodeAt(1);
        let i = 2;
        while (i < body.length) {
          const f = str(body, i);
          i = f.next;
          c.subs = c.subs.filter((s) => s.filter !== f.text);
        }
        c.peer.send(String.fromCharCode(0xb0, 2, id >> 8, id & 255));
        return;
      }
      case Packet.Pingreq:
        c.peer.send(String.fromCharCode(0xd0, 0));
        return;
      case Packet.Disconnect:
        this.h.note(`MQTT ${this.name}: ${c.id} disconnected`);
        this.clients.delete(c);
        if (c.timer) this.h.clock.cancel(c.timer);
        c.peer.end();
        return;
      default:
        return this.drop(c, `sent packet type ${type}, which a client does not send (or this broker does not implement)`);
    }
  }

  /** Send a publish to every subscription that matches. */
  private route(topic: string, payload: string, qos: number, retain: boolean): void {
    if (retain) {
      if (payload === '') this.retained.delete(topic);
      else this.retained.set(topic, { payload, qos });
    }
    for (const c of this.clients) {
      const sub = c.subs.find((s) => matches(s.filter, topic));
      if (sub) this.deliver(c, topic, payload, Math.min(qos, sub.qos), false);
    }
  }

  private deliver(c: Client, topic: string, payload: string, qos: number, retain: boolean): void {
    let head = mqttString(topic);
    if (qos > 0) {
      const id = c.nextId;
      c.nextId = (c.nextId % 65535) + 1;
      head += String.fromCharCode(id >> 8, id & 255);
    }
    c.peer.send(frame(0x30 | (qos << 1) | (retain ? 1 : 0), head + payload));
  }

  /** A client silent for 1.5 × keep-alive is dropped. */
  private armKeepAlive(c: Client): void {
    if (c.keepAlive === 0) return;
    const limit = c.keepAlive * 1500;
    const check = () => {
      const silent = this.h.clock.now - c.lastSeen;
      if (silent >= limit) return this.drop(c, `silent for ${silent / 1000} s (keep-alive ${c.keepAlive} s)`);
      c.timer = this.h.clock.at(Math.round((c.lastSeen + limit) * 1000), 0, check);
    };
    c.timer = this.h.clock.at(Math.round((c.lastSeen + limit) * 1000), 0, check);
  }

  private drop(c: Client, why: string): void {
    this.h.note(`MQTT ${this.name}: dropped ${c.id || 'a client'}: ${why}`);
    this.clients.delete(c);
    if (c.timer) this.h.clock.cancel(c.timer);
    c.peer.end();
  }

  private gone(c: Client): void {
    if (!this.clients.has(c)) return;
    this.clients.delete(c);
    if (c.timer) this.h.clock.cancel(c.timer);
    this.h.note(`MQTT ${this.name}: ${c.id || 'a client'} went away`);
  }
}

/** Does topic filter `f` (with + and #) match `topic`? */
export function matches(f: string, topic: string): boolean {
  const a = f.split('/');
  const b = topic.split('/');
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '#') return true;
    if (i >= b.length) return false;
    if (a[i] !== '+' && a[i] !== b[i]) return false;
  }
  return a.length === b.length;
}

/** One packet at the start of `buf`, or null when it has not all arrived. */
function readPacket(buf: string): { type: number; flags: number; body: string; size: number } | null {
  if (buf.length < 2) return null;
  let len = 0;
  let mul = 1;
  let i = 1;
  for (;;) {
    if (i >= buf.length) return null;
    const b = buf.charCodeAt(i++);
    len += (b & 127) * mul;
    mul *= 128;
    if ((b & 128) === 0) break;
  }
  if (buf.length < i + len) return null;
  return { type: buf.charCodeAt(0) >> 4, flags: buf.charCodeAt(0) & 15, body: buf.slice(i, i + len), size: i + len };
}

function str(body: string, i: number): { text: string; next: number } {
  const n = (body.charCodeAt(i) << 8) | body.charCodeAt(i + 1);
  return { text: body.slice(i + 2, i + 2 + n), next: i + 2 + n };
}

function mqttString(s: string): string {
  return String.fromCharCode(s.length >> 8, s.length & 255) + s;
}

/** A packet: first byte, remaining length, body. */
function frame(first: number, body: string): string {
  let len = body.length;
  let out = String.fromCharCode(first);
  do {
    let b = len % 128;
    len = Math.floor(len / 128);
    if (len > 0) b |= 128;
    out += String.fromCharCode(b);
  } while (len > 0);
  return out + body;
}
