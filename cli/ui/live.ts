/**
 * `coop sim --ui`: the simulation behind the page, until the user stops it
 * (Ctrl-C, or the process is sent SIGTERM). Then, if asked, the recording
 * is saved (--record) and the report written (--report).
 */
import { spawn } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Scenario, Simulation } from '../../sim/index.js';
import type { Io } from '../io.js';
import { writeReport, writeSvg } from './report.js';
import { startUiServer } from './server.js';
import { UiSession } from './session.js';

export interface UiOptions {
  sim: Simulation;
  title: string;
  scenario?: Scenario;
  /** The diagram file the run uses (written into a recording, relative to it). */
  diagramPath?: string;
  until?: number;
  port?: number;
  open?: boolean;
  record?: string;
  report?: string;
  svg?: string;
  /** Resolves when the page should stop (tests); default: SIGINT or SIGTERM. */
  stop?: Promise<void>;
}

/** Serve the page until stopped; returns the exit code. */
export async function runUi(options: UiOptions, io: Io): Promise<number> {
  const { sim } = options;
  const session = new UiSession({ sim, title: options.title, scenario: options.scenario, until: options.until });
  const save = () => {
    const target = options.record ? resolve(options.record) : undefined;
    const diagram = options.diagramPath ? relative(target ? dirname(target) : process.cwd(), resolve(options.diagramPath)) : undefined;
    const yaml = session.recorder.toYaml({
      name: `recorded with coop sim --ui: ${options.title}`,
      board: sim.harness.board.id,
      diagram,
      endUs: sim.harness.clock.us,
      comment: `Recorded in the browser at ${new Date().toISOString()}; replays the same run:\n  coop sim ${options.title.split(' on ')[0]} --scenario ${target ? relative(process.cwd(), target) : 'this-file.yaml'}`,
    });
    const steps = session.recorder.inputs.length;
    if (target) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, yaml);
      io.out(`recording saved: ${steps} input${steps === 1 ? '' : 's'} to ${relative(process.cwd(), target) || target}`);
    }
    return { path: target ? relative(process.cwd(), target) || target : undefined, yaml, steps };
  };
  const { url, close } = await startUiServer({ session, title: options.title, port: options.port, save });
  session.start();
  io.out(`coop sim --ui: open ${url} in a browser (Ctrl-C stops the simulation)`);
  if (options.open) openBrowser(url, io);

  await (options.stop ?? new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }));
  session.close();
  await close();
  if (options.record) save();
  const ended = `stopped at ${(sim.now / 1000).toFixed(3)}s of virtual time`;
  if (options.report) {
    writeReport(options.report, { ...session.record(), ended: session.record().ended ?? ended }, sim);
    io.out(`report written to ${options.report}`);
  }
  if (options.svg) writeSvg(options.svg, session.record());
  io.out(`coop sim --ui: ${ended}`);
  return sim.harness.errors.length > 0 ? 1 : 0;
}

/** The system's way to open a URL; if there is none, say so (the URL is printed anyway). */
function openBrowser(url: string, io: Io): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => io.err(`coop sim --ui: could not open a browser (${cmd} is missing); open ${url} yourself`));
  child.unref();
}
