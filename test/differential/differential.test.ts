import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue/index.js';
import { compare, describeDifference } from './programs.js';

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
});
