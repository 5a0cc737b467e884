import type { UartEndpoint } from '../globals/serial.js';
import { transmitUs } from '../globals/serial.js';
import type { PinState } from '../pins.js';
import { IO } from '../virtual-clock.js';
import type { Part, UartHost } from './part.js';

export interface UartPeerSpec {
  id: string;
  type: 'uart-peer';
  /** The pin the peer listens on: wire it to the board's TX. */
  rx?: string;
  /** The pin the peer sends on: wire it to the board's RX. */
  tx?: string;
  /** Default 9600. */
  baud?: number;
  /** Text to send at given times: [{ "at": "1s", "send": "hello\r\n" }]. */
  script?: { at: number; send: string }[];
  /** Lines sent over and over, one every `every` ms, starting at `start` ms. */
  repeat?: { every: number; lines: string[]; start?: number };
}

/**
 * Another device on a serial line (a GPS, a modem, a PC): sends scripted text
 * to the board and records what the board sends. Bytes take their time on
 * the wire (10 bits each at the baud rate) and arrive as one chunk.
 */
export class UartPeer implements Part, UartEndpoint {
  readonly type = 'uart-peer';
  readonly pins: string[];
  readonly rx: PinState | null;
  readonly tx: PinState | null;
  readonly baud: number;
  /** Everything the board sent to this peer. */
  received = '';

  constructor(readonly spec: UartPeerSpec, private readonly h: UartHost) {
    this.rx = spec.rx !== undefined ? h.pins.byName(spec.rx, `uart-peer ${spec.id} (rx)`) : null;
    this.tx = spec.tx !== undefined ? h.pins.byName(spec.tx, `uart-peer ${spec.id} (tx)`) : null;
    this.pins = [this.rx?.name, this.tx?.name].filter((p): p is string => p !== undefined);
    this.baud = spec.baud ?? 9600;
    // An idle UART line is high.
    if (this.tx) h.pins.setDrive(this.tx, { kind: 'level', level: 1 });
    h.uarts.push(this);
    for (const item of spec.script ?? []) h.clock.at(Math.round(item.at * 1000), IO, () => this.send(item.send));
    const rep = spec.repeat;
    if (rep && rep.lines.length > 0) {
      let i = 0;
      const every = Math.round(rep.every * 1000);
      const tick = (at: number) => {
        h.clock.at(at, IO, () => {
          this.send(rep.lines[i++ % rep.lines.length]);
          tick(at + every);
        });
      };
      tick(Math.round((rep.start ?? rep.every) * 1000));
    }
  }

  get id(): string {
    return this.spec.id;
  }

  /** Send `text` to the board now; it arrives when its last byte has crossed the wire. */
  send(text: string): void {
    if (!this.tx) throw new Error(`${this.id} has no tx pin, so it cannot send to the board`);
    this.h.note(`${this.id} sends ${JSON.stringify(text)}`);
    const at = this.h.clock.us + transmitUs(text, this.baud);
    this.h.clock.at(at, IO, () => this.h.serial.deliver(this, text));
  }

  receive(text: string): void {
    this.received += text;
  }

  /** Complete lines the board sent. */
  lines(): string[] {
    return this.received.split('\n').slice(0, -1).map((l) => l.replace(/\r$/, ''));
  }

  state(): string {
    return `received ${this.received.length} bytes`;
  }
}
