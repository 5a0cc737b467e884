import { describe, expect, it } from 'vitest';
import { closureProbes, compareSides, parityBundle, parityCorpus, parityTable, runParityInSimulator, runParityOnEspruino, type ParityRow } from './parity-corpus.js';

const bin = process.env.ESPRUINO_BIN;

/**
 * A few rows of the parity table, with what the Linux build of Espruino 2v29
 * printed for them (npm run parity, 28 Nov 2026): the simulator must stay
 * within ±5% of it at every probe and print the same console. With
 * ESPRUINO_BIN set, the binary is run too and must still print these.
 */
const RECORDED: { name: string; espruino: number[]; console: string[] }[] = [
  { name: 'examples/blink', espruino: [665, 655, 645], console: [] },
  { name: 'closures: sync arrow reads a let before and after an await', espruino: [706, 696, 73], console: ['a 1', 'b 2', 'c 2'] },
];

describe('parity with Espruino: a few rows', () => {
  for (const r of RECORDED) {
    it(`${r.name}: memory within ±5% of Espruino's at each probe, the same console`, async () => {
      const p = parityCorpus().find((x) => x.name === r.name)!;
      const bundle = await parityBundle(p);
      const probes = p.kind === 'closures' ? closureProbes(bundle) : p.probes;
      const sim = runParityInSimulator(bundle, p, probes);
      expect(sim.usage.length).toBe(r.espruino.length);
      sim.usage.forEach((u, i) => expect(Math.abs(u - r.espruino[i]) / r.espruino[i]).toBeLessThanOrEqual(0.05));
      expect(sim.console).toEqual(r.console);
      if (bin) {
        const esp = await runParityOnEspruino(bin, bundle, p, probes);
        expect(esp.console).toEqual(r.console);
        esp.usage.forEach((u, i) => expect(Math.abs((sim.usage[i] - u) / u)).toBeLessThanOrEqual(0.05));
      }
    });
  }
});
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
      console.log(parityTable([row]).split('\n')[2] + `\n  at ${JSON.stringify(probes)}: sim ${JSON.stringify(sim.usage)}, Espruino ${JSON.stringify(esp.usage)}`);
      if (!row.consoleSame) console.log('  sim: ' + JSON.stringify(row.simConsole).slice(0, 600) + '\n  esp: ' + JSON.stringify(row.espruinoConsole).slice(0, 600));
    }
    console.log(parityTable(rows));
    expect(rows.length).toBeGreaterThan(0);
  }, 3_600_000);
});
