/** Lines of Espruino's start-up banner, printed after every reset(). */
const banner = [
  /^ _{4} {17}_ ?$/,
  /^\|  __\|/,
  /^\|_{4}\|/,
  /^ {9}\|_\| espruino\.com$/,
  /^ \d+v\d+.*\(c\) \d+ G\.Williams$/,
  /^Espruino is Open Source/,
  /^only by sales of official boards/,
  /^https?:\/\/espruino\.com\/Donate$/,
];

/**
 * What a program printed, from raw console text: one entry per line, without
 * prompts, escape codes, results of typed expressions, or Espruino's banner.
 */
export function consoleLines(raw: string): string[] {
  const lines: string[] = [];
  for (let line of raw.split('\n')) {
    line = line.replace(/\r$/, '');
    line = line.slice(line.lastIndexOf('\r') + 1); // a carriage return starts the line over, as on a terminal
    line = line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
    if (line === '' || /^>+$/.test(line) || line === '=undefined' || banner.some((b) => b.test(line))) continue;
    if (/^(password>|\s*Logged in\.|\s*Invalid password)$/.test(line)) continue; // a locked console's prompts (E.lockConsole)
    lines.push(line);
  }
  return lines;
}

/** The text after the last Espruino banner: what was printed since the last reset() or load(). */
export function sinceReset(raw: string): string {
  const end = raw.lastIndexOf('espruino.com/Donate');
  if (end < 0) return raw;
  const next = raw.indexOf('\n', end);
  return next < 0 ? '' : raw.slice(next + 1);
}

/**
 * Lines in which Espruino reports an error (an uncaught exception, running out
 * of memory, …) or Coop's runtime reports a task that failed.
 */
export function errorLines(lines: string[]): string[] {
  return lines.filter((l) => /^(Uncaught |ERROR: |New interpreter error|Execution Interrupted|coop: (task '.*' failed|unhandled error))/.test(l.replace(/^>+/, '')));
}
