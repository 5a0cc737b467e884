/**
 * A Coop project: a folder with a `coop.json` that says what `coop build`,
 * `coop sim`, `coop flash` and `coop test` work on, so inside it they need no
 * file and no flags:
 *
 *     {
 *       "entry": "src/main.ts",
 *       "board": "esp32",
 *       "diagram": "diagram.json",
 *       "scenarios": ["scenarios/*.yaml"]
 *     }
 *
 * Paths are relative to the folder holding coop.json. Only `entry` is required.
 * `coop init` writes one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { boards, findBoard } from '../boards/index.js';
import { CliError } from './cli-error.js';

export const PROJECT_FILE = 'coop.json';

/** A coop.json, validated, with its paths made absolute. */
export interface Project {
  /** The coop.json file (absolute path). */
  file: string;
  /** The folder holding it: the project's root. */
  dir: string;
  /** The firmware's main file (absolute). */
  entry: string;
  /** The board's id ('esp32'), if coop.json names one. */
  board?: string;
  /** The diagram of the parts wired to the board (absolute), if coop.json names one. */
  diagram?: string;
  /** Scenario files or patterns (`*`, `**`, `?`), absolute; `coop test` runs the files they match. */
  scenarios: string[];
}

/** The fields coop.json may have, with what each is for (used in error messages). */
const FIELDS: Record<string, string> = {
  entry: 'the firmware\'s main file, e.g. "src/main.ts"',
  board: `the board's id, one of ${Object.keys(boards).join(', ')}`,
  diagram: 'the diagram of parts wired to the board, e.g. "diagram.json"',
  scenarios: 'a list of scenario files or patterns, e.g. ["scenarios/*.yaml"]',
};

/**
 * The project `dir` is in: the nearest coop.json in `dir` or a folder above
 * it, parsed and checked, or undefined when there is none. A coop.json that
 * is not valid is a CliError naming the file, the field and the fix.
 */
export function findProject(dir: string = process.cwd()): Project | undefined {
  let at = resolve(dir);
  for (;;) {
    const file = join(at, PROJECT_FILE);
    if (existsSync(file) && statSync(file).isFile()) return loadProject(file);
    const up = dirname(at);
    if (up === at) return undefined;
    at = up;
  }
}

/** Read and check one coop.json. */
export function loadProject(file: string): Project {
  file = resolve(file);
  const dir = dirname(file);
  const where = displayPath(file, dir);
  const bad = (field: string, problem: string, fix = `it should be ${FIELDS[field]}`) => new CliError(`${where}: "${field}" ${problem}; ${fix}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${where} is not valid JSON (${(e as Error).message}); it should look like ` +
      '{ "entry": "src/main.ts", "board": "esp32", "diagram": "diagram.json", "scenarios": ["scenarios/*.yaml"] }');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CliError(`${where} must hold a JSON object such as { "entry": "src/main.ts", "board": "esp32" }`);
  }
  const json = data as Record<string, unknown>;
  for (const key of Object.keys(json)) {
    if (!(key in FIELDS) && key !== '//' && key !== '$schema') {
      throw new CliError(`${where}: unknown field "${key}"; coop.json has ${Object.keys(FIELDS).map((f) => `"${f}"`).join(', ')} (and "//" for a comment)`);
    }
  }
  const text = (field: string): string | undefined => {
    const v = json[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw bad(field, `must be a non-empty string, not ${JSON.stringify(v)}`);
    return v;
  };

  const entryText = text('entry');
  if (entryText === undefined) throw bad('entry', 'is missing');
  if (!/\.(ts|tsx|mts)$/.test(entryText)) throw bad('entry', `must name a TypeScript file (.ts), not "${entryText}"`);
  const entry = resolve(dir, entryText);
  if (!existsSync(entry)) throw bad('entry', `names ${entryText}, which does not exist in ${displayPath(dir, dir)}`, 'fix the path (it is relative to coop.json)');

  let board = text('board');
  if (board !== undefined) {
    try {
      board = findBoard(board).id;
    } catch {
      throw bad('board', `is "${board}", which is not a board Coop knows`, `use one of ${Object.keys(boards).join(', ')} (coop boards lists them)`);
    }
  }

  const diagramText = text('diagram');
  const diagram = diagramText === undefined ? undefined : resolve(dir, diagramText);
  if (diagram !== undefined && !existsSync(diagram)) {
    throw bad('diagram', `names ${diagramText}, which does not exist in ${displayPath(dir, dir)}`, 'fix the path (it is relative to coop.json) or remove the field');
  }

  let scenarios: string[] = [];
  const s = json.scenarios;
  if (s !== undefined) {
    const list = typeof s === 'string' ? [s] : s;
    if (!Array.isArray(list) || list.some((p) => typeof p !== 'string' || p.trim() === '')) {
      throw bad('scenarios', `must be a list of file names or patterns, not ${JSON.stringify(s)}`);
    }
    scenarios = (list as string[]).map((p) => resolve(dir, p));
  }
  return { file, dir, entry, board, diagram, scenarios };
}

/**
 * The scenario files of a project, in order: each pattern's matches sorted,
 * duplicates dropped. A plain file name that does not exist is an error;
 * a pattern matching nothing is not.
 */
export function projectScenarios(project: Project): string[] {
  const found: string[] = [];
  for (const pattern of project.scenarios) {
    if (!/[*?]/.test(pattern)) {
      if (!existsSync(pattern)) {
        throw new CliError(`${displayPath(project.file, project.dir)}: "scenarios" names ${displayPath(pattern, project.dir)}, which does not exist; fix the path (it is relative to coop.json)`);
      }
      found.push(pattern);
      continue;
    }
    found.push(...globFiles(pattern));
  }
  return [...new Set(found)];
}

/** Files matching an absolute pattern with `*` (within a folder), `**` (any folders) and `?`. */
export function globFiles(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const firstWild = parts.findIndex((p) => /[*?]/.test(p));
  if (firstWild < 0) return existsSync(pattern) ? [pattern] : [];
  const base = parts.slice(0, firstWild).join(sep) || sep;
  const rest = parts.slice(firstWild).join('/');
  const re = globRegExp(rest);
  const out: string[] = [];
  const walk = (folder: string) => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name === 'node_modules' || name === '.git') continue;
      const path = join(folder, name);
      const rel = relative(base, path).split(sep).join('/');
      let isDir = false;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        continue;
      }
      if (isDir) walk(path);
      else if (re.test(rel)) out.push(path);
    }
  };
  walk(base);
  return out;
}

function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of folders, including none.
      if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * A path as the user would type it from where they are: relative to the working folder when inside
 * it, or when the working folder is inside `within` (a project's folder: `../out/main.js` from src/).
 */
export function displayPath(path: string, within?: string, cwd = process.cwd()): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  if (isAbsolute(rel)) return path;
  if (!rel.startsWith('..')) return rel;
  const up = within === undefined ? undefined : relative(within, cwd);
  return up !== undefined && !up.startsWith('..') && !isAbsolute(up) ? rel : path;
}
