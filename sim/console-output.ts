/** A line the firmware printed, at virtual time `t` (ms). */
export interface ConsoleLine {
  t: number;
  text: string;
}

/**
 * The board's console as a character stream cut into lines: print() and
 * console.log() add whole lines, `USB.write('…')` may add part of one. A
 * line is complete at "\n" (a "\r" before it is dropped).
 */
export class ConsoleOutput {
  readonly lines: ConsoleLine[] = [];
  private partial = '';
  private partialT = 0;

  constructor(private readonly now: () => number, private readonly onLine?: (line: ConsoleLine) => void) {}

  write(text: string): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let piece = this.partial + text.slice(start, nl);
      if (piece.endsWith('\r')) piece = piece.slice(0, -1);
      const t = this.partial ? this.partialT : this.now();
      this.partial = '';
      this.push({ t, text: piece });
      start = nl + 1;
    }
    if (start < text.length) {
      if (!this.partial) this.partialT = this.now();
      this.partial += text.slice(start);
    }
  }

  /** The unfinished last line, if any. */
  pending(): string {
    return this.partial;
  }

  private push(line: ConsoleLine): void {
    this.lines.push(line);
    this.onLine?.(line);
  }
}
