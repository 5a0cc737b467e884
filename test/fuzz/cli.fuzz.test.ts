// coop through main() (issue 17): parseArgs alone is fuzzed in parsers.fuzz.test.ts, but a
// command does more with what it parsed (files, boards, ports, durations, seeds, its own
// checks), and an error there that is not Coop's own escapes main() as a stack trace. Here
// random argv and mutations of real command lines (a word deleted, inserted, replaced, swapped
// or duplicated) run through main() in this process (test/cli/support/run-cli.ts), each in one
// of two scratch folders with a tiny firmware, diagram and scenario: a project (a coop.json
// naming them, so build, sim, test and flash need no file) and a plain folder (no coop.json).
// The REPL gets an input that has ended. Every run must end in under
// RUN_LIMIT_MS with exit code 0, 1 or 2, nothing thrown out of main(), and no stack trace or
// TypeError/RangeError/… on stderr. (The time limit catches a command that waits forever; an
// endless synchronous loop would stall this file, vitest's own timeout included: none was seen,
// and the firmware here prints and ends, so a long --until costs nothing.)
//
// Kept out, so runs stay safe and fast (each is said where it is done):
//   - a --port other than tcp://127.0.0.1:1 (nothing listens there) for flash and repl: no serial
//     device, Bluetooth scan or DNS lookup is tried;
//   - sim --ui and --realtime (a page served until Ctrl-C; wall-clock speed);
//   - '/', '\' and '..' in a word are replaced, so nothing is written outside the scratch folder;
//     what a run writes there (init's project, -o, --vcd, --report) is removed after it.
//
// FUZZ_CLI_RUNS=<n> sets the runs per property (default 100: ~10 s on an idle 2-core machine, ~20 s loaded); most end before building.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boards } from '../../boards/index.js';
import { parseArgs } from '../../cli/args.js';
import { parsePort } from '../../cli/espruino/port-spec.js';
import { commandHelp } from '../../cli/usage.js';
import { runCli, type CliRun } from '../cli/support/run-cli.js';

const runs = Number(process.env.FUZZ_CLI_RUNS ?? 100);
/** Host time one run may take (a build of the tiny firmware plus a short simulation take ~1-3 s on a loaded machine). */
const RUN_LIMIT_MS = 30_000;
/** Where flash and repl connect: a local port nothing listens on (connection refused at once). */
const PORT = 'tcp://127.0.0.1:1';

/** The scratch folder's files: a firmware that prints and ends, one that does not compile, a diagram and a scenario. */
const fixtures: Record<string, string> = {
  'app.ts': "console.log('hi');\n",
  'bad.ts': 'const x: number = ;\n',
  'd.json': JSON.stringify({ board: 'linux', parts: [{ id: 'led', type: 'led', pin: 'D5' }] }),
  's.yaml': 'steps:\n  - wait-console: { text: hi, timeout: 1s }\n',
};
/** The project folder's coop.json. */
const coopJson = JSON.stringify({ entry: 'app.ts', board: 'linux', diagram: 'd.json', scenarios: ['s.yaml'] });

const commands = Object.keys(commandHelp);
const words = new Set<string>([PORT, ...Object.keys(fixtures)]);
/** Each command's options as typed: --name, -alias, --name=value. */
const optionWords = commands.flatMap((c) => {
  const a = commandHelp[c].args;
  return [...(a.flags ?? []), ...(a.valued ?? [])].map((o) => `--${o}`).concat(Object.keys(a.aliases ?? {}).map((k) => `-${k}`));
});
const values = ['app.ts', 'bad.ts', 'missing.ts', 'd.json', 's.yaml', 'out.js', '-', '', ' ', '.', '--', '-x', '--=',
  ...Object.keys(boards), 'nope', 'LINUX', '1s', '0', '-1', '1e309', 'NaN', '0x10', '24h', '1.5', '10ms', 'abc', 'ram', 'storage', 'flash', PORT,
  '9'.repeat(400), '400d', '30d', '2147483648ms',
  'tcp://127.0.0.1:0', 'tcp://127.0.0.1:99999', 'tcp://', 'udp://x', 'aa:bb:cc:dd:ee:ff', '/dev/ttyACM0', 'COM3', 'help', '--help', '-h', 'proj'];
for (const v of values) words.add(v);

/** `command`'s options as typed: --name, -alias. */
const optionsOf = (command: string) => {
  const a = commandHelp[command]?.args ?? {};
  return [...(a.flags ?? []), ...(a.valued ?? [])].map((o) => `--${o}`).concat(Object.keys(a.aliases ?? {}).map((k) => `-${k}`));
};

