import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from '../../toolchain/build.js';
import {
  createSim, formatTime, loadDiagram, loadScenario, runScenario, stamp, toTimeline, toVcd,
  type Simulation,
} from '../../sim/index.js';
import { parseArgs, parseDuration, UsageError } from '../args.js';
import { sourceLocator } from '../source-locate.js';
import { CliError } from '../cli-error.js';
import type { Io } from '../io.js';
import { chooseBoard, defaultDiagram, firmwareEntry } from '../target.js';
import { commandHelp, simUsage } from '../usage.js';
import { runUi } from '../ui/live.js';
import { RunTracker, writeReport, writeSvg } from '../ui/report.js';


/** Pin changes printed as they happen before the CLI stops printing them (the VCD has them all). */
const PIN_LINES = 200;

/**
 * `coop sim`: build the firmware the device way and run it on a simulated
 * board, streaming its console and the pins wired to parts. With a scenario,
 * the run is the scenario's steps and a failing step exits 1; without one it
 * runs until --until (default 10s). An uncaught error in the firmware also
 * exits 1. Without a file, the project's entry; without --diagram, the
 * scenario's, else one next to the file (blink.ts → blink.diagram.json), else
 * the project's (see cli/target.ts).
 */
export async function simCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, commandHelp.sim.args);
  const [named, extra] = args.positional;
  if (extra) throw new UsageError(`one file at a time; got "${named}" and "${extra}"`);
  const { entry, project } = firmwareEntry(named, simUsage);
  const opt = (k: string) => args.options[k] as string | undefined;
  const until = opt('until') !== undefined ? parseDuration(opt('until')!, '--until') : undefined;
  const seed = opt('seed') !== undefined ? Number(opt('seed')) : undefined;
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${opt('seed')}"`);
  if (!args.options.ui) for (const k of ['open', 'record', 'port']) if (args.options[k] !== undefined) throw new UsageError(`--${k} goes with --ui (the browser page)`);
  const port = opt('port') !== undefined ? Number(opt('port')) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError(`--port must be a port number (0..65535), got "${opt('port')}"`);

  const scenario = opt('scenario') !== undefined ? await loadOrFail(() => loadScenario(opt('scenario')!)) : undefined;
  const diagramPath = opt('diagram') ?? defaultDiagram(entry, project, scenario?.diagram);
  const diagram = diagramPath !== undefined ? await loadOrFail(() => loadDiagram(diagramPath!)) : undefined;
  const board = chooseBoard({ flag: opt('board'), project, scenario, diagram }, true);

  const { code, board: def } = await build(entry, { board });
  const quiet = !!args.options.quiet;
  // The header first: loading the bundle runs its top level, which may print at once.
  if (!quiet) io.out(`simulating ${entry} on ${def.name}${diagramPath ? ` with ${diagramPath}` : ''}${scenario ? `, scenario ${scenario.source}` : ''}`);
  let sim: Simulation;
  try {
    sim = await createSim({
      bundle: code,
      board: def.id,
      diagram,
      seed,
      cpuTime: !!args.options['cpu-time'],
      // The peak, and "Out of Memory" where the estimate passes the board's JsVars (a sample a second of virtual time).
      trackMemory: true,
      locate: sourceLocator(code, entry),
      onConsole: quiet ? undefined : (l) => io.out(`${stamp(l.t)} ${l.text}`),
      onWarning: (n) => io.err(`${stamp(n.t)} warning: ${n.text}`),
    });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const h = sim.harness;
  const title = `${entry} on ${def.name}`;
  if (args.options.ui) {
    return runUi({ sim, title, scenario, diagramPath, until, port, open: !!args.options.open, record: opt('record'), report: opt('report'), svg: opt('svg') }, io);
  }
  // --report / --svg: the steps and the memory over time, for the page and the picture.
  const tracker = opt('report') !== undefined || opt('svg') !== undefined ? new RunTracker(sim, scenario?.steps, scenario?.name) : undefined;

  // Print the pins wired to parts as they change, interleaved with the console.
  const shownPins = new Set([...sim.parts.values()].flatMap((p) => p.pins));
  const alias = new Map<string, string>();
  for (const [a, p] of Object.entries({ ...def.leds, ...def.buttons })) alias.set(p, alias.has(p) ? `${alias.get(p)}/${a}` : a);
  let logged = 0;
  let printed = 0;
  const showPins = () => {
    if (quiet) return;
    for (; logged < h.pinLog.length; logged++) {
      const e = h.pinLog[logged];
      if (!shownPins.has(e.pin)) continue;
      if (printed === PIN_LINES) io.out(`${stamp(e.t)} … more pin changes are not printed${args.options.vcd ? '' : ' (write them all with --vcd out.vcd)'}`);
      if (printed++ >= PIN_LINES) continue;
      io.out(`${stamp(e.t)} ${alias.has(e.pin) ? `${alias.get(e.pin)} (${e.pin})` : e.pin} → ${e.value}`);
    }
  };
  showPins();

  const start = Date.now();
  const pace = args.options.realtime
    ? async (t: number) => {
        showPins();
        const wait = start + t - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    : undefined;
  /** Run to `t` ms, printing pin changes in time order while there are lines to print. */
  const runTo = async (t: number) => {
    const end = Math.round(t * 1000);
    for (;;) {
      if (!pace && (quiet || printed > PIN_LINES)) {
        h.runUntilUs(end);
        break;
      }
      const next = h.clock.nextDue();
      const target = next === undefined || next > end ? end : next;
      await pace?.(target / 1000);
      h.runUntilUs(target);
      showPins();
      if (target === end) break;
    }
    showPins();
  };

  let failed = false;
  if (scenario) {
    const result = await runScenario(sim, scenario, { pace: pace ? async (t) => { await pace(t); } : undefined, onStep: (s, t) => { showPins(); tracker?.onStep(s, t); } });
    tracker?.finish(result);
    showPins();
    if (result.ok) io.out(`${stamp(sim.now)} ${result.message}`);
    else {
      io.err(`${stamp(sim.now)} ${result.message}`);
      failed = true;
    }
    if (until !== undefined && until > sim.now) await runTo(until);
  } else if (tracker) {
    // In 20 slices, for the memory estimate over time (an estimate walks every object the firmware holds: cli/ui/report.ts).
    const end = until ?? 10_000;
    for (let i = 1; i <= 20; i++) {
      await runTo((end * i) / 20);
      tracker.sample();
    }
  } else {
    await runTo(until ?? 10_000);
  }

  const vcd = opt('vcd');
  if (vcd !== undefined) {
    mkdirSync(dirname(vcd), { recursive: true });
    writeFileSync(vcd, toVcd(sim));
  }
  if (args.options.timeline) io.out(toTimeline(sim, { noConsole: true }));
  if (tracker) {
    const record = tracker.record(title, `the run ended at ${formatTime(sim.now)}`);
    if (opt('report') !== undefined) {
      writeReport(opt('report')!, record, sim);
      io.out(`report written to ${opt('report')}`);
    }
    if (opt('svg') !== undefined) {
      writeSvg(opt('svg')!, record);
      io.out(`waveform written to ${opt('svg')}`);
    }
  }
  const errors = h.errors.length;
  const wall = (Date.now() - start) / 1000;
  io.out(`${stamp(sim.now)} simulation ended: ${formatTime(sim.now)} of ${def.name} in ${wall.toFixed(2)}s, ${h.pinLog.length} pin changes, ` +
    `${errors} uncaught error${errors === 1 ? '' : 's'}${vcd ? `; waveform in ${vcd}` : ''}`);
  if (errors > 0) io.err(`coop sim: the firmware threw ${errors} uncaught error${errors === 1 ? '' : 's'} (the "Uncaught" lines above)`);
  reportCpu(sim, def.name, io);
  if (h.stoppedBy !== null) io.err(`coop sim: the simulator stopped the firmware: ${h.stoppedBy}. Add an await in that loop (await sleep(…) or yieldNow()), or move the work into smaller steps`);
  const tooBig = !reportMemory(h, def.name, io);
  return failed || errors > 0 || tooBig || h.stoppedBy !== null ? 1 : 0;
}

/**
 * How busy the board's CPU was: board time the firmware's code took
 * (sim/cost-model.ts), over the run and per task name, which is what a
 * battery budget needs (the CPU sleeps the rest of the time).
 */
function reportCpu(sim: Simulation, board: string, io: Io): void {
  const cpu = sim.harness.cpu;
  const total = sim.now * 1000;
  if (total <= 0) return;
  const pct = (us: number) => `${((us / total) * 100).toFixed(2)}%`;
  io.out(`CPU busy ${pct(cpu.busyUs)} of ${formatTime(sim.now)} (${runTime(cpu.busyUs)} running code on ${board}'s ${cpu.cpu.mhz} MHz ${cpu.cpu.core}; a simulator estimate, docs/simulator.md):`);
  const rows = cpu.byTask().filter((t) => t.us > 0);
  const label = (t: { name: string; tasks: number }) => (t.tasks > 1 ? `${t.name} ×${t.tasks}` : t.name);
  const width = Math.max(...rows.map((t) => label(t).length), 4);
  for (const t of rows) io.out(`  ${label(t).padEnd(width)}  ${pct(t.us).padStart(7)}  ${runTime(t.us)} run time`);
  if (cpu.busyUs > total && !sim.harness.options.cpuTime) {
    io.out(`note: over 100%: the board could not keep up with this firmware; with --cpu-time code takes board time and the run shows how late it falls behind`);
  }
}

/** A run time, in ms below a second. */
function runTime(us: number): string {
  return us < 1e6 ? `${(us / 1000).toFixed(1)} ms` : `${(us / 1e6).toFixed(3)} s`;
}

/**
 * The memory the firmware holds at the end, estimated both ways `coop flash`
 * can put it on the board, and its peak. A firmware the simulator stopped
 * with "Out of Memory" (the estimate passed the board's JsVars while it ran)
 * is reported with the instant; one that holds more than the board has at
 * the end likewise. False in both cases.
 */
function reportMemory(h: Simulation['harness'], board: string, io: Io): boolean {
  const flash = h.memory.estimate(false);
  const ram = h.memory.estimate(true);
  if (h.memory.peak > 0) io.out(`memory at its peak: about ${h.memory.peak} JsVars with the code saved to flash, at ${(h.memory.peakAt / 1000).toFixed(3)} s`);
  io.out(`memory at the end: about ${flash.usage} of ${board}'s ${flash.total} JsVars with the code saved to flash ` +
    `(coop flash's default), ${ram.usage} with it uploaded to RAM (--save ram); a simulator estimate`);
  const oom = h.notes.find((n) => n.text.startsWith('Out of Memory'));
  if (oom) {
    io.err(`coop sim: the firmware ran out of memory at ${(oom.t / 1000).toFixed(3)} s (${oom.text.slice('Out of Memory: '.length)}): ` +
      'on the board it stops there with "Out of Memory". Use fewer tasks or smaller buffers, or a board with more memory');
    return false;
  }
  if (flash.usage > flash.total) {
    io.err(`coop sim: the firmware holds about ${flash.usage} JsVars at the end, more than the ${flash.total} ${board} has: ` +
      'on the board it would stop with "Out of Memory". Use fewer tasks or smaller buffers, or a board with more memory');
    return false;
  }
  if (ram.usage > ram.total) {
    io.out(`note: with its code uploaded to RAM (--save ram) it would need about ${ram.usage} of ${ram.total} JsVars and run out of memory; the default (--save storage) fits`);
  }
  return true;
}

async function loadOrFail<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}
