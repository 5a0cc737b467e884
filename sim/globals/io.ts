import type { BoardServices } from '../host.js';
import { PIN_MODES, type PinMode, type PinState } from '../pins.js';
import { IO, type ClockEntry } from '../virtual-clock.js';

/** What digital/analog I/O uses of the board: its pins and the clock. */
export type PinIoHost = Pick<BoardServices, 'chip' | 'clock' | 'describe' | 'isPin' | 'pinArg' | 'pins' | 'raise' | 'realm' | 'toRealm'>;

/**
 * digitalRead/Write (single pins, arrays of pins, objects with read/write),
 * pinMode/getPinMode, analogRead/Write, digitalPulse, and the host side of
 * the Pin methods — as src/jswrap_io.c, including Espruino's automatic pin
 * modes: digitalWrite makes a pin an output, digitalRead an input (so reading
 * an LED pin turns the LED off, as on a board), unless pinMode fixed it.
 */
export class PinIo {
  /** Pending digitalPulse edges per pin. */
  private pulses = new Map<PinState, { entries: ClockEntry[]; endUs: number }>();

  constructor(private readonly h: PinIoHost) {}

  install(): void {
    const r = this.h.realm;
    r.define('digitalWrite', (pin: unknown, value: unknown) => this.digitalWrite(pin, value));
    r.define('digitalRead', (pin: unknown) => this.digitalRead(pin));
    r.define('pinMode', (pin: unknown, mode?: unknown, automatic?: unknown) => this.pinMode(pin, mode, automatic, 'pinMode'));
    r.define('getPinMode', (pin: unknown) => this.getPinMode(pin));
    r.define('analogRead', (pin: unknown) => this.analogRead(pin));
    r.define('analogWrite', (pin: unknown, value: unknown, options?: unknown) => this.analogWrite(pin, value, options));
    r.define('digitalPulse', (pin: unknown, value: unknown, time: unknown) => this.digitalPulse(pin, value, time));
    r.define('HIGH', 1);
    r.define('LOW', 0);
  }

  digitalWrite(pinValue: unknown, value: unknown): void {
    const h: PinIoHost = this.h;
    let v = typeof value === 'boolean' ? (value ? 0xffffffff : 0) : toInt(value);
    if (Array.isArray(pinValue) || pinValue instanceof (h.realm.global.Array as ArrayConstructor)) {
      const list = pinValue as unknown[];
      for (let i = list.length - 1; i >= 0; i--) {
        this.writeOne(h.pinArg(list[i], 'digitalWrite'), (v & 1) as 0 | 1, 'digitalWrite');
        v >>>= 1;
      }
      return;
    }
    if (!h.isPin(pinValue) && pinValue !== null && typeof pinValue === 'object') {
      const w = (pinValue as { write?: unknown }).write;
      if (typeof w === 'function') return void w.call(pinValue, v);
    }
    this.writeOne(h.pinArg(pinValue, 'digitalWrite'), v !== 0 ? 1 : 0, 'digitalWrite');
  }

  digitalRead(pinValue: unknown): number {
    const h: PinIoHost = this.h;
    if (Array.isArray(pinValue) || pinValue instanceof (h.realm.global.Array as ArrayConstructor)) {
      let v = 0;
      for (const p of pinValue as unknown[]) v = (v << 1) | this.readOne(h.pinArg(p, 'digitalRead'), 'digitalRead');
      return v;
    }
    if (!h.isPin(pinValue) && pinValue !== null && typeof pinValue === 'object') {
      const r = (pinValue as { read?: unknown }).read;
      if (typeof r === 'function') return toInt(r.call(pinValue));
    }
    return this.readOne(h.pinArg(pinValue, 'digitalRead'), 'digitalRead');
  }

  writeOne(pin: PinState, value: 0 | 1, api: string): void {
    this.h.pins.requireOutput(pin, api);
    this.h.pins.autoMode(pin, 'output');
    this.h.pins.write(pin, value);
  }

  readOne(pin: PinState, api: string): 0 | 1 {
    this.h.pins.require(pin, 'digital', api, 'digital I/O');
    this.h.pins.autoMode(pin, 'input');
    return pin.level;
  }

  toggle(pinValue: unknown): boolean {
    const pin = this.h.pinArg(pinValue, 'Pin.toggle');
    const v = pin.out ? 0 : 1;
    this.writeOne(pin, v, 'Pin.toggle');
    return !!v;
  }

  pinMode(pinValue: unknown, mode: unknown, automatic: unknown, api: string): void {
    const h: PinIoHost = this.h;
    const pin = h.pinArg(pinValue, api);
    if (mode === undefined || mode === 'auto') return h.pins.setMode(pin, undefined, true);
    if (typeof mode !== 'string' || !(PIN_MODES as readonly string[]).includes(mode)) {
      h.raise('Error', `${api}: unknown pin mode ${h.describe(mode)} for ${pin.name}; modes are ${PIN_MODES.join(', ')}, 'auto'`);
    }
    const m = mode as PinMode;
    if (m === 'input_pullup') h.pins.require(pin, 'pullup', api, 'pull-up resistor');
    else if (m === 'input_pulldown') h.pins.require(pin, 'pulldown', api, 'pull-down resistor');
    else if (m === 'analog') h.pins.require(pin, 'analog', api, 'ADC (analog input)');
    else if (m === 'output' || m.startsWith('opendrain') || m.startsWith('af_')) h.pins.requireOutput(pin, api);
    else h.pins.require(pin, 'digital', api, 'digital I/O');
    h.pins.setMode(pin, m, !!automatic);
  }

