/**
 * Bangle.js 2 — Espruino board BANGLEJS2, nRF52840.
 *
 * Source: espruino/Espruino at commit c5ff787b199148c31ef2776fb6f70673cba01a25:
 *   boards/BANGLEJS2.py  info.variables → jsVars 12000; chip.saved_code (address 0x60000000,
 *                        2048 pages × 4096 bytes: the whole 8 MB external SPI flash)
 *                        → flashBytes 8388608; devices → BTN1 (D17) and on-board parts;
 *                        get_pins() → D0..D47 (pinutils.generate_pins(0,47)) and ADC1_INx
 *   libs/banglejs/jswrap_bangle.c, libs/js/banglejs/LED1.js   LED1/LED2 are not pins
 *   targets/nrf5x/jshardware.c   jshCanWatch(), jshPinAnalogOutput()
 *
 * Capabilities: the nRF52 routes PWM, SPI, I2C and UART to any GPIO (Espruino's
 * jshPinAnalogOutput() uses a hardware PWM channel on whatever pin it is given, and
 * jshCanWatch() accepts every pin), and every GPIO has pull-up and pull-down, so every
 * pin gets 'digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'.
 * 'analog' only on pins get_pins() gives an ADC1_INx function. No DAC on the nRF52.
 * Every pin is wired inside the watch (the board file hides all of them from Blockly);
 * notes say to what.
 *
 * LEDs: none. The board file's LED1 (D8, the LCD backlight) is marked 'novariable', so
 * the firmware defines no LED1 pin; instead LED1/LED2 are JavaScript objects that draw a
 * dot on the screen (libs/js/banglejs/LED1.js). They are not pins, so `leds` is empty.
 */

import type { BoardDefinition } from './board-definition.js';

export const banglejs2: BoardDefinition = {
  id: 'banglejs2',
  name: 'Bangle.js 2',
  chip: 'nRF52840',
  espruinoBoard: 'BANGLEJS2',
  jsVars: 12000,
  flashBytes: 8388608,
  source: 'espruino/Espruino boards/BANGLEJS2.py at commit c5ff787b199148c31ef2776fb6f70673cba01a25',
  pins: {
    D0: { name: 'D0', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'XL1 (32 kHz crystal)' },
    D1: { name: 'D1', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'XL2 (32 kHz crystal)' },
    D2: { name: 'D2', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'pressure sensor SCL' },
    D3: { name: 'D3', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'battery voltage' },
    D4: { name: 'D4', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D5: { name: 'D5', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LCD CS' },
    D6: { name: 'D6', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LCD EXTCOMIN' },
    D7: { name: 'D7', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LCD DISP' },
    D8: { name: 'D8', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LCD backlight (board file LED1, not exposed as LED1)' },
    D9: { name: 'D9', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D10: { name: 'D10', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D11: { name: 'D11', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D12: { name: 'D12', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D13: { name: 'D13', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'SPI flash MISO' },
    D14: { name: 'D14', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'SPI flash CS' },
    D15: { name: 'D15', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'SPI flash MOSI' },
    D16: { name: 'D16', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'SPI flash SCK' },
    D17: { name: 'D17', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'BTN1 (negated in software)' },
    D18: { name: 'D18', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D19: { name: 'D19', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'vibration motor' },
    D20: { name: 'D20', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D21: { name: 'D21', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'heart rate sensor enable' },
    D22: { name: 'D22', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'heart rate sensor INT' },
    D23: { name: 'D23', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'charging status (active low)' },
    D24: { name: 'D24', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'heart rate sensor SDA' },
    D25: { name: 'D25', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D26: { name: 'D26', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LCD SCK' },
    D27: { name: 'D27', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LCD MOSI' },
    D28: { name: 'D28', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D29: { name: 'D29', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'GPS enable' },
    D30: { name: 'D30', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'GPS RX' },
    D31: { name: 'D31', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'GPS TX' },
    D32: { name: 'D32', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'heart rate sensor SCL' },
    D33: { name: 'D33', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'touchscreen SDA' },
    D34: { name: 'D34', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'touchscreen SCL' },
    D35: { name: 'D35', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'touchscreen RST' },
    D36: { name: 'D36', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'touchscreen IRQ' },
    D37: { name: 'D37', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'accelerometer SCL' },
    D38: { name: 'D38', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'accelerometer SDA' },
    D39: { name: 'D39', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D40: { name: 'D40', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D41: { name: 'D41', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D42: { name: 'D42', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D43: { name: 'D43', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D44: { name: 'D44', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'magnetometer SDA' },
    D45: { name: 'D45', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'magnetometer SCL' },
    D46: { name: 'D46', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D47: { name: 'D47', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'pressure sensor SDA' },
  },
  leds: {},
  buttons: { BTN1: 'D17' },
};
