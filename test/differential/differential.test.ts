import { describe, expect, it } from 'vitest';
import { MODULE_PASSES, type ModuleContext, type Pass } from '../../toolchain/pipeline.js';
import { catalogue } from './catalogue/index.js';
import { generateProgram, programSeed, render, type GeneratedProgram, type ProgramAst } from './generator.js';
import { compare, describeDifference, type Difference, type Program } from './programs.js';
import { batched, shrink, type StillFails } from './shrink.js';

/**
 * Compiled async must mean what JavaScript means: every program prints the
 * same, byte for byte, compiled the device way and run in the simulator as
 * it does under Node's native async/await (see programs.ts).
 */
describe('differential: compiled firmware prints what native async/await prints', () => {
  it(`the catalogue (${catalogue.length} hand-written programs)`, async () => {
    const differences = await compare(catalogue);
    console.log(`differential catalogue: ${catalogue.length} programs, ${differences.length} differences`);
    expect(differences.map(describeDifference).join('\n')).toBe('');
  }, 600_000);

  // Random programs (generator.ts): COOP_DIFF_PROGRAMS of them from seed COOP_DIFF_SEED.
  // A difference is shrunk (shrink.ts) and the small program is the failure message.
  const count = Number(process.env.COOP_DIFF_PROGRAMS ?? 300);
  const seed = Number(process.env.COOP_DIFF_SEED ?? 1);
  it(`${count} generated programs (seed ${seed})`, async () => {
    const programs = generated(seed, count);
    const differences = await compare(programs, GENERATED);
    console.log(`differential generator: ${count} programs (seed ${seed}), ${differences.length} differences`);
    let report = '';
    if (differences.length > 0) {
      const first = differences[0].program as GeneratedProgram;
      const small = await shrinkDifference(first);
      report = [
        `${differences.length} of ${count} generated programs differ: ${differences.map((d) => d.program.name).join('; ')}`,
        `the first, shrunk (rerun alone with its seed: generateProgram(${first.seed}, ${SIZE})):`,
        small ? describeDifference(small) : '(it no longer differs alone)\n' + describeDifference(differences[0]),
      ].join('\n');
    }
    expect(report).toBe('');
  }, 900_000);

  // The tester must catch a broken compiler pass: here inline-awaits forgets the finally label
  // of every try entry it leaves for the executor (`[try, catch, finally, end]` → no finally), so
  // a return, break, continue or throw out of a try block skips the finally block, and one
  // reached in order ends an unwind that never began (firmware/runtime/state-machine.ts).
  // Programs that run no try/finally print the same.
  it('catches a sabotaged pass (finally blocks skipped on early exit) and shrinks it to a few lines', async () => {
    const skipFinally = (code: string, context: ModuleContext) =>
      context.firmware ? code : code.replace(/\.push\(\[\s*(\d+),\s*([^,\]]*),\s*\d+,\s*(\d+)\s*\]\)/g, '.push([$1, $2, void 0, $3])');
    const small = await withPassWrapped('inline-awaits', skipFinally, async () => {
      const programs = generated(2, 30);
      const differences = await compare(programs, GENERATED);
      console.log(`sabotaged inline-awaits: ${differences.length} of ${programs.length} generated programs differ`);
      expect(differences.length).toBeGreaterThan(0);
      expect(differences.length).toBeLessThan(programs.length);
      return shrinkDifference(differences[0].program as GeneratedProgram);
    });
    expect(small).toBeDefined();
    const lines = small!.program.source.trim().split('\n');
    console.log(`sabotaged inline-awaits: shrunk to ${lines.length} lines:\n${describeDifference(small!)}`);
    expect(lines.length).toBeLessThanOrEqual(15);
    expect(small!.program.source).toContain('finally');
    // With the pass whole again, the shrunk program prints the same both ways.
    expect(await compare([small!.program], GENERATED)).toEqual([]);
  }, 900_000);
});

/**
 * On the real interpreter (ESPRUINO_BIN, e.g. a Linux build of Espruino): a
 * sample of generated and catalogue programs. Time there is real: the
 * generated programs take 25 ms per time unit (what separates tasks'
 * instants), and catalogue programs that print `now()` are left out (it is
 * the time of day there).
 */
describe.skipIf(!process.env.ESPRUINO_BIN)('differential on ESPRUINO_BIN', () => {
  it('20 generated programs and every 10th catalogue program', async () => {
    const programs: Program[] = [
      ...Array.from({ length: 20 }, (_, i) => generateProgram(programSeed(seedOnBoard, i), 20, { unit: 25 })),
      ...catalogue.filter((p) => !/\bnow\(\)/.test(p.source)).filter((_, i) => i % 10 === 0),
    ];
    // The Linux build now and then reports its input queue overflowing (its console, not the
    // program's output: stdin is closed); a difference of that line alone is no difference.
    const fifo = (d: Difference) => JSON.stringify(d.compiled.filter((l) => l !== 'New interpreter error: FIFO_FULL')) === JSON.stringify(d.native);
    const differences = (await compare(programs, { onEspruino: true, batchSize: 10, board: 'esp32' })).filter((d) => !fifo(d));
    console.log(`differential on ESPRUINO_BIN: ${programs.length} programs, ${differences.length} differences`);
    expect(differences.map(describeDifference).join('\n')).toBe('');
  }, 900_000);
});

const seedOnBoard = Number(process.env.COOP_DIFF_SEED ?? 1);

/** Statements per generated program (roughly). */
const SIZE = 30;
/**
 * Bundles of generated programs: 50 to a bundle (a bundle build takes a few
 * seconds, a run milliseconds), built for a board whose JsVars hold that
 * many (the Linux board's 4096 hold a dozen); they run in the Linux simulator.
 */
const GENERATED = { batchSize: 50, board: 'esp32' };

const generated = (runSeed: number, count: number): GeneratedProgram[] =>
  Array.from({ length: count }, (_, i) => generateProgram(programSeed(runSeed, i), SIZE));

const buildFailed = (d: Difference) => d.compiled.length === 1 && d.compiled[0].startsWith('build failed');

/** Still differs, built and run as compare() does (a chunk of candidates to a bundle). */
const stillDiffers = (): StillFails => batched(async (asts: ProgramAst[]) => {
  const programs = asts.map((ast, i) => ({ name: `candidate ${i}`, source: render(ast) }));
  const differences = await compare(programs, GENERATED);
  return programs.map((p) => differences.some((d) => d.program === p && !buildFailed(d)));
});

/** `program` shrunk while it still differs, and its difference; undefined if it no longer differs alone. */
async function shrinkDifference(program: GeneratedProgram): Promise<Difference | undefined> {
  const small = await shrink(program.ast, stillDiffers());
  const shrunk: Program = { name: `${program.name}, shrunk`, source: render(small) };
  const [difference] = await compare([shrunk], GENERATED);
  return difference && !buildFailed(difference) ? difference : undefined;
}

/** Run `fn` with module pass `name` followed by `after` (test only: the build reads MODULE_PASSES as it goes). */
async function withPassWrapped<T>(name: string, after: (code: string, context: ModuleContext) => string, fn: () => Promise<T>): Promise<T> {
  const passes = MODULE_PASSES as Pass<ModuleContext>[];
  const index = passes.findIndex((p) => p.name === name);
  if (index < 0) throw new Error(`no module pass '${name}'`);
  const original = passes[index];
  passes[index] = { ...original, run: (code, context) => after(original.run(code, context), context) };
  try {
    return await fn();
  } finally {
    passes[index] = original;
  }
}
