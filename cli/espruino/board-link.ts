import { existsSync } from 'node:fs';
import { CliError } from '../cli-error.js';
import type { EspruinoTools } from './espruino-tools-types.js';
import type { PortSpec } from './port-spec.js';
import { alsoListSerialPath, describePort, listSerialPorts, serialDevice, serialUnavailable } from './serial-ports.js';
import type { LoadedTools } from './tools.js';

export interface LinkOptions {
  /** How long to wait for the port to open and the board to say what it is. */
  timeoutMs: number;
  /** Called with the board's console output as it arrives. */
  onOutput?: (text: string) => void;
  /**
   * The console password (E.setPassword), if the board may be locked: typed
   * at its `password>` prompt before anything else, and masked (`***`) in
   * everything the board prints back.
   */
  password?: string;
}

/** Longest coop waits for the answer to one question (EspruinoTools waits up to 10 s while data keeps coming). */
const evaluateLimitMs = 30_000;

/** process.env as an Espruino board reports it (the fields coop uses). */
export interface BoardEnv {
  BOARD?: string;
  VERSION?: string;
  CONSOLE?: string;
  [key: string]: unknown;
}

/**
 * One open connection to an Espruino board through EspruinoTools:
 * `Espruino.Core.Serial` to connect (which queries `process.env` on the way,
 * core/env.js), `Espruino.Core.Utils.executeExpression` to ask questions and
 * `Espruino.Core.CodeWriter` to send code. EspruinoTools keeps one connection
 * per process; so does this.
 */
export class BoardLink {
  /** process.env of the board, read when connecting. */
  env: BoardEnv = {};
  /** Everything the board printed since connecting. */
  output = '';
  private lost = false;
  private failPending?: (error: Error) => void;
  /** Which request `failPending` belongs to (see `pending`). */
  private pendingToken?: object;
  private closed?: () => void;
  private removeTrap: () => void = () => {};

  private constructor(private readonly tools: LoadedTools, readonly spec: PortSpec, private readonly onOutput?: (text: string) => void,
    private readonly password?: string) {}

  private get Espruino(): EspruinoTools {
    return this.tools.Espruino;
  }

