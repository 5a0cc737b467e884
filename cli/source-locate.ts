import * as acorn from 'acorn';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import { displayPath } from '../toolchain/bundle-firmware.js';

/**
 * Where a place in the bundle came from in the TypeScript the user wrote,
 * for messages such as "task 'spinner' did not return to the event loop for 10.000 s of board time at src/main.ts:14".
 *
 * Why this way: the bundle has no source map (TypeScript → Coop's passes →
 * rollup → terser → passes again, most of which rewrite text without one).
 * What survives all of them is the shape of the code: keywords, operators,
 * literals and property names, in order; only local names are mangled. So
 * the tokens around the place are aligned with each source file's tokens
 * (Smith–Waterman local alignment, local names as one wildcard), and the
 * source token aligned with the place gives the line:
 *
 *   bundle:  …if(__sleep(e,250,1))return;for(;;)it++;…      (the place: `for`)
 *   source:  …await sleep(250);\n  while (true) {\n    i++;   → main.ts:14 (`while`)
 *
 * A guess with evidence, not a mapping: it says nothing when the best
 * alignment is too weak.
 */

/** Tokens of bundle context taken before and after the place. */
const BEFORE = 80;
const AFTER = 30;
/** Weakest alignment score accepted (an exact literal or property scores 3, any other token 2: a few statements). */
const MIN_SCORE = 12;

interface Tok {
  key: string;
  pos: number;
}

/** A function from a bundle offset to 'file.ts:line', over `entry` and the local modules it imports. */
export function sourceLocator(bundle: string, entry: string): (offset: number) => string | undefined {
  let bundleTokens: Tok[] | undefined;
  let sources: { file: string; text: string; tokens: Tok[] }[] | undefined;
  return (offset) => {
    try {
      bundleTokens ??= jsTokens(bundle);
      sources ??= localModules(entry).map((file) => {
        const text = readFileSync(file, 'utf8');
        return { file, text, tokens: tsTokens(text) };
      });
      let at = bundleTokens.findIndex((t) => t.pos >= offset);
      if (at < 0) return undefined;
      const from = Math.max(0, at - BEFORE);
      const window = bundleTokens.slice(from, at + AFTER);
      at -= from;
      let best: { score: number; file: string; text: string; pos: number } | undefined;
      for (const s of sources) {
        const r = align(window, s.tokens, at);
        if (r && (!best || r.score > best.score)) best = { score: r.score, file: s.file, text: s.text, pos: r.pos };
      }
      if (!best || best.score < MIN_SCORE) return undefined;
      return `${displayPath(best.file)}:${lineOf(best.text, best.pos)}`;
    } catch {
      return undefined;
    }
  };
}

/** The entry and every .ts module it imports by a relative path, transitively. */
function localModules(entry: string): string[] {
  const seen = new Set<string>();
  const todo = [resolve(entry)];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const base = resolve(dirname(file), m[1]);
      const found = [base, base.replace(/\.js$/, '.ts'), base + '.ts', resolve(base, 'index.ts')].find((c) => c.endsWith('.ts') && existsSync(c));
      if (found) todo.push(found);
    }
  }
  return [...seen];
}

/** The bundle's tokens (ES5 JavaScript), normalised. */
function jsTokens(code: string): Tok[] {
  const out: Tok[] = [];
  let prev = '';
  for (const t of acorn.tokenizer(code, { ecmaVersion: 2020, allowReturnOutsideFunction: true })) {
    const label = t.type.label;
    const value = (t as unknown as { value: unknown }).value;
    let key: string;
    if (label === 'name') key = prev === '.' ? `.${value}` : 'I';
    else if (label === 'string') key = `S${value}`;
    else if (label === 'num') key = `N${Number(value)}`;
    else key = normalKeyword(code.slice(t.start, t.end));
    out.push({ key, pos: t.start });
    prev = key;
  }
  return out;
}

/** A TypeScript file's tokens, normalised as the bundle's. */
function tsTokens(text: string): Tok[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const out: Tok[] = [];
  let prev = '';
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const value = scanner.getTokenValue();
    let key: string;
    if (kind === ts.SyntaxKind.Identifier) key = prev === '.' ? `.${value}` : 'I';
    else if (kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) key = `S${value}`;
    else if (kind === ts.SyntaxKind.NumericLiteral) key = `N${Number(value)}`;
    else key = normalKeyword(scanner.getTokenText());
    out.push({ key, pos: scanner.getTokenStart() });
    prev = key;
  }
  return out;
}

/** One key for what terser and the toolchain turn into each other: `let`/`const` → `var`, `while (true)` → `for (;;)`. */
function normalKeyword(text: string): string {
  if (text === 'let' || text === 'const') return 'var';
  if (text === 'while' || text === 'for') return 'loop';
  return text;
}

/** Score of aligning two keys: an exact literal or property 3, another exact token 2, a mismatch -1. */
function pair(ak: string, bk: string): number {
  if (ak !== bk) return -1;
  return ak.length > 1 && (ak[0] === 'S' || ak[0] === 'N' || ak[0] === '.') ? 3 : 2;
}

/**
 * Local alignment scores (Smith–Waterman; gaps as below): `H[i][j]` is the best
 * alignment of a suffix of a[0..i) with a suffix of b[0..j), as a flat array.
 */
function localScores(a: string[], b: string[]): Int32Array {
  const w = b.length + 1;
  const H = new Int32Array((a.length + 1) * w);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      // Skipping a bundle token is free (the toolchain adds state-machine code around the user's);
      // skipping a source token costs 1 (types, `await`, names the bundle lost).
      H[i * w + j] = Math.max(0, H[(i - 1) * w + j - 1] + pair(a[i - 1], b[j - 1]), H[(i - 1) * w + j], H[i * w + j - 1] - 1);
    }
  }
  return H;
}

/**
 * The source token the bundle window's token `a[at]` aligns with: the one
 * maximising (best alignment of the context before, ending just before the
 * pair) + (the pair) + (best alignment of the context after, starting just
 * after it), so the place itself is always in the alignment.
 */
function align(a: Tok[], b: Tok[], at: number): { score: number; pos: number } | undefined {
  const m = b.length;
  if (a.length === 0 || m === 0) return undefined;
  const w = m + 1;
  const keysB = b.map((t) => t.key);
  const before = localScores(a.slice(0, at).map((t) => t.key), keysB);
  const after = localScores(a.slice(at + 1).map((t) => t.key).reverse(), [...keysB].reverse());
  const na = at;
  const nr = a.length - at - 1;
  let best = -Infinity;
  let pos = 0;
  // A loop in the bundle comes from a loop in the source (terser may move its initialiser into the
  // header, which would otherwise pull the match before it): only loops are candidates then.
  const loopsOnly = (a[at].key === 'loop' || a[at].key === 'do') && b.some((t) => t.key === 'loop' || t.key === 'do');
  for (let j = 0; j < m; j++) {
    if (loopsOnly && b[j].key !== 'loop' && b[j].key !== 'do') continue;
    // before: a[0..at) against b[0..j); after: reversed a(at..] against reversed b(j..].
    const score = before[na * w + j] + pair(a[at].key, b[j].key) + after[nr * w + (m - 1 - j)];
    if (score > best) {
      best = score;
      pos = b[j].pos;
    }
  }
  return { score: best, pos };
}

/** 1-based line of an offset. */
function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let k = 0; k < pos && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}
