/** Where the CLI reads and writes, so tests can capture it. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Raw text to stdout, no newline added (a board's console in the REPL). Optional: falls back to `out` per line. */
  write?(text: string): void;
  /** What the user types (the REPL). Optional: without it the REPL has no input. */
  input?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(mode: boolean): unknown };
  /**
   * Progress of a long transfer: called with done = 0 first and done = total
   * last. Optional: an Io without it simply shows no bar.
   */
  progress?(label: string, done: number, total: number): void;
}

/** `[#########-----------]  45%` — the bar drawn while code is sent to a board. */
export function progressBar(done: number, total: number, width = 30): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.floor(fraction * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
}

/**
 * On a terminal the bar is redrawn in place on stderr; in a log (CI, a pipe)
 * it is printed at 0, 25, 50, 75 and 100% so the log stays short.
 */
function makeProgress(stream: NodeJS.WriteStream): NonNullable<Io['progress']> {
  let shown = { label: '', total: -1, step: -1, done: -1 };
  return (label, done, total) => {
    if (label !== shown.label || total !== shown.total || done < shown.done) shown = { label, total, step: -1, done: -1 };
    if (done === shown.done) return;
    shown.done = done;
    const line = `${label} ${progressBar(done, total)} ${done}/${total} bytes`;
    if (stream.isTTY) {
      stream.write(`\r${line}\x1b[K${done >= total ? '\n' : ''}`);
      return;
    }
    const step = total > 0 ? Math.floor((4 * Math.min(done, total)) / total) : 4;
    if (step > shown.step) {
      shown.step = step;
      stream.write(line + '\n');
    }
  };
}

export const processIo: Io = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  write: (text) => process.stdout.write(text),
  // A getter: touching process.stdin opens it, which only the REPL needs.
  get input() {
    return process.stdin;
  },
  progress: makeProgress(process.stderr),
};
