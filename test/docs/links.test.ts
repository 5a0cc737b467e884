/** The docs hang together: the index lists every page, and every relative link points at a file that is there. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pages = readdirSync('docs').filter((f) => f.endsWith('.md'));

describe('docs', () => {
  it('docs/README.md links every page', () => {
    const index = readFileSync('docs/README.md', 'utf8');
    for (const page of pages.filter((p) => p !== 'README.md')) expect(index, `docs/README.md should link ${page}`).toContain(`](${page})`);
  });

  for (const page of ['README.md', ...pages.map((p) => join('docs', p))]) {
    it(`${page}: relative links point at files that exist`, () => {
      const text = readFileSync(page, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const path = join(dirname(page), target.split('#')[0]);
        expect(existsSync(path), `${page} links ${target}, which is not there`).toBe(true);
      }
    });
  }
});
