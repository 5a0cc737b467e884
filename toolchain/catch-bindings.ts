import ts from 'typescript';

/**
 * A catch parameter keeps one binding per catch, as in JavaScript: a source
 * rewrite made before TypeScript reads a file.
 *
 * TypeScript's ES5 state machines hoist a catch parameter of an async
 * function to one variable of the whole function (`e_1 = _a.sent()`), so
 * closures made in different runs of the same catch block (one per loop
 * iteration) all see the last error (TypeScript's own ES5 output does this
 * with stock tslib too):
 *
 *   for (const m of ['one', 'two']) {
 *     try { await fail(m); } catch (e) { await sleep(1); fs.push(() => e.message); }
 *   }                                          // native: one, two   ES5: two, two
 *
 * A `const` declared in the block is a per-iteration binding TypeScript does
 * keep (the loop body becomes a `_loop_1` function), so such a catch is
 * rewritten, on the same line so line numbers hold, to
 *
 *   catch (e_caught) { const e = e_caught; await sleep(1); fs.push(() => e.message); }
 *
 * Only catch blocks of async functions that await and whose parameter a
 * nested function reads: elsewhere TypeScript keeps a real catch clause.
 * (A TypeScript transformer cannot do it: the loop's per-iteration
 * treatment is decided by the type checker, which has run by then.)
 */
export function rewriteCatchBindings(text: string, fileName: string): string {
  if (!/\bcatch\s*\(/.test(text) || !/\bawait\b/.test(text)) return text;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES5, true);
  const edits: { at: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCatchClause(node) && node.variableDeclaration && ts.isIdentifier(node.variableDeclaration.name) &&
        inAsyncFunction(node) && awaitsIn(node.block) && capturedIn(node.block, node.variableDeclaration.name.text)) {
      const id = node.variableDeclaration.name;
      let fresh = `${id.text}_caught`;
      for (let i = 1; new RegExp(`\\b${fresh}\\b`).test(text); i++) fresh = `${id.text}_caught${i}`;
      edits.push({ at: id.getStart(sf), end: id.getEnd(), text: fresh });
      const open = node.block.getStart(sf) + 1;
      edits.push({ at: open, end: open, text: ` const ${id.text} = ${fresh};` });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let out = text;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}

function inAsyncFunction(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) return (ts.getCombinedModifierFlags(p as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
  }
  return false;
}

/** An await in `node`, outside nested functions. */
function awaitsIn(node: ts.Node): boolean {
  let found = false;
  const look = (n: ts.Node) => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isAwaitExpression(n)) found = true;
    else ts.forEachChild(n, look);
  };
  ts.forEachChild(node, look);
  return found;
}

/** `name` read inside a function nested in `node`. */
function capturedIn(node: ts.Node, name: string): boolean {
  let found = false;
  const look = (n: ts.Node, nested: boolean) => {
    if (found) return;
    if (nested && ts.isIdentifier(n) && n.text === name) found = true;
    ts.forEachChild(n, (c) => look(c, nested || ts.isFunctionLike(n)));
  };
  look(node, false);
  return found;
}
