/**
 * Pixl.js — Espruino board PIXLJS, nRF52832.
 *
 * Source: espruino/Espruino at commit c5ff787b199148c31ef2776fb6f70673cba01a25:
 *   boards/PIXLJS.py   info.variables → jsVars 2950; chip.saved_code (9 pages × 4096 bytes)
 *                      → flashBytes 36864; devices → LED1 (H0), BTN1-4 (H1-H4), LCD;
 *                      get_pins() → an explicit list: D0..D13, A0..A5 (Arduino header) and
 *                      H0..H9 (internal), each mapped to an nRF52 GPIO, with ADC1_INx functions
 *   targets/nrf5x/jshardware.c   jshCanWatch(), jshPinAnalogOutput()
 *
 * Capabilities: the nRF52 routes PWM, SPI, I2C and UART to any GPIO (Espruino's
 * jshPinAnalogOutput() uses a hardware PWM channel on whatever pin it is given, and
 * jshCanWatch() accepts every pin), and every GPIO has pull-up and pull-down, so every
 * pin gets 'digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'.
 * 'analog' only on pins get_pins() gives an ADC1_INx function. No DAC on the nRF52.
 * H0..H9 drive the LCD, backlight and buttons; the board file hides them from Blockly.
 */

import type { BoardDefinition } from './board-definition.js';

export const pixljs: BoardDefinition = {
  id: 'pixljs',
  name: 'Pixl.js',
  chip: 'nRF52832',
  espruinoBoard: 'PIXLJS',
  jsVars: 2950,
  flashBytes: 36864,
  source: 'espruino/Espruino boards/PIXLJS.py at commit c5ff787b199148c31ef2776fb6f70673cba01a25',
  pins: {
    D0: { name: 'D0', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial1 RX (console when Bluetooth disconnected)' },
    D1: { name: 'D1', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial1 TX (console when Bluetooth disconnected)' },
    D2: { name: 'D2', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D3: { name: 'D3', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D4: { name: 'D4', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D5: { name: 'D5', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D6: { name: 'D6', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D7: { name: 'D7', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D8: { name: 'D8', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D9: { name: 'D9', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D10: { name: 'D10', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D11: { name: 'D11', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D12: { name: 'D12', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D13: { name: 'D13', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    A0: { name: 'A0', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    A1: { name: 'A1', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    A2: { name: 'A2', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    A3: { name: 'A3', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    A4: { name: 'A4', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'also on the header pin marked SDA' },
    A5: { name: 'A5', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'also on the header pin marked SCL' },
    H0: { name: 'H0', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LED1: LCD backlight (negated in software)' },
    H1: { name: 'H1', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'BTN1 (negated in software)' },
    H2: { name: 'H2', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'BTN2 (negated in software)' },
    H3: { name: 'H3', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'BTN3 (negated in software)' },
    H4: { name: 'H4', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'BTN4 (negated in software)' },
    H5: { name: 'H5', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LCD DC' },
    H6: { name: 'H6', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LCD CS' },
    H7: { name: 'H7', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LCD RST' },
    H8: { name: 'H8', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LCD SCK; SCK output while driving Neopixels' },
    H9: { name: 'H9', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LCD MOSI; LRCK output while driving Neopixels' },
  },
  leds: { LED1: 'H0' },
  buttons: { BTN1: 'H1', BTN2: 'H2', BTN3: 'H3', BTN4: 'H4' },
};
