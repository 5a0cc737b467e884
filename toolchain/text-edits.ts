/**
 * One way to change source text by positions found in its AST: collect the
 * edits, then splice them all at once, so no edit shifts another's offsets.
 */

/** Replace `text[start, end)` with `text`; an insertion has start === end. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * `source` with every edit applied. Offsets are into `source` plus `base`
 * (pass a node's start to edit a slice of the module by module offsets).
 * Edits must not overlap; insertions at one spot keep their given order
 * and come before a replacement that starts there.
 */
export function spliceEdits(source: string, edits: readonly Edit[], base = 0): string {
  if (edits.length === 0) return source;
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i).map((x) => x.e);
  let out = '';
  let last = 0;
  for (const e of sorted) {
    const start = e.start - base;
    if (start < last) throw new Error(`coop build: overlapping edits at ${e.start} (a toolchain bug)`);
    out += source.slice(last, start) + e.text;
    last = e.end - base;
  }
  return out + source.slice(last);
}

/** Gives a node's text with the rewrites already made below it, plus `extra` edits (module offsets). */
export type TextOf = (node: { start: number; end: number }, extra?: readonly Edit[]) => string;

/**
 * Rewrites nodes innermost first: `rewrite` sees each node (after all its
 * descendants) and may return the node's new text, built from `textOf`,
 * which already holds what was rewritten inside it. So a pass that matches
 * nested shapes (an async function inside an async function) handles each
 * one once, in one parse, and the outer rewrite carries the inner ones.
 * `inner` lists the rewrites below the node (module offsets).
 */
export function rewriteBottomUp(
  code: string,
  root: any,
  rewrite: (node: any, parent: any, textOf: TextOf, inner: readonly Edit[]) => string | undefined,
): string {
  const visit = (node: any, parent: any): Edit[] => {
    const edits: Edit[] = [];
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === 'string') edits.push(...visit(child, node));
      } else if (value && typeof value.type === 'string') {
        edits.push(...visit(value, node));
      }
    }
    const textOf: TextOf = (n, extra = []) =>
      spliceEdits(code.slice(n.start, n.end), [...edits.filter((e) => e.start >= n.start && e.end <= n.end), ...extra], n.start);
    const text = rewrite(node, parent, textOf, edits);
    return text === undefined ? edits : [{ start: node.start, end: node.end, text }];
  };
  return spliceEdits(code, visit(root, null));
}
