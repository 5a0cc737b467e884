import type { BoardDefinition } from '../boards/board-definition.js';
import { SiteKind, type Site } from './instrument.js';

/**
 * Board time for code: what the JavaScript the firmware runs would cost on
 * the board's CPU, charged to the virtual clock as it runs.
 *
 * Why: before, simulated code took no virtual time, so a task computing for
 * 200 ms on a Puck.js looked free: the hog detector could not fire, the
 * watchdog never tripped, a sleep was never late and `while (true) i++` hung
 * `coop sim`. Now every counter the instrumented bundle hits (instrument.ts)
 * adds Espruino instructions, and every whole microsecond of them moves the
 * clock, so `getTime()` advances inside a step as on the board.
 *
 * The model (calibration and error in docs/simulator.md, "Board time for code"):
 *
 *   instructions = perCall·calls + perIteration·iterations + perEntry·callbacks
 *                + perChar·(characters passed over) + perToken·(tokens run)
 *                + perCallSite·(call expressions run)
 *
 * counted as Espruino 2v29 instructions (Linux build, -Os, callgrind), where a
 * call passes over its function's whole text and an iteration its loop's text
 * (Espruino re-reads both every time: docs/speed.md). Board time is
 * instructions × cycles per instruction ÷ clock rate, per CPU below. Native
 * work (string building, JSON, Array methods) is not counted: a firmware
 * spending its time in built-ins runs faster here than on the board.
 *
 * Deterministic: it counts, and never reads the host clock, except the
 * separate host-time runaway limit.
 */

/** A board's CPU, for pricing instructions. Legend: `core` what it is; `mhz` clock; `cpi` cycles per counted instruction. */
export interface CpuSpec {
  core: string;
  mhz: number;
  cpi: number;
}

/**
 * CPUs by the board's chip (boards/*.ts `chip`). The cpi is an assumption,
 * checked against Espruino's own figure for an original Espruino (STM32F103,
 * 72 MHz): `while (1) {A0.set();A0.reset();}` toggles at ~4 kHz
 * (espruino.com/Performance), 18,000 cycles an iteration, which the model
 * prices at ~1.0 cycle per counted instruction (docs/simulator.md).
 */
const CPUS: { match: RegExp; spec: CpuSpec }[] = [
  // nRF52832/nRF52840: Cortex-M4F, 64 MHz, code from flash with its cache.
  { match: /^nrf52/i, spec: { core: 'Cortex-M4F', mhz: 64, cpi: 1.0 } },
  // STM32F401: Cortex-M4, 84 MHz (Espruino Pico).
  { match: /^stm32f4/i, spec: { core: 'Cortex-M4', mhz: 84, cpi: 1.0 } },
  // ESP32: Xtensa LX6 at 240 MHz; code runs through the flash cache, counted at 1.5 cycles.
  { match: /^esp32/i, spec: { core: 'Xtensa LX6', mhz: 240, cpi: 1.5 } },
];
/** The Linux build on a PC: a nominal 2 GHz, one instruction a cycle. */
const HOST_CPU: CpuSpec = { core: 'PC', mhz: 2000, cpi: 1.0 };

/** The CPU a board's code is priced for. */
export function cpuOf(board: BoardDefinition): CpuSpec {
  for (const c of CPUS) if (c.match.test(board.chip)) return c.spec;
  return HOST_CPU;
}

/**
 * Instructions per unit, fitted (least squares on relative error, weights
 * kept non-negative) to callgrind counts of Espruino 2v29 (Linux build, -Os)
 * over the micro programs of bench/cpu-calibration.ts (`npm run
 * calibrate:cpu`); docs/simulator.md has the table and its error. A call
 * fits at 0 beyond its text: what it costs is in its tokens and the text read.
 */
export const WEIGHTS = {
  /** Calling a function, besides reading its text (fits at 0: see above). */
  perCall: 0,
  /** One more iteration of a loop, besides reading its text. */
  perIteration: 2_500,
  /** Espruino calling a callback from its event loop (a timer, a watch, a Promise job). */
  perEntry: 20_000,
  /** Each character of text passed over (a function's on each call, a loop's on each iteration). */
  perChar: 120,
  /** Each token of the statements that run. */
  perToken: 710,
  /** Each call expression that runs (a built-in's or a function's). */
  perCallSite: 1_300,
};

/** Board time a run may spend in one callback before the simulator calls it a runaway, when no watchdog is set: 10 s. */
export const DEFAULT_RUNAWAY_US = 10_000_000;
/** Host time one callback may take before the simulator stops it, whatever the board time: 20 s. */
export const DEFAULT_HOST_LIMIT_MS = 20_000;
/** Host clock readings happen once per this many counter hits (it is the only host-clock reading). */
const HOST_CHECK_EVERY = 4096;