/** A word on `command`'s line: mostly its own options and plausible values, some with an inline value, other commands' options, random text. */
const wordFor = (command: string): fc.Arbitrary<string> => {
  const own = optionsOf(command);
  return fc.oneof(
    { weight: own.length ? 4 : 0, arbitrary: fc.constantFrom(...(own.length ? own : ['--x'])) },
    { weight: 1, arbitrary: fc.constantFrom(...optionWords) },
    { weight: 5, arbitrary: fc.constantFrom(...values) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...(own.length ? own : optionWords)), fc.constantFrom(...values)).map(([o, v]) => `${o}=${v}`) },
    { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  );
};
const commandWord = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...commands) }, { weight: 1, arbitrary: fc.constantFrom('help', '--version', '-V', '--help', '-h', '', 'Build') }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });

/** Command lines that work (or fail only at the board), the seeds of the mutations. */
const seeds: string[][] = [
  ['build', 'app.ts', '--board', 'linux', '-o', 'out.js'],
  ['build', 'bad.ts', '--no-minify'],
  ['sim', 'app.ts', '--board', 'linux', '--until', '1s', '--quiet'],
  ['sim', 'app.ts', '--scenario', 's.yaml', '--diagram', 'd.json', '--seed', '3'],
  ['sim', 'app.ts', '--diagram', 'd.json', '--until', '100ms', '--timeline', '--vcd', 'out.vcd'],
  ['test', 's.yaml', '--no-vitest', '--seed', '2'],
  ['flash', 'app.ts', '--port', PORT, '--board', 'linux', '--save', 'ram', '--timeout', '1s'],
  ['flash', '-p', PORT, '--password', 'secret', '--no-lock', '--verbose'],
  ['repl', '--port', PORT, '--timeout', '1s'],
  ['init', 'proj', '--board', 'pico'],
  ['typings', '--board', 'esp32', '-o', '-'],
  ['boards'],
  ['ports', '--verbose'],
  ['help', 'sim'],
  ['--version'],
];

/** A mutation of a command line. */
const enum Op { Delete, Insert, Replace, Swap, Duplicate }
const mutationFor = (command: string) => fc.record({ op: fc.constantFrom(Op.Delete, Op.Insert, Op.Replace, Op.Replace, Op.Swap, Op.Duplicate), at: fc.nat(), other: fc.nat(), word: wordFor(command) });

/** Apply mutations to a copy of `argv` after its command word (random argv try other command words). */
function mutate(argv: string[], ms: { op: Op; at: number; other: number; word: string }[]): string[] {
  const out = argv.slice(1);
  for (const m of ms) {
    const i = m.at % (out.length + 1);
    const j = m.other % Math.max(out.length, 1);
    if (m.op === Op.Insert) out.splice(i, 0, m.word);
    else if (out.length === 0) continue;
    else if (m.op === Op.Delete) out.splice(i % out.length, 1);
    else if (m.op === Op.Replace) out[i % out.length] = m.word;
    else if (m.op === Op.Swap) [out[i % out.length], out[j]] = [out[j], out[i % out.length]];
    else out.splice(i % out.length, 0, out[i % out.length]);
  }
  return [argv[0], ...out];
}

/** The argv made safe to run (see the header), or undefined to skip it: a port that is not PORT. */
function safe(argv: string[]): string[] | undefined {
  const out = argv
    .map((w) => (words.has(w) ? w : w.replace(/[/\\]/g, '_').replace(/\.\./g, '_')))
    .filter((w, i) => !(argv[0] === 'sim' && i > 0 && /^--?(ui|realtime)(=|$)/.test(w)));
  const [name, ...rest] = out;
  if (name === 'flash' || name === 'repl') {
    let port: string | true | undefined;
    try {
      port = parseArgs(rest, commandHelp[name].args).options.port;
    } catch {
      return out; // a usage error before any connection
    }
    if (typeof port === 'string') {
      try {
        if (parsePort(port).text !== PORT) return undefined;
      } catch {
        return out; // a bad --port: a usage error
      }
    }
  }
  return out;
}

/** A stack frame line: "    at parseStep (sim/scenario.ts:120:5)". */
const stackLine = /^\s+at .*:\d+:\d+\)?$/m;
/** JavaScript's own errors, which Coop's messages never name (the tiny firmware throws none). */
const jsError = /\b(TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError)\b/;

let root: string;
beforeAll(() => {
  delete process.env.COOP_PASSWORD;
  root = mkdtempSync(join(tmpdir(), 'coop-fuzz-cli-'));
  for (const folder of ['project', 'plain']) {
    mkdirSync(join(root, folder));
    for (const [f, text] of Object.entries(fixtures)) writeFileSync(join(root, folder, f), text);
  }
  writeFileSync(join(root, 'project', 'coop.json'), coopJson);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Run `coop <argv>` in a scratch folder with a time limit, then remove what it wrote there. */
async function run(folder: 'project' | 'plain', argv: string[]): Promise<CliRun> {
  const dir = join(root, folder);
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`coop ${argv.join(' ')}: still running after ${RUN_LIMIT_MS} ms`)), RUN_LIMIT_MS);
  });
  const was = process.cwd();
  process.chdir(dir);
  try {
    return await Promise.race([runCli(argv, { input: Readable.from([]) }), limit]);
  } finally {
    clearTimeout(timer);
    process.chdir(was);
    // What the run wrote (coop init in the plain folder writes a coop.json too): the next run starts as this one did.
    for (const f of readdirSync(dir)) if (!(f in fixtures) && !(f === 'coop.json' && folder === 'project')) rmSync(join(dir, f), { recursive: true, force: true });
  }
}

