/**
 * gps-nmea: read a GPS module's NMEA sentences over a serial line and print fixes.
 *
 * Shows: Uart as lines to await (readLine) and writes that wait for the wire
 * (write); a timeout on each line (withTimeout), so a GPS that goes quiet is
 * reported instead of waited for forever; checking NMEA checksums and parsing
 * $GPGGA (position, satellites, altitude) and $GPRMC (time, date, speed,
 * course). LED1 is lit while the GPS has a fix. Any NMEA 0183 GPS at 9600
 * baud works (u-blox NEO-6M, Quectel L80, …); the command sent at start is
 * for MediaTek chips (PMTK) and is ignored by others.
 *
 * Wiring: GPS TX → D25, GPS RX ← D26, and 3.3 V and GND.
 *
 * Board: MDBT42Q breakout (mdbt42q).
 * Simulate: npx coop sim examples/gps-nmea.ts --diagram examples/gps-nmea.diagram.json --scenario examples/gps-nmea.scenario.yaml
 * Flash:    npx coop flash examples/gps-nmea.ts --board mdbt42q --port AA:BB:CC:DD:EE:FF
 */
import { spawn, withTimeout, Uart, TimeoutError } from 'coop';

const SILENT_MS = 5000; // a GPS sends every second; this long without a line means trouble

const gps = new Uart('Serial1', { baud: 9600, rx: D25, tx: D26 });

/** Does the XOR of the characters between '$' and '*' match the two hex digits after '*'? */
function checksumOk(line: string): boolean {
  const star = line.lastIndexOf('*');
  if (line.charAt(0) !== '$' || star < 0 || star + 3 !== line.length) return false;
  let sum = 0;
  for (let i = 1; i < star; i++) sum ^= line.charCodeAt(i);
  return parseInt(line.substr(star + 1, 2), 16) === sum;
}

/** NMEA's ddmm.mmmm (or dddmm.mmmm) and N/S/E/W, as signed decimal degrees. */
function degrees(value: string, hemisphere: string): number {
  const dot = value.indexOf('.');
  const d = parseInt(value.substr(0, dot - 2), 10) + parseFloat(value.substr(dot - 2)) / 60;
  return hemisphere === 'S' || hemisphere === 'W' ? -d : d;
}

/** hhmmss(.ss) → hh:mm:ss */
function clock(hhmmss: string): string {
  return hhmmss.substr(0, 2) + ':' + hhmmss.substr(2, 2) + ':' + hhmmss.substr(4, 2);
}

/** $GPGGA: the fix itself. Fields: time, lat, N/S, lon, E/W, quality, satellites, HDOP, altitude, M, … */
function onGGA(f: string[]) {
  const hasFix = f[6] !== '0' && f[2] !== '';
  digitalWrite(LED1, hasFix);
  if (!hasFix) {
    print(clock(f[1]) + ' no fix yet (' + parseInt(f[7], 10) + ' satellites)');
    return;
  }
  print(clock(f[1]) + ' fix ' + degrees(f[2], f[3]).toFixed(5) + ', ' + degrees(f[4], f[5]).toFixed(5) +
    ' (' + parseInt(f[7], 10) + ' satellites, altitude ' + f[9] + ' m)');
}

/** $GPRMC: time, status A/V, lat, N/S, lon, E/W, speed (knots), course (°), date ddmmyy, … */
function onRMC(f: string[]) {
  if (f[2] !== 'A') return; // 'V': no valid fix; GGA has said so already
  const date = f[9].substr(0, 2) + '.' + f[9].substr(2, 2) + '.' + f[9].substr(4, 2);
  print(clock(f[1]) + ' ' + date + ' moving ' + parseFloat(f[7]).toFixed(1) + ' knots, course ' + parseFloat(f[8]).toFixed(1));
}

spawn(async () => {
  // Ask for one fix a second (MediaTek command). write() resolves when it is on the wire.
  await gps.write('$PMTK220,1000*1F\r\n');
  print('gps: listening on Serial1 (RX D25) at 9600 baud');
  for (;;) {
    let line: string;
    try {
      line = await withTimeout(SILENT_MS, gps.readLine());
    } catch (e) {
      if (e instanceof TimeoutError) {
        digitalWrite(LED1, 0);
        print('gps: no data for ' + SILENT_MS / 1000 + ' s; check the wiring (GPS TX to D25) and the baud rate');
      } else {
        print('gps: ' + (e as Error).message); // lines were dropped: we fell behind
      }
      continue;
    }
    if (!checksumOk(line)) {
      print('gps: bad checksum, ignored: ' + line);
      continue;
    }
    const f = line.slice(0, line.length - 3).split(',');
    const kind = f[0].substr(3); // $GPGGA, $GNGGA (multi-constellation), … → GGA
    if (kind === 'GGA') onGGA(f);
    else if (kind === 'RMC') onRMC(f);
    // Other sentences ($GPGSV, $GPGSA, …) are not needed here.
  }
}, { name: 'gps' });