/** Thrown into firmware code to stop it (a runaway): it keeps being thrown until the callback has unwound. */
export class Runaway extends Error {}

/** Board time used by a task name. Legend: `us` µs of board time; `instructions` counted; `tasks` distinct tasks of that name. */
export interface TaskCpu {
  name: string;
  us: number;
  instructions: number;
  tasks: number;
}

/** What the meter needs from the simulated board. */
export interface CpuHost {
  /** Virtual clock, µs: read and moved. */
  clock: { us: number };
  /** The watchdog E.enableWatchdog set up, if any (sim/globals/espruino-e.ts). */
  watchdog(): { timeoutUs: number; auto: boolean; entry: { due: number } | null } | null;
}

/** Who ran code that no task was stepping: the top level, timer and watch callbacks, Promise jobs. */
export const OUTSIDE_TASKS = '(outside tasks)';

/**
 * Counts what the instrumented bundle runs, moves the clock, keeps board
 * time per task, and stops a runaway (a callback that never returns).
 */
export class CpuMeter {
  readonly cpu: CpuSpec;
  /** Counted instructions since the board started (all resets included). */
  instructions = 0;
  /** Why the firmware was stopped (set once), or null. */
  stopped: string | null = null;
  /** The counter site that was running when it was stopped. */
  stoppedAt: Site | null = null;
  /** The task that was running when it was stopped, or null when outside tasks. */
  stoppedTask: string | null = null;

  private sites: Site[] = [];
  private cost = new Float64Array(0);
  /** Times each site was hit since `load` (for calibration and profiles). */
  private hitCount = new Float64Array(0);
  /** Callbacks the event loop made into firmware code. */
  private entries = 0;
  private readonly usPerInstruction: number;
  private pendingUs = 0;
  private depth = 0;
  /** Clock and counted board time when the outermost callback began. */
  private entryClockUs = 0;
  private entryCountedUs = 0;
  /** Whole µs of board time counted. */
  private countedUs = 0;
  private hostStart = 0;
  private hits = 0;
  private lastSite = 0;
  private current: { name?: string; q?: { name?: string } } | null = null;
  private mark = 0;
  private readonly byName = new Map<string, { instructions: number; seen: WeakSet<object>; tasks: number }>();

  /**
   * `limits.charge` false (HarnessOptions.cpuTime): code is counted (CPU busy,
   * run time per task, the runaway limits) but the clock does not move for it.
   */
  constructor(board: BoardDefinition, private readonly host: CpuHost, private readonly limits: { boardUs: number; hostMs: number; charge: boolean }) {
    this.cpu = cpuOf(board);
    this.usPerInstruction = this.cpu.cpi / this.cpu.mhz;
  }

  /** Price the sites of a freshly instrumented bundle. */
  load(sites: Site[]): void {
    this.sites = sites;
    this.hitCount = new Float64Array(sites.length);
    this.cost = new Float64Array(sites.map((s) => WEIGHTS.perChar * s.chars + WEIGHTS.perToken * s.tokens + WEIGHTS.perCallSite * s.calls +
      (s.kind === SiteKind.Loop ? WEIGHTS.perIteration : s.kind === SiteKind.Block ? 0 : WEIGHTS.perCall)));
  }

  /** Counter `i` was hit: charge it. (The hot path: one per call and iteration.) */
  readonly charge = (i: number): void => {
    if (this.stopped !== null) throw new Runaway(this.stopped);
    this.lastSite = i;
    this.hitCount[i]++;
    if (this.add(this.cost[i]) && this.depth > 0) this.checkBoard();
    if (++this.hits === HOST_CHECK_EVERY) this.checkHost();
  };

  /** A coroutine step is about to run `frame`: its task is the one running now. */
  readonly step = (frame: { name?: string; q?: { name?: string } }): void => {
    const task = frame.name !== undefined ? frame : frame.q ?? null;
    if (task !== this.current) this.switchTo(task as typeof this.current);
  };

  /** The board calls into firmware code from its event loop: returns what `leave` restores. */
  enter(): unknown {
    const outer = this.current;
    if (this.depth++ === 0) {
      this.entryClockUs = this.host.clock.us;
      this.entryCountedUs = this.countedUs;
      this.hostStart = 0;
      this.hits = 0;
      this.entries++;
      if (this.stopped === null) this.add(WEIGHTS.perEntry);
    }
    this.switchTo(null);
    return outer;
  }

  /** The callback `enter` began has returned (or thrown). */
  leave(outer: unknown): void {
    this.switchTo(outer as typeof this.current);
    this.depth--;
  }