  /** Connect to the board at `spec` and read its process.env; every failure is a CliError saying what to do. */
  static async open(tools: LoadedTools, spec: PortSpec, options: LinkOptions): Promise<BoardLink> {
    const link = new BoardLink(tools, spec, options.onOutput, options.password);
    await link.preparePort(options.timeoutMs);
    // With a password, coop logs in before asking anything: a locked console answers every line with
    // "Invalid password", so EspruinoTools' own process.env query on connect (core/env.js) would fail.
    tools.Espruino.Config.ENV_ON_CONNECT = options.password === undefined;
    link.removeTrap = trapStrayErrors((e) => link.strayError(e));
    const Serial = tools.Espruino.Core.Serial;
    Serial.startListening((data) => link.received(data));
    const started = Date.now();
    const logFrom = tools.log.length;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new CliError(`board not answering: ${spec.text} did not ${tools.Espruino.Core.Serial.isConnected() ? 'reply' : 'open'} within ${seconds(options.timeoutMs)}` +
            `${spec.kind === 'ble' ? '' : '; is the board plugged in and powered?'} (waited ${seconds(Date.now() - started)}; change the wait with --timeout)`));
        }, options.timeoutMs);
        link.failPending = (e) => {
          clearTimeout(timer);
          reject(e);
        };
        Serial.open(spec.text, (info) => {
          clearTimeout(timer);
          link.failPending = undefined;
          if (info === undefined || info === null || link.lost) reject(link.openFailure(logFrom));
          else resolve();
        }, () => link.disconnected());
      });
    } catch (e) {
      await link.close();
      throw e;
    }
    try {
      if (options.password !== undefined) await link.readEnvAfterLogin(options.password, options.timeoutMs);
    } catch (e) {
      await link.close();
      throw e;
    }
    link.env = { ...tools.Espruino.Core.Env.getData() } as BoardEnv;
    if (!link.env.BOARD && /password>/.test(link.output)) {
      await link.close();
      throw new CliError(`the console of the board on ${spec.text} is locked with a password (it answered "password>"); ` +
        'give it with --password, or set COOP_PASSWORD');
    }
    if (!link.env.BOARD) {
      const waited = seconds(Date.now() - started);
      await link.close();
      throw new CliError(`board not answering: ${spec.text} is open, but nothing there replied to process.env (waited ${waited}). ` +
        `Is it an Espruino board, with its console on this port? If a program on it is stuck, reset the board and try again.`);
    }
    return link;
  }

  /** Evaluate `expression` on the board and return its value (sent as JSON). */
  evaluate<T>(expression: string, what: string): Promise<T> {
    return this.pending<T>((resolve, reject) => {
      // EspruinoTools starts its own reply timeout only once the question is written: a link that dies
      // while it is being written would leave it waiting forever.
      const cap = setTimeout(() => reject(new CliError(`board not answering: no reply from ${this.spec.text} within ${seconds(evaluateLimitMs)} while ${what}`)), evaluateLimitMs);
      this.Espruino.Core.Utils.executeExpression(expression, (result) => {
        clearTimeout(cap);
        if (result === undefined) return reject(new CliError(`board not answering: no reply from ${this.spec.text} while ${what}`));
        try {
          resolve(JSON.parse(result) as T);
        } catch {
          reject(new CliError(`the board's reply while ${what} was not what coop expected: ${JSON.stringify(result.slice(0, 200))}`));
        }
      }, { maxTimeout: 10 });
    });
  }

  /**
   * Send code with EspruinoTools' CodeWriter (which resets the board first
   * when Espruino.Config.RESET_BEFORE_SEND is set), reporting progress in bytes.
   */
  send(code: string, onProgress: (done: number, total: number) => void,
    whenLost = 'The board may hold part of the program; run coop flash again.'): Promise<void> {
    const Core = this.Espruino.Core;
    const savedStatus = Core.Status;
    let total = 0;
    let done = 0;
    // EspruinoTools reports a send as setStatus('Sending...', bytes), then incrementProgress(n) per chunk.
    Core.Status = {
      setStatus: (text, max) => {
        if (text === 'Sending...' && max) {
          total = max;
          done = 0;
          onProgress(0, total);
        }
      },
      hasProgress: () => true,
      incrementProgress: (amount) => {
        if (total === 0) return;
        done = Math.min(total, done + amount);
        onProgress(done, total);
      },
    };
    // EspruinoTools never calls back for code no longer than one write block (core/serial.js writeSerialWorker:
    // `showStatus &= data.length > blockSize`, and only then the callback), so also watch its queue drain:
    // CodeWriter queues the whole upload at once with Serial.write(code, true, …).
    const Serial = Core.Serial;
    const connection = Serial.connection;
    const serialWrite = Serial.write;
    let queued = false;
    Serial.write = (data, showStatus, callback) => {
      if (showStatus === true) queued = true;
      return serialWrite(data, showStatus, callback);
    };
    let drainWatch: NodeJS.Timeout | undefined;
    return this.pending<void>((resolve, reject) => {
      this.failPending = (e) => reject(e instanceof CliError && this.lost
        ? new CliError(`upload interrupted: the connection to ${this.spec.text} was lost after ${done} of ${total || code.length} bytes` +
          `${lostReason(this.tools, this.spec)}. ${whenLost}`)
        : e);
      const finished = () => {
        if (this.lost) return;
        onProgress(total || code.length, total || code.length);
        resolve();
      };
      drainWatch = setInterval(() => {
        if (queued && !connection.txInProgress && connection.txDataQueue.length === 0) finished();
      }, 50);
      Core.CodeWriter.writeToEspruino(code, finished);
    }).finally(() => {
      clearInterval(drainWatch);
      Serial.write = serialWrite;
      Core.Status = savedStatus;
    });
  }

  /**
   * Log in to a console locked with E.setPassword + E.lockConsole; resolves
   * whether it was locked. An empty line comes first: an open console answers
   * it with a `>` prompt, a locked one with `Invalid password` and `password>`.
   * The password is typed only at that prompt, where Espruino does not echo
   * it, so it never appears in the console output.
   */
  async login(password: string, timeoutMs: number): Promise<boolean> {
    const from = this.output.length;
    this.write('\n');
    await this.waitForOutput(/password>|(^|\n)>/, from, timeoutMs);
    if (!/password>/.test(this.output.slice(from))) return false;
    const typed = this.output.length;
    this.write(password + '\r');
    let answer = await this.waitForOutput(/Logged in\.|Invalid password/, typed, timeoutMs);
    // A board that has just restarted (the load() after a flash) shows `password>` by itself, so the
    // prompt awaited above can come before the board has read the empty line: its answer to that line,
    // `Invalid password`, then arrives after the password was typed, and the answer to the password
    // follows it. Seen as a false "wrong password" under load (test/cli/flash-safe-e2e.test.ts).
    if (answer === 'Invalid password' && (await this.waitForOutput(/Logged in\./, typed, 1000)) !== undefined) answer = 'Logged in.';
    if (answer === 'Logged in.') return true;
    if (answer === undefined) throw new CliError(`board not answering: ${this.spec.text} asked for a password but did not answer it within ${seconds(timeoutMs)}`);
    throw new CliError(`wrong password: the board on ${this.spec.text} refused the password given (--password or COOP_PASSWORD); ` +
      'its console stays locked. Give the password the board was flashed with');
  }

  /** Lock the console again (E.lockConsole: only a board with a password in RAM locks; it then shows `password>`). */
  async lock(): Promise<void> {
    if (this.lost) return;
    const from = this.output.length;
    this.write('\x10E.lockConsole();\n');
    await this.waitForOutput(/password>/, from, 500);
  }

  /**
   * Wait until the output after index `from` matches `pattern`; resolves the
   * match, or undefined after `ms` or when the connection is lost.
   */
  async waitForOutput(pattern: RegExp, from: number, ms: number): Promise<string | undefined> {
    for (const deadline = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 20))) {
      const m = pattern.exec(this.output.slice(from));
      if (m) return m[0];
      if (this.lost || Date.now() > deadline) return undefined;
    }
  }

  /** Type at the board's console (used by the REPL). */
  write(text: string): void {
    if (!this.lost) this.Espruino.Core.Serial.write(text, false);
  }

  /** Resolves when the connection ends, for whatever reason. */
  waitForDisconnect(): Promise<void> {
    if (this.lost) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.closed;
      this.closed = () => {
        previous?.();
        resolve();
      };
    });
  }

  /** Close the connection; safe to call more than once. */
  async close(): Promise<void> {
    const Serial = this.Espruino.Core.Serial;
    if (!this.lost && Serial.isConnected()) {
      Serial.close();
      // Wait until the transport has really closed, so EspruinoTools has no more to say. It reports
      // the end of a connection it is still setting up to the connect callback, not the disconnect
      // one, so for tcp:// watch the socket itself.
      const closed = () => this.lost || (this.spec.kind === 'tcp' && !this.tools.tcp.isOpen());
      for (const deadline = Date.now() + 2000; !closed() && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 20));
    }
    Serial.startListening(undefined);
    // EspruinoTools may finish a callback or two after the close; keep catching its errors briefly.
    const remove = this.removeTrap;
    setTimeout(remove, 1000).unref();
  }

  // ---------------------------------------------------------------

  /** Check the port before EspruinoTools tries it, so a missing one is named with the ones that are there. */
  private async preparePort(timeoutMs: number): Promise<void> {
    const { spec, tools } = this;
    if (tools.Espruino.Core.Serial.isConnected()) throw new Error('coop: EspruinoTools already has a connection open');
    tools.tcp.ports = spec.kind === 'tcp' ? [spec.text] : [];
    if (spec.kind === 'serial') {
      const unavailable = serialUnavailable(tools);
      if (unavailable) throw new CliError(unavailable);
      const isWindowsPort = /^COM\d+$/i.test(spec.path);
      if (!isWindowsPort && !existsSync(spec.path)) throw new CliError(await this.portNotFound());
      alsoListSerialPath(serialDevice(tools)!, spec.path);
    }
    if (spec.kind === 'ble') await this.findBluetoothDevice(timeoutMs);
  }

  private async portNotFound(): Promise<string> {
    const { ports, problem } = await listSerialPorts(this.tools);
    const missing = `port not found: ${this.spec.text} does not exist`;
    if (ports.length > 0) return `${missing}. Serial ports found: ${ports.map(describePort).join(', ')} (coop ports lists them).`;
    return `${missing}, and no serial ports were found: is the board plugged in with a data (not charge-only) USB cable?` +
      `${problem ? ` (Listing them failed too: ${problem}.)` : ''}`;
  }

  /** Scan with EspruinoTools' noble transport until the named device is seen. */
  private async findBluetoothDevice(timeoutMs: number): Promise<void> {
    const { Espruino } = this.tools;
    const spec = this.spec as Extract<PortSpec, { kind: 'ble' }>;
    Espruino.Config.BLUETOOTH_LOW_ENERGY = true;
    Espruino.Core.Utils.addRecognisedDeviceAddress(spec.address);
    const from = this.tools.log.length;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ports = await new Promise<{ path: string }[]>((resolve) => Espruino.Core.Serial.getPorts((p) => resolve(p ?? [])));
      if (ports.some((p) => p.path.toLowerCase() === spec.address)) return;
      const broken = this.tools.logged(/Noble: (module couldn't be loaded|.* - disabling)|Noble: getPorts - disabled/, from)[0];
      if (broken) {
        const reason = this.tools.logged(/Error|errno|Cannot find module/, from)[0]?.split('\n')[0].replace(/^ERROR\s+/, '');
        throw new CliError(`Bluetooth LE is not available here: EspruinoTools' Bluetooth module (noble) could not start` +
          `${reason ? ` (${reason.trim().slice(0, 160)})` : ''}. Connect the board over USB serial instead, ` +
          `or install noble's prerequisites (a Bluetooth adapter, and on Linux libbluetooth-dev) and reinstall coop.`);
      }
      if (Date.now() > deadline) {
        throw new CliError(`port not found: no Bluetooth LE device ${spec.address} answered a ${seconds(timeoutMs)} scan; ` +
          `is it powered, in range, and not connected to another phone or computer?`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  private openFailure(logFrom: number): CliError {
    const { spec, tools } = this;
    if (spec.kind === 'tcp') {
      const why = tools.tcp.lastError ?? 'the connection failed';
      return new CliError(`could not connect to ${spec.text}: ${why}. Is the board (or \`espruino --telnet\`) running and listening there?`);
    }
    const why = tools.logged(/error|cannot|denied|busy|lock/i, logFrom)[0];
    return new CliError(`could not open ${spec.text}${why ? `: ${why.trim()}` : ''}`);
  }

  /** Log in, then ask process.env (what EspruinoTools does on connect when no password is involved). */
  private async readEnvAfterLogin(password: string, timeoutMs: number): Promise<void> {
    await this.login(password, timeoutMs);
    const env = await this.evaluate<BoardEnv | null>('process.env', 'reading process.env');
    const Env = this.Espruino.Core.Env;
    Object.assign(Env.getData(), env ?? {});
    if (typeof env?.VERSION === 'string') Env.setFirmwareVersion(env.VERSION);
  }

  private received(data: ArrayBuffer): void {
    let text = Buffer.from(data).toString('latin1');
    // Never echoed at the password> prompt, but a program or an error report could print it.
    if (this.password) text = text.split(this.password).join('***');
    this.output += text;
    this.onOutput?.(text);
  }

  private disconnected(): void {
    this.lost = true;
    const fail = this.failPending;
    this.failPending = undefined;
    fail?.(new CliError(`the connection to ${this.spec.text} was lost${lostReason(this.tools, this.spec)}`));
    this.closed?.();
  }

  /** An exception EspruinoTools threw from a callback (or serialport emitted with no listener). */
  private strayError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.tools.log.push(`coop: caught from EspruinoTools: ${message}`);
    const fail = this.failPending;
    this.failPending = undefined;
    fail?.(new CliError(`could not talk to ${this.spec.text}: ${explainPortError(message)}`));
  }

  /**
   * Run a request that fails with a CliError if the connection is lost before it completes.
   * Settles once: EspruinoTools may call a callback twice (send()'s drain watch and CodeWriter's
   * callback both finish an upload), and a late second call must not clear the failure hook of
   * the request that runs next — that left a request waiting forever when the link dropped.
   */
  private pending<T>(start: (resolve: (value: T) => void, reject: (error: Error) => void) => void): Promise<T> {
    if (this.lost) return Promise.reject(new CliError(`the connection to ${this.spec.text} was lost`));
    const token = {};
    this.pendingToken = token;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        settled = true;
        if (this.pendingToken === token) this.failPending = undefined;
      };
      this.failPending = (error) => {
        if (settled) return;
        settle();
        reject(error);
      };
      start((value) => {
        if (settled) return;
        settle();
        resolve(value);
      }, (error) => {
        if (settled) return;
        settle();
        reject(error);
      });
    });
  }
}

function lostReason(tools: LoadedTools, spec: PortSpec): string {
  return spec.kind === 'tcp' && tools.tcp.lastError ? ` (${tools.tcp.lastError})` : '';
}

/** Common serial-port failures, with their fixes. */
export function explainPortError(message: string): string {
  if (/ENOENT|No such file/i.test(message)) return `${message} — the port is not there (unplugged?); coop ports lists the ones that are`;
  if (/EACCES|Permission denied/i.test(message)) {
    return `${message} — no permission to open the port; on Linux add yourself to the dialout group (sudo usermod -aG dialout $USER) and log in again`;
  }
  if (/EBUSY|Cannot lock port|Resource temporarily unavailable/i.test(message)) {
    return `${message} — another program has the port open (the Espruino Web IDE, a serial monitor); close it and try again`;
  }
  return message;
}

/**
 * EspruinoTools and serialport report some failures by throwing from a
 * callback or emitting 'error' with no listener, which would end the process
 * with a stack trace. While a link is open those go to `handler` instead.
 */
function trapStrayErrors(handler: (error: unknown) => void): () => void {
  const onError = (error: unknown) => handler(error);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return () => {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  };
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
