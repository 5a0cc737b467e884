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

/**
 * What of the simulated board a part may use, by kind of part: each part is
 * given the whole `Harness` but typed with only these members, so what a part
 * can touch is stated here, not found by reading it. The `Harness` fields
 * named keep their own contracts (sim/harness.ts).
 */
/** Drives or reads pins, nothing else (LED, voltage source). */
export type PinHost = Pick<Harness, 'pins'>;
/** Pins on the virtual clock (button bounce, SHT3x measurement delay), with a note on the timeline. */
export type TimedPinHost = Pick<Harness, 'pins' | 'clock' | 'note'>;
/** A device on a board UART: pins, clock, and the UART byte paths. */
export type UartHost = Pick<Harness, 'pins' | 'clock' | 'note' | 'serial' | 'uarts'>;
/** A device on an I2C bus (registers itself in `i2cDevices`). */
export type I2cHost = Pick<Harness, 'pins' | 'clock' | 'i2cDevices'>;
/** The network around an ESP32: access points, brokers, servers. */
export type NetHost = Pick<Harness, 'clock' | 'net' | 'note'>;
/** A Bluetooth LE peer of an nRF52 board; a phone also runs the clock forward while it waits. */
export type BleHost = Pick<Harness, 'clock' | 'ble' | 'board' | 'chip' | 'runUntilUs'>;
/** Everything any part may use: what `buildPart` needs. */
export type PartHost = PinHost & TimedPinHost & UartHost & I2cHost & NetHost & BleHost;
