import { it } from 'vitest';
import { generateProgram, programSeed } from './generator.js';
import { compare, describeDifference } from './programs.js';
import { estimateJsVars } from '../../toolchain/jsvar-estimate.js';
import { writeFileSync } from 'node:fs';
const N = Number(process.env.N ?? 40), SIZE = Number(process.env.SIZE ?? 30), SEED = Number(process.env.SEED ?? 1), FROM = Number(process.env.FROM ?? 0);
it('samples', async () => {
  const ps = Array.from({ length: N }, (_, i) => generateProgram(programSeed(SEED, FROM + i), SIZE, { promiseAll: !process.env.NOALL }));
  const t = Date.now();
  const d = await compare(ps, { batchSize: Number(process.env.BATCH ?? 50), board: 'esp32' });
  console.log('compare', SEED, Date.now() - t, 'ms', d.length, 'differences', d.map((x) => ps.indexOf(x.program as any) + FROM).join(' '), d.map((x) => (x.program as any).seed).join(','));
  writeFileSync(`/tmp/scratch/diffs-${SEED}-${FROM}.txt`, d.map(describeDifference).join('\n'));
}, 1200000);
