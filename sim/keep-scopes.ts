import * as acorn from 'acorn';

/**
 * The simulator's copy of a bundle, changed so that V8 keeps every local of
 * every enclosing call, as Espruino does, and the memory estimate can see them.
 *
 * Why: a closure on Espruino links to the whole scope of each enclosing call
 * (every parameter and `var`, src/jsparse.c jspeiGetScopesAsVar), so a local no
 * inner function reads still costs its name var and keeps its value alive.
 * V8 context-allocates only the variables inner functions use, so its
 * [[Scopes]] (closure-scopes.ts) missed the rest: blink's IIFE keeps the task
 * it spawned in a local (`Y=new i(…)`) that no closure reads.
 *
 * How: a function that contains a direct `eval` makes V8 keep every variable
 * of every enclosing scope (eval could name any of them). Each innermost
 * nested function gets a dead one at the end of its body:
 *
 *   before: function(t){return t.v}
 *   after:  function(t){return t.v;0&&eval("")}
 *
 * It never runs (`0&&`), so behaviour is unchanged; Function.prototype.toString
 * and the estimate's code sizes strip it again (stripKeepScopes). Only the
 * innermost functions carry it: one is enough for all the scopes around it.
 * Code that does not parse as ES5..ES2020 is left as it is.
 */
export const KEEP_SCOPES = ';0&&eval("")';

/**
 * `arguments` is an Array on Espruino (a copy made when code reads it:
 * `arguments.join('-')` works there), an array-like object in V8. A function
 * that reads it gets it as an Array first, in the simulator's copy only:
 *
 *   before: function(){return arguments.join("-")}
 *   after:  function(){arguments=Array.prototype.slice.call(arguments);return arguments.join("-")}
 *
 * (A copy, as Espruino's: writing arguments[0] no longer changes the parameter.)
 * Strict functions are left alone (they may not assign `arguments`).
 */
export const ARGUMENTS_AS_ARRAY = 'arguments=Array.prototype.slice.call(arguments);';

interface FnNode {
  type: string;
  body: { type: string; end: number };
  start: number;
  end: number;
}

/** `code` with the dead eval in each innermost nested function (see above). */
export function keepScopes(code: string): string {
  let ast: acorn.Node;
  try {
    ast = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script', allowReturnOutsideFunction: true });
  } catch {
    return code;
  }
  const inserts: number[] = [];
  // Walk with an explicit stack (no recursion: bundles nest deeply); each entry knows its function depth.
  // `own` is the nearest function that is not an arrow: whose `arguments` an arrow reads (sim/instrument.ts wraps call arguments in arrows).
  const stack: { node: unknown; depth: number; fn: FnNode | null; own: FnNode | null }[] = [{ node: ast, depth: 0, fn: null, own: null }];
  const hasInner = new Set<FnNode>();
  const nested: FnNode[] = [];
  const readsArguments = new Set<FnNode>();
  const strict = /^\s*["']use strict["']/.test(code);
  while (stack.length > 0) {
    const { node, depth, fn, own } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const n of node) stack.push({ node: n, depth, fn, own });
      continue;
    }
    const n = node as { type?: string };
    let d = depth;
    let f = fn;
    let o = own;
    if (n.type === 'Identifier' && (node as { name?: string }).name === 'arguments' && own) readsArguments.add(own);
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
      if (fn) hasInner.add(fn);
      f = node as FnNode;
      if (n.type !== 'ArrowFunctionExpression') o = f;
      if (depth > 0) nested.push(f);
      d = depth + 1;
    }
    for (const key in n) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      const v = (n as Record<string, unknown>)[key];
      if (v !== null && typeof v === 'object') stack.push({ node: v, depth: d, fn: f, own: o });
    }
  }
  for (const f of nested) {
    // Arrows with an expression body have no statement to add to; ES5 bundles have none.
    if (hasInner.has(f) || f.body.type !== 'BlockStatement') continue;
    inserts.push(f.body.end - 1);
  }
  const edits: [number, string][] = inserts.map((at) => [at, KEEP_SCOPES]);
  if (!strict) {
    for (const f of readsArguments) {
      const body = f.body as unknown as { start: number; body: { type: string; directive?: string }[] };
      if (body.body.some((st) => st.directive === 'use strict')) continue;
      edits.push([body.start + 1, ARGUMENTS_AS_ARRAY]);
    }
  }
  if (edits.length === 0) return code;
  edits.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [at, text] of edits) {
    out += code.slice(from, at) + text;
    from = at;
  }
  return out + code.slice(from);
}

/** A function's source text without what keepScopes added. */
export function stripKeepScopes(text: string): string {
  if (text.includes(KEEP_SCOPES)) text = text.split(KEEP_SCOPES).join('');
  return text.includes(ARGUMENTS_AS_ARRAY) ? text.split(ARGUMENTS_AS_ARRAY).join('') : text;
}
