/**
 * `--report out.html` is one file a CI run can attach: every example's
 * scenario report opens in Chromium with no console error and no request
 * beyond the file itself. `--svg` draws the same waveform as a picture, and
 * `coop test --report dir` writes one report per scenario.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliIn } from '../cli/support/run-cli.js';
import { chromiumForSuite, chromiumPath, noBrowser } from './browser.js';

const tmp = mkdtempSync(join(tmpdir(), 'coop-report-'));

/** `coop <args>` as a child process (the CLI npm test builds); resolves with what it printed. */
function coop(args: string[]): Promise<string> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['bin/coop.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('close', () => done(text));
  });
}
const examples = readdirSync('examples').filter((f) => f.endsWith('.scenario.yaml')).map((f) => f.replace('.scenario.yaml', '')).sort();

describe('coop sim --svg and coop test --report', () => {
  it('--svg writes the waveform as a picture: a row per wired pin, steps on the time axis', async () => {
    const svg = join(tmp, 'button-led.svg');
    const r = await runCli(['sim', 'examples/button-led.ts', '--scenario', 'examples/button-led.scenario.yaml', '--svg', svg, '--quiet']);
    expect(r.code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text.match(/<g class="signal" data-pin="/g)).toHaveLength(4); // BTN1, LED1, LED2, LED3
    // LED1 (D5): on at the first click, off at the second.
    expect(text).toMatch(/data-pin="D5" data-kind="digital" data-changes="[\d.]+:1 [\d.]+:0 /);
    expect(text.match(/class="step pass"/g)?.length).toBe(30);
  }, 120_000);

  it('coop test --report dir writes a report per scenario of the project', async () => {
    const dir = join(tmp, 'project');
    mkdirSync(join(dir, 'scenarios'), { recursive: true });
    for (const f of ['button-led.ts', 'button-led.diagram.json']) writeFileSync(join(dir, f), readFileSync(join('examples', f)));
    writeFileSync(join(dir, 'scenarios', 'clicks.scenario.yaml'), readFileSync('examples/button-led.scenario.yaml', 'utf8').replace('diagram: button-led.diagram.json', 'diagram: ../button-led.diagram.json'));
    writeFileSync(join(dir, 'coop.json'), JSON.stringify({ entry: 'button-led.ts', board: 'puckjs', diagram: 'button-led.diagram.json', scenarios: ['scenarios/clicks.scenario.yaml'] }));
    const r = await runCliIn(dir, ['test', '--no-vitest', '--report', 'reports']);
    expect(r.text).toContain('PASS scenarios/clicks.scenario.yaml');
    expect(r.text).toContain('report written to reports/clicks.html');
    expect(readFileSync(join(dir, 'reports', 'clicks.html'), 'utf8')).toContain('"scenario":"click, long press and double press"');
  }, 120_000);
});

// Every example's scenario, each as a user runs it: sensor-logger's hour of virtual time is most of it
// (about 47 s of CPU on its own with the simulator as it is now).
describe('coop sim --report for every example\'s scenario', () => {
  const reports = new Map<string, string>();
  beforeAll(async () => {
    // As a user runs them (the built CLI), as many at once as there are cores.
    const queue = [...examples];
    const worker = async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const out = join(tmp, `${name}.html`);
        const text = await coop(['sim', `examples/${name}.ts`, '--scenario', `examples/${name}.scenario.yaml`, '--report', out, '--quiet']);
        expect(text, name).toContain(`report written to ${out}`);
        reports.set(name, out);
      }
    };
    await Promise.all(Array.from({ length: Math.min(availableParallelism(), 4) }, worker));
  }, 900_000);

  it('writes one self-contained file per run: the page, the parts\' drawings and the run, nothing to fetch', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const [name, file] of reports) {
      const html = readFileSync(file, 'utf8');
      expect(html, name).not.toMatch(/<script[^>]+src=|<link[^>]+href="(?!data:)/);
      expect(html, name).toContain('customElements.define');
      expect(html, name).toContain('window.__COOP_REPORT__');
    }
  });

  describe.skipIf(!chromiumPath)(`in Chromium${noBrowser}`, () => {
    const browser = chromiumForSuite();

    it('every example\'s report opens with no console errors and no network requests, and shows how each step ended', async () => {
      for (const [name, file] of reports) {
        const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
        const problems: string[] = [];
        const url = pathToFileURL(file).href;
        page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('request', (q) => q.url() !== url && !q.url().startsWith('data:') && problems.push(`request: ${q.url()}`));
        await page.goto(url);
        await page.waitForSelector('body[data-ready="1"]');
        // The steps as the run ended: all passed, or passed up to the one that failed.
        const steps = await page.locator('#steps li').count();
        expect(steps, name).toBeGreaterThan(0);
        const passed = await page.locator('#steps li.pass').count();
        const failed = await page.locator('#steps li.fail').count();
        expect(await page.locator('#ended').innerText(), name).toMatch(failed ? /failed at step/ : /passed/);
        if (failed) expect(await page.locator(`#steps li:nth-child(${passed + 1})`).getAttribute('class'), name).toBe('step fail');
        else expect(passed, name).toBe(steps);
        expect(await page.locator('#wave rect.step').count(), name).toBe(passed + failed);
        expect(await page.locator('#wave g.signal').count(), name).toBeGreaterThan(0);
        expect(await page.locator('#parts .part').count(), name).toBeGreaterThan(0);
        expect(problems, name).toEqual([]);
        await page.close();
      }
    }, 120_000);
  });
});

describe.skipIf(!chromiumPath)(`a report of a run that went wrong, in Chromium${noBrowser}`, () => {
  const browser = chromiumForSuite();

  it('a crash and an empty board say so: the uncaught error in a banner, "No parts", no scenario', async () => {
    const src = join(tmp, 'crash.ts');
    writeFileSync(src, "print('starting');\nsetTimeout(function () { throw new Error('sensor missing'); }, 100);\n");
    const out = join(tmp, 'crash.html');
    const r = await runCli(['sim', src, '--board', 'linux', '--until', '1s', '--report', out, '--quiet']);
    expect(r.code).toBe(1);
    const page = await browser().newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector('body[data-ready="1"]');
    expect(await page.locator('#crash').innerText()).toMatch(/The firmware crashed: 1 uncaught error: .*sensor missing/);
    expect(await page.locator('#parts').innerText()).toMatch(/No parts: the run has no diagram/);
    expect(await page.locator('#wave').innerText()).toContain('no wired pins');
    expect(await page.locator('#steps').innerText()).toContain('This run had no scenario.');
    expect(await page.locator('#console').innerText()).toContain('starting');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
