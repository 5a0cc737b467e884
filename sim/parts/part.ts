import type { Harness } from '../harness.js';

/**
 * A device outside the board, wired to its pins. Parts outlive board resets
 * (they are hardware): they hold PinStates of the board's PinBank, which
 * persists, and register with the harness's `uarts` / `i2cDevices`.
 */
export interface Part {
  readonly id: string;
  readonly type: string;
  /** Board pins the part is wired to, for the trace and the timeline. */
  readonly pins: string[];
  /** One line: what the part is doing now ("on", "pressed", "1.65 V", "22.5 °C 45 %RH"). */
  state(): string;
}

/** What a part is given when it is built from the diagram. */
export interface PartContext {
  harness: Harness;
}
