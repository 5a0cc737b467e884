/**
 * weather-station: temperature and humidity to MQTT every minute, over WiFi,
 * with nothing lost while the WiFi is down.
 *
 * Shows: keepWifi() (joins the access point and rejoins after an outage,
 * with backoff) and wifiUp(); httpRequest() (the station asks a web server
 * which MQTT topic to use, with a timeout and a fallback); the Mqtt client
 * (QoS 1: each reading is acknowledged by the broker before it is crossed
 * off); an SHT3x read over I2C every minute; and a buffer in `Storage`, one
 * small file per reading, so readings taken while the network is down (or
 * before a reset) are kept in flash and sent, oldest first, when it is back.
 *
 * Wiring: SHT3x SDA → D21, SCL → D22, ADDR → GND (address 0x44). The access
 * point, the web server (weather.local) and the MQTT broker (mqtt.local)
 * are on your network; change SSID, PASSWORD and the host names below.
 *
 * Board: ESP32 DevKit (esp32).
 * Simulate: npx coop sim examples/weather-station.ts --diagram examples/weather-station.diagram.json --scenario examples/weather-station.scenario.yaml
 * Flash:    npx coop flash examples/weather-station.ts --board esp32 --port /dev/ttyUSB0
 */
import { spawn, sleep, withTimeout, keepWifi, wifiUp, wifiDown, httpRequest, Mqtt, I2CDevice, Ticker, Event } from 'coop';

const SSID = 'home';
const PASSWORD = 'secret';
const STATION = 'ws1';
const CONFIG_URL = 'http://weather.local/config/' + STATION;
const SAMPLE_MS = 60 * 1000;
const MAX_BUFFERED = 240; // four hours of readings; past that the oldest go (and it says so)

const storage = require('Storage');
const sensor = new I2CDevice('I2C1', 0x44, { scl: D22, sda: D21 });
const mqtt = new Mqtt({ host: 'mqtt.local', clientId: STATION, keepAlive: 60, online: wifiUp });

/** The SHT3x's CRC-8 (polynomial 0x31, start 0xFF) of bytes i and i+1. */
function crc8(d: Uint8Array, i: number): number {
  let crc = 0xff;
  for (let k = i; k < i + 2; k++) {
    crc ^= d[k];
    for (let b = 0; b < 8; b++) crc = crc & 0x80 ? ((crc << 1) ^ 0x31) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/** One measurement: '21.5 C 40 %RH' as numbers. */
async function measure(): Promise<{ celsius: number; humidity: number }> {
  await sensor.write([0x24, 0x00]); // single shot, high repeatability, no clock stretching
  await sleep(20);
  const d = await sensor.read(6);
  if (crc8(d, 0) !== d[2] || crc8(d, 3) !== d[5]) throw new Error('SHT3x: CRC mismatch (noisy wires?)');
  return { celsius: -45 + (175 * ((d[0] << 8) | d[1])) / 65535, humidity: (100 * ((d[3] << 8) | d[4])) / 65535 };
}

// ---- the buffer: one Storage file per reading, 'wx<seq>' ---------------------
// Readings [first, next) are waiting to be sent. Found again after a reset by
// listing the files, so there is no index to get out of step.
let first = 0;
let next = 0;
const names = storage.list(/^wx\d+$/);
for (let i = 0; i < names.length; i++) {
  const seq = parseInt(names[i].slice(2), 10);
  if (i === 0 || seq < first) first = seq;
  if (seq + 1 > next) next = seq + 1;
}
if (names.length === 0) first = next = 0;

function buffer(record: string) {
  storage.write('wx' + next, record);
  next++;
  recorded.set();
  if (next - first > MAX_BUFFERED) {
    storage.erase('wx' + first);
    print('buffer full: dropped #' + first);
    first++;
  }
}

// ---- tasks ------------------------------------------------------------------

print('weather-station started; ' + (next - first) + ' readings buffered');
keepWifi(SSID, { password: PASSWORD, maxBackoff: 30000 });
mqtt.start();

let topic = 'weather/' + STATION;
/** Set once the topic is known (from the server, or the default when it cannot be asked). */
const configured = new Event();
/** Set when a reading is buffered, so the sender wakes for it. */
const recorded = new Event();

spawn(async () => {
  for (;;) {
    await wifiUp();
    print('wifi: up');
    try {
      const r = await httpRequest({ url: CONFIG_URL, timeout: 5000 });
      if (r.status === 200) topic = JSON.parse(r.body).topic;
      print('config: topic ' + topic + (r.status === 200 ? '' : ' (server said ' + r.status + ')'));
    } catch (e) {
      print('config: ' + (e as Error).message + '; topic ' + topic);
    }
    configured.set();
    await wifiDown();
    print('wifi: down');
  }
}, { name: 'network' });

spawn(async () => {
  const tick = new Ticker(SAMPLE_MS);
  for (;;) {
    try {
      const r = await withTimeout(1000, measure());
      const seq = next;
      buffer('{"station":"' + STATION + '","seq":' + seq + ',"celsius":' + r.celsius.toFixed(1) + ',"humidity":' + r.humidity.toFixed(0) + '}');
      print('#' + seq + ' ' + r.celsius.toFixed(1) + ' C ' + r.humidity.toFixed(0) + ' %RH' + (mqtt.connected.isSet ? '' : ', buffered (' + (next - first) + ' waiting)'));
    } catch (e) {
      print('sensor: ' + (e as Error).message);
    }
    await tick.next();
  }
}, { name: 'sampler' });

spawn(async () => {
  await configured.wait();
  for (;;) {
    if (first === next) {
      recorded.clear();
      await recorded.wait();
      continue;
    }
    const seq = first;
    const record = storage.read('wx' + seq);
    if (record !== undefined) {
      await mqtt.publish(topic, record, { qos: 1 }); // waits while offline; resolves on the broker's PUBACK
      print('sent #' + seq);
    }
    storage.erase('wx' + seq);
    if (first === seq) first++;
  }
}, { name: 'sender' });
