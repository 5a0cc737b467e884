import type { PinState } from '../pins.js';
import { IO, type ClockEntry } from '../virtual-clock.js';
import type { Part, TimedPinHost } from './part.js';

export interface ButtonSpec {
  id: string;
  type: 'button';
  pin: string;
  /** The level the pin reads while pressed: 1 (default, as the boards' own buttons) or 0 (wired to GND). */
  active?: 0 | 1;
  /**
   * Contact bounce: true for the default pattern (4 extra edges over 5 ms), or
   * { ms, edges } — always the same pattern, so runs stay deterministic.
   */
  bounce?: boolean | { ms?: number; edges?: number };
}

/**
 * A push button on a pin. Pressed, it drives the active level; released, the
 * other one (as the pull resistor of a real circuit would). With bounce, each
 * press and release chatters through extra edges before settling.
 */
export class Button implements Part {
  readonly type = 'button';
  readonly pins: string[];
  private readonly pin: PinState;
  private pressed = false;
  private pending: ClockEntry[] = [];

  constructor(readonly spec: ButtonSpec, private readonly h: TimedPinHost) {
    this.pin = h.pins.byName(spec.pin, `button ${spec.id}`);
    this.pins = [this.pin.name];
    h.pins.setDrive(this.pin, { kind: 'level', level: this.level(false) });
  }

  get id(): string {
    return this.spec.id;
  }

  isPressed(): boolean {
    return this.pressed;
  }

  press(): void {
    this.set(true);
  }

  release(): void {
    this.set(false);
  }

  /** Press now and release `holdMs` later (virtual time must be advanced for the release to happen). */
  click(holdMs = 100): void {
    this.press();
    this.pending.push(this.h.clock.at(this.h.clock.us + Math.round(holdMs * 1000), IO, () => this.set(false)));
  }

  state(): string {
    return this.pressed ? 'pressed' : 'released';
  }

  private level(pressed: boolean): 0 | 1 {
    const active = this.spec.active ?? 1;
    return (pressed ? active : 1 - active) as 0 | 1;
  }

  private set(pressed: boolean): void {
    const h = this.h;
    for (const e of this.pending) h.clock.cancel(e);
    this.pending = [];
    this.pressed = pressed;
    h.note(`${this.spec.id} ${pressed ? 'pressed' : 'released'}`);
    const target = this.level(pressed);
    const offsets = bounceOffsets(this.spec.bounce);
    if (offsets.length === 0) {
      h.pins.setDrive(this.pin, { kind: 'level', level: target });
      return;
    }
    // Chatter: target, !target, target, … ending on target.
    h.pins.setDrive(this.pin, { kind: 'level', level: target });
    let level = target;
    for (const off of offsets) {
      level = (1 - level) as 0 | 1;
      const v = level;
      this.pending.push(h.clock.at(h.clock.us + off, IO, () => h.pins.setDrive(this.pin, { kind: 'level', level: v })));
    }
  }
}

/** µs offsets of the extra edges after a contact closes or opens (an even count, so it settles where it should). */
export function bounceOffsets(bounce: ButtonSpec['bounce']): number[] {
  if (!bounce) return [];
  const ms = typeof bounce === 'object' && bounce.ms !== undefined ? bounce.ms : 5;
  let edges = typeof bounce === 'object' && bounce.edges !== undefined ? bounce.edges : 4;
  if (edges % 2 === 1) edges++;
  const out: number[] = [];
  // Gaps that grow, as contacts settle: the k-th edge at ms·(k/edges)^1.5.
  for (let k = 1; k <= edges; k++) out.push(Math.max(1, Math.round(ms * 1000 * (k / edges) ** 1.5)));
  return out;
}
