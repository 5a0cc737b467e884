/**
 * What a finished run leaves behind for people: `--report out.html` (one
 * self-contained page: the live page's code with the run's data inlined,
 * the parts' drawings too, and nothing fetched) and `--svg out.svg` (the
 * waveform alone, for a README).
 *
 * RunTracker collects what the harness does not keep: the scenario's steps
 * with their times and outcome, and the memory estimate over time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ScenarioResult, ScenarioStep, Simulation } from '../../sim/index.js';
import { tasksOf } from '../../sim/task-list.js';
import { pageHtml } from './page-assets.js';
import { recordOf, type RunRecord, type StepRecord } from './run-record.js';
import { waveformSvg } from './waveform.js';

/**
 * Memory estimates a scenario's run takes, at most (about; evenly over its
 * steps). One estimate walks every object the firmware holds: 40-140 ms for
 * the examples on a loaded 2-core machine (button-led 142 ms, many-tasks
 * 41 ms, measured with /tmp scripts at load 10), so one per step would make
 * a 30-step report take seconds longer.
 */
const MEMORY_SAMPLES = 20;

export class RunTracker {
  readonly steps: StepRecord[] = [];
  private readonly every: number;
  readonly memory: { t: number; usage: number }[] = [];
  private result: ScenarioResult | undefined;

  constructor(readonly sim: Simulation, scenarioSteps: ScenarioStep[] = [], readonly scenario?: string) {
    this.steps = scenarioSteps.map((s) => ({ n: s.number, source: s.source, status: 'todo' }));
    this.every = Math.max(1, Math.ceil(scenarioSteps.length / MEMORY_SAMPLES));
    this.sample();
  }

  /** Before step `s` runs at `t` ms (runScenario's onStep): the step before it passed. */
  onStep(s: ScenarioStep, t: number): void {
    for (const r of this.steps) if (r.status === 'run') Object.assign(r, { status: 'pass', t1: t });
    Object.assign(this.steps[s.number - 1], { status: 'run', t0: t });
    if ((s.number - 1) % this.every === 0) this.sample();
  }

  /** The scenario ended: the running step passed or failed. */
  finish(result: ScenarioResult): void {
    this.result = result;
    for (const r of this.steps) {
      if (r.status !== 'run') continue;
      r.t1 = this.sim.now;
      r.status = result.ok ? 'pass' : 'fail';
      if (!result.ok) r.why = result.message;
    }
    this.sample();
  }

  /** Take a memory estimate now (once per virtual instant). */
  sample(): void {
    const last = this.memory[this.memory.length - 1];
    if (last && last.t === this.sim.now) return;
    try {
      this.memory.push({ t: this.sim.now, usage: this.sim.memory().usage });
    } catch {
      // an estimate that cannot be made leaves a gap
    }
  }

  /** The whole run as a RunRecord; `ended` says how it ended. */
  record(title: string, ended: string): RunRecord {
    this.sample();
    const r = recordOf(this.sim, title).record;
    r.memory = this.memory;
    r.steps = this.steps;
    r.scenario = this.scenario;
    r.ended = this.result ? `${ended}: ${this.result.message}` : ended;
    return r;
  }
}

/** Write `--report`: one HTML file with everything inline. */
export function writeReport(path: string, record: RunRecord, sim?: Simulation): void {
  let tasks = null;
  try {
    tasks = sim ? tasksOf(sim.harness) : null;
  } catch {
    tasks = null;
  }
  const data = { record, tasks, generated: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') };
  write(path, pageHtml({ title: record.title, report: data }));
}

/** Write `--svg`: the whole run's waveform as a picture. */
export function writeSvg(path: string, record: RunRecord, width = 960): void {
  write(path, `<?xml version="1.0" encoding="UTF-8"?>\n${waveformSvg(record, { t0: 0, t1: Math.max(1, record.now), width, standalone: true })}\n`);
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
