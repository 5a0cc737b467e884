import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import type { BoardDefinition } from '../../boards/board-definition.js';
import { findBoard } from '../../boards/index.js';
import {
  Button, createSim, Led, loadDiagram, loadScenario, parseDiagram, parseDuration, runScenario, toTimeline, toVcd,
  type BleDevice, type ConsoleLine, type Diagram, type MemoryEstimate, type MqttBroker, type Network, type Phone, type Scenario, type ScenarioResult, type SimNote, type Simulation,
} from '../../sim/index.js';
import { build } from '../../toolchain/build.js';
import { findProject, type Project } from '../project.js';
import { findBlinking, type Blinking, type PinChange } from './blink.js';

export interface SimulateOptions {
  /** Board id ('puckjs', 'esp32', …). Default: the diagram's board, else coop.json's, else 'puckjs'. */
  board?: string;
  /**
   * The parts wired to the board: a diagram file (relative to the working
   * folder) or a diagram object. Default: `<entry>.diagram.json` beside the
   * entry, else coop.json's diagram, else only the board's own LEDs and buttons.
   */
  diagram?: string | Diagram;
  /** Seed of Math.random() and E.hwRand() (default 1): the same seed, the same run. */
  seed?: number;
  /** What a watchdog timeout does: reset the board and run the code again (default), or halt it. */
  watchdog?: 'reset' | 'halt';
  /** Minify the bundle as `coop build` does (default true). */
  minify?: boolean;
  /** Called with each console line as it is printed, e.g. `(l) => console.log(l.text)` to watch a test run. */
  onConsole?: (line: ConsoleLine) => void;
  /** Called with each simulator warning (bytes lost, no I2C device at an address, …). */
  onWarning?: (note: SimNote) => void;
  /** Where to look for coop.json: this folder and those above it (default: the working folder), or false for none. */
  project?: string | false;
}

/**
 * Build `entry` the device way (as `coop build` does: TypeScript → ES5 bundle
 * → terser) and start it on a simulated board, on a virtual clock at 0:
 *
 *     const sim = await simulate('src/main.ts', { diagram: 'diagram.json' });
 *     sim.advance('2s');
 *     expect(sim).toHaveBlinked('LED1', { period: 1000 });
 *
 * Without `entry`, coop.json's entry. A bundle is kept for later calls in
 * this process (per file, board and minify), and built again when the file
 * or a file it imports changes.
 * A build error rejects with the build's message (`file:line: …`).
 */
export async function simulate(entry?: string, options: SimulateOptions = {}): Promise<Sim> {
  const project = options.project === false ? undefined : findProject(options.project ?? process.cwd());
  const file = entry !== undefined ? resolve(entry) : project?.entry;
  if (file === undefined) throw new Error('simulate: which file? name the firmware\'s .ts file, e.g. simulate(\'src/main.ts\'), or add a coop.json with an "entry"');
  if (!existsSync(file)) throw new Error(`simulate: no such file: ${entry}`);

  const diagram = await pickDiagram(file, options.diagram, project);
  const board = options.board ?? diagram?.board ?? project?.board ?? 'puckjs';
  const minify = options.minify ?? true;
  const built = await cachedBuild(file, board, minify);
  const simulation = await createSim({
    bundle: built.code,
    board: built.board.id,
    diagram,
    seed: options.seed,
    watchdog: options.watchdog,
    onConsole: options.onConsole,
    onWarning: options.onWarning,
  });
  return new Sim(simulation, built.code);
}

/**
 * A simulated board running your firmware. Time moves only when you move it
 * (`advance`, `runUntil`, `waitFor`, `press` with a hold); everything else
 * reads or changes the board at the current instant. Pins are named as on the
 * board (D5) or by alias (LED1, BTN1); buttons and LEDs also by their part id
 * in the diagram.
 */
export class Sim {
  /** The board's console: `sim.console.lines` is every line printed so far. */
  readonly console: SimConsole;

  constructor(
    /** The simulator underneath (sim/simulation.ts), for anything not named here. */
    readonly simulation: Simulation,
    /** The bundle that runs: what `coop build` makes of the entry. */
    readonly bundle: string,
  ) {
    this.console = new SimConsole(simulation);
  }

  /** The board: its id, name, pins, LEDs, buttons and memory. */
  get board(): BoardDefinition {
    return this.simulation.harness.board;
  }

  /** Virtual time in ms since the board started. */
  get now(): number {
    return this.simulation.now;
  }

  /** Let `time` pass (ms, or text: '500ms', '2s', '5m', '24h'), running everything that falls due. */
  advance(time: number | string): this {
    this.simulation.advance(time);
    return this;
  }

  /** Run until virtual time `time` since the start (ms or '5s'); nothing happens if it is already past. */
  runUntil(time: number | string): this {
    const t = parseDuration(time, 'runUntil');
    if (t > this.now) this.simulation.runUntil(t);
    return this;
  }

  /** Run until `condition()` holds (checked after each instant anything happens) or `timeout` passes; whether it held. */
  waitFor(condition: () => boolean, timeout: number | string = '10s'): boolean {
    return this.simulation.waitFor(condition, timeout);
  }

