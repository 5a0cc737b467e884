import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

/** The Linux build of Espruino always serves its console here when run with --telnet. */
export const telnetPort = 2323;
export const telnetAddress = `tcp://127.0.0.1:${telnetPort}`;

/** Longest a test's Espruino may live, even if the test process dies without stopping it. */
const lifetimeLimitS = 600;

/**
 * The Linux build of Espruino, run as `<bin> --telnet` with stdin kept open
 * (it stops serving when stdin closes) in `cwd`, where it keeps its flash
 * (espruino.flash) — so a restart in the same folder is a board reset that
 * keeps Storage.
 */
export class LinuxEspruino {
  /** What Espruino printed on its own console (stdout) while no telnet client was connected. */
  stdout = '';
  private constructor(private readonly runner: ChildProcess, private readonly pid: number) {}

  static async start(bin: string, cwd: string): Promise<LinuxEspruino> {
    if (await accepts(telnetPort)) {
      throw new Error(`127.0.0.1:${telnetPort} is already in use (another Espruino --telnet?). The Linux build always listens there, ` +
        `so stop the other one, or run the tests in a private network namespace: ` +
        `unshare -rn sh -c 'ip link set lo up && ESPRUINO_BIN=${bin} npx vitest run test/cli'`);
    }
    // `timeout -s KILL` ends Espruino even if this process dies first: Espruino ignores SIGTERM and
    // spins once stdin is closed, so it must never be left behind.
    const runner = spawn('timeout', ['-s', 'KILL', String(lifetimeLimitS), bin, '--telnet'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const pid = await childPid(runner.pid!);
    const espruino = new LinuxEspruino(runner, pid);
    runner.stdout!.on('data', (d: Buffer) => (espruino.stdout += d.toString('latin1')));
    runner.stderr!.on('data', (d: Buffer) => (espruino.stdout += d.toString('latin1')));
    for (const deadline = Date.now() + 5000; !(await accepts(telnetPort));) {
      if (Date.now() > deadline) {
        await espruino.stop();
        throw new Error(`${bin} --telnet did not open 127.0.0.1:${telnetPort} within 5 s; it printed: ${espruino.stdout.slice(-500)}`);
      }
      await sleep(100);
    }
    return espruino;
  }

  /** Kill it (SIGKILL: Espruino's SIGTERM handler does not exit) — a power cut, as far as the board is concerned. */
  async stop(): Promise<void> {
    if (this.runner.exitCode !== null || this.runner.signalCode !== null) return;
    const exited = new Promise((resolve) => this.runner.once('exit', resolve));
    try {
      process.kill(this.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
  }
}

/**
 * The Linux Espruino of one describe block, in a new temporary folder (its
 * flash, so Storage survives `restart()`): started before the block's tests
 * (before hooks registered after this call), killed after them. Call it
 * inside the describe; `bin` is only read when the block runs, so a block
 * skipped without ESPRUINO_BIN starts nothing.
 */
export function linuxEspruinoForSuite(bin: string | undefined, folderPrefix: string): {
  /** Restart Espruino in the same folder: a board reset (RAM cleared, Storage kept, saved code runs). */
  restart(): Promise<void>;
  /** Kill it now (the board loses power). */
  stop(): Promise<void>;
  /** What it printed on its own console since it last started. */
  readonly stdout: string;
} {
  let flashDir = '';
  let espruino: LinuxEspruino | undefined;
  beforeAll(async () => {
    flashDir = mkdtempSync(join(tmpdir(), folderPrefix));
    espruino = await LinuxEspruino.start(bin!, flashDir);
  });
  afterAll(async () => {
    await espruino?.stop();
  });
  return {
    async restart() {
      await espruino?.stop();
      espruino = await LinuxEspruino.start(bin!, flashDir);
    },
    stop: async () => espruino?.stop(),
    get stdout() {
      return espruino?.stdout ?? '';
    },
  };
}

/** Connect to the console, listen for `ms`, and return what the board printed. */
export function readConsole(ms: number): Promise<string> {
  return atConsole(undefined, ms);
}

/** Type one line at the board's console (not through coop) and return what it printed in `ms`. */
export function typeAtConsole(line: string, ms = 600): Promise<string> {
  return atConsole(line, ms);
}

/** Connect to the console, type `line` (if any) after 200 ms, listen for `ms`, and return what was printed. */
async function atConsole(line: string | undefined, ms: number): Promise<string> {
  const socket = net.connect(telnetPort, '127.0.0.1');
  let text = '';
  socket.on('data', (d) => (text += d.toString('latin1')));
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  if (line !== undefined) {
    await sleep(200);
    socket.write(line + '\n');
  }
  await sleep(ms);
  socket.destroy();
  return text;
}

/** Expect console text to show a program counting: three or more "<label> N" lines, N going up by one. */
export function expectRunning(text: string, label: string): void {
  const n = counts(text, label);
  expect(n.length, `expected "${label} N" lines in:\n${text}`).toBeGreaterThanOrEqual(3);
  for (let i = 1; i < n.length; i++) expect(n[i]).toBe(n[i - 1] + 1);
}

/** The numbers N of the "<label> N" lines in console text, in order. */
export function counts(text: string, label: string): number[] {
  return [...text.matchAll(new RegExp(`${label} (\\d+)`, 'g'))].map((m) => Number(m[1]));
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** The pid of the process `timeout` started (Linux: /proc/<pid>/task/<pid>/children). */
async function childPid(parent: number): Promise<number> {
  for (const deadline = Date.now() + 2000; Date.now() < deadline; await sleep(20)) {
    try {
      const child = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim().split(/\s+/)[0];
      if (child) return Number(child);
    } catch {
      // not started yet
    }
  }
  throw new Error('could not find the Espruino process started by timeout');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
