import type { BoardDefinition, PinCapability, PinDefinition } from '../boards/board-definition.js';
import { pinList } from './pin-list.js';

/** Espruino's pin modes (pinMode / getPinMode). */
export const PIN_MODES = [
  'analog', 'input', 'input_pullup', 'input_pulldown', 'output', 'opendrain', 'opendrain_pullup',
  'af_output', 'af_opendrain',
] as const;
export type PinMode = (typeof PIN_MODES)[number];

/** Supply voltage: analogRead is relative to it, and a digital 1 is read above half of it. */
export const VDD = 3.3;

/** What a part connected to a pin does to it. */
export type Drive =
  | { kind: 'level'; level: 0 | 1 }
  | { kind: 'volts'; volts: number };

export interface PinState {
  readonly name: string;
  readonly def: PinDefinition;
  /** Undefined until the pin is first used, as on Espruino. */
  mode: PinMode | undefined;
  /** Set automatically by digitalRead/Write etc. (true) or by pinMode (false). */
  auto: boolean;
  /** The output latch. */
  out: 0 | 1;
  /** What a part does to the pin; null when nothing drives it. */
  drive: Drive | null;
  /** The level the pin is at now. */
  level: 0 | 1;
  /** analogWrite duty (PWM) or DAC level (0..1) while active, else null. */
  duty: number | null;
  freq: number;
  /** Watches set on the pin (setWatch), for a quick check on each edge. */
  watches: number;
}

/** Thrown for a bad pin or argument: (kind, message) → a realm error. */
export type Raise = (kind: 'Error' | 'TypeError' | 'InternalError', message: string) => never;

/**
 * The board's pins as electrical things: modes, output latches, what parts
 * drive onto them, and the resulting levels. Reports every level change and
 * every analog change to the host. Validates pins against the board
 * definition, with errors that name the pin, the board and the pins that can.
 */
export class PinBank {
  readonly states = new Map<string, PinState>();
  /** LED1 → D5, BTN1 → D0. */
  readonly aliases = new Map<string, string>();
  onLevel: (pin: PinState) => void = () => {};
  onAnalog: (pin: PinState) => void = () => {};

  constructor(readonly board: BoardDefinition, private readonly raise: Raise) {
    for (const [name, def] of Object.entries(board.pins)) {
      this.states.set(name, { name, def, mode: undefined, auto: true, out: 0, drive: null, level: 0, duty: null, freq: 0, watches: 0 });
    }
    for (const [alias, pin] of Object.entries({ ...board.leds, ...board.buttons })) this.aliases.set(alias, pin);
    this.resetBoard();
  }

  /** Every pin as after a reset: automatic mode, latch low, no PWM, no watches. */
  resetBoard(): void {
    const buttons = new Set(Object.values(this.board.buttons));
    for (const pin of this.states.values()) {
      // Built-in buttons are inputs with a pull-down from boot (their board files' 'pinstate').
      pin.mode = buttons.has(pin.name) ? 'input_pulldown' : undefined;
      pin.auto = true;
      pin.out = 0;
      pin.watches = 0;
      if (pin.duty !== null) {
        pin.duty = null;
        this.onAnalog(pin);
      }
      this.update(pin);
    }
  }

  /** Every pin name in board order. */
  names(): string[] {
    return [...this.states.keys()];
  }

  /** A pin by name or alias ('D5', 'LED1'); throws naming the board's pins. */
  byName(name: string, api: string): PinState {
    const s = this.states.get(this.aliases.get(name) ?? name);
    if (!s) this.raise('Error', `${api}: ${this.board.name} has no pin ${name}; its pins are ${pinList(this.names())}${this.aliasText()}`);
    return s;
  }

  /** Pins of the board that have `cap`, for error messages. */
  pinsWith(cap: PinCapability): string[] {
    return this.names().filter((n) => this.states.get(n)!.def.caps.includes(cap));
  }

