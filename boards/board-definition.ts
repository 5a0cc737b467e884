/**
 * A board, as plain data. Facts come from Espruino's own board files
 * (espruino/Espruino `boards/<NAME>.py` and `boards/pins/*.csv`), so that what
 * Coop accepts is what the firmware on the board accepts.
 */

/** What a pin can do. */
export type PinCapability =
  | 'digital'  // digitalRead / digitalWrite
  | 'analog'   // analogRead (ADC)
  | 'dac'      // analogWrite as a true DAC output
  | 'pwm'      // analogWrite as PWM (hardware or software)
  | 'i2c'      // usable as SDA/SCL for hardware I2C
  | 'spi'      // usable for hardware SPI
  | 'uart'     // usable as TX/RX for a hardware UART
  | 'pullup'   // pinMode 'input_pullup'
  | 'pulldown' // pinMode 'input_pulldown'
  | 'watch';   // setWatch on this pin

export interface PinDefinition {
  /** Espruino's name for the pin: 'D5', 'A0', 'B12'. */
  name: string;
  caps: PinCapability[];
  /** Anything a user should know: 'input only', 'boot strap pin', 'NFC antenna'. */
  note?: string;
}

export interface BoardDefinition {
  /** Short id used on the command line: 'puckjs', 'esp32', 'pico', 'linux'. */
  id: string;
  /** Name a person would say: 'Puck.js'. */
  name: string;
  /** The microcontroller: 'nRF52832'. */
  chip: string;
  /** Espruino's board file the facts come from: 'PUCKJS'. */
  espruinoBoard: string;
  /** Variables the interpreter has (process.memory().total on a fresh board). */
  jsVars: number;
  /** Bytes of flash usable for saved code (Storage area). */
  flashBytes: number;
  /** Every pin a user may name. */
  pins: Record<string, PinDefinition>;
  /** Built-in LEDs: { LED1: 'D5' }. */
  leds: Record<string, string>;
  /** Built-in buttons: { BTN1: 'D0' }. */
  buttons: Record<string, string>;
  /** Where the facts were taken from. */
  source: string;
}
