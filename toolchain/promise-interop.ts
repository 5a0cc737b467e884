import * as acorn from 'acorn';
import { walk } from './ast-walk.js';
import type { ModuleNames } from './module-names.js';
import { declaredIn, eachVariableReference } from './scope-walk.js';
import { spliceEdits, type Edit } from './text-edits.js';

/**
 * Promise code that takes Coop's async results as JavaScript's takes
 * promises: `Promise.all`, `Promise.race`, `Promise.resolve`, `new Promise`,
 * and what `.then`/`.catch` callbacks return.
 *
 * A Coop async function returns its coroutine, a thenable, not a Promise.
 * Espruino's `Promise.all` (2v29, src/jswrap_promise.c) waits only for real
 * Promises and passes anything else through as a value, so
 *
 *   await Promise.all([f(1), f(2)])          // [object Object],[object Object]
 *
 * and its `Promise.resolve(thenable)` calls `then` without its object.
 * Espruino has no `Promise.race` at all, and a `.then` callback (or a
 * Promise executor's `resolve`) given a coroutine resolves to the coroutine
 * object, since Espruino adopts only a thenable whose own property is `then`
 * (a coroutine's is on its prototype). This rewrites the global
 * `Promise.all/race/resolve` (where `Promise` is not a name of the user's)
 * to Coop's helpers (firmware/runtime/promise-interop.ts), which turn every
 * thenable into a Promise first:
 *
 *   await __promiseAll([f(1), f(2)])         // [2,4]
 */
export function promiseInterop(code: string, names: ModuleNames): string {
  if (!/\bPromise\b[\s)]*\.\s*(all|race|resolve)\b|\.\s*(then|catch)\s*\(|\bnew\s+Promise\b/.test(code)) return code;
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const edits: Edit[] = [];
  // `x.then(f, g)` → `__then(x, f, g)`, `x.catch(g)` → `__catch(x, g)`: what f and g return is adopted even
  // when it is a Coop async result (Espruino adopts only a thenable whose *own* property is `then`).
  walk(ast, (n) => {
    if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || n.callee.computed) return;
    const method = n.callee.property.name;
    if (!((method === 'then' && n.arguments.length >= 1 && n.arguments.length <= 2) || (method === 'catch' && n.arguments.length === 1))) return;
    if (n.arguments.some((a: any) => a.type === 'SpreadElement') || n.callee.object.type === 'Super') return;
    edits.push({ start: n.start, end: n.callee.object.start, text: `${names.helper(method === 'then' ? '__then' : '__catch')}(` });
    edits.push({ start: n.callee.object.end, end: n.arguments[0].start, text: ', ' });
  });
  let parents: Map<any, any> | undefined;
  eachVariableReference(ast, (id, bound, parent) => {
    if (id.name !== 'Promise' || bound.has('Promise')) return;
    if (parent && parent.type === 'NewExpression' && parent.callee === id) {
      // `new Promise(executor)` → `__newPromise(executor)`: its resolve adopts Coop's async results too.
      edits.push({ start: parent.start, end: id.end, text: names.helper('__newPromise') });
      return;
    }
    if (parent && parent.type === 'MemberExpression' && parent.object === id && !parent.computed) {
      // `Promise.all`
      const helper = HELPERS[parent.property.name];
      if (helper) edits.push({ start: parent.start, end: parent.end, text: names.helper(helper) });
      return;
    }
    // TypeScript's form for a call with awaits in its arguments: `(_a = Promise).all` … `_b.apply(_a, [...])`.
    const member = parent && parent.type === 'AssignmentExpression' && parent.right === id ? (parents ??= parentsOf(ast)).get(parent) : undefined;
    if (member && member.type === 'MemberExpression' && member.object === parent && !member.computed) {
      const helper = HELPERS[member.property.name];
      if (helper) edits.push({ start: member.start, end: member.end, text: `(${code.slice(parent.start, parent.end)}, ${names.helper(helper)})` });
    }
  }, topLevelNames(ast));
  return spliceEdits(code, edits);
}

const HELPERS: Record<string, string> = { all: '__promiseAll', race: '__promiseRace', resolve: '__promiseResolve' };

/** Each node's parent. */
function parentsOf(ast: any): Map<any, any> {
  const parents = new Map<any, any>();
  walk(ast, (n, parent) => { if (parent) parents.set(n, parent); });
  return parents;
}

/** Names the module declares at top level (vars, functions, imports): a user's own `Promise` shadows the global. */
function topLevelNames(ast: any): Set<string> {
  const names = declaredIn(ast, new Set<string>());
  for (const s of ast.body) if (s.type === 'ImportDeclaration') for (const sp of s.specifiers) names.add(sp.local.name);
  return names;
}
