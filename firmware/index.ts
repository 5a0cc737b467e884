/**
 * Coop's public API, as firmware imports it: `import { spawn, sleep } from 'coop'`.
 */
export { spawn, run, type Task, type SpawnOptions } from './task.js';
export { sleep, sleepUntil, now, yieldNow, Ticker } from './time.js';
export { withTimeout, withDeadline } from './timeout.js';
export { select, race, type Selected } from './select.js';
export { join, all } from './join.js';
export { Channel } from './channel.js';
export { Signal } from './signal.js';
export { Event } from './event.js';
export { Mutex } from './mutex.js';
export { Semaphore } from './semaphore.js';
export { Cancelled, TimeoutError, isCancelled } from './errors.js';
export { watchdog, type WatchdogOptions } from './watchdog.js';
export { tasks, printTasks, type TaskInfo } from './debug.js';
export type { Future } from './future.js';
export { pin, type PinLike, type PinNeed } from './io/pin.js';
export { waitForEdge, type Edge, type EdgeOptions, type EdgeEvent } from './io/edge.js';
export { Button, type ButtonEvent, type ButtonOptions } from './io/button.js';
export { Led, type LedOptions, type BlinkOptions } from './io/led.js';
export { readAverage } from './io/analog-average.js';
export { sampleAnalog, type SamplerOptions } from './io/analog-sampler.js';
export { pwm, type PwmOptions } from './io/pwm.js';
export { pulse } from './io/pulse.js';
export { Uart, type UartOptions } from './io/uart.js';
export { I2CDevice, type I2CDeviceOptions, type I2CData } from './io/i2c-device.js';
export { connectWifi, keepWifi, wifiUp, wifiDown, wifiIsUp, wifiError, type WifiOptions } from './net/wifi.js';
export { httpRequest, type HttpRequestOptions, type HttpResponse } from './net/http.js';
export { tcpConnect, TcpSocket, type TcpOptions } from './net/tcp.js';
export { Mqtt, type MqttOptions, type MqttMessage } from './net/mqtt.js';
export { advertise, Advert, type AdvertOptions } from './ble/advertise.js';
export { Characteristic, serve, unserve, type CharacteristicOptions } from './ble/gatt.js';
export { isConnected, waitForConnect, waitForDisconnect } from './ble/link.js';
export { scan, type ScanOptions, type BleDevice, type BleFilter } from './ble/scan.js';
export { connect, Peripheral, Subscription } from './ble/central.js';
