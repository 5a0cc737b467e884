/**
 * Puck.js — Espruino board PUCKJS, nRF52832.
 *
 * Source: espruino/Espruino at commit c5ff787b199148c31ef2776fb6f70673cba01a25:
 *   boards/PUCKJS.py   info.variables → jsVars 2630; chip.saved_code (10 pages × 4096 bytes)
 *                      → flashBytes 40960; devices → LED1-3, BTN1 and on-board parts;
 *                      get_pins() → D0..D31 (pinutils.generate_pins(0,31)) and ADC1_INx functions
 *   targets/nrf5x/jshardware.c   jshCanWatch(), jshPinAnalogOutput()
 * There is no pin CSV for nRF52 boards; the .py file generates the pin list.
 *
 * Capabilities: the nRF52 routes PWM, SPI, I2C and UART to any GPIO (Espruino's
 * jshPinAnalogOutput() uses a hardware PWM channel on whatever pin it is given, and
 * jshCanWatch() accepts every pin), and every GPIO has pull-up and pull-down, so every
 * pin gets 'digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'.
 * 'analog' only on pins get_pins() gives an ADC1_INx function. No DAC on the nRF52.
 * Pin notes give the Puck.js v2 wiring from 'devices' (v1 had only the magnetometer).
 */

import type { BoardDefinition } from './board-definition.js';

export const puckjs: BoardDefinition = {
  id: 'puckjs',
  name: 'Puck.js',
  chip: 'nRF52832',
  espruinoBoard: 'PUCKJS',
  jsVars: 2630,
  flashBytes: 40960,
  source: 'espruino/Espruino boards/PUCKJS.py at commit c5ff787b199148c31ef2776fb6f70673cba01a25',
  pins: {
    D0: { name: 'D0', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'BTN1 (input_pulldown)' },
    D1: { name: 'D1', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'XL2 (32 kHz crystal pin)' },
    D2: { name: 'D2', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D3: { name: 'D3', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LED3 (blue)' },
    D4: { name: 'D4', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LED2 (green)' },
    D5: { name: 'D5', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LED1 (red)' },
    D6: { name: 'D6', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'v2: temperature sensor SCL' },
    D7: { name: 'D7', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'v2: temperature sensor SDA' },
    D8: { name: 'D8', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'v2: temperature sensor power' },
    D9: { name: 'D9', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'NFC antenna' },
    D10: { name: 'D10', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'NFC antenna' },
    D11: { name: 'D11', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Capacitive sense (D12 connects to it via 1 MOhm)' },
    D12: { name: 'D12', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Capacitive sense TX' },
    D13: { name: 'D13', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'v2: accelerometer INT' },
    D14: { name: 'D14', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'v2: accelerometer SDA' },
    D15: { name: 'D15', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'v2: accelerometer SCL' },
    D16: { name: 'D16', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LRCK output while driving Neopixels' },
    D17: { name: 'D17', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'magnetometer INT' },
    D18: { name: 'D18', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'magnetometer power' },
    D19: { name: 'D19', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'magnetometer SCL' },
    D20: { name: 'D20', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'magnetometer SDA' },
    D21: { name: 'D21', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'v2: magnetometer DRDY' },
    D22: { name: 'D22', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'SCK output while driving Neopixels' },
    D23: { name: 'D23', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D24: { name: 'D24', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D25: { name: 'D25', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'IR LED anode' },
    D26: { name: 'D26', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'IR LED cathode; v2: switches the pin marked FET (1 shorts it to GND, 0 leaves it floating)' },
    D27: { name: 'D27', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D28: { name: 'D28', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial1 TX if pulled up at startup' },
    D29: { name: 'D29', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial1 RX if pulled up at startup' },
    D30: { name: 'D30', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D31: { name: 'D31', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
  },
  leds: { LED1: 'D5', LED2: 'D4', LED3: 'D3' },
  buttons: { BTN1: 'D0' },
};
