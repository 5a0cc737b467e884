import type { BoardDefinition } from '../boards/board-definition.js';

/**
 * What the simulator needs to know about a board's microcontroller family,
 * beyond the board definition: ADC resolution, the exact error Espruino's
 * driver throws when no I2C device answers, serial ports and the console,
 * and the size of a JsVar (for the memory estimate). Each fact cites the
 * Espruino source (espruino/Espruino at c5ff787b) it comes from.
 */
export type ChipFamily = 'nrf52' | 'esp32' | 'stm32' | 'linux';

export interface ChipFacts {
  family: ChipFamily;
  /** analogRead() steps: value = raw / 2^bits. */
  adcBits: number;
  /** Hardware I2C buses (I2C1…). */
  i2cBuses: string[];
  /** Serial ports besides the console. */
  serialPorts: string[];
  /** The console device's global name (where print() goes). */
  consoleName: string;
  /** The exception Espruino throws when nobody ACKs an address on hardware I2C. */
  i2cNack(op: 'write' | 'read'): { kind: 'Error' | 'InternalError'; message: string };
  /** Die temperature E.getTemperature() returns before the simulation changes it (°C). */
  dieTemperature: number;
}

export function familyOf(board: BoardDefinition): ChipFamily {
  const chip = board.chip.toLowerCase();
  if (chip.startsWith('nrf52')) return 'nrf52';
  if (chip.startsWith('esp32')) return 'esp32';
  if (chip.startsWith('stm32')) return 'stm32';
  return 'linux';
}

export function chipFacts(board: BoardDefinition): ChipFacts {
  switch (familyOf(board)) {
    case 'nrf52':
      return {
        family: 'nrf52',
        // targets/nrf5x/jshardware.c jshPinAnalog(): 14-bit SAADC, nrf_analog_read() / 16384.0
        adcBits: 14,
        i2cBuses: ['I2C1'],
        serialPorts: ['Serial1'],
        consoleName: 'Bluetooth',
        // targets/nrf5x/jshardware.c jshI2CWrite/Read: "I2C Write Error %d" with nrf_drv_twi's
        // NRF_ERROR_DRV_TWI_ERR_ANACK = 0x8201 = 33281 (sdk_errors.h) when the address is not ACKed
        i2cNack: (op) => ({ kind: 'InternalError', message: `I2C ${op === 'write' ? 'Write' : 'Read'} Error 33281` }),
        dieTemperature: 25,
      };
    case 'esp32':
      return {
        family: 'esp32',
        // targets/esp32/jshardware.c jshPinAnalog(): readADC(pin) / 4096
        adcBits: 12,
        i2cBuses: ['I2C1', 'I2C2'],
        serialPorts: ['Serial2', 'Serial3'],
        consoleName: 'Serial1',
        // targets/esp32/jshardwareI2c.c checkError(): ESP_FAIL → "%s: slave doesn't ACK the transfer"
        i2cNack: (op) => ({ kind: 'Error', message: `${op === 'write' ? 'jshI2CWrite' : 'jshI2CRead'}: slave doesn't ACK the transfer` }),
        dieTemperature: 40,
      };
    case 'stm32':
      return {
        family: 'stm32',
        // targets/stm32/jshardware.c jshPinAnalog(): 12-bit ADC left-aligned, / 65536
        adcBits: 12,
        i2cBuses: ['I2C1', 'I2C2', 'I2C3'],
        serialPorts: ['Serial1', 'Serial2', 'Serial6'],
        consoleName: 'USB',
        // targets/stm32/jshardware.c (STM32F4): WAIT_UNTIL(...MODE_SELECTED, "I2C Write Transmit Mode 2")
        // times out → InternalError "Timeout on I2C Write Transmit Mode 2" (src/jshardware.h WAIT_UNTIL)
        i2cNack: (op) => ({ kind: 'InternalError', message: op === 'write' ? 'Timeout on I2C Write Transmit Mode 2' : 'Timeout on I2C Read Receive Mode' }),
        dieTemperature: 30,
      };
    case 'linux':
      return {
        family: 'linux',
        adcBits: 12,
        i2cBuses: [],
        serialPorts: [],
        consoleName: 'USB',
        i2cNack: () => ({ kind: 'Error', message: 'I2C is not available on this board' }),
        dieTemperature: 25,
      };
  }
}
