/**
 * A simulation run live for the browser page (`coop sim --ui`): time
 * controls, the page's input, and what the page is sent.
 *
 * Virtual time only moves when the session lets it. `allowedUs` is how far
 * the board may run: at 1×/10×/100× it follows the wall clock times the
 * speed, at "max" it is unbounded, paused it stays, and "step" sets it to
 * the next queued event. One driver moves the simulation up to it: the
 * scenario's own run (runScenario with `pace`, so steps run exactly as in
 * `coop sim --scenario`) or, without one or after it ends, a free run.
 * The driver gives the event loop back every SLICE_MS of wall time, so the
 * page's input and the stream keep flowing at full speed.
 *
 * Input from the page is applied between two runs of the clock, at the
 * virtual time the board has reached, and recorded there (ScenarioRecorder),
 * which is what makes a recording replay to the same pin trace.
 */
import { formatTime, runScenario, ScenarioRecorder, type Scenario, type Simulation } from '../../sim/index.js';
import { tasksOf, type TaskRow } from '../../sim/task-list.js';
import { errorText, partRecord, recordOf, signalsOf, type Cursor, type RunRecord, type StepRecord } from './run-record.js';

/** Wall time (ms) the driver runs the simulation before letting the server answer. */
const SLICE_MS = 25;
/** Wall time (ms) between two updates sent to the page. */
const UPDATE_MS = 100;
/** Wall time (ms) between two memory estimates (each walks the firmware's objects: 40-140 ms, see report.ts). */
const MEMORY_MS = 1000;
/** Wall time (ms) between two readings of the task list (the first looks through closures with V8's inspector). */
const TASKS_MS = 250;

export const enum Mode {
  Paused = 'paused',
  Running = 'running',
}

/** What the page asks the clock to do. */
export type Control =
  | { op: 'run' }
  | { op: 'pause' }
  | { op: 'step' }
  | { op: 'speed'; value: number | 'max' }
  | { op: 'until'; value: number };

/** Input from the page; each is one scenario step. */
export type Input =
  | { op: 'press' | 'release'; part: string }
  | { op: 'set-voltage'; part: string; volts: number }
  | { op: 'set-temperature'; part: string; celsius: number }
  | { op: 'set-humidity'; part: string; percent: number }
  | { op: 'uart-send'; part: string; text: string }
  | { op: 'write-console'; text: string }
  | { op: 'reset' };

/**
 * Legend of a message to the page (one JSON per server-sent event):
 *   type     'init' (everything so far: record is a whole RunRecord) or 'update' (record holds only
 *            what is new in pins, analog, console, notes; the rest is current)
 *   mode     'paused' | 'running';  speed  1, 10, 100 or 'max';  until  ms the run pauses at, or null
 *   memory   { usage, total } JsVars, the latest estimate;  tasks  the task list (TaskRow[])
 *   status   one line for the status bar ("step 3 of 12 running", "the next event is at 1.500s")
 */
export interface UiMessage {
  type: 'init' | 'update';
  record: RunRecord;
  mode: Mode;
  speed: number | 'max';
  until: number | null;
  memory: { usage: number; total: number };
  tasks: TaskRow[] | null;
  status: string;
  recording: number;
}

export interface SessionOptions {
  sim: Simulation;
  title: string;
  scenario?: Scenario;
  /** Pause when virtual time reaches this (ms). */
  until?: number;
  /** Start paused (default: running at 1×). */
  paused?: boolean;
}

export class UiSession {
  readonly sim: Simulation;
  readonly recorder: ScenarioRecorder;
  mode: Mode;
  speed: number | 'max' = 1;
  /** How far (µs) the board may run. */
  private allowedUs = 0;
  private untilUs: number | null;
  private wallBase = Date.now();
  private simBaseUs = 0;
  private steps: StepRecord[] = [];
  private memory: { t: number; usage: number }[] = [];
  private lastMemoryWall = 0;
  private ended: string | undefined;
  private status = '';
  private cursor: Cursor | null = null;
  private listeners = new Set<(m: UiMessage) => void>();
  private waiter: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private lastUpdate = 0;
  /** Whether the record has every memory sample and step since the last update. */
  private sentMemory = 0;

  constructor(readonly options: SessionOptions) {
    this.sim = options.sim;
    this.recorder = new ScenarioRecorder(this.sim.harness.clock.us);
    this.mode = options.paused ? Mode.Paused : Mode.Running;
    this.untilUs = options.until !== undefined ? Math.round(options.until * 1000) : null;
    this.steps = options.scenario ? options.scenario.steps.map((s) => ({ n: s.number, source: s.source, status: 'todo' as const })) : [];
    this.sampleMemory(true);
    this.rebase();
  }

  /** Start the clock and the driver. */
  start(): void {
    this.timer = setInterval(() => this.tick(), 20);
    void this.drive();
  }

