/**
 * docs/getting-started.md takes a newcomer from a fresh clone to a running
 * simulated example with only the commands it shows. This test follows it:
 *
 *   <!-- newcomer -->                a ```sh block: its commands are run, in order, in the clone
 *   <!-- newcomer-file: my/x.ts -->  the next fenced block is written to that file in the clone
 *   <!-- newcomer-output -->         the next fenced block must appear in what the command block
 *                                    before it printed: its lines in order, adjacent except where a
 *                                    line is only "…"; a "…" inside a line matches anything
 *
 * in a fresh `git clone` of this repository's HEAD (so it checks what is committed, as a newcomer
 * would get it). The one liberty taken, to keep CI time sane: `npm install` is replaced by linking
 * this checkout's node_modules into the clone and running `npm run build:host` — which is what
 * `npm install`'s `prepare` script runs — instead of downloading the dependencies again.
 * Commands that need hardware (flashing) are not marked newcomer and are not run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { boards } from '../../boards/index.js';
import { projectFiles } from '../../cli/project-template.js';
import { commandHelp } from '../../cli/usage.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = join(ROOT, 'docs', 'getting-started.md');

type Step =
  | { kind: 'run'; commands: string[]; expect?: string[]; line: number }
  | { kind: 'file'; path: string; text: string; line: number };

/** The marked blocks of the doc, in order. */
function newcomerSteps(markdown: string): Step[] {
  const lines = markdown.split('\n');
  const steps: Step[] = [];
  /** The fenced block starting at or after line `from` (blank lines skipped). */
  const fenceAfter = (from: number, marker: string) => {
    let i = from;
    while (i < lines.length && lines[i].trim() === '') i++;
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) throw new Error(`docs/getting-started.md:${from}: ${marker} must be followed by a fenced block`);
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    return { lang: open[1], body };
  };
  lines.forEach((text, i) => {
    const marker = text.trim();
    const line = i + 1;
    if (marker === '<!-- newcomer -->') {
      const block = fenceAfter(i + 1, marker);
      if (block.lang !== 'sh') throw new Error(`docs/getting-started.md:${line}: a newcomer block is a \`\`\`sh block`);
      steps.push({ kind: 'run', commands: shellCommands(block.body), line });
    } else if (marker === '<!-- newcomer-output -->') {
      const last = steps[steps.length - 1];
      if (!last || last.kind !== 'run') throw new Error(`docs/getting-started.md:${line}: newcomer-output must follow a newcomer command block`);
      last.expect = fenceAfter(i + 1, marker).body;
    } else {
      const file = /^<!-- newcomer-file: (\S+) -->$/.exec(marker);
      if (file) steps.push({ kind: 'file', path: file[1], text: fenceAfter(i + 1, marker).body.join('\n') + '\n', line });
    }
  });
  return steps;
}

/** Commands of a sh block: comments and blank lines dropped, `\` continuations joined. */
function shellCommands(body: string[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of body) {
    const text = raw.trim();
    if (pending === '' && (text === '' || text.startsWith('#'))) continue;
    if (text.endsWith('\\')) {
      pending += text.slice(0, -1) + ' ';
      continue;
    }
    out.push(pending + text);
    pending = '';
  }
  return out;
}

