/**
 * MDBT42Q module (and its breakout board) — Espruino board MDBT42Q, nRF52832.
 *
 * Source: espruino/Espruino at commit c5ff787b199148c31ef2776fb6f70673cba01a25:
 *   boards/MDBT42Q.py  info.variables → jsVars 2950; chip.saved_code (10 pages × 4096 bytes)
 *                      → flashBytes 40960; devices → LED1, LED2, BTN1, NFC;
 *                      get_pins() → D0..D31 (pinutils.generate_pins(0,31)) and ADC1_INx functions
 *   targets/nrf5x/jshardware.c   jshCanWatch(), jshPinAnalogOutput()
 * There is no pin CSV for nRF52 boards; the .py file generates the pin list.
 *
 * Capabilities: the nRF52 routes PWM, SPI, I2C and UART to any GPIO (Espruino's
 * jshPinAnalogOutput() uses a hardware PWM channel on whatever pin it is given, and
 * jshCanWatch() accepts every pin), and every GPIO has pull-up and pull-down, so every
 * pin gets 'digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'.
 * 'analog' only on pins get_pins() gives an ADC1_INx function. No DAC on the nRF52.
 */

import type { BoardDefinition } from './board-definition.js';

export const mdbt42q: BoardDefinition = {
  id: 'mdbt42q',
  name: 'MDBT42Q',
  chip: 'nRF52832',
  espruinoBoard: 'MDBT42Q',
  jsVars: 2950,
  flashBytes: 40960,
  source: 'espruino/Espruino boards/MDBT42Q.py at commit c5ff787b199148c31ef2776fb6f70673cba01a25',
  pins: {
    D0: { name: 'D0', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'BTN1 (input_pulldown)' },
    D1: { name: 'D1', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LED1' },
    D2: { name: 'D2', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LED2' },
    D3: { name: 'D3', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D4: { name: 'D4', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D5: { name: 'D5', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D6: { name: 'D6', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial1 TX (console when Bluetooth disconnected)' },
    D7: { name: 'D7', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D8: { name: 'D8', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial1 RX (console when Bluetooth disconnected)' },
    D9: { name: 'D9', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'NFC antenna' },
    D10: { name: 'D10', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'NFC antenna' },
    D11: { name: 'D11', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D12: { name: 'D12', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D13: { name: 'D13', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LRCK output while driving Neopixels' },
    D14: { name: 'D14', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D15: { name: 'D15', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D16: { name: 'D16', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D17: { name: 'D17', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D18: { name: 'D18', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D19: { name: 'D19', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D20: { name: 'D20', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D21: { name: 'D21', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'nRESET: this build enables CONFIG_GPIO_AS_PINRESET, so pulling it low resets the chip' },
    D22: { name: 'D22', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D23: { name: 'D23', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'SCK output while driving Neopixels' },
    D24: { name: 'D24', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D25: { name: 'D25', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D26: { name: 'D26', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D27: { name: 'D27', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D28: { name: 'D28', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D29: { name: 'D29', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D30: { name: 'D30', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D31: { name: 'D31', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
  },
  leds: { LED1: 'D1', LED2: 'D2' },
  buttons: { BTN1: 'D0' },
};
