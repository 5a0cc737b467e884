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
 * `valued` take one. Unknown options are a UsageError naming them.
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
    name = aliases[name] ?? name;
    if (flags.has(name)) {
      out.options[name] = true;
    } else if (valued.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      out.options[name] = value;
    } else {
      const known = [...flags, ...valued].map((o) => '--' + o).join(', ');
      throw new UsageError(`unknown option ${word}${known ? `; this command takes ${known}` : ''}`);
    }
  }
  return out;
}

/** Parse a duration such as 500, 500ms, 10s, 5m, 24h, 1d into milliseconds. */
export function parseDuration(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${what}: "${text}" is not a duration; use e.g. 500ms, 10s, 5m, 24h`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
  return Number(m[1]) * unit;
}
