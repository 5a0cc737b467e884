import { describe, expect, it } from 'vitest';
import { espruinoBin, runOnLinuxEspruino } from '../support/espruino.js';

/**
 * The I/O futures on a real Espruino interpreter: the Linux build, given as
 * ESPRUINO_BIN. Its timers, watches (set and cleared; no edges come, GPIO is
 * a no-op), software I2C (which fails: nothing answers) and process.memory()
 * are real, so this checks what does not need a pin to move. Pin edges,
 * analog input and UART traffic are checked in the simulator (the other
 * tests in this folder). Not pulse() in a tight loop: every call hands a
 * train to Espruino's utility timer, which overflows (an ASSERT on Linux)
 * when trains are queued faster than they play.
 */
const bin = espruinoBin;

describe.skipIf(!bin)('I/O futures on the Linux build of Espruino (ESPRUINO_BIN)', () => {
  it('timer-based futures run, time out, cancel, and check their arguments', async () => {
    const lines = await runOnLinuxEspruino(`
      import { spawn, pulse, waitForEdge, Led, pin, pwm, I2CDevice, withTimeout, sleep, now } from 'coop';
      const say = (s: string) => print('LINE ' + s);
      spawn(async () => {
        let t = now();
        await pulse(D5, 1, [10, 20, 30]);
        say('pulse ' + (now() - t >= 60));

        t = now();
        try { await waitForEdge(D6, 'rising', { timeout: 50 }); } catch (e) { say((e as Error).name + ' ' + (now() - t >= 50)); }
        try { await withTimeout(30, waitForEdge(D6, 'both', { debounce: 5 })); } catch (e) { say('withTimeout ' + (e as Error).name); }

        const led = new Led(D7);
        t = now();
        await led.blink([10, 15], { times: 3 });
        say('blink ' + (now() - t >= 75) + ' ' + led.isOn);
        led.on();
        const b = led.blink(10);
        await sleep(35);
        b.cancel();
        await sleep(1);
        say('blink cancelled, restored ' + led.isOn);

        try { pin('D' + 40); } catch (e) { say((e as Error).message); }
        const duty = [2][0];
        try { pwm('D' + 3, duty); } catch (e) { say((e as Error).message); }

        const bus = new I2C();
        bus.setup({ scl: D1, sda: D2 });
        const dev = new I2CDevice(bus, 0x44);
        try { await dev.readRegister(0xE0, 2); } catch (e) { say((e as Error).message); }
        print('DONE');
      }, { name: 'main' });
    `);
    expect(lines).toEqual([
      'pulse true',
      'TimeoutError true',
      'withTimeout TimeoutError',
      'blink true false',
      'blink cancelled, restored true',
      'pin(D40): Linux has no pin D40; its pins are D0..D32',
      'pwm(D3, 2): duty must be a number from 0 (off) to 1 (fully on), got 2',
      expect.stringMatching(/^I2C device 0x44 on I2C: read of register 0xE0 failed \(.+\); is it wired, powered, and at address 0x44\?$/),
    ]);
  });

  it('10,000 cancelled waits leave process.memory() flat', async () => {
    const lines = await runOnLinuxEspruino(`
      import { spawn, yieldNow, sleep, waitForEdge, Button, Led } from 'coop';
      const btn = new Button(D8);
      const led = new Led(D9);
      async function usage(): Promise<number> { await sleep(1); return process.memory().usage; }
      async function cancelledWaits(wait: () => PromiseLike<any>): Promise<number> {
        let before = 0;
        for (let i = 0; i < 10000; i++) {
          if (i === 100) before = await usage();
          const t = spawn(async () => { await wait(); }, { name: 'waiter' });
          await yieldNow();
          t.cancel();
          try { await t; } catch (e) {}
        }
        return (await usage()) - before;
      }
      const kinds: { [name: string]: () => PromiseLike<any> } = {
        waitForEdge: function () { return waitForEdge(D6, 'both', { debounce: 5, timeout: 60000 }); },
        'Button.press': function () { return btn.press(); },
        'Led.blink': function () { return led.blink([1000, 1000]); },
      };
      spawn(async () => {
        const names = Object.keys(kinds);
        for (let k = 0; k < names.length; k++) print('LINE ' + names[k] + ' ' + (await cancelledWaits(kinds[names[k]])));
        print('DONE');
      }, { name: 'main' });
    `, { timeoutMs: 600_000 });
    expect(lines).toEqual(['waitForEdge 0', 'Button.press 0', 'Led.blink 0']);
  }, 600_000);
});
