/**
 * Matchers for tests of firmware on the simulator. Importing
 * `espruino-coop/test` under vitest registers them; elsewhere (jest, or to be
 * explicit) call `expect.extend(coopMatchers)`.
 *
 *     expect(sim).toHaveBlinked('LED1', { period: 1000 });
 *     expect(sim).toHavePin('LED1', 1);
 *     expect(sim.console).toContainLine('ready');
 */
import { formatTime, parseDuration } from '../../sim/index.js';
import { describeChanges, describePattern, findBlinking, formatMs } from './blink.js';
import type { Sim } from './simulate.js';

export interface BlinkExpectation {
  /** One repeat of the blink (on and off, or a whole pattern), in ms or as text ('1s'). Without it, any period. */
  period?: number | string;
  /** How far (ms) the period and each time between changes may be off. Default: 5% of it, at least 1 ms. */
  tolerance?: number;
  /** Look only at changes from this virtual time on (ms or '2s'): after a button press, say. */
  since?: number | string;
  /** Whole repeats it must have made (default 2). */
  cycles?: number;
}

/** What a matcher gets as `this` (vitest's and jest's MatcherState have more). */
interface MatcherContext {
  isNot?: boolean;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** The matchers, for `expect.extend(coopMatchers)`. */
export const coopMatchers = {
  /** The pin's changes repeat (at least `cycles` times), with `period` if given; read from its change history. */
  toHaveBlinked(this: MatcherContext, received: unknown, pin: string, options: BlinkExpectation = {}): MatcherResult {
    const sim = asSim(received, 'toHaveBlinked');
    const since = options.since === undefined ? 0 : parseDuration(options.since, 'toHaveBlinked since');
    const period = options.period === undefined ? undefined : parseDuration(options.period, 'toHaveBlinked period');
    const cycles = options.cycles ?? 2;
    const periodTolerance = period === undefined ? 0 : options.tolerance ?? Math.max(1, 0.05 * period);
    const changes = sim.pinHistory(pin).filter((c) => c.t >= since);
    const b = findBlinking(changes, options.tolerance);
    const pass = b !== undefined && b.cycles >= cycles && (period === undefined || Math.abs(b.period - period) <= periodTolerance);

    const name = sim.describePin(pin);
    const from = since > 0 ? ` from ${formatTime(since)}` : '';
    const want = `${name} ${this.isNot ? 'not ' : ''}to blink${period !== undefined ? ` with a period of ${formatMs(period)} (±${formatMs(periodTolerance)})` : ''}${from}`;
    let seen: string;
    if (changes.length === 0) seen = `it never changed${from}; it is ${sim.pin(pin)}`;
    else if (!b) seen = `its ${changes.length} change${changes.length === 1 ? '' : 's'}${from} do not repeat: ${describeChanges(changes)}`;
    else {
      const first = b.changes[0].t;
      const last = b.changes[b.changes.length - 1].t;
      seen = `it blinked with a period of ${formatMs(b.period)} (${describePattern(b)}), ${b.cycles} time${b.cycles === 1 ? '' : 's'} from ${formatTime(first)} to ${formatTime(last)}` +
        (b.cycles < cycles ? `, fewer than the ${cycles} asked for` : '');
    }
    return { pass, message: () => `expected ${want}, but ${seen} (now ${formatTime(sim.now)})` };
  },

  /** The pin's level now is `value` (0, 1, false or true). */
  toHavePin(this: MatcherContext, received: unknown, pin: string, value: 0 | 1 | boolean): MatcherResult {
    const sim = asSim(received, 'toHavePin');
    const want = value ? 1 : 0;
    const level = sim.pin(pin);
    const history = sim.pinHistory(pin);
    const last = history[history.length - 1];
    const since = last ? `since ${formatTime(last.t)}` : 'it never changed';
    return {
      pass: level === want,
      message: () => `expected ${sim.describePin(pin)} ${this.isNot ? 'not ' : ''}to be ${want} at ${formatTime(sim.now)}, but it is ${level} (${since})`,
    };
  },

  /** A console line contains `text`, or matches the RegExp. Takes `sim.console`, the Sim, or an array of lines. */
  toContainLine(this: MatcherContext, received: unknown, text: string | RegExp): MatcherResult {
    const lines = consoleLines(received);
    const matches = (l: string) => (typeof text === 'string' ? l.includes(text) : text.test(l));
    const index = lines.findIndex(matches);
    const what = typeof text === 'string' ? `containing ${JSON.stringify(text)}` : `matching ${text}`;
    const message = () => {
      if (this.isNot) return `expected no console line ${what}, but line ${index + 1} is ${JSON.stringify(lines[index])}`;
      if (lines.length === 0) return `expected a console line ${what}, but nothing was printed`;
      const tail = lines.slice(-10).map((l) => `  ${l}`).join('\n');
      return `expected a console line ${what}, but none of the ${lines.length} does; ${lines.length > 10 ? 'the last 10' : 'they are'}:\n${tail}`;
    };
    return { pass: index >= 0, message };
  },
};

function asSim(received: unknown, matcher: string): Sim {
  const r = received as Partial<Sim> | null;
  if (r && typeof r === 'object' && typeof r.pinHistory === 'function' && typeof r.describePin === 'function') return r as Sim;
  throw new TypeError(`${matcher}: expect() needs the simulation simulate() returns, got ${describe(received)}`);
}

function consoleLines(received: unknown): string[] {
  if (Array.isArray(received) && received.every((l) => typeof l === 'string')) return received;
  const r = received as { lines?: unknown; console?: { lines?: unknown } } | null;
  if (r && typeof r === 'object') {
    if (Array.isArray(r.lines)) return r.lines as string[];
    if (r.console && Array.isArray(r.console.lines)) return r.console.lines as string[];
  }
  throw new TypeError(`toContainLine: expect() needs sim.console, the simulation, or an array of lines, got ${describe(received)}`);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object') return v.constructor?.name ? `a ${v.constructor.name}` : 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** The matchers' types, merged into vitest's `expect(…)`. */
export interface CoopMatchers<R = unknown> {
  /**
   * The pin's changes repeat (at least twice), with `period` if given:
   * `expect(sim).toHaveBlinked('LED1', { period: 1000 })`.
   */
  toHaveBlinked(pin: string, options?: BlinkExpectation): R;
  /** The pin's level now: `expect(sim).toHavePin('LED1', 1)`. */
  toHavePin(pin: string, value: 0 | 1 | boolean): R;
  /** A console line contains the text or matches the RegExp: `expect(sim.console).toContainLine('ready')`. */
  toContainLine(text: string | RegExp): R;
}

// Matchers for vitest 3.2 and later (every kind of assertion extends it), Assertion for earlier ones.
declare module 'vitest' {
  interface Matchers<T = any> extends CoopMatchers<T> {}
  interface Assertion<T = any> extends CoopMatchers<T> {}
}