  /** Board time used by each task name so far, busiest first; code outside tasks as OUTSIDE_TASKS. */
  byTask(): TaskCpu[] {
    this.switchTo(this.current);
    return [...this.byName.entries()]
      .map(([name, u]) => ({ name, instructions: u.instructions, us: u.instructions * this.usPerInstruction, tasks: u.tasks }))
      .sort((a, b) => b.us - a.us || (a.name < b.name ? -1 : 1));
  }

  /** What the model counted (the terms of its formula), for calibration against the real interpreter. */
  features(): { calls: number; iterations: number; entries: number; chars: number; tokens: number; callSites: number } {
    const f = { calls: 0, iterations: 0, entries: this.entries, chars: 0, tokens: 0, callSites: 0 };
    this.sites.forEach((s, i) => {
      const n = this.hitCount[i];
      if (s.kind === SiteKind.Loop) f.iterations += n;
      else if (s.kind !== SiteKind.Block) f.calls += n;
      f.chars += n * s.chars;
      f.tokens += n * s.tokens;
      f.callSites += n * s.calls;
    });
    return f;
  }

  /** How many callbacks into firmware code are running (nested ones count). */
  get depthNow(): number {
    return this.depth;
  }

  /** Board time all counted code has used, µs. */
  get busyUs(): number {
    return this.instructions * this.usPerInstruction;
  }

  /** The firmware may run again (a board reset clears a runaway). */
  clearStop(): void {
    this.stopped = null;
    this.stoppedAt = null;
    this.stoppedTask = null;
  }

  /** Count `instructions`; true when the clock moved. */
  private add(instructions: number): boolean {
    this.instructions += instructions;
    this.pendingUs += instructions * this.usPerInstruction;
    if (this.pendingUs < 1) return false;
    const whole = Math.floor(this.pendingUs);
    this.pendingUs -= whole;
    this.countedUs += whole;
    if (this.limits.charge) this.host.clock.us += whole;
    return true;
  }

  /** Past the watchdog's deadline, or the runaway limit, inside one callback? */
  private checkBoard(): void {
    const ran = this.countedUs - this.entryCountedUs;
    const now = this.entryClockUs + ran;
    const wd = this.host.watchdog();
    if (wd !== null) {
      if (wd.auto ? ran >= wd.timeoutUs : wd.entry !== null && now >= wd.entry.due) {
        this.stop(`the watchdog was not kicked for ${wd.timeoutUs / 1e6}s`, 'watchdog', ran);
      }
      return;
    }
    if (ran > this.limits.boardUs) {
      this.stop(`the simulator's limit (runawayMs); a board would hang here`, 'limit', ran, `${(ran / 1e6).toFixed(3)} s of board time`);
    }
  }

  private checkHost(): void {
    this.hits = 0;
    if (this.depth === 0 || this.stopped !== null) return;
    const t = Date.now();
    if (this.hostStart === 0) this.hostStart = t;
    else if (t - this.hostStart > this.limits.hostMs) {
      this.stop(`the simulator's host-time limit (hostLimitMs)`, 'host', 0, `${((t - this.hostStart) / 1000).toFixed(1)} s of host time`);
    }
  }

  /** How the last stop came about: the board's watchdog, the board-time limit or the host-time limit. */
  stopKind: 'watchdog' | 'limit' | 'host' | null = null;

  /** Board time (µs) the stopped code had run since it was called from the event loop (for a watchdog). */
  stoppedRan = 0;

  /** How long the stopped code had run when a limit stopped it ('10.000 s of board time'); '' for the watchdog. */
  stoppedFor = '';

  /** Stop the firmware: `reason` why (the watchdog, a limit), after it ran `ran` µs of board time, said as `ranText`. */
  private stop(reason: string, kind: 'watchdog' | 'limit' | 'host', ran = 0, ranText = ''): never {
    this.switchTo(this.current);
    this.stopped = reason;
    this.stoppedRan = ran;
    this.stoppedFor = ranText;
    this.stopKind = kind;
    this.stoppedAt = this.sites[this.lastSite] ?? null;
    this.stoppedTask = this.current?.name ?? null;
    throw new Runaway(reason);
  }

  /** Book the instructions since the last switch to the task that ran them; `task` runs from now. */
  private switchTo(task: { name?: string } | null): void {
    const spent = this.instructions - this.mark;
    if (spent > 0) {
      const name = this.current === null ? OUTSIDE_TASKS : this.current.name ?? 'task';
      let u = this.byName.get(name);
      if (u === undefined) this.byName.set(name, (u = { instructions: 0, seen: new WeakSet(), tasks: 0 }));
      u.instructions += spent;
      if (this.current !== null && !u.seen.has(this.current)) {
        u.seen.add(this.current);
        u.tasks++;
      }
    }
    this.mark = this.instructions;
    this.current = task as typeof this.current;
  }
}
