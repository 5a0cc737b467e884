import type { PartSpec } from '../diagram.js';
import { AccessPoint, HttpServer, MqttBrokerPart } from './access-point.js';
import { BleDevice } from './ble-device.js';
import { Button } from './button.js';
import { Led } from './led.js';
import type { Part, PartHost } from './part.js';
import { Phone } from './phone.js';
import { Sht3x } from './sht3x.js';
import { UartPeer } from './uart-peer.js';
import { VoltageSource } from './voltage-source.js';

export { BleDevice } from './ble-device.js';
export { AccessPoint, HttpServer, MqttBrokerPart } from './access-point.js';
export { Button } from './button.js';
export { Led } from './led.js';
export type { BleHost, I2cHost, NetHost, Part, PartHost, PinHost, TimedPinHost, UartHost } from './part.js';
export { Phone, type AdvertMatch, type Notification } from './phone.js';
export { Sht3x, sht3xCrc } from './sht3x.js';
export { UartPeer } from './uart-peer.js';
export { VoltageSource } from './voltage-source.js';

/** Build a part from its (checked) diagram entry and wire it to the board. */
export function buildPart(spec: PartSpec, h: PartHost): Part {
  switch (spec.type) {
    case 'led':
      return new Led(spec, h);
    case 'button':
      return new Button(spec, h);
    case 'potentiometer':
    case 'voltage-source':
      return new VoltageSource(spec, h);
    case 'sht3x': {
      const s = new Sht3x(spec, h);
      h.i2cDevices.push(s);
      return s;
    }
    case 'uart-peer':
      return new UartPeer(spec, h);
    case 'access-point':
      return new AccessPoint(spec, h);
    case 'mqtt-broker':
      return new MqttBrokerPart(spec, h);
    case 'http-server':
      return new HttpServer(spec, h);
    case 'phone':
      return new Phone(spec, h);
    case 'ble-device':
      return new BleDevice(spec, h);
  }
}
