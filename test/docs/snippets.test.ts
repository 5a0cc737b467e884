/**
 * The TypeScript examples in the docs are firmware that builds: each ```ts
 * block of the pages below is built the device way (type check, Espruino
 * check, pins checked against the board) for Puck.js, or for the board named
 * by a first line `// board: <id>`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { build } from '../../toolchain/build.js';
import { firmwareFile } from '../support/device.js';

const PAGES = ['docs/io.md', 'docs/comparison.md'];

function tsBlocks(markdown: string): { line: number; code: string }[] {
  const out: { line: number; code: string }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```ts') continue;
    const start = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i].trim() !== '```'; i++) body.push(lines[i]);
    out.push({ line: start, code: body.join('\n') + '\n' });
  }
  return out;
}

for (const page of PAGES) {
  describe(page, () => {
    const blocks = tsBlocks(readFileSync(page, 'utf8'));
    it('has examples', () => expect(blocks.length).toBeGreaterThan(0));
    for (const { line, code } of blocks) {
      const board = /^\/\/ board: (\w+)/.exec(code)?.[1] ?? 'puckjs';
      it(`the example at line ${line} builds for ${board}`, async () => {
        await expect(build(firmwareFile(code), { board }).then((r) => r.bytes)).resolves.toBeGreaterThan(0);
      });
    }
  });
}
