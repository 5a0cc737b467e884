import { it } from 'vitest';
import { generateProgram, render, type ProgramAst } from './generator.js';
import { compare, describeDifference, type Difference } from './programs.js';
import { batched, shrink } from './shrink.js';
import { appendFileSync } from 'node:fs';
const G = { batchSize: 50, board: 'esp32' };
const buildFailed = (d: Difference) => d.compiled.length === 1 && d.compiled[0].startsWith('build failed');
it('shrink seeds', async () => {
  for (const seed of (process.env.SEEDS ?? '').split(',').filter(Boolean).map(Number)) {
    const p = generateProgram(seed, Number(process.env.SIZE ?? 30));
    const t = Date.now();
    const small = await shrink(p.ast, batched(async (asts: ProgramAst[]) => {
      const ps = asts.map((a, i) => ({ name: 'c' + i, source: render(a) }));
      const d = await compare(ps, G);
      return ps.map((x) => d.some((y) => y.program === x && !buildFailed(y)));
    }));
    const [d] = await compare([{ name: `seed ${seed} shrunk`, source: render(small) }], G);
    appendFileSync('/tmp/scratch/shrunk.txt', `\n===== seed ${seed} (${Date.now() - t} ms)\n` + (d ? describeDifference(d) : 'NO DIFF\n' + render(small)));
  }
}, 3600000);