  /** Press a button (part id, BTN1 or a pin); with `hold`, keep it pressed that long (time passes) and release it. */
  press(button: string, hold?: number | string): this {
    const id = this.partId(button, Button);
    this.simulation.press(id);
    if (hold !== undefined) {
      this.simulation.advance(hold);
      this.simulation.release(id);
    }
    return this;
  }

  /** Release a pressed button. */
  release(button: string): this {
    this.simulation.release(this.partId(button, Button));
    return this;
  }

  /** Put `volts` on a pin, or on a potentiometer or voltage-source part of the diagram. */
  setVoltage(pinOrPart: string, volts: number): this {
    this.simulation.setVoltage(pinOrPart, volts);
    return this;
  }

  /** The level of a pin now: 0 or 1 (a part id names the part's pin). */
  pin(name: string): 0 | 1 {
    return this.simulation.pin(this.pinName(name));
  }

  /** PWM duty (0..1) on a pin now, or null when it is not doing PWM. */
  duty(name: string): number | null {
    return this.simulation.duty(this.pinName(name));
  }

  /** Every change of a pin's level so far, in order, as `{ t, value }` (t in ms). */
  pinHistory(name: string): PinChange[] {
    const pin = this.pinName(name);
    return this.simulation.harness.pinLog.filter((e) => e.pin === pin).map((e) => ({ t: e.t, value: e.value }));
  }

  /** How a pin has been blinking (period, on/off pattern, repeats), or undefined when its changes do not repeat. */
  blinking(name: string, options: { since?: number | string; tolerance?: number } = {}): Blinking | undefined {
    const since = options.since === undefined ? 0 : parseDuration(options.since, 'since');
    return findBlinking(this.pinHistory(name).filter((c) => c.t >= since), options.tolerance);
  }

  /** Run a scenario file (YAML or JSON; see docs/simulator.md) from now on this board; `ok` and a `message` saying what passed or failed. */
  async runScenario(scenario: string | Scenario): Promise<ScenarioResult> {
    const s = typeof scenario === 'string' ? await loadScenario(scenario) : scenario;
    if (s.board !== undefined && findBoard(s.board).id !== this.board.id) {
      throw new Error(`runScenario: scenario "${s.name}" is for ${s.board} but this simulation is ${this.board.name} (${this.board.id}); simulate with { board: '${s.board}' }`);
    }
    return runScenario(this.simulation, s);
  }

  /** Type on the board's console: its `on('data')` listeners get `text`. */
  writeConsole(text: string): this {
    this.simulation.writeConsole(text);
    return this;
  }

  /** A uart-peer part of the diagram sends `text` to the board. */
  uartSend(part: string, text: string): this {
    this.simulation.uartSend(part, text);
    return this;
  }

  /** What the board has sent to a uart-peer part so far. */
  uartReceived(part: string): string {
    return this.simulation.uartReceived(part);
  }

  /**
   * A phone part (nRF52 boards): `waitForAdvert(match, ms)`, `connect()`, `read(service, characteristic)`,
   * `write(service, characteristic, bytes)`, `subscribe(…)`, `waitForNotify(…)`, `disconnect()`,
   * `notifications`; each action takes the radio's time and runs the board meanwhile.
   */
  phone(part: string): Phone {
    return this.simulation.phone(part);
  }

  /** A ble-device part (another Bluetooth LE device the board scans and connects to): `writes` is what the board wrote. */
  bleDevice(part: string): BleDevice {
    return this.simulation.bleDevice(part);
  }

  /**
   * The network around the board (ESP32; Linux): `http(host, handler)`, `tcp(host:port, handler)`,
   * `bridge(host, 'http://127.0.0.1:8080')` to a real server, `setAccessPoint(id, up)`, `open`,
   * `httpLog`, and `run(time)` / `waitFor(condition, time)`, which wait for bridged servers' real I/O.
   */
  get net(): Network {
    return this.simulation.net;
  }

  /** An mqtt-broker part: `messages` (every PUBLISH it got), `payloads(topic)`, `publish(topic, payload)`, `connected()`. */
  broker(part: string): MqttBroker {
    return this.simulation.broker(part);
  }

  /** Set an SHT3x part's temperature (°C), or the chip's own with 'board'. */
  setTemperature(part: string, celsius: number): this {
    this.simulation.setTemperature(part, celsius);
    return this;
  }

  /** Set an SHT3x part's relative humidity (%). */
  setHumidity(part: string, percent: number): this {
    this.simulation.setHumidity(part, percent);
    return this;
  }

  /** Is an LED lit (part id, LED1 or its pin)? */
  led(name: string): boolean {
    return this.simulation.led(this.partId(name, Led));
  }

  /** Reset the board as its reset button would: RAM cleared, Storage and parts kept, the code runs again. */
  reset(): this {
    this.simulation.harness.reboot();
    return this;
  }

