import { describe, expect, it } from 'vitest';
import { held, simulate } from './io-sim.js';

const gps = { parts: [{ id: 'gps', type: 'uart-peer' as const, rx: 'D28', tx: 'D29', baud: 9600 }] };

describe('Uart', () => {
  it('reads lines however the bytes arrive, without their \\r\\n', async () => {
    const sim = await simulate(`
      import { spawn, Uart } from 'coop';
      const gps = new Uart('Serial1', { baud: 9600, rx: D29, tx: D28 });
      spawn(async () => {
        for (;;) print('line: ' + (await gps.readLine()));
      }, { name: 'reader' });
    `, { diagram: gps });
    sim.uartSend('gps', '$GPGGA,1');
    sim.advance(50);
    sim.uartSend('gps', '23\r\n$GPRMC');
    sim.advance(50);
    sim.uartSend('gps', ',x\r\nlast\n');
    sim.advance(50);
    expect(sim.output()).toEqual(['line: $GPGGA,123', 'line: $GPRMC,x', 'line: last']);
  });

  it('keeps lines that arrive while nobody is reading', async () => {
    const sim = await simulate(`
      import { spawn, Uart, sleep } from 'coop';
      const port = new Uart('Serial1', { baud: 9600, rx: D29, tx: D28, delimiter: ';' });
      spawn(async () => {
        await sleep(500);
        print(await port.readLine());
        print(await port.readLine());
      }, { name: 'late reader' });
    `, { diagram: gps });
    sim.uartSend('gps', 'a=1;b=2;');
    sim.advance(1000);
    expect(sim.output()).toEqual(['a=1', 'b=2']);
  });

  it('drops the oldest whole lines when more comes than the buffer holds, and says how many bytes', async () => {
    const sim = await simulate(`
      import { spawn, Uart, sleep } from 'coop';
      const port = new Uart('Serial1', { baud: 9600, rx: D29, tx: D28, maxBuffer: 16 });
      spawn(async () => {
        await sleep(500);
        try { await port.readLine(); } catch (e) { print((e as Error).message); }
        print('then: ' + await port.readLine());
      }, { name: 'slow reader' });
    `, { diagram: gps });
    sim.uartSend('gps', '0123456789\n0123456789\nabc\n');
    sim.advance(1000);
    expect(sim.output()).toEqual([
      'Serial1: 11 bytes were dropped: more than 16 bytes arrived before a line was read; read lines sooner or give a bigger maxBuffer',
      'then: 0123456789',
    ]);
  });

  it('a line longer than the buffer is dropped to its end, so every line read is whole', async () => {
    const sim = await simulate(`
      import { spawn, Uart, sleep } from 'coop';
      const port = new Uart('Serial1', { baud: 9600, rx: D29, tx: D28, maxBuffer: 8 });
      spawn(async () => {
        await sleep(500);
        try { await port.readLine(); } catch (e) { print((e as Error).message); }
        print('then: ' + await port.readLine());
      }, { name: 'reader' });
    `, { diagram: gps });
    sim.uartSend('gps', '0123456789ABCDEF');
    sim.advance(50);
    sim.uartSend('gps', 'xyz\nok\n');
    sim.advance(1000);
    expect(sim.output()).toEqual([
      'Serial1: 20 bytes were dropped: more than 8 bytes arrived before a line was read; read lines sooner or give a bigger maxBuffer',
      'then: ok',
    ]);
  });

  it('readLine works with withTimeout, and cancelling it loses no data', async () => {
    const sim = await simulate(`
      import { spawn, Uart, withTimeout } from 'coop';
      const port = new Uart('Serial1', { baud: 9600, rx: D29, tx: D28 });
      spawn(async () => {
        try { await withTimeout(100, port.readLine()); } catch (e) { print((e as Error).name); }
        print('later: ' + await port.readLine());
      }, { name: 'reader' });
    `, { diagram: gps });
    sim.advance(200);
    sim.uartSend('gps', 'hello\n');
    sim.advance(100);
    expect(sim.output()).toEqual(['TimeoutError', 'later: hello']);
    expect(held(sim)).toEqual({ watches: 0, timers: 0 });
  });

  it('write paces itself by the baud rate and resolves when the bytes are on the wire', async () => {
    const sim = await simulate(`
      import { spawn, Uart, now } from 'coop';
      const port = new Uart('Serial1', { baud: 9600, rx: D29, tx: D28 });
      let text = '';
      for (let i = 0; i < 10; i++) text += 'line ' + i + ' of the report\\n';
      spawn(async () => {
        await port.write(text);
        print('written ' + text.length + ' bytes by ' + now());
      }, { name: 'writer' });
    `, { diagram: gps });
    sim.advance(1000);
    const out = sim.harness.serialLog.filter((l) => l.port === 'Serial1' && l.dir === 'out');
    // 210 bytes at 9600 baud (8N1) take 218.75 ms; handed over 32 bytes at a time, at most 2 chunks ahead.
    expect(out.map((l) => l.text).join('')).toHaveLength(210);
    expect(out.every((l) => l.text.length <= 32)).toBe(true);
    expect(sim.output()).toEqual(['written 210 bytes by 219']);
    const sent = sim.uartReceived('gps');
    expect(sent.split('\n')[9]).toBe('line 9 of the report');
    // Never more than 64 bytes ahead of the wire.
    for (const l of out) {
      const before = out.filter((o) => o.t < l.t).reduce((n, o) => n + o.text.length, 0);
      expect(before - (l.t * 9600) / 10 / 1000).toBeLessThanOrEqual(64);
    }
  });

  it('writes from two tasks go out whole, one after the other', async () => {
    const sim = await simulate(`
      import { spawn, Uart } from 'coop';
      const port = new Uart('Serial1', { baud: 9600, rx: D29, tx: D28 });
      let a = '', b = '';
      for (let i = 0; i < 80; i++) { a += 'A'; b += 'B'; }
      a += '\\n';
      b += '\\n';
      spawn(async () => { await port.write(a); print('a done'); }, { name: 'a' });
      spawn(async () => { await port.write(b); print('b done'); }, { name: 'b' });
    `, { diagram: gps });
    sim.advance(1000);
    expect(sim.uartReceived('gps')).toBe('A'.repeat(80) + '\n' + 'B'.repeat(80) + '\n');
    expect(sim.output()).toEqual(['a done', 'b done']);
  });

  it('a port the board lacks and a pin with no UART are clear errors', async () => {
    const sim = await simulate(`
      import { Uart } from 'coop';
      const names = ['Serial' + 4];
      try { new Uart(names[0], { baud: 9600 }); } catch (e) { print((e as Error).message); }
      const pins = ['A' + 4];
      try { new Uart('Serial1', { rx: pins[0] }); } catch (e) { print((e as Error).message); }
    `, { board: 'pico' });
    expect(sim.output()).toEqual([
      "new Uart(Serial4): Espruino Pico has no serial port Serial4; use one it has, such as 'Serial1'",
      'new Uart(Serial1) rx: A4 on Espruino Pico has no UART; pins with UART: A2..A3, A9..A11, A12, B6..B7',
    ]);
  });
});
