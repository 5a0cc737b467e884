import * as acorn from 'acorn';
import type { ModuleNames } from './module-names.js';
import { declaredIn, eachVariableReference, isFunction } from './scope-walk.js';
import { rewriteBottomUp, type Edit, type TextOf } from './text-edits.js';

/**
 * Makes the state machine of an async function one shared function instead
 * of a new closure per call.
 *
 * On Espruino every closure carries its own copy of its code (a small state
 * machine is ~11 JsVars, a larger one far more), so a task that keeps its
 * closure alive while it sleeps pays for its code again and again. After
 * flatten-async.ts, an async function looks like
 *
 *   function f(a) { var x; return __async(this, function (_a) { …a…x… }); }
 *
 * and when the state machine uses nothing from enclosing functions (only
 * its own locals, module-level names and globals) it becomes
 *
 *   var __coop_body_1 = function (_a) { …_a.$a…_a.$x… };     // at module top, once
 *   function f(a) { var __c = __frame(this, __coop_body_1); __c.$a = a; return __go(__c); }
 *
 * so the coroutine's own record (the frame) holds its locals and nothing
 * else is kept alive. Anything that does not fit this exact shape is left
 * as it is, still correct, just a closure.
 */
export function shareAsyncBodies(code: string, names: ModuleNames): string {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as any;
  const asyncName = names.importedAs('__async');
  if (asyncName === undefined) return code;
  const shared: string[] = [];

  // Names each function node declares, for the functions that enclose a site.
  const enclosingOf = new Map<any, Set<string>[]>();
  const collect = (node: any, enclosing: Set<string>[]) => {
    if (isFunction(node)) {
      enclosingOf.set(node, enclosing);
      const own = new Set<string>();
      for (const p of node.params) if (p.type === 'Identifier') own.add(p.name);
      declaredIn(node.body, own);
      if (node.type === 'FunctionExpression' && node.id) own.add(node.id.name);
      enclosing = [...enclosing, own];
    }
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === 'string') collect(child, enclosing);
      } else if (value && typeof value.type === 'string') {
        collect(value, enclosing);
      }
    }
  };
  collect(ast, []);

  // Innermost first: a nested async function is shared before the one around it, so a task
  // spawned from inside another task costs what a module-level one does.
  const out = rewriteBottomUp(code, ast, (node, _parent, textOf, inner) => {
    if (!isFunction(node)) return undefined;
    const site = matchSite(node, asyncName);
    if (!site) return undefined;
    const rewritten = rewrite(node, site, enclosingOf.get(node)!, names, textOf, inner);
    if (!rewritten) return undefined;
    shared.push(rewritten.shared);
    return textOf({ start: node.start, end: site.ret.start }) + rewritten.call + textOf({ start: site.ret.end, end: node.end });
  });
  if (shared.length === 0) return code;

  // Shared bodies go first, after the imports, so they exist before any call. (The imports lead
  // the module and the rewrites are all inside functions after them: their offsets still hold.)
  const lastImport = [...ast.body].reverse().find((s: any) => s.type === 'ImportDeclaration');
  const at = lastImport ? lastImport.end : 0;
  return out.slice(0, at) + '\n' + shared.join('\n') + '\n' + out.slice(at);
}

interface Site {
  ret: any;
  self: any;
  body: any;
}

