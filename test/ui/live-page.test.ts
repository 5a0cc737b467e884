/**
 * `coop sim --ui` in a real headless Chromium: a person clicks the button
 * of button-led, drags plant-waterer's soil sensor, pauses and steps, and
 * the recording replays with `coop sim --scenario` to the same pin trace.
 *
 * UPDATE_SCREENSHOTS=1 also writes the screenshots docs/simulator.md shows
 * (docs/ui-*.png); without it nothing in the tree changes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/support/run-cli.js';
import { chromiumForSuite, chromiumPath, noBrowser, startUi, type UiProcess } from './browser.js';

const screenshots = process.env.UPDATE_SCREENSHOTS === '1';
const tmp = mkdtempSync(join(tmpdir(), 'coop-ui-'));

/** The run inside a report file (window.__COOP_REPORT__). */
function reportOf(file: string): { record: { now: number; pins: { t: number; pin: string; value: number }[]; console: { t: number; text: string }[] } } {
  const html = readFileSync(file, 'utf8');
  const m = /window\.__COOP_REPORT__ = (.*);<\/script>/.exec(html);
  if (!m) throw new Error(`${file} has no report data`);
  return JSON.parse(m[1]);
}

/** The page, once its first message has arrived; console errors and failed requests collected. */
async function openPage(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
  return { page, problems };
}

/** Changes of one pin as the waveform draws them ("t:v" pairs of its row). */
async function waveChanges(page: Page, pin: string): Promise<{ t: number; value: number }[]> {
  const text = (await page.locator(`#wave g.signal[data-pin="${pin}"]`).getAttribute('data-changes')) ?? '';
  return text.split(' ').filter(Boolean).map((p) => ({ t: Number(p.split(':')[0]), value: Number(p.split(':')[1]) }));
}