  /** Errors the firmware threw and nothing caught (each also printed as an "Uncaught …" console line). */
  get errors(): readonly unknown[] {
    return this.simulation.errors;
  }

  /** What the simulator warned about: bytes lost on a UART, no I2C device at an address, a watchdog reset, … */
  get warnings(): readonly SimNote[] {
    return this.simulation.harness.warnings;
  }

  /** The JsVars the firmware holds now, estimated as process.memory() reports them. */
  memory(): MemoryEstimate {
    return this.simulation.memory();
  }

  /** The pin trace as VCD text, for GTKWave or PulseView. */
  vcd(): string {
    return toVcd(this.simulation);
  }

  /** A short text timeline: pin changes and console lines, then one summary line per pin. */
  timeline(): string {
    return toTimeline(this.simulation);
  }

  // The firmware's task list (coop's `tasks()`) is not offered: it lives inside the bundle's
  // closure (one minified IIFE, as on the board), where the host cannot reach it without building
  // something other than what goes to the board. To see it, call `printTasks()` in the firmware
  // (on a console command, say) and read `sim.console`.

  /** The board's name for a pin: D5 for 'LED1', 'D5' or the id of a part wired to D5. */
  pinName(name: string): string {
    const part = this.simulation.parts.get(name);
    if (part && part.pins.length === 1) return part.pins[0];
    return this.simulation.harness.pins.byName(name, 'pin').name;
  }

  /** `name` ("D5 (LED1)") for messages. */
  describePin(name: string): string {
    let pin: string;
    try {
      pin = this.pinName(name);
    } catch {
      return name;
    }
    return pin === name ? name : `${name} (${pin})`;
  }

  /** The id of the part of `kind` that `name` is, or that is wired to the pin `name` names. */
  private partId(name: string, kind: abstract new (...args: never[]) => object): string {
    const parts = this.simulation.parts;
    if (parts.has(name)) return name;
    let pin: string;
    try {
      pin = this.simulation.harness.pins.byName(name, 'part').name;
    } catch {
      return name; // the simulation names the parts there are
    }
    for (const [id, part] of parts) if (part instanceof kind && part.pins.includes(pin)) return id;
    return name;
  }
}

/** The board's console, read as lines. */
export class SimConsole {
  constructor(private readonly simulation: Simulation) {}

  /** Every complete line printed so far. */
  get lines(): string[] {
    return this.simulation.output();
  }

  /** Every complete line with the virtual time (ms) it was printed at. */
  get entries(): ConsoleLine[] {
    return [...this.simulation.harness.console];
  }

  /** Is there a line containing `text` (or matching the RegExp)? */
  includes(text: string | RegExp): boolean {
    return this.find(text) !== undefined;
  }

  /** The first line containing `text` (or matching the RegExp), with its time. */
  find(text: string | RegExp): ConsoleLine | undefined {
    return this.simulation.harness.console.find((l) => (typeof text === 'string' ? l.text.includes(text) : text.test(l.text)));
  }

  /** Everything printed, one line each. */
  toString(): string {
    return this.lines.join('\n');
  }
}

/** An explicit diagram, else the one beside the entry, else coop.json's. */
async function pickDiagram(file: string, given: SimulateOptions['diagram'], project: Project | undefined): Promise<Diagram | undefined> {
  if (typeof given === 'object') return parseDiagram(given);
  if (typeof given === 'string') return loadDiagram(given);
  const beside = file.replace(/\.[mc]?tsx?$/, '.diagram.json');
  if (beside !== file && existsSync(beside)) return loadDiagram(beside);
  if (project?.diagram !== undefined) return loadDiagram(project.diagram);
  return undefined;
}

interface CachedBuild {
  result: Promise<{ code: string; board: BoardDefinition }>;
  /** The files it was built from, with their modification times then. */
  inputs: Map<string, number>;
}

const builds = new Map<string, CachedBuild>();

/** Build once per file, board and minify setting; again when a file of the user's that it imports has changed. */
function cachedBuild(file: string, board: string, minify: boolean): Promise<{ code: string; board: BoardDefinition }> {
  const key = `${file}\0${board}\0${minify}`;
  const cached = builds.get(key);
  if (cached && [...cached.inputs].every(([f, mtime]) => modified(f) === mtime)) return cached.result;
  const inputs = new Map(localImports(file).map((f) => [f, modified(f)]));
  const result = build(file, { board, minify });
  builds.set(key, { result, inputs });
  // A failed build is not kept: the next call builds again (and fails again, with the message).
  result.catch(() => builds.delete(key));
  return result;
}

function modified(file: string): number {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

/** `file` and the files it imports by relative path, transitively (what a change to should rebuild). */
function localImports(file: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    let text: string;
    try {
      text = ts.sys.readFile(f) ?? '';
    } catch {
      return;
    }
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const base = resolve(dirname(f), ref.fileName);
      const stem = base.replace(/\.[mc]?js$/, '');
      const found = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${base}.ts`, `${base}/index.ts`].find((c) => existsSync(c) && statSync(c).isFile());
      if (found) visit(found);
    }
  };
  visit(file);
  return [...seen];
}
