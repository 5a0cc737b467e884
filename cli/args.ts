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

/** Parse a duration such as 500, 500ms, 10s, 5m, 24h, 1d into milliseconds. */
export function parseDuration(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${what}: "${text}" is not a duration; use e.g. 500ms, 10s, 5m, 24h`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
  return Number(m[1]) * unit;
}
