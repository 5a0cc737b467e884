import { describe, expect, it } from 'vitest';
import { closureProbes, compareSides, parityBundle, parityCorpus, parityTable, runParityInSimulator, runParityOnEspruino, type ParityRow } from './parity-corpus.js';

const bin = process.env.ESPRUINO_BIN;
const full = process.env.COOP_PARITY === 'full';
const only = process.env.COOP_PARITY_ONLY;

describe.skipIf(!full || !bin)('parity table (npm run parity)', () => {
  it('runs every program in the simulator and on ESPRUINO_BIN', async () => {
    const rows: ParityRow[] = [];
    for (const p of parityCorpus().filter((p) => !only || p.name.includes(only))) {
      const bundle = await parityBundle(p);
      const probes = p.kind === 'closures' ? closureProbes(bundle) : p.probes;
      const sim = runParityInSimulator(bundle, p, probes);
      const esp = await runParityOnEspruino(bin!, bundle, p, probes);
      const row = compareSides(p.name, probes, sim, esp);
      rows.push(row);
      console.log(parityTable([row]).split('\n')[2]);
      if (!row.consoleSame) console.log('  sim: ' + JSON.stringify(row.simConsole).slice(0, 600) + '\n  esp: ' + JSON.stringify(row.espruinoConsole).slice(0, 600));
    }
    console.log(parityTable(rows));
    expect(rows.length).toBeGreaterThan(0);
  }, 3_600_000);
});
