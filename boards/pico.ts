/**
 * Espruino Pico (rev 1.3/1.4) — Espruino board PICO_R1_3, STM32F401CDU6 (UQFN48).
 *
 * Source: espruino/Espruino at commit c5ff787b199148c31ef2776fb6f70673cba01a25:
 *   boards/PICO_R1_3.py  info.variables → jsVars 5100; chip.saved_code (3 pages × 16384
 *                        bytes) → flashBytes 49152; devices → LED1 (B2), LED2 (B12), BTN1 (C13);
 *                        get_pins() reads the two CSVs below, keeping pins of package UQFN48
 *   boards/pins/stm32f401.csv, boards/pins/stm32f401_af.csv   pin functions
 *   scripts/pinutils.py   remove_used_pinfunctions(): TIM5 is Espruino's utility timer on the
 *                        F401, so TIM5 channels are not PWM outputs
 *   targets/stm32/jshardware.c   jshPinAnalogOutput(), jshCanWatch()
 *
 * Capabilities are per pin, from the CSV functions:
 *   'analog' ADC1_INx; 'pwm' TIMx_CHy(N) (hardware PWM only: other pins can do software PWM
 *   with analogWrite(pin, v, {soft:true}), which is not listed); 'i2c' I2Cx_SCL/SDA;
 *   'spi' SPIx_SCK/MISO/MOSI; 'uart' USARTx_TX/RX. Software SPI/I2C also work on any pin,
 *   but only hardware-capable pins are listed. Every GPIO has pull-up/pull-down.
 *   'watch': any pin, but only one pin per pin number at a time (one EXTI line per number:
 *   A1 and B1 can't both be watched).
 * No DAC on the STM32F401. H0/H1 carry the 8 MHz crystal and are listed with no capabilities.
 */

import type { BoardDefinition } from './board-definition.js';

export const pico: BoardDefinition = {
  id: 'pico',
  name: 'Espruino Pico',
  chip: 'STM32F401CDU6',
  espruinoBoard: 'PICO_R1_3',
  jsVars: 5100,
  flashBytes: 49152,
  source: 'espruino/Espruino boards/PICO_R1_3.py, boards/pins/stm32f401.csv, boards/pins/stm32f401_af.csv at commit c5ff787b199148c31ef2776fb6f70673cba01a25',
  pins: {
    A0: { name: 'A0', caps: ['digital', 'analog', 'pwm', 'pullup', 'pulldown', 'watch'] },
    A1: { name: 'A1', caps: ['digital', 'analog', 'pwm', 'pullup', 'pulldown', 'watch'] },
    A2: { name: 'A2', caps: ['digital', 'analog', 'pwm', 'uart', 'pullup', 'pulldown', 'watch'] },
    A3: { name: 'A3', caps: ['digital', 'analog', 'pwm', 'uart', 'pullup', 'pulldown', 'watch'] },
    A4: { name: 'A4', caps: ['digital', 'analog', 'pullup', 'pulldown', 'watch'] },
    A5: { name: 'A5', caps: ['digital', 'analog', 'pwm', 'spi', 'pullup', 'pulldown', 'watch'] },
    A6: { name: 'A6', caps: ['digital', 'analog', 'pwm', 'spi', 'pullup', 'pulldown', 'watch'] },
    A7: { name: 'A7', caps: ['digital', 'analog', 'pwm', 'spi', 'pullup', 'pulldown', 'watch'] },
    A8: { name: 'A8', caps: ['digital', 'pwm', 'i2c', 'pullup', 'pulldown', 'watch'] },
    A9: { name: 'A9', caps: ['digital', 'pwm', 'uart', 'pullup', 'pulldown', 'watch'], note: 'connected directly to USB 5 V (USB VBUS sense)' },
    A10: { name: 'A10', caps: ['digital', 'pwm', 'uart', 'pullup', 'pulldown', 'watch'] },
    A11: { name: 'A11', caps: ['digital', 'pwm', 'uart', 'pullup', 'pulldown', 'watch'], note: 'USB D-' },
    A12: { name: 'A12', caps: ['digital', 'uart', 'pullup', 'pulldown', 'watch'], note: 'USB D+' },
    A13: { name: 'A13', caps: ['digital', 'pullup', 'pulldown', 'watch'], note: 'SWDIO; gold pad on the underside' },
    A14: { name: 'A14', caps: ['digital', 'pullup', 'pulldown', 'watch'], note: 'SWCLK; gold pad on the underside' },
    A15: { name: 'A15', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'], note: 'JTDI; gold pad on the underside' },
    B0: { name: 'B0', caps: ['digital', 'analog', 'pwm', 'pullup', 'pulldown', 'watch'], note: 'USB charge FET (when the FET/B0 jumper is shorted)' },
    B1: { name: 'B1', caps: ['digital', 'analog', 'pwm', 'pullup', 'pulldown', 'watch'] },
    B2: { name: 'B2', caps: ['digital', 'pullup', 'pulldown', 'watch'], note: 'LED1 (red); BOOT1' },
    B3: { name: 'B3', caps: ['digital', 'pwm', 'i2c', 'spi', 'pullup', 'pulldown', 'watch'] },
    B4: { name: 'B4', caps: ['digital', 'pwm', 'i2c', 'spi', 'pullup', 'pulldown', 'watch'] },
    B5: { name: 'B5', caps: ['digital', 'pwm', 'spi', 'pullup', 'pulldown', 'watch'] },
    B6: { name: 'B6', caps: ['digital', 'pwm', 'i2c', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial1 TX (console when USB disconnected)' },
    B7: { name: 'B7', caps: ['digital', 'pwm', 'i2c', 'uart', 'pullup', 'pulldown', 'watch'], note: 'Serial1 RX (console when USB disconnected)' },
    B8: { name: 'B8', caps: ['digital', 'pwm', 'i2c', 'pullup', 'pulldown', 'watch'] },
    B9: { name: 'B9', caps: ['digital', 'pwm', 'i2c', 'pullup', 'pulldown', 'watch'] },
    B10: { name: 'B10', caps: ['digital', 'pwm', 'i2c', 'spi', 'pullup', 'pulldown', 'watch'] },
    B12: { name: 'B12', caps: ['digital', 'pullup', 'pulldown', 'watch'], note: 'LED2 (green)' },
    B13: { name: 'B13', caps: ['digital', 'pwm', 'spi', 'pullup', 'pulldown', 'watch'] },
    B14: { name: 'B14', caps: ['digital', 'pwm', 'spi', 'pullup', 'pulldown', 'watch'] },
    B15: { name: 'B15', caps: ['digital', 'pwm', 'spi', 'pullup', 'pulldown', 'watch'] },
    C13: { name: 'C13', caps: ['digital', 'pullup', 'pulldown', 'watch'], note: 'BTN1 (input_pulldown)' },
    C14: { name: 'C14', caps: ['digital', 'pullup', 'pulldown', 'watch'], note: 'pad for optional 32 kHz crystal' },
    C15: { name: 'C15', caps: ['digital', 'pullup', 'pulldown', 'watch'], note: 'pad for optional 32 kHz crystal' },
    H0: { name: 'H0', caps: [], note: '8 MHz crystal (OSC_IN): not usable' },
    H1: { name: 'H1', caps: [], note: '8 MHz crystal (OSC_OUT): not usable' },
  },
  leds: { LED1: 'B2', LED2: 'B12' },
  buttons: { BTN1: 'C13' },
};
