/**
 * What a command works on: the firmware file, the project it belongs to, the
 * diagram and the board. One place decides them, so `coop build`, `coop sim`,
 * `coop test`, `coop flash` and `coop typings` agree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { findBoard } from '../boards/index.js';
import { UsageError } from './args.js';
import { CliError } from './cli-error.js';
import { displayPath, findProject, type Project } from './project.js';
import { checkSourceFile } from './source-file.js';

/**
 * The firmware file a command was given, else the entry of the project the
 * working folder is in; and that project (the one holding the file, found
 * from the file's folder up). No file and no project is a UsageError that
 * shows `usage` and mentions coop init.
 */
export function firmwareEntry(named: string | undefined, usage: string): { entry: string; project?: Project } {
  if (named !== undefined) {
    checkSourceFile(named);
    return { entry: named, project: findProject(dirname(resolve(named))) };
  }
  const project = findProject(process.cwd());
  if (!project) {
    throw new UsageError(`which file? usage: ${usage} (no file is needed inside a project: its coop.json names it; coop init makes one)`);
  }
  return { entry: checkSourceFile(displayPath(project.entry, project.dir)), project };
}

/**
 * The diagram for `entry` when no --diagram is given: the scenario's, else
 * `<file>.diagram.json` next to the file, else the project's.
 */
export function defaultDiagram(entry: string, project: Project | undefined, scenarioDiagram?: string): string | undefined {
  if (scenarioDiagram !== undefined) return displayPath(scenarioDiagram, project?.dir);
  const beside = entry.replace(/\.[mc]?tsx?$/, '.diagram.json');
  if (existsSync(beside)) return beside;
  return project?.diagram !== undefined ? displayPath(project.diagram, project.dir) : undefined;
}

/** Where a board can be named, and what named it. */
export interface BoardSources {
  /** --board */
  flag?: string;
  project?: Project;
  /** A scenario's "board". */
  scenario?: { board?: string };
  /** A diagram's "board". */
  diagram?: { board?: string };
}

/**
 * The board, from the first place that names one: --board, then coop.json's
 * "board", then the scenario's, then the diagram's. Undefined when none does
 * (`coop build` and `coop sim` then use Puck.js; `coop flash`, the board that
 * answers).
 *
 * With `strict` (coop sim, coop test: the diagram and the scenario wire parts
 * to one board's pins) a scenario or diagram for another board than the one
 * chosen is an error naming both. Without it (coop build, coop flash) a flag
 * or coop.json simply wins: the diagram only says how the simulated board is wired.
 */
export function chooseBoard(sources: BoardSources, strict: boolean): string | undefined {
  const named: [string, string][] = [];
  if (sources.flag !== undefined) named.push(['--board', sources.flag]);
  if (sources.project?.board !== undefined) named.push([displayPath(sources.project.file, sources.project.dir), sources.project.board]);
  if (sources.scenario?.board !== undefined) named.push(['the scenario', sources.scenario.board]);
  if (sources.diagram?.board !== undefined) named.push(['the diagram', sources.diagram.board]);
  const first = named[0];
  if (!first) return undefined;
  if (strict) {
    // Only the scenario and the diagram must agree with the choice: --board overrides coop.json.
    const wired = named.slice(1).filter(([who]) => who === 'the scenario' || who === 'the diagram');
    for (const [who, board] of wired) {
      if (boardKey(board) !== boardKey(first[1])) {
        throw new CliError(`${first[0]} says board ${first[1]} but ${who} says ${board}; use one board`);
      }
    }
  }
  return first[1];
}

/** The diagram's "board", read without loading the simulator (coop build needs only that). */
export function diagramBoard(path: string | undefined): string | undefined {
  if (path === undefined || !existsSync(path)) return undefined;
  try {
    const board = JSON.parse(readFileSync(path, 'utf8')).board;
    return typeof board === 'string' ? board : undefined;
  } catch {
    return undefined; // coop sim reports a broken diagram; for a build it only might have named the board
  }
}

function boardKey(name: string): string {
  try {
    return findBoard(name).id;
  } catch {
    return name.toLowerCase().replace(/[^a-z0-9]/g, '');
  }
}
