/** pwm: a duty cycle on a pin (Espruino's analogWrite), with its arguments checked. */
import { checkPin, type PinLike } from './pin.js';

export interface PwmOptions {
  /** Frequency in Hz. Default: the board's (1 kHz on nRF52 and STM32). */
  freq?: number;
  /** Software PWM, for a pin with no hardware PWM. */
  soft?: boolean;
}

/**
 * Drive `pin` with PWM at `duty` (0 = always off … 1 = always on); on a pin
 * with a DAC, output that fraction of the supply voltage instead. A duty
 * outside 0..1 is an error (Espruino would clamp it silently).
 */
export const pwm = function (pin: PinLike, duty: number, options?: PwmOptions): void {
  const soft = options !== undefined && options.soft;
  const p = checkPin(pin, soft ? 'o' : 'pv', 'pwm');
  if (typeof duty !== 'number' || !(duty >= 0 && duty <= 1)) {
    throw new TypeError('pwm(' + pin + ', ' + duty + '): duty must be a number from 0 (off) to 1 (fully on), got ' + duty);
  }
  const f = options !== undefined ? options.freq : undefined;
  if (f !== undefined && !(f > 0)) throw new TypeError('pwm(' + pin + ', ' + duty + '): freq must be a number of Hz > 0, got ' + f);
  analogWrite(p, duty, options);
};