  /** Stop everything (the server is closing). */
  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.wake();
  }

  /** Call `fn` with every message from now on; returns the first message (everything so far). */
  subscribe(fn: (m: UiMessage) => void): { first: UiMessage; stop: () => void } {
    // Bring every page up to now, then this one gets everything so far and the updates after it.
    this.flush(false);
    const first = this.message('init', recordOf(this.sim, this.options.title).record);
    this.listeners.add(fn);
    return { first, stop: () => this.listeners.delete(fn) };
  }

  /** Apply a time control from the page. */
  control(c: Control): void {
    const h = this.sim.harness;
    switch (c.op) {
      case 'run':
        this.mode = Mode.Running;
        if (this.untilUs !== null && this.untilUs <= h.clock.us) this.untilUs = null;
        break;
      case 'pause':
        this.mode = Mode.Paused;
        break;
      case 'speed':
        if (c.value !== 'max' && ![1, 10, 100].includes(c.value)) throw new Error(`speed: ${c.value} is not a speed; speeds are 1, 10, 100 and "max"`);
        this.speed = c.value;
        break;
      case 'step': {
        this.mode = Mode.Paused;
        const next = h.clock.nextDue();
        if (next === undefined) {
          this.status = `nothing is scheduled at ${formatTime(this.sim.now)}: the board waits for input (press a button, type on the console)`;
          return;
        }
        this.allowedUs = Math.max(next, h.clock.us);
        this.status = `stepped to the next event, at ${formatTime(this.allowedUs / 1000)}`;
        this.wake();
        return;
      }
      case 'until': {
        const us = Math.round(c.value * 1000);
        if (!Number.isFinite(us) || us <= h.clock.us) throw new Error(`run until: ${formatTime(c.value)} is not after now (${formatTime(this.sim.now)})`);
        this.untilUs = us;
        this.mode = Mode.Running;
        break;
      }
    }
    this.status = '';
    this.rebase();
    this.wake();
  }

  /** Apply input from the page at the current virtual time, and record it. */
  input(i: Input): void {
    const sim = this.sim;
    const us = sim.harness.clock.us;
    switch (i.op) {
      case 'press':
        sim.press(i.part);
        this.recorder.add(us, { press: i.part });
        break;
      case 'release':
        sim.release(i.part);
        this.recorder.add(us, { release: i.part });
        break;
      case 'set-voltage':
        sim.setVoltage(i.part, i.volts);
        this.recorder.add(us, { 'set-voltage': { part: i.part, volts: i.volts } });
        break;
      case 'set-temperature':
        sim.setTemperature(i.part, i.celsius);
        this.recorder.add(us, { 'set-temperature': { part: i.part, celsius: i.celsius } });
        break;
      case 'set-humidity':
        sim.setHumidity(i.part, i.percent);
        this.recorder.add(us, { 'set-humidity': { part: i.part, percent: i.percent } });
        break;
      case 'uart-send':
        sim.uartSend(i.part, i.text);
        this.recorder.add(us, { 'uart-send': { part: i.part, text: i.text } });
        break;
      case 'write-console':
        sim.writeConsole(i.text);
        this.recorder.add(us, { 'write-console': i.text });
        break;
      case 'reset':
        sim.harness.reboot();
        this.recorder.add(us, { reset: null });
        break;
      default:
        throw new Error(`unknown input ${JSON.stringify((i as { op: unknown }).op)}`);
    }
    this.flush(false);
  }

  /** The run so far as one RunRecord (for --report when the page closes). */
  record(): RunRecord {
    const r = recordOf(this.sim, this.options.title).record;
    r.memory = this.memory.slice();
    r.steps = this.steps.map((s) => ({ ...s }));
    r.scenario = this.options.scenario?.name;
    r.ended = this.ended;
    return r;
  }

  // ---- the driver ------------------------------------------------------------

  private async drive(): Promise<void> {
    const scenario = this.options.scenario;
    if (scenario) {
      let sliceStart = Date.now();
      const result = await runScenario(this.sim, scenario, {
        onStep: (s, t) => {
          for (const r of this.steps) if (r.status === 'run') { r.status = 'pass'; r.t1 = t; }
          const r = this.steps[s.number - 1];
          r.status = 'run';
          r.t0 = t;
        },
        pace: async (t) => {
          const us = Math.round(t * 1000);
          while (!this.closed && this.allowedUs < us) await this.sleep();
          if (Date.now() - sliceStart > SLICE_MS) {
            await new Promise((r) => setImmediate(r));
            sliceStart = Date.now();
          }
        },
      });
      for (const r of this.steps) {
        if (r.status !== 'run') continue;
        r.t1 = this.sim.now;
        r.status = result.ok ? 'pass' : 'fail';
        if (!result.ok) r.why = result.message;
      }
      this.ended = result.message;
      this.status = result.ok ? 'the scenario passed; press run to keep the board running' : 'the scenario failed; press run to keep the board running';
      this.mode = Mode.Paused;
      this.rebase();
      this.flush(true);
    }
    const h = this.sim.harness;
    while (!this.closed) {
      if (this.allowedUs <= h.clock.us) {
        await this.sleep();
        continue;
      }
      const start = Date.now();
      while (this.allowedUs > h.clock.us && Date.now() - start < SLICE_MS) {
        const next = h.clock.nextDue();
        // At most 1 s of virtual time per run, so a slice of idle time still ends on time.
        h.runUntilUs(Math.min(this.allowedUs, next ?? Infinity, h.clock.us + 1_000_000));
      }
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Wait for the next tick (or a control). */
  private sleep(): Promise<void> {
    return new Promise((r) => {
      this.waiter = r;
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** Move `allowedUs` with the wall clock, pause at `until`, send updates. */
  private tick(): void {
    const h = this.sim.harness;
    if (this.mode === Mode.Running) {
      const wall = Date.now() - this.wallBase;
      this.allowedUs = this.speed === 'max' ? Number.MAX_SAFE_INTEGER : this.simBaseUs + Math.round(wall * this.speed * 1000);
      if (this.untilUs !== null && this.allowedUs >= this.untilUs) {
        this.allowedUs = this.untilUs;
        if (h.clock.us >= this.untilUs) {
          this.mode = Mode.Paused;
          this.status = `paused at ${formatTime(this.untilUs / 1000)}, as asked`;
          this.untilUs = null;
          this.rebase();
        }
      }
    }
    this.wake();
    if (Date.now() - this.lastUpdate >= UPDATE_MS) this.flush(false);
  }

  /** Re-anchor wall time to virtual time (after a pause, a speed change). */
  private rebase(): void {
    this.wallBase = Date.now();
    this.simBaseUs = this.sim.harness.clock.us;
    if (this.mode === Mode.Paused) this.allowedUs = this.sim.harness.clock.us;
  }

  private sampleMemory(force: boolean): void {
    if (!force && Date.now() - this.lastMemoryWall < MEMORY_MS) return;
    const last = this.memory[this.memory.length - 1];
    if (last && last.t === this.sim.now && !force) return;
    this.lastMemoryWall = Date.now();
    try {
      this.memory.push({ t: this.sim.now, usage: this.sim.memory().usage });
    } catch {
      // An estimate that fails (an object the walk cannot read) leaves the last sample.
    }
  }

  private tasks: { wall: number; us: number; rows: TaskRow[] | null } | null = null;

  /** The task list, read at most every TASKS_MS of wall time and only when the board has moved. */
  private taskList(): TaskRow[] | null {
    const us = this.sim.harness.clock.us;
    const t = this.tasks;
    if (t && (t.us === us || Date.now() - t.wall < TASKS_MS)) return t.rows;
    let rows: TaskRow[] | null;
    try {
      rows = tasksOf(this.sim.harness);
    } catch {
      rows = null;
    }
    this.tasks = { wall: Date.now(), us, rows };
    return rows;
  }

  /** Send what is new to every page; `force`: take a memory estimate now (else at most every MEMORY_MS). */
  private flush(force: boolean): void {
    this.lastUpdate = Date.now();
    this.sampleMemory(force);
    const { record, cursor } = recordOf(this.sim, this.options.title, this.cursor ?? undefined);
    this.cursor = cursor;
    const msg = this.message('update', record);
    for (const fn of this.listeners) fn(msg);
  }

  private message(type: 'init' | 'update', record: RunRecord): UiMessage {
    const sim = this.sim;
    if (type === 'init') record.memory = this.memory.slice();
    else {
      record.memory = this.memory.slice(this.sentMemory);
    }
    if (type === 'update') this.sentMemory = this.memory.length;
    record.steps = this.steps;
    record.scenario = this.options.scenario?.name;
    record.ended = this.ended;
    record.signals = signalsOf(sim);
    record.parts = [...sim.parts.keys()].map((id) => partRecord(sim, id));
    record.errors = sim.harness.errors.map(errorText);
    const last = this.memory[this.memory.length - 1];
    const tasks = this.taskList();
    const next = sim.harness.clock.nextDue();
    const status = this.status || (this.mode === Mode.Paused
      ? next === undefined ? 'paused; nothing is scheduled: the board waits for input' : `paused; the next event is at ${formatTime(next / 1000)}`
      : `running at ${this.speed === 'max' ? 'full speed' : `${this.speed}×`}`);
    return {
      type,
      record,
      mode: this.mode,
      speed: this.speed,
      until: this.untilUs === null ? null : this.untilUs / 1000,
      memory: { usage: last ? last.usage : 0, total: sim.harness.board.jsVars },
      tasks,
      status,
      recording: this.recorder.inputs.length,
    };
  }
}
