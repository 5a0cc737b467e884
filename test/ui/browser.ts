/**
 * A real Chromium for the page tests (playwright-core drives it; no browser
 * is downloaded), and `coop sim --ui` as a user starts it: a child process
 * printing its URL, stopped with Ctrl-C (SIGINT).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Chromium's executable: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or one on PATH; undefined when there is none. */
export function findChromium(): string | undefined {
  const env = process.env.CHROMIUM_PATH;
  if (env && existsSync(env)) return env;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (existsSync(p)) return p;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const r = spawnSync('which', [name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

export const chromiumPath = findChromium();
/** Why the browser tests are skipped, for the test's name. */
export const noBrowser = chromiumPath ? '' : ' (SKIPPED: no Chromium found; apt-get install chromium, or set CHROMIUM_PATH)';

/** Start Chromium (headless). */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath! });
}

/**
 * One Chromium for a describe block: launched before its tests, closed after.
 * Call it inside the (skipIf(!chromiumPath)) describe; the browser is there once the tests run:
 *
 *     const browser = chromiumForSuite();
 *     it('…', async () => { const page = await browser().newPage(); … });
 */
export function chromiumForSuite(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

export interface UiProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Ctrl-C, as a user stops it; resolves with its exit code once it has written its files. */
  stop(): Promise<number>;
}

/** Start `coop sim <args> --ui` (the built CLI, as npm test builds it) and wait for its URL. */
export async function startUi(args: string[]): Promise<UiProcess> {
  const child = spawn(process.execPath, ['bin/coop.js', 'sim', ...args, '--ui'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number>((done) => child.on('exit', (code) => done(code ?? 1)));
  const url = await new Promise<string>((done, fail) => {
    const timer = setInterval(() => {
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearInterval(timer);
        done(m[1]);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      fail(new Error(`coop sim --ui exited (${code}) before serving:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}
