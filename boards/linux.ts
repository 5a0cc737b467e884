/**
 * The Linux build of Espruino (the `espruino` binary run on the host) — Espruino board LINUX.
 * Used to run tests on a real interpreter.
 *
 * Source: espruino/Espruino at commit c5ff787b199148c31ef2776fb6f70673cba01a25:
 *   boards/LINUX.py     get_pins() → "fake pins" D0..D32 (pinutils.generate_pins(0,32));
 *                       devices has no LEDs or buttons; info.variables is 0, which means
 *                       resizable variables; chip.flash 256 (KB of a file faking flash)
 *   scripts/build_platform_config.py   on LINUX all chip.flash is saved-code area:
 *                       256 pages × 1024 bytes → flashBytes 262144 (file espruino.flash)
 *   src/jsvar.c         RESIZABLE_JSVARS: jsvInit() starts with one block of
 *                       JSVAR_BLOCK_SIZE = 4096 variables and adds 4096 more when needed,
 *                       so jsVars is 4096 at start (process.memory().total), with no fixed cap
 *   targets/linux/jshardware.c   GPIO goes to /sys/class/gpio and does nothing if that is
 *                       absent (reads give 0); analogWrite is a silent no-op (PWM only with
 *                       WiringPi); analogRead prints "ERROR: Analog is not supported on this
 *                       device." and returns 0, so no pin has 'analog'; setWatch is accepted
 *
 * Hardware I2C/SPI/UART on Linux are not pin based, so those capabilities aren't listed.
 */

import type { BoardDefinition } from './board-definition.js';

export const linux: BoardDefinition = {
  id: 'linux',
  name: 'Linux',
  chip: 'Linux host',
  espruinoBoard: 'LINUX',
  jsVars: 4096,
  flashBytes: 262144,
  source: 'espruino/Espruino boards/LINUX.py at commit c5ff787b199148c31ef2776fb6f70673cba01a25',
  pins: {
    D0: { name: 'D0', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D1: { name: 'D1', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D2: { name: 'D2', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D3: { name: 'D3', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D4: { name: 'D4', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D5: { name: 'D5', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D6: { name: 'D6', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D7: { name: 'D7', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D8: { name: 'D8', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D9: { name: 'D9', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D10: { name: 'D10', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D11: { name: 'D11', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D12: { name: 'D12', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D13: { name: 'D13', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D14: { name: 'D14', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D15: { name: 'D15', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D16: { name: 'D16', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D17: { name: 'D17', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D18: { name: 'D18', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D19: { name: 'D19', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D20: { name: 'D20', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D21: { name: 'D21', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D22: { name: 'D22', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D23: { name: 'D23', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D24: { name: 'D24', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D25: { name: 'D25', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D26: { name: 'D26', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D27: { name: 'D27', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D28: { name: 'D28', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D29: { name: 'D29', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D30: { name: 'D30', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D31: { name: 'D31', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
    D32: { name: 'D32', caps: ['digital', 'pwm', 'pullup', 'pulldown', 'watch'] },
  },
  leds: {},
  buttons: {},
};
