import { VDD, type PinState } from '../pins.js';
import type { Part, PinHost } from './part.js';

export interface VoltageSourceSpec {
  id: string;
  type: 'potentiometer' | 'voltage-source';
  pin: string;
  /** Potentiometer: wiper position 0..1 (volts = value × 3.3). Default 0.5. */
  value?: number;
  /** Voltage source: volts, 0..3.3. Default 0. */
  volts?: number;
}

/** A potentiometer's wiper or any voltage on a pin, read by analogRead (and digitally above VDD/2). */
export class VoltageSource implements Part {
  readonly pins: string[];
  private readonly pin: PinState;
  private volts = 0;

  constructor(readonly spec: VoltageSourceSpec, private readonly h: PinHost) {
    this.pin = h.pins.byName(spec.pin, `${spec.type} ${spec.id}`);
    this.pins = [this.pin.name];
    this.setVolts(spec.type === 'potentiometer' ? (spec.value ?? 0.5) * VDD : spec.volts ?? 0);
  }

  get id(): string {
    return this.spec.id;
  }

  get type(): string {
    return this.spec.type;
  }

  setVolts(volts: number): void {
    if (!Number.isFinite(volts) || volts < 0 || volts > VDD) {
      throw new Error(`${this.spec.id}: ${volts} V is outside 0..${VDD} V (the pin's supply range)`);
    }
    this.volts = volts;
    this.h.pins.setDrive(this.pin, { kind: 'volts', volts });
  }

  /** Potentiometer position 0..1. */
  setValue(value: number): void {
    if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`${this.spec.id}: position ${value} is outside 0..1`);
    this.setVolts(value * VDD);
  }

  getVolts(): number {
    return this.volts;
  }

  state(): string {
    return `${this.volts.toFixed(3)} V`;
  }
}
