import { main } from '../../../cli/main.js';
import type { Io } from '../../../cli/io.js';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
  /** Progress reports (label, done, total) in order. */
  progress: [string, number, number][];
  /** stdout and stderr together, one string. */
  text: string;
}

/** Run `coop <argv>` in this process, capturing what it prints. */
export async function runCli(argv: string[], extra: Partial<Io> = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const progress: [string, number, number][] = [];
  const io: Io = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    progress: (label, done, total) => progress.push([label, done, total]),
    ...extra,
  };
  const code = await main(argv, io);
  return { code, out, err, progress, text: [...out, ...err].join('\n') };
}

/** Run `coop <argv>` with the working folder at `dir`, as a user typing in that folder. */
export async function runCliIn(dir: string, argv: string[]): Promise<CliRun> {
  const was = process.cwd();
  process.chdir(dir);
  try {
    return await runCli(argv);
  } finally {
    process.chdir(was);
  }
}

/** Show what coop printed in the test log: the point of an end-to-end test is what a user would see. */
export function show(title: string, run: CliRun): CliRun {
  console.log(`$ ${title}  → exit ${run.code}\n${run.text}`);
  return run;
}
