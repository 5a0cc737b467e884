// Fuzzed inputs (issue 17, first part): the port parser (--port), the CLI's and the
// simulator's duration parsers, and coop's argument parser get thousands of random
// and mutated inputs; each must be accepted or end in Coop's own error (UsageError
// or a plain Error naming the input), never a crash of another kind or a hang.
// FUZZ_RUNS=<n> raises the budget (default 2000 per parser).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, parseDuration as parseCliDuration, UsageError } from '../../cli/args.js';
import { parsePort } from '../../cli/espruino/port-spec.js';
import { parseDuration as parseSimDuration } from '../../sim/duration.js';

const runs = Number(process.env.FUZZ_RUNS ?? 2000);

/** Near-misses of valid text: a valid seed with characters inserted, removed or replaced. */
const mutated = (seeds: string[]) =>
  fc.tuple(fc.constantFrom(...seeds), fc.nat(40), fc.nat(3), fc.string({ maxLength: 4 }))
    .map(([s, at, cut, ins]) => s.slice(0, at % (s.length + 1)) + ins + s.slice(at % (s.length + 1) + cut));

/** Run `fn` on every input; it may return or throw one of `allowed`; count the inputs. */
function fuzz<T>(name: string, input: fc.Arbitrary<T>, fn: (x: T) => unknown, allowed: (e: unknown) => boolean): void {
  let count = 0;
  fc.assert(fc.property(input, (x) => {
    count++;
    try {
      fn(x);
    } catch (e) {
      if (!allowed(e)) throw e;
    }
  }), { numRuns: runs });
  console.log(`fuzz ${name}: ${count} inputs`);
  expect(count).toBe(runs);
}

const usage = (e: unknown) => e instanceof UsageError && e.message.length > 0 && !/\n\s+at /.test(e.message);
const plain = (e: unknown) => e instanceof Error && /is not a duration/.test(e.message);

describe('fuzzed inputs: every one accepted or Coop\'s own error', () => {
  it('the port parser (--port)', () => {
    fuzz('parsePort', fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), mutated(['tcp://127.0.0.1:2323', '/dev/ttyACM0', 'COM3', 'aa:bb:cc:dd:ee:ff'])), parsePort, usage);
  });
  it('the CLI duration parser (--timeout)', () => {
    fuzz('cli parseDuration', fc.oneof(fc.string(), mutated(['500ms', '10s', '5m', '24h', '1d', '1.5s'])), (t) => parseCliDuration(t, '--timeout'), usage);
  });
  it('the simulator duration parser (scenarios)', () => {
    fuzz('sim parseDuration', fc.oneof(fc.anything(), fc.double(), mutated(['500ms', '2s', '250us', '1.5m', '1d'])), (t) => parseSimDuration(t, 'at'), plain);
  });
  it('coop argument parsing (parseArgs)', () => {
    const spec = { flags: ['verbose', 'no-minify'], valued: ['port', 'board', 'save', 'timeout'], aliases: { p: 'port', v: 'verbose' } };
    const word = fc.oneof(fc.string(), fc.constantFrom('--port', '-p', '--verbose', '--board=linux', '--save', '--', '-', '--x=1'));
    fuzz('parseArgs', fc.array(word, { maxLength: 8 }), (argv) => parseArgs(argv, spec), usage);
  });
});

describe('fuzzed documents: diagrams and scenarios', () => {
  // Both parsers throw a plain Error that names the file ("diagram: …", "scenario: …"); anything else is a crash.
  const named = (source: string) => (e: unknown) => e instanceof Error && e.constructor === Error && e.message.startsWith(source);
  const json = fc.oneof(fc.anything(), fc.jsonValue(), fc.record({ version: fc.anything(), parts: fc.array(fc.anything(), { maxLength: 4 }), connections: fc.array(fc.anything(), { maxLength: 4 }) }));
  it('the diagram parser', async () => {
    const { parseDiagram } = await import('../../sim/diagram.js');
    fuzz('parseDiagram', json, (d) => parseDiagram(d, 'fuzz.diagram.json'), named('fuzz.diagram.json'));
  });
  it('the scenario parser', async () => {
    const { parseScenario } = await import('../../sim/scenario.js');
    const doc = fc.oneof(fc.anything(), fc.record({ name: fc.anything(), steps: fc.array(fc.dictionary(fc.constantFrom('at', 'press', 'release', 'expect', 'wait', 'set', 'after'), fc.anything(), { maxKeys: 2 }), { maxLength: 4 }) }));
    fuzz('parseScenario', doc, (d) => parseScenario(d, 'fuzz.scenario.yaml'), named('fuzz.scenario.yaml'));
  });
});