/** `function (params) { var …; return __async(SELF, function (_a) {…}); }`, nothing else. */
function matchSite(fn: any, asyncName: string): Site | undefined {
  if (fn.type === 'ArrowFunctionExpression' || fn.body.type !== 'BlockStatement') return undefined;
  const stmts: any[] = fn.body.body;
  const ret = stmts[stmts.length - 1];
  if (!ret || ret.type !== 'ReturnStatement' || !ret.argument) return undefined;
  const call = ret.argument;
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== asyncName) return undefined;
  if (call.arguments.length !== 2 || call.arguments[1].type !== 'FunctionExpression') return undefined;
  const body = call.arguments[1];
  if (body.params.length !== 1 || body.params[0].type !== 'Identifier') return undefined;
  // Before the return: only `var x, y;` (no initializers) and TypeScript's default-parameter checks.
  for (const s of stmts.slice(0, -1)) {
    if (s.type === 'VariableDeclaration' && s.declarations.every((d: any) => d.id.type === 'Identifier' && d.init === null)) continue;
    if (isDefaultParamCheck(s)) continue;
    return undefined;
  }
  if (!fn.params.every((p: any) => p.type === 'Identifier')) return undefined;
  return { ret, self: call.arguments[0], body };
}

/** `if (a === void 0) { a = …; }`, with no functions inside. */
function isDefaultParamCheck(s: any): boolean {
  if (s.type !== 'IfStatement' || s.alternate) return false;
  const t = s.test;
  if (t.type !== 'BinaryExpression' || t.operator !== '===' || t.left.type !== 'Identifier') return false;
  let hasFunction = false;
  JSON.stringify(s, (k, v) => {
    if (v && typeof v === 'object' && typeof v.type === 'string' && isFunction(v)) hasFunction = true;
    return v;
  });
  return !hasFunction;
}

/**
 * The shared body's declaration and what f returns instead, or undefined
 * when the state machine uses a name of an enclosing function (it must stay
 * a closure). The frame parameter gets a module-fresh name: closures inside
 * the body read f's locals as `FRAME.$x`, and no nested function can have
 * a parameter of that name to shadow it.
 */
function rewrite(fn: any, site: Site, enclosing: Set<string>[], names: ModuleNames, textOf: TextOf, inner: readonly Edit[]) {
  const oldFrame: string = site.body.params[0].name;
  const locals = new Set<string>();
  for (const p of fn.params) locals.add(p.name);
  for (const s of fn.body.body.slice(0, -1)) if (s.type === 'VariableDeclaration') for (const d of s.declarations) locals.add(d.id.name);
  if (locals.has('arguments')) return undefined;
  const ownName = fn.type === 'FunctionExpression' && fn.id ? fn.id.name : undefined;
  const outer = new Set<string>();
  for (const scope of enclosing) for (const n of scope) outer.add(n);

  const frame = names.fresh('__f');
  const edits: Edit[] = [];
  let blocked = false;
  // References in the body's own block: the frame parameter itself is not bound there.
  eachVariableReference(site.body.body, (id, bound) => {
    const n = id.name;
    // Bound inside the state machine (a nested function's names): not ours.
    if (bound.has(n)) return;
    if (n === oldFrame) {
      edits.push({ start: id.start, end: id.end, text: frame });
    } else if (locals.has(n)) {
      edits.push({ start: id.start, end: id.end, text: `${frame}.$${n}` });
    } else if (n === 'arguments' || outer.has(n) || n === ownName) {
      // Uses a variable of an enclosing function: it must stay a closure.
      blocked = true;
    }
  });
  // A local read inside a nested function the pass already rewrote (its `this` or parameters) cannot be edited there.
  if (edits.some((e) => inner.some((i) => e.start >= i.start && e.end <= i.end))) blocked = true;
  if (blocked) return undefined;

  const id = names.fresh('__coop_body');
  const body = 'function (' + frame + ') ' + textOf(site.body.body, edits);
  const self = textOf(site.self);
  const make = `${names.helper('__frame')}(${self}, ${id})`;
  const go = names.helper('__go');
  let call: string;
  if (fn.params.length === 0) {
    call = `return ${go}(${make});`;
  } else {
    const c = names.fresh('__c');
    call = `var ${c} = ${make}; ${fn.params.map((p: any) => `${c}.$${p.name} = ${p.name};`).join(' ')} return ${go}(${c});`;
  }
  return { shared: `var ${id} = ${body};`, call };
}