  /** Throw unless `pin` can do `cap`, naming what it is for and which pins can. */
  require(pin: PinState, cap: PinCapability, api: string, what: string): void {
    if (pin.def.caps.includes(cap)) return;
    const can = this.pinsWith(cap);
    const note = pin.def.note ? ` (${pin.def.note})` : '';
    const others = can.length > 0 ? `; pins that can: ${pinList(can)}` : `; no pin of ${this.board.name} can`;
    this.raise('Error', `${api}: ${pin.name} on ${this.board.name} has no ${what}${note}${others}`);
  }

  /** Throw unless the pin can be driven as an output. */
  requireOutput(pin: PinState, api: string): void {
    this.require(pin, 'digital', api, 'digital I/O');
    if (/input only/i.test(pin.def.note ?? '')) {
      const can = this.names().filter((n) => {
        const d = this.states.get(n)!.def;
        return d.caps.includes('digital') && !/input only/i.test(d.note ?? '');
      });
      this.raise('Error', `${api}: ${pin.name} on ${this.board.name} is input only and cannot be driven; output pins: ${pinList(can)}`);
    }
  }

  /** Set the mode as Espruino's automatic pin configuration does (unless pinMode fixed it). */
  autoMode(pin: PinState, mode: PinMode): void {
    if (!pin.auto || pin.mode === mode) return;
    if (mode === 'input' && pin.mode !== undefined && pin.mode.startsWith('input')) return;
    pin.mode = mode;
    this.update(pin);
  }

  setMode(pin: PinState, mode: PinMode | undefined, automatic: boolean): void {
    if (mode === undefined) {
      pin.auto = true;
      return;
    }
    pin.mode = mode;
    pin.auto = automatic;
    if (mode !== 'output' && mode !== 'af_output') pin.duty = pin.duty !== null && mode === 'analog' ? pin.duty : null;
    this.update(pin);
  }

  write(pin: PinState, value: 0 | 1): void {
    pin.out = value;
    if (pin.duty !== null) {
      pin.duty = null;
      this.onAnalog(pin);
    }
    this.update(pin);
  }

  setDuty(pin: PinState, duty: number | null, freq: number): void {
    pin.duty = duty;
    pin.freq = freq;
    this.onAnalog(pin);
    this.update(pin);
  }

  /** A part drives the pin (or lets go, with null). */
  setDrive(pin: PinState, drive: Drive | null): void {
    const before = pin.drive;
    pin.drive = drive;
    if (drive?.kind === 'volts' || before?.kind === 'volts') this.onAnalog(pin);
    this.update(pin);
  }

  /** Voltage on the pin as an ADC sees it. */
  volts(pin: PinState): number {
    if (pin.drive?.kind === 'volts' && !this.isOutput(pin)) return pin.drive.volts;
    return pin.level * VDD;
  }

  isOutput(pin: PinState): boolean {
    return pin.mode === 'output' || pin.mode === 'af_output' || pin.duty !== null;
  }

  private update(pin: PinState): void {
    const level = this.levelOf(pin);
    if (level === pin.level) return;
    pin.level = level;
    this.onLevel(pin);
  }

  private levelOf(pin: PinState): 0 | 1 {
    const mode = pin.mode;
    if (pin.duty !== null) return pin.duty > 0 ? 1 : 0;
    if (mode === 'output' || mode === 'af_output') return pin.out;
    if ((mode === 'opendrain' || mode === 'af_opendrain' || mode === 'opendrain_pullup') && pin.out === 0) return 0;
    const d = pin.drive;
    if (d !== null) return d.kind === 'level' ? d.level : d.volts >= VDD / 2 ? 1 : 0;
    if (mode === 'input_pullup' || mode === 'opendrain_pullup' || mode === 'opendrain' || mode === 'af_opendrain') return 1;
    return 0; // floating or pulled down: read as 0, deterministically
  }

  private aliasText(): string {
    if (this.aliases.size === 0) return '';
    return ` (and ${[...this.aliases].map(([a, p]) => `${a}=${p}`).join(', ')})`;
  }
}
