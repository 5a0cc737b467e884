/**
 * Every example in examples/ builds for its board the device way, fits it,
 * and passes its scenario in the simulator; the commands its header comment
 * gives for simulating and flashing it are the right ones.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBoard } from '../../boards/index.js';
import { createSim, loadDiagram, loadScenario, runScenario } from '../../sim/index.js';
import { build } from '../../toolchain/build.js';

const EXAMPLES = 'examples';

/** Every examples/<name>.ts. */
const names = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

const files = (name: string) => ({
  source: join(EXAMPLES, `${name}.ts`),
  diagram: join(EXAMPLES, `${name}.diagram.json`),
  scenario: join(EXAMPLES, `${name}.scenario.yaml`),
});

/** The header comment's line that starts with `label:` (and the indented lines after it). */
function headerLines(source: string, label: string): string[] {
  const header = source.slice(0, source.indexOf('*/'));
  const lines = header.split('\n').map((l) => l.replace(/^\s*\*\s?/, ''));
  const at = lines.findIndex((l) => l.startsWith(`${label}:`));
  if (at < 0) return [];
  const out = [lines[at].slice(label.length + 1).trim()];
  for (let i = at + 1; i < lines.length && /^\s+\S/.test(lines[i]); i++) out.push(lines[i].trim());
  return out;
}

describe('examples', () => {
  it('are all here, each with a diagram and a scenario', () => {
    expect(names).toEqual(expect.arrayContaining(['blink', 'button-led', 'sensor-logger', 'plant-waterer', 'many-tasks', 'gps-nmea', 'weather-station', 'puck-beacon']));
    for (const name of names) {
      const f = files(name);
      expect(existsSync(f.diagram), `${f.diagram} is missing`).toBe(true);
      expect(existsSync(f.scenario), `${f.scenario} is missing`).toBe(true);
    }
  });

  for (const name of names) {
    describe(name, () => {
      const f = files(name);

      it('builds for its board, fits it, and its scenario passes in the simulator', async () => {
        const diagram = await loadDiagram(f.diagram);
        expect(diagram.board, `${f.diagram} names its board`).toBeDefined();
        const board = findBoard(diagram.board!);

        // The device way: TypeScript → ES5 → rollup → terser, the Espruino check, and the
        // board's limits (build() refuses a bundle bigger than its flash or its JsVars).
        const built = await build(f.source, { board: board.id });
        expect(built.bytes).toBeLessThanOrEqual(board.flashBytes);
        expect(built.jsVarsEstimate).toBeLessThan(board.jsVars);

        const sim = await createSim({ board: board.id, diagram, bundle: built.code });
        const result = await runScenario(sim, await loadScenario(f.scenario));
        expect(result.ok, result.message).toBe(true);

        // Nothing went wrong on the side: no uncaught error, no simulator warning,
        // no watchdog reset, and the memory in use (the simulator's estimate) fits the board.
        expect(sim.errors.map(String)).toEqual([]);
        expect(sim.harness.warnings.map((w) => w.text)).toEqual([]);
        expect(sim.harness.notes.filter((n) => n.text.includes('watchdog')).map((n) => n.text)).toEqual([]);
        const memory = sim.memory();
        expect(memory.usage, `memory in use at the end of the scenario: ${memory.usage} of ${memory.total} JsVars`).toBeLessThanOrEqual(memory.total);
      });

      it('says what it shows, its board, and how to simulate and flash it', async () => {
        const source = readFileSync(f.source, 'utf8');
        const diagram = await loadDiagram(f.diagram);
        expect(source.startsWith('/**'), `${f.source} starts with a comment saying what it shows`).toBe(true);
        expect(headerLines(source, 'Board').join(' ')).toContain(`(${diagram.board})`);

        const flash = headerLines(source, 'Flash');
        expect(flash.length).toBeGreaterThan(0);
        for (const line of flash) expect(line).toMatch(new RegExp(`^npx coop flash ${f.source} --board \\S+ --port \\S+$`));
        expect(flash.some((l) => l.includes(`--board ${diagram.board} `))).toBe(true);

        // The simulate command runs exactly what the test above runs (coop sim itself is tested in test/sim).
        expect(headerLines(source, 'Simulate')).toContain(`npx coop sim ${f.source} --diagram ${f.diagram} --scenario ${f.scenario}`);
      });
    });
  }
});