  getPinMode(pinValue: unknown): string | undefined {
    return this.h.pinArg(pinValue, 'getPinMode').mode;
  }

  analogRead(pinValue: unknown): number {
    const h: PinIoHost = this.h;
    const pin = h.pinArg(pinValue, 'analogRead');
    h.pins.require(pin, 'analog', 'analogRead', 'ADC (analog input)');
    h.pins.autoMode(pin, 'analog');
    const frac = Math.min(1, Math.max(0, h.pins.volts(pin) / 3.3));
    const steps = 2 ** h.chip.adcBits;
    return Math.min(steps - 1, Math.floor(frac * steps)) / steps;
  }

  analogWrite(pinValue: unknown, value: unknown, options: unknown): void {
    const h: PinIoHost = this.h;
    const pin = h.pinArg(pinValue, 'analogWrite');
    const o = options !== null && typeof options === 'object' ? (options as Record<string, unknown>) : {};
    const soft = !!o.soft || !!o.forceSoft;
    if (!pin.def.caps.includes('pwm') && !pin.def.caps.includes('dac')) {
      if (soft) h.pins.requireOutput(pin, 'analogWrite');
      else h.pins.require(pin, 'pwm', 'analogWrite', "PWM or DAC output (pass {soft:true} for software PWM)");
    }
    h.pins.requireOutput(pin, 'analogWrite');
    const duty = typeof value === 'boolean' ? Number(value) : Number(value);
    if (!Number.isFinite(duty) || duty < 0 || duty > 1) {
      h.raise('Error', `analogWrite: value ${h.describe(value)} for ${pin.name} is out of range; it must be between 0 and 1 (Espruino would silently clamp it)`);
    }
    let freq = o.freq === undefined ? 0 : Number(o.freq);
    if (!Number.isFinite(freq) || freq < 0) h.raise('Error', `analogWrite: freq ${h.describe(o.freq)} for ${pin.name} must be a positive number of Hz`);
    if (freq === 0) freq = pin.def.caps.includes('dac') ? 0 : 1000; // nRF52/STM32 default: 1 kHz
    h.pins.autoMode(pin, 'output');
    h.pins.setDuty(pin, duty, freq);
  }

  digitalPulse(pinValue: unknown, value: unknown, time: unknown): void {
    const h: PinIoHost = this.h;
    const pin = h.pinArg(pinValue, 'digitalPulse');
    h.pins.requireOutput(pin, 'digitalPulse');
    const times = (Array.isArray(time) || (time !== null && typeof time === 'object' && 'length' in (time as object)))
      ? Array.from(time as ArrayLike<unknown>, Number)
      : [Number(time)];
    for (const t of times) {
      if (!Number.isFinite(t) || t < 0) h.raise('Error', `digitalPulse: pulse time ${h.describe(time)} for ${pin.name} must be milliseconds >= 0`);
    }
    const queue = this.pulses.get(pin);
    if (times.length === 1 && times[0] === 0) {
      if (queue && queue.endUs > h.clock.us) {
        h.raise('Error', `digitalPulse(${pin.name}, ${h.describe(value)}, 0) waits for the pulses on ${pin.name} to end; the simulator runs code in zero time and cannot block inside a callback — use setTimeout instead`);
      }
      return;
    }
    const level: 0 | 1 = value ? 1 : 0;
    let at = Math.max(h.clock.us, queue && queue.endUs > h.clock.us ? queue.endUs : 0);
    const q = queue && queue.endUs > h.clock.us ? queue : { entries: [], endUs: at };
    this.pulses.set(pin, q);
    h.pins.autoMode(pin, 'output');
    let current = level;
    const edge = (v: 0 | 1) => () => h.pins.write(pin, v);
    if (at === h.clock.us) h.pins.write(pin, level);
    else q.entries.push(h.clock.at(at, IO, edge(level)));
    for (const t of times) {
      at += Math.round(t * 1000);
      current = current ? 0 : 1;
      q.entries.push(h.clock.at(at, IO, edge(current)));
    }
    q.endUs = at;
  }

  pinInfo(pinValue: unknown): unknown {
    const pin = this.h.pinArg(pinValue, 'Pin.getInfo');
    const m = /^([A-Z]*)(\d+)$/.exec(pin.name);
    const info: Record<string, unknown> = { port: m ? m[1] : pin.name, num: m ? Number(m[2]) : 0, functions: {} };
    if (this.h.pins.isOutput(pin)) info.output = pin.out;
    if (pin.def.caps.includes('analog')) info.analog = { ADC: 1 };
    return this.h.toRealm(info);
  }

  /** A board reset: pending pulses go. */
  reset(): void {
    for (const q of this.pulses.values()) for (const e of q.entries) this.h.clock.cancel(e);
    this.pulses.clear();
  }
}

function toInt(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}
