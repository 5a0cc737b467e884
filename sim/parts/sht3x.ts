import { I2cNack, type I2cDevice } from '../globals/i2c.js';
import type { PinState } from '../pins.js';
import type { Part, I2cHost } from './part.js';

export interface Sht3xSpec {
  id: string;
  type: 'sht3x';
  sda: string;
  scl: string;
  /** 0x44 (ADDR pin low, default) or 0x45. */
  address?: number;
  /** °C, default 22.5. */
  temperature?: number;
  /** %RH, default 45. */
  humidity?: number;
}

/** Single-shot commands: MSB 0x2C = clock stretching (data waits for the read), 0x24 = none (NACK until ready). */
const SINGLE_SHOT: Record<number, { stretch: boolean; ms: number }> = {
  0x2c06: { stretch: true, ms: 15 }, 0x2c0d: { stretch: true, ms: 6 }, 0x2c10: { stretch: true, ms: 4 },
  0x2400: { stretch: false, ms: 15 }, 0x240b: { stretch: false, ms: 6 }, 0x2416: { stretch: false, ms: 4 },
};
/** Periodic acquisition commands → measurements per second. */
const PERIODIC: Record<number, number> = {
  0x2032: 0.5, 0x2024: 0.5, 0x202f: 0.5, 0x2130: 1, 0x2126: 1, 0x212d: 1, 0x2236: 2, 0x2220: 2, 0x222b: 2,
  0x2334: 4, 0x2322: 4, 0x2329: 4, 0x2737: 10, 0x2721: 10, 0x272a: 10,
};

/** CRC-8 of the SHT3x: polynomial 0x31, init 0xFF, no reflection (datasheet 4.12; 0xBEEF → 0x92). */
export function sht3xCrc(bytes: number[]): number {
  let crc = 0xff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x31) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/**
 * A Sensirion SHT3x (SHT30/31/35) temperature and humidity sensor, modelled on
 * its datasheet's command set: single-shot measurements with and without
 * clock stretching (6 bytes: T MSB, T LSB, CRC, RH MSB, RH LSB, CRC), periodic
 * mode with fetch (0xE000) and break (0x3093), soft reset (0x30A2), heater
 * (0x306D/0x3066), status (0xF32D) and clear status (0x3041). Reading before
 * a no-stretch measurement is done, or with no command pending, is NACKed, as
 * the chip does. T = -45 + 175·S/65535, RH = 100·S/65535.
 */
export class Sht3x implements Part, I2cDevice {
  readonly type = 'sht3x';
  readonly pins: string[];
  readonly sda: PinState;
  readonly scl: PinState;
  readonly address: number;
  temperature: number;
  humidity: number;
  heater = false;
  private resetDetected = true;
  private pending: 'measure' | 'fetch' | 'status' | null = null;
  private result: number[] = [];
  private readyAt = 0;
  private stretch = false;
  private periodic: { periodUs: number; startUs: number; fetched: number } | null = null;

  constructor(readonly spec: Sht3xSpec, private readonly h: I2cHost) {
    this.sda = h.pins.byName(spec.sda, `sht3x ${spec.id} (sda)`);
    this.scl = h.pins.byName(spec.scl, `sht3x ${spec.id} (scl)`);
    this.pins = [this.sda.name, this.scl.name];
    this.address = spec.address ?? 0x44;
    this.temperature = spec.temperature ?? 22.5;
    this.humidity = spec.humidity ?? 45;
  }

  get id(): string {
    return this.spec.id;
  }

  setTemperature(celsius: number): void {
    if (!Number.isFinite(celsius) || celsius < -45 || celsius > 130) throw new Error(`${this.id}: ${celsius} °C is outside the SHT3x's range (-45..130 °C)`);
    this.temperature = celsius;
  }

  setHumidity(percent: number): void {
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw new Error(`${this.id}: ${percent} %RH is outside 0..100 %RH`);
    this.humidity = percent;
  }

  state(): string {
    return `${this.temperature} °C ${this.humidity} %RH${this.heater ? ' heater on' : ''}`;
  }

  write(bytes: number[]): void {
    if (bytes.length < 2) throw new I2cNack('data', `SHT3x commands are 16 bits; got ${bytes.length} byte(s)`);
    const cmd = (bytes[0] << 8) | bytes[1];
    const hex = `0x${cmd.toString(16).padStart(4, '0')}`;
    const now = this.h.clock.us;
    const single = SINGLE_SHOT[cmd];
    if (single) {
      if (this.periodic) throw new I2cNack('data', `single-shot command ${hex} during periodic mode (send break 0x3093 first)`);
      this.result = this.measurement();
      this.readyAt = now + single.ms * 1000;
      this.stretch = single.stretch;
      this.pending = 'measure';
      return;
    }
    if (PERIODIC[cmd] !== undefined) {
      this.periodic = { periodUs: Math.round(1e6 / PERIODIC[cmd]), startUs: now, fetched: 0 };
      this.pending = null;
      return;
    }
    switch (cmd) {
      case 0xe000:
        if (!this.periodic) throw new I2cNack('data', 'fetch data (0xE000) outside periodic mode');
        this.pending = 'fetch';
        return;
      case 0x3093:
        this.periodic = null;
        this.pending = null;
        return;
      case 0x30a2:
        this.periodic = null;
        this.pending = null;
        this.heater = false;
        this.resetDetected = true;
        return;
      case 0x306d:
        this.heater = true;
        return;
      case 0x3066:
        this.heater = false;
        return;
      case 0xf32d:
        this.pending = 'status';
        return;
      case 0x3041:
        this.resetDetected = false;
        return;
      default:
        throw new I2cNack('data', `unknown SHT3x command ${hex}`);
    }
  }

  read(count: number): number[] {
    const now = this.h.clock.us;
    let data: number[];
    switch (this.pending) {
      case 'measure':
        if (!this.stretch && now < this.readyAt) {
          throw new I2cNack('address', `the SHT3x is still measuring until ${(this.readyAt / 1e6).toFixed(4)}s (wait ${Math.ceil((this.readyAt - now) / 1000)} ms more, or use a clock-stretching command such as 0x2C06)`);
        }
        data = this.result;
        break;
      case 'fetch': {
        const p = this.periodic!;
        const done = Math.floor((now - p.startUs) / p.periodUs);
        if (done <= p.fetched) throw new I2cNack('address', 'no new periodic measurement since the last fetch');
        p.fetched = done;
        data = this.measurement();
        break;
      }
      case 'status': {
        const word = (this.heater ? 1 << 13 : 0) | (this.resetDetected ? 1 << 4 : 0);
        const b = [word >> 8, word & 0xff];
        data = [...b, sht3xCrc(b)];
        break;
      }
      default:
        throw new I2cNack('address', 'read with no measurement or status command pending');
    }
    this.pending = null;
    const out = data.slice(0, count);
    while (out.length < count) out.push(0xff);
    return out;
  }

  private measurement(): number[] {
    const st = clamp16(Math.round(((this.temperature + 45) / 175) * 65535));
    const srh = clamp16(Math.round((this.humidity / 100) * 65535));
    const t = [st >> 8, st & 0xff];
    const rh = [srh >> 8, srh & 0xff];
    return [...t, sht3xCrc(t), ...rh, sht3xCrc(rh)];
  }
}

function clamp16(v: number): number {
  return Math.min(65535, Math.max(0, v));
}
