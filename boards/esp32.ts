/**
 * ESP32 DevKit (ESP32-WROOM-32) — Espruino board ESP32.
 *
 * Source: espruino/Espruino at commit c5ff787b199148c31ef2776fb6f70673cba01a25:
 *   boards/ESP32.py    info.variables → jsVars 16383; chip.saved_code (224 pages × 4096 bytes,
 *                      "896kb - see partitions_espruino.csv") → flashBytes 917504;
 *                      devices → LED1 (D2), BTN1 (D0); get_pins() → D0..D39
 *                      (pinutils.generate_pins(0,39)), ADC1_IN0..7 on D32..D39 only (the ADC2
 *                      lines are commented out: ADC2 is unusable while WiFi runs), DAC_OUT1/2
 *                      on D25/D26, default UART/I2C/SPI pins
 *   targets/esp32/jshardware.c   jshCanWatch() refuses D6..D12; jshPinAnalogOutput() writes
 *                      the DAC on D25/D26 and LEDC hardware PWM elsewhere; jshPinSetState()
 *   targets/esp32/main.c         jsVars are really sized at boot from free heap, capped at
 *                      16383, so a board with WiFi/BLE in use may report fewer
 *
 * Capabilities: the ESP32's GPIO matrix routes UART, SPI and I2C to any GPIO. D34..D39 are
 * input only (no output, PWM, I2C or pull resistors). D6..D11 are wired to the SPI flash and
 * D20, D24, D28..D31 don't exist on the chip: Espruino's pin table still names them, so they
 * are listed with no capabilities.
 */

import type { BoardDefinition } from './board-definition.js';

export const esp32: BoardDefinition = {
  id: 'esp32',
  name: 'ESP32 DevKit',
  chip: 'ESP32',
  espruinoBoard: 'ESP32',
  jsVars: 16383,
  flashBytes: 917504,
  source: 'espruino/Espruino boards/ESP32.py at commit c5ff787b199148c31ef2776fb6f70673cba01a25',
  pins: {
    D0: { name: 'D0', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'BTN1 (BOOT button, negated in software); boot strapping pin' },
    D1: { name: 'D1', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial1 TX (console)' },
    D2: { name: 'D2', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'LED1; boot strapping pin' },
    D3: { name: 'D3', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial1 RX (console)' },
    D4: { name: 'D4', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial2 TX default' },
    D5: { name: 'D5', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial2 RX default; boot strapping pin' },
    D6: { name: 'D6', caps: [], note: 'wired to the SPI flash chip: using it crashes the board' },
    D7: { name: 'D7', caps: [], note: 'wired to the SPI flash chip: using it crashes the board' },
    D8: { name: 'D8', caps: [], note: 'wired to the SPI flash chip: using it crashes the board' },
    D9: { name: 'D9', caps: [], note: 'wired to the SPI flash chip: using it crashes the board' },
    D10: { name: 'D10', caps: [], note: 'wired to the SPI flash chip: using it crashes the board' },
    D11: { name: 'D11', caps: [], note: 'wired to the SPI flash chip: using it crashes the board' },
    D12: { name: 'D12', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown'], note: 'boot strapping pin (flash voltage: keep low at boot); setWatch refuses it (jshCanWatch excludes D6-D12); SPI1 MISO default' },
    D13: { name: 'D13', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'SPI1 MOSI default' },
    D14: { name: 'D14', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'SPI1 SCK default' },
    D15: { name: 'D15', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'boot strapping pin' },
    D16: { name: 'D16', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial3 RX default; I2C2 SCL default' },
    D17: { name: 'D17', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial3 TX default; I2C2 SDA default' },
    D18: { name: 'D18', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'SPI2 SCK default' },
    D19: { name: 'D19', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'SPI2 MISO default' },
    D20: { name: 'D20', caps: [], note: 'no such GPIO on the ESP32 DevKit (Espruino names it, but nothing is connected)' },
    D21: { name: 'D21', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'I2C1 SDA default' },
    D22: { name: 'D22', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'I2C1 SCL default' },
    D23: { name: 'D23', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'SPI2 MOSI default' },
    D24: { name: 'D24', caps: [], note: 'no such GPIO on the ESP32 DevKit (Espruino names it, but nothing is connected)' },
    D25: { name: 'D25', caps: ['digital', 'dac', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'DAC channel 1: analogWrite outputs a voltage, not PWM' },
    D26: { name: 'D26', caps: ['digital', 'dac', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'], note: 'DAC channel 2: analogWrite outputs a voltage, not PWM' },
    D27: { name: 'D27', caps: ['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D28: { name: 'D28', caps: [], note: 'no such GPIO on the ESP32 DevKit (Espruino names it, but nothing is connected)' },
    D29: { name: 'D29', caps: [], note: 'no such GPIO on the ESP32 DevKit (Espruino names it, but nothing is connected)' },
    D30: { name: 'D30', caps: [], note: 'no such GPIO on the ESP32 DevKit (Espruino names it, but nothing is connected)' },
    D31: { name: 'D31', caps: [], note: 'no such GPIO on the ESP32 DevKit (Espruino names it, but nothing is connected)' },
    D32: { name: 'D32', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D33: { name: 'D33', caps: ['digital', 'analog', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'] },
    D34: { name: 'D34', caps: ['digital', 'analog', 'spi', 'uart', 'watch'], note: 'input only: no output, no pull resistors (usable as UART RX / SPI MISO)' },
    D35: { name: 'D35', caps: ['digital', 'analog', 'spi', 'uart', 'watch'], note: 'input only: no output, no pull resistors (usable as UART RX / SPI MISO)' },
    D36: { name: 'D36', caps: ['digital', 'analog', 'spi', 'uart', 'watch'], note: 'input only: no output, no pull resistors (usable as UART RX / SPI MISO); marked VP' },
    D37: { name: 'D37', caps: ['digital', 'analog', 'spi', 'uart', 'watch'], note: 'input only: no output, no pull resistors; not broken out on most DevKit boards' },
    D38: { name: 'D38', caps: ['digital', 'analog', 'spi', 'uart', 'watch'], note: 'input only: no output, no pull resistors; not broken out on most DevKit boards' },
    D39: { name: 'D39', caps: ['digital', 'analog', 'spi', 'uart', 'watch'], note: 'input only: no output, no pull resistors (usable as UART RX / SPI MISO); marked VN' },
  },
  leds: { LED1: 'D2' },
  buttons: { BTN1: 'D0' },
};