describe.skipIf(!chromiumPath)(`coop sim --ui in Chromium${noBrowser}`, () => {
  const browser = chromiumForSuite();

  it('button-led: a click in the page lights LED1, at the same virtual time in the console and the waveform; the recording replays to the same pin trace', async () => {
    const rec = join(tmp, 'clicks.scenario.yaml');
    const live = join(tmp, 'live.html');
    const ui = await startUi(['examples/button-led.ts', '--record', rec, '--report', live]);
    let stopped = false;
    try {
      const { page, problems } = await openPage(browser(), ui.url);
      await expect.poll(() => page.locator('#console').innerText()).toContain('ready: click toggles LED1');
      expect(await page.locator('[data-part="red"]').getAttribute('data-lit')).toBe('0');

      // Click the button with the mouse: held about 150 ms of wall time, at 1× speed.
      await page.locator('[data-part="btn"] wokwi-pushbutton').hover();
      await page.mouse.down();
      await page.waitForTimeout(150);
      await page.mouse.up();
      await page.waitForSelector('[data-part="red"][data-lit="1"]');
      expect(await page.locator('[data-part="red"] .state').innerText()).toBe('on');

      // The console line and the waveform's LED1 edge are at the same virtual time, a click's
      // worth after the release: 25 ms debounce + 325 ms to rule out a double press.
      const line = page.locator('#console .line', { hasText: 'click: LED1 on' });
      await expect.poll(() => line.count()).toBe(1);
      const tLine = Number(await line.getAttribute('data-t'));
      await page.click('#fit'); // the whole run in view (it stops following)
      const led = await waveChanges(page, 'D5');
      const rise = led.find((e) => e.value === 1)!;
      expect(rise).toBeDefined();
      expect(Math.abs(rise.t - tLine)).toBeLessThan(1);
      const button = await waveChanges(page, 'D0');
      const release = [...button].reverse().find((e) => e.value === 0 && e.t < rise.t)!;
      expect(rise.t - release.t).toBeGreaterThanOrEqual(340);
      expect(rise.t - release.t).toBeLessThan(400);
      expect(await line.innerText()).toContain(`${(tLine / 1000).toFixed(3)}s]`);

      // Hovering the waveform at the edge reads LED1's value there.
      const svg = await page.locator('#wave svg').boundingBox();
      const t0 = Number(await page.locator('#wave svg').getAttribute('data-t0'));
      const t1 = Number(await page.locator('#wave svg').getAttribute('data-t1'));
      const x = svg!.x + 170 + ((rise.t + 5 - t0) / (t1 - t0)) * (svg!.width - 170 - 8);
      await page.mouse.move(x, svg!.y + 60);
      await expect.poll(() => page.locator('#readout').innerText()).toMatch(/LED1 \(D5\) 1/);

      if (screenshots) await page.screenshot({ path: 'docs/ui-button-led.png', fullPage: true });
      expect(problems).toEqual([]);
      await page.close();
      expect(await ui.stop()).toBe(0);
      stopped = true;
    } finally {
      if (!stopped) await ui.stop();
    }
    expect(ui.output()).toMatch(/recording saved: 2 inputs/);

    // The recording, replayed by coop sim --scenario, gives the same pin trace to the same end.
    const replay = join(tmp, 'replay.html');
    const r = await runCli(['sim', 'examples/button-led.ts', '--scenario', rec, '--report', replay, '--quiet']);
    expect(r.text).toMatch(/passed: 5 steps/);
    const a = reportOf(live).record;
    const b = reportOf(replay).record;
    expect(b.now).toBe(a.now);
    expect(b.pins).toEqual(a.pins);
    expect(b.console).toEqual(a.console);
    expect(a.pins.filter((e) => e.pin === 'D5')).toHaveLength(1);
  }, 180_000);

  it('plant-waterer: dragging the soil sensor to dry starts the pump; pause holds the clock and step moves it to the next event', async () => {
    const ui = await startUi(['examples/plant-waterer.ts']);
    try {
      const { page, problems } = await openPage(browser(), ui.url);
      await page.selectOption('#speed', '10');
      await expect.poll(() => page.locator('#console').innerText()).toContain('fine');
      expect(await page.locator('[data-part="pump"]').getAttribute('data-lit')).toBe('0');

      // Drag the slider's tip to the far right: 3.3 V, very dry soil.
      const slider = page.locator('[data-part="soil"] wokwi-slide-potentiometer');
      const tip = await slider.locator('#tip').boundingBox();
      const box = await slider.boundingBox();
      await page.mouse.move(tip!.x + tip!.width / 2, tip!.y + tip!.height / 2);
      await page.mouse.down();
      await page.mouse.move(box!.x + box!.width - 2, tip!.y + tip!.height / 2, { steps: 8 });
      await page.mouse.up();
      await expect.poll(() => page.locator('[data-part="soil"]').getAttribute('data-volts')).toBe('3.3');
      await page.waitForSelector('[data-part="pump"][data-lit="1"]', { timeout: 20_000 });
      await expect.poll(async () => {
        await page.click('#fit');
        return (await waveChanges(page, 'B3')).some((e) => e.value === 1);
      }).toBe(true);
      await expect.poll(() => page.locator('#console').innerText()).toContain('dry, watering');

      // Pause: the clock stops.
      await page.click('#pause');
      await page.waitForSelector('body[data-mode="paused"]');
      const held = await page.locator('#clock').innerText();
      await page.waitForTimeout(400);
      expect(await page.locator('#clock').innerText()).toBe(held);
      // Step: to exactly the next event the status line names.
      const status = await page.locator('#status').innerText();
      const next = /the next event is at (\d+\.\d+)s/.exec(status);
      expect(next, status).not.toBeNull();
      await page.click('#step');
      await expect.poll(() => page.locator('#clock').innerText()).toBe(`${next![1]}s`);
      await expect.poll(() => page.locator('#status').innerText()).toContain('stepped to the next event');

      if (screenshots) {
        await page.click('#fit');
        await page.screenshot({ path: 'docs/ui-plant-waterer.png', fullPage: true });
      }
      expect(problems).toEqual([]);
    } finally {
      await ui.stop();
    }
  }, 180_000);

  it('gps-nmea with its scenario: steps are marked passed on the time axis as they play; the UART peer shows its part', async () => {
    const ui = await startUi(['examples/gps-nmea.ts', '--scenario', 'examples/gps-nmea.scenario.yaml']);
    try {
      const { page, problems } = await openPage(browser(), ui.url);
      await page.selectOption('#speed', '10');
      await page.waitForSelector('#ended:not([hidden])', { timeout: 60_000 });
      expect(await page.locator('#ended').innerText()).toMatch(/passed/);
      const steps = await page.locator('#steps li').count();
      expect(steps).toBeGreaterThan(1);
      expect(await page.locator('#steps li.pass').count()).toBe(steps);
      await page.click('#fit');
      expect(await page.locator('#wave rect.step.pass').count()).toBe(steps);
      await expect.poll(() => page.locator('#console').innerText()).toContain('fix');
      expect(await page.locator('[data-part="gps"] input').count()).toBe(1);
      if (screenshots) await page.screenshot({ path: 'docs/ui-gps-nmea.png', fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await ui.stop();
    }
  }, 180_000);
});
