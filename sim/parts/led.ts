import type { PinState } from '../pins.js';
import type { Part, PinHost } from './part.js';

export interface LedSpec {
  id: string;
  type: 'led';
  pin: string;
  /** The LED lights when the pin is low (wired to VDD). Default false. */
  activeLow?: boolean;
  color?: string;
}

/** An LED on a pin: lit when the pin is at its active level; a PWM duty dims it. */
export class Led implements Part {
  readonly type = 'led';
  readonly pins: string[];
  private readonly pin: PinState;

  constructor(readonly spec: LedSpec, h: PinHost) {
    this.pin = h.pins.byName(spec.pin, `led ${spec.id}`);
    this.pins = [this.pin.name];
  }

  get id(): string {
    return this.spec.id;
  }

  /** 0..1: how bright (PWM duty, or 0/1). */
  brightness(): number {
    const p = this.pin;
    const on = p.duty !== null ? p.duty : p.level;
    return this.spec.activeLow ? 1 - on : on;
  }

  isOn(): boolean {
    return this.brightness() > 0;
  }

  state(): string {
    const b = this.brightness();
    return b === 0 ? 'off' : b === 1 ? 'on' : `on ${Math.round(b * 100)}%`;
  }
}
