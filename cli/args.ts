/** A parsed command line: positional words and `--name value` / `--flag` options. */
export interface ParsedArgs {
  positional: string[];
  options: Record<string, string | true>;
}

/** Thrown for a command line the user must fix; the CLI prints it without a stack. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The options a command accepts: `flags` take no value, `valued` take one; `aliases` maps other spellings (`p` → `port`). */
export interface ArgSpec {
  flags?: string[];
  valued?: string[];
  aliases?: Record<string, string>;
}

/**
 * Parse `argv` against the options a command accepts: `flags` take no value,
 * `valued` take one (not empty). Unknown options, a flag with a value and a
 * missing or empty value are a UsageError naming the option.
 */
export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const flags = new Set(spec.flags ?? []);
  const valued = new Set(spec.valued ?? []);
  const aliases = spec.aliases ?? {};
  const out: ParsedArgs = { positional: [], options: {} };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('-') || word === '-') {
      out.positional.push(word);
      continue;
    }
    let [name, inline] = word.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
    name = Object.hasOwn(aliases, name) ? aliases[name] : name; // not "constructor" from Object
    const shown = name.length === 1 ? `-${name}` : `--${name}`; // as typed: -o, --out
    if (flags.has(name)) {
      // `--minify=false` would turn minify on: a flag given a value is a mistake, not a no-op.
      if (inline !== undefined) throw new UsageError(`${shown} takes no value; write ${word.split('=')[0]} alone`);
      out.options[name] = true;
    } else if (valued.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${shown} needs a value`);
      // `--report=` or `--out ""`: an empty value is a file, port or duration left out.
      if (value === '') throw new UsageError(`${shown} is empty; give it a value`);
      out.options[name] = value;
    } else {
      const known = [...flags, ...valued].map((o) => '--' + o).join(', ');
      throw new UsageError(`unknown option ${word}${known ? `; this command takes ${known}` : ''}`);
    }
  }
  return out;
}

/**
 * The longest duration an option takes, in ms. Past it is a typo, not a wish: `--until 1000000d`
 * of a firmware with a 1 s setInterval is 8.6e10 events (blink simulates ~0.8 s of host time per
 * board day), and 400 nines are Infinity, which never ends. A `--timeout` is a Node timer, which
 * holds at most 2^31-1 ms (24.8 days; more fires at once, with a TimeoutOverflowWarning).
 */
const MAX_DURATION_MS: Record<string, number> = { '--timeout': 2 ** 31 - 1 };
const MAX_DURATION_DEFAULT_MS = 366 * 86_400_000;

/** Parse a duration such as 500, 500ms, 10s, 5m, 24h, 1d into milliseconds, up to 366 days (24.8 for --timeout). */
export function parseDuration(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${what}: "${text}" is not a duration; use e.g. 500ms, 10s, 5m, 24h`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
  const ms = Number(m[1]) * unit;
  const max = Object.hasOwn(MAX_DURATION_MS, what) ? MAX_DURATION_MS[what] : MAX_DURATION_DEFAULT_MS;
  if (!(ms <= max)) throw new UsageError(`${what}: "${text.length > 20 ? text.slice(0, 20) + '…' : text}" is longer than ${what === '--timeout' ? '24 days (the longest a timer waits)' : 'a year (366d): a typo?'}`);
  return ms;
}