/** Run every argv; each must end in time with 0, 1 or 2 and no stack trace; count them and their exit codes. */
async function fuzz(name: string, input: fc.Arbitrary<string[]>): Promise<void> {
  const codes = [0, 0, 0];
  let skipped = 0;
  await fc.assert(fc.asyncProperty(fc.constantFrom('project' as const, 'plain' as const), input, async (folder, raw) => {
    const argv = safe(raw);
    if (!argv) {
      skipped++;
      fc.pre(false);
      return;
    }
    const r = await run(folder, argv);
    const shown = `coop ${JSON.stringify(argv)} (in the ${folder} folder) exited ${r.code}:\n${r.text}`;
    expect([0, 1, 2], shown).toContain(r.code);
    // --verbose forwards EspruinoTools' own log ("  espruino: …"), which holds its stack traces (a missing optional module).
    const coopErr = r.err.filter((e) => !e.startsWith('  espruino: ')).join('\n');
    expect(coopErr, shown).not.toMatch(stackLine);
    expect(coopErr, shown).not.toMatch(jsError);
    codes[r.code]++;

  }), { numRuns: runs });
  console.log(`fuzz ${name}: ${codes[0] + codes[1] + codes[2]} runs of coop (exit 0: ${codes[0]}, 1: ${codes[1]}, 2: ${codes[2]}; ${skipped} skipped for a port that is not ${PORT})`);
  expect(codes[0] + codes[1] + codes[2]).toBe(runs);
}

describe('coop through main(): every run exits 0, 1 or 2 with Coop\'s own message', { timeout: 60_000 + runs * 1000 }, () => {
  it('random command lines', async () => {
    await fuzz('random argv', commandWord.chain((c) => fc.array(wordFor(c), { maxLength: 6 }).map((rest) => [c, ...rest])));
  });

  it('real command lines with words deleted, inserted, replaced, swapped or duplicated', async () => {
    await fuzz('mutated argv', fc.constantFrom(...seeds).chain((s) => fc.array(mutationFor(s[0]), { minLength: 1, maxLength: 2 }).map((ms) => mutate(s, ms))));
  });
});

describe('what the fuzzing found, fixed', () => {
  it('an empty option value is a usage error, not a file named ""', async () => {
    const r = await run('project', ['sim', '--report=']);
    expect([r.code, r.err]).toEqual([2, ['coop sim: --report is empty; give it a value']]);
  });

  it('a flag given a value is a usage error, not the flag turned on', async () => {
    const r = await run('plain', ['build', 'app.ts', '--minify=false']);
    expect([r.code, r.err]).toEqual([2, ['coop build: --minify takes no value; write --minify alone']]);
  });

  it('a file that cannot be written is the command\'s error naming it, not a stack trace', async () => {
    const r = await run('plain', ['sim', 'app.ts', '--board', 'linux', '--until', '10ms', '--quiet', '--vcd', 'd.json/out.vcd']);
    expect([r.code, r.err]).toEqual([1, ['coop sim: cannot make the folder "d.json": a file of that name is in the way (EEXIST)']]);
    const o = await run('plain', ['build', 'app.ts', '-o', '.']);
    expect([o.code, o.err]).toEqual([1, ['coop build: cannot open ".": it is a folder, not a file (EISDIR)']]);
  });

  it('a duration past what can run is a usage error, not a run that never ends', async () => {
    const nines = '9'.repeat(400); // Number() makes it Infinity
    const r = await run('project', ['sim', '--until', nines]);
    expect([r.code, r.err]).toEqual([2, ['coop sim: --until: "99999999999999999999…" is longer than a year (366d): a typo?']]);
    const t = await run('plain', ['repl', '--port', PORT, '--timeout', '30d']);
    expect([t.code, t.err]).toEqual([2, ['coop repl: --timeout: "30d" is longer than 24 days (the longest a timer waits)']]);
  });

  it('a scenario that is a folder says so', async () => {
    mkdirSync(join(root, 'project', 'steps.yaml'));
    const r = await run('project', ['test', 'steps.yaml', '--no-vitest']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toBe(`FAIL steps.yaml: scenario ${join(root, 'project', 'steps.yaml')}: a folder, not a file`);
  });
});
