import * as acorn from 'acorn';
import { isFunction, walk } from './ast-walk.js';

/**
 * Espruino does not hoist `var` either: a var exists only once its
 * declaration statement has run. Until then an assignment to the name
 * writes an outer variable (or a global), and a read throws "not defined".
 * Minifiers rely on hoisting freely (terser's inlining emits
 * `return f(t = …), t; var t`), so after minifying, every function whose
 * vars are used before their declaration runs gets a `var a, b;` at its top.
 */

export interface UnhoistedVar {
  name: string;
  /** The function whose scope it belongs to. */
  fn: acorn.Node;
  /** First use before the declaration has surely run. */
  use: acorn.Node;
}

type Fn = acorn.Node & { params: any[]; body: any };

/** Vars that a function uses before their declaration is certain to have run. */
export function findUnhoistedVars(ast: acorn.Node): UnhoistedVar[] {
  const found: UnhoistedVar[] = [];
  walk(ast, (node) => {
    if (!isFunction(node)) return;
    const fn = node as Fn;
    if (fn.body.type !== 'BlockStatement') return;
    const params = new Set<string>();
    for (const p of fn.params) if (p.type === 'Identifier') params.add(p.name);
    // Where each var is declared for sure: a direct statement of the body, by position.
    const sure = new Map<string, number>();
    const anywhere = new Set<string>();
    for (const stmt of fn.body.body) {
      eachVarDecl(stmt, (name, decl, direct) => {
        anywhere.add(name);
        if (direct && !sure.has(name)) sure.set(name, decl.start);
      });
    }
    for (const name of params) anywhere.delete(name);
    if (anywhere.size === 0) return;
    const reported = new Set<string>();
    eachReference(fn.body, (id) => {
      const name = (id as any).name;
      if (!anywhere.has(name) || reported.has(name)) return;
      const at = sure.get(name);
      if (at === undefined || id.start < at) {
        reported.add(name);
        found.push({ name, fn, use: id });
      }
    });
  });
  return found;
}

/** Add `var a, b;` at the top of each function that uses vars before declaring them. */
export function hoistVarDeclarations(code: string): string {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true });
  const byFn = new Map<acorn.Node, Set<string>>();
  for (const u of findUnhoistedVars(ast)) {
    if (!byFn.has(u.fn)) byFn.set(u.fn, new Set());
    byFn.get(u.fn)!.add(u.name);
  }
  const inserts = [...byFn].map(([fn, names]) => ({ at: (fn as Fn).body.start + 1, text: `var ${[...names].join(',')};` }));
  inserts.sort((a, b) => b.at - a.at);
  let out = code;
  for (const i of inserts) out = out.slice(0, i.at) + i.text + out.slice(i.at);
  return out;
}


/**
 * Every `var` declarator in `stmt` (not in nested functions); `direct` when
 * it certainly runs as the statement runs: the statement itself is the
 * declaration, or it is a for-loop's init.
 */
function eachVarDecl(stmt: any, fn: (name: string, decl: acorn.Node, direct: boolean) => void) {
  if (isFunction(stmt)) return;
  const directDecl =
    stmt.type === 'VariableDeclaration' ? stmt
    : (stmt.type === 'ForStatement' && stmt.init && stmt.init.type === 'VariableDeclaration') ? stmt.init
    : (stmt.type === 'ForInStatement' || stmt.type === 'ForOfStatement') && stmt.left.type === 'VariableDeclaration' ? stmt.left
    : undefined;
  walk(stmt, (n) => {
    if (n.type !== 'VariableDeclaration' || (n as any).kind !== 'var') return;
    for (const d of (n as any).declarations) {
      if (d.id.type === 'Identifier') fn(d.id.name, d, n === directDecl);
    }
  }, isFunction);
}

/** Identifiers used as variables in `node`, in source order, including inside nested functions (closures see the var too). */
function eachReference(node: acorn.Node, fn: (id: acorn.Node) => void) {
  walk(node, (n, parent) => {
    if (n.type !== 'Identifier') return;
    const p = parent as any;
    if (p && p.type === 'MemberExpression' && p.property === n && !p.computed) return;
    if (p && (p.type === 'Property' || p.type === 'MethodDefinition') && p.key === n && !p.computed && !p.shorthand) return;
    if (p && p.type === 'VariableDeclarator' && p.id === n) return;
    if (p && isFunction(p) && (p.id === n || p.params.includes(n))) return;
    if (p && (p.type === 'LabeledStatement' || p.type === 'BreakStatement' || p.type === 'ContinueStatement')) return;
    if (p && p.type === 'CatchClause' && p.param === n) return;
    fn(n);
  });
}