/** Why `output` does not show `expected` (see the file comment), or undefined if it does. */
function outputMismatch(output: string, expected: string[]): string | undefined {
  const actual = output.split('\n').map((l) => l.replace(/\s+$/, ''));
  const pattern = (l: string) => new RegExp('^' + l.trim().split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  let at = 0;
  let free = true; // may skip lines before the next expected one
  for (const want of expected) {
    if (want.trim() === '…') {
      free = true;
      continue;
    }
    const re = pattern(want);
    let found = -1;
    for (let i = at; i < actual.length && (free || i === at); i++) {
      if (re.test(actual[i].trim())) {
        found = i;
        break;
      }
    }
    if (found < 0) return `expected ${free ? 'a line' : 'the next line to be'} ${JSON.stringify(want)}${at > 0 ? ` after ${JSON.stringify(actual[at - 1])}` : ''}`;
    at = found + 1;
    free = false;
  }
  return undefined;
}

/** HEAD of this checkout, or why there is none to clone. */
function cloneable(): string | undefined {
  const r = spawnSync('git', ['-C', ROOT, 'rev-parse', '--verify', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `not a git checkout with a commit (${(r.stderr || r.error?.message || '').trim()})`;
}

/** The environment commands run in: this one, minus the test runner's, never installing from a registry. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|NODE_OPTIONS$|TEST$)/.test(k)) env[k] = v;
  // `npx coop` must find the clone's own `coop`; never fetch a package of that name instead.
  env.npm_config_yes = 'false';
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  return env;
}

const steps = newcomerSteps(readFileSync(DOC, 'utf8'));

describe('docs/getting-started.md', () => {
  it('marks a newcomer path that installs, simulates an example, and checks what it printed', () => {
    const commands = steps.flatMap((s) => (s.kind === 'run' ? s.commands : []));
    expect(commands).toContain('npm install');
    expect(commands.some((c) => c.startsWith('npx coop sim examples/'))).toBe(true);
    expect(steps.filter((s) => s.kind === 'run' && s.expect).length).toBeGreaterThanOrEqual(3);
    // Nothing on the newcomer path needs a board.
    expect(commands.filter((c) => /coop (flash|repl|ports)|sudo/.test(c))).toEqual([]);
  });

  it('shows only real commands: coop commands that exist, npm scripts that exist, files that are there', () => {
    const doc = readFileSync(DOC, 'utf8');
    // npm scripts of this repository, and of the project `coop init` writes (section 1).
    const project = projectFiles({ name: 'my-sensor', board: boards.puckjs, coopSpec: '^0.0.0', typescript: '*', vitest: '*', typings: '' });
    const scripts = [
      ...Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts),
      ...Object.keys(JSON.parse(project['package.json']).scripts),
    ];
    const made = new Set(steps.flatMap((s) => (s.kind === 'file' ? [s.path] : [])));
    for (const [, script] of doc.matchAll(/npm run ([\w:-]+)/g)) expect(scripts, `npm run ${script}`).toContain(script);
    for (const [command, sub, rest] of doc.matchAll(/npx coop (\w+)([^`\n]*)/g)) {
      expect(Object.keys(commandHelp), command).toContain(sub);
      // Files a command reads must exist; one it writes (`-o file`) need not.
      for (const file of rest.replace(/(?:^|\s)-o\s+\S+/g, ' ').match(/[\w./-]+\.(?:ts|ya?ml|json)\b/g) ?? []) {
        expect(existsSync(join(ROOT, file)) || made.has(file), `${command}: ${file} does not exist`).toBe(true);
      }
    }
  });

  it.skipIf(cloneable() !== undefined)('a newcomer following it from a fresh clone gets a running simulated example', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coop-newcomer-'));
    const clone = join(dir, 'coop');
    const env = childEnv();
    const sh = (command: string) => {
      const r = spawnSync('/bin/sh', ['-c', command], { cwd: clone, env, encoding: 'utf8', timeout: 240_000 });
      return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}` };
    };
    try {
      const git = spawnSync('git', ['clone', '--quiet', ROOT, clone], { encoding: 'utf8' });
      expect(git.status, git.stderr).toBe(0);
      for (const step of steps) {
        if (step.kind === 'file') {
          mkdirSync(dirname(join(clone, step.path)), { recursive: true });
          writeFileSync(join(clone, step.path), step.text);
          continue;
        }
        let output = '';
        for (const command of step.commands) {
          let r;
          if (command === 'npm install') {
            // Instead of downloading the dependencies again (see the file comment).
            symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
            r = sh('npm run build:host');
          } else {
            r = sh(command);
          }
          expect(r.status, `docs/getting-started.md:${step.line}: \`${command}\` failed:\n${r.output}`).toBe(0);
          output += r.output;
        }
        if (step.expect) {
          const why = outputMismatch(output, step.expect);
          expect(why, `docs/getting-started.md:${step.line}: the output of \`${step.commands.join('; ')}\` is not what the doc shows: ${why}\n--- it printed:\n${output}`).toBeUndefined();
        }
      }
    } finally {
      if (existsSync(join(clone, 'node_modules'))) unlinkSync(join(clone, 'node_modules')); // the link, never what it points to
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});

describe('the output matcher', () => {
  it('matches lines in order, with … for skipped lines and for any text inside a line', () => {
    const out = 'npm header\nsimulating x\n[0.0s] a\n[0.5s] b\n[1.0s] c\nended in 0.02s, 3 changes\n';
    expect(outputMismatch(out, ['simulating x', '[0.0s] a', '…', '[1.0s] c', 'ended in …, 3 changes'])).toBeUndefined();
    expect(outputMismatch(out, ['simulating x', '[1.0s] c'])).toBe('expected the next line to be "[1.0s] c" after "simulating x"');
    expect(outputMismatch(out, ['[1.0s] c', '[0.5s] b'])).toMatch(/^expected the next line to be "\[0.5s\] b"/);
    expect(outputMismatch(out, ['ended in …, 4 changes'])).toBe('expected a line "ended in …, 4 changes"');
  });
});
