import * as acorn from 'acorn';
import { declaredIn, eachVariableReference, isFunction } from './scope-walk.js';

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
export function shareAsyncBodies(code: string): string {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as any;

  const shared: string[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  let counter = 0;

  // Enclosing function scopes (besides the module) of the node being visited.
  const visit = (node: any, enclosing: Set<string>[]) => {
    if (isFunction(node)) {
      const site = matchSite(node);
      if (site && edits.every((e) => node.start >= e.end || node.end <= e.start)) {
        const rewritten = rewrite(code, node, site, enclosing, () => `__coop_body_${++counter}`);
        if (rewritten) {
          shared.push(rewritten.shared);
          edits.push({ start: site.ret.start, end: site.ret.end, text: rewritten.call });
          return;
        }
      }
      const names = new Set<string>();
      for (const p of node.params) if (p.type === 'Identifier') names.add(p.name);
      declaredIn(node.body, names);
      if (node.type === 'FunctionExpression' && node.id) names.add(node.id.name);
      enclosing = [...enclosing, names];
    }
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === 'string') visit(child, enclosing);
      } else if (value && typeof value.type === 'string') {
        visit(value, enclosing);
      }
    }
  };
  visit(ast, []);
  if (edits.length === 0) return code;

  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  // Shared bodies go first, after the imports, so they exist before any call.
  const lastImport = [...ast.body].reverse().find((s: any) => s.type === 'ImportDeclaration');
  const at = lastImport ? lastImport.end : 0;
  const imports = /\bimport\s*\{[^}]*\b__frame\b/.test(out) ? '' : 'import { __frame, __go } from "tslib";\n';
  return out.slice(0, at) + '\n' + imports + shared.join('\n') + '\n' + out.slice(at);
}

interface Site {
  ret: any;
  self: any;
  body: any;
}

/** `function (params) { var …; return __async(SELF, function (_a) {…}); }`, nothing else. */
function matchSite(fn: any): Site | undefined {
  if (fn.type === 'ArrowFunctionExpression' || fn.body.type !== 'BlockStatement') return undefined;
  const stmts: any[] = fn.body.body;
  const ret = stmts[stmts.length - 1];
  if (!ret || ret.type !== 'ReturnStatement' || !ret.argument) return undefined;
  const call = ret.argument;
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== '__async') return undefined;
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

function rewrite(code: string, fn: any, site: Site, enclosing: Set<string>[], name: () => string) {
  const frameName: string = site.body.params[0].name;
  const locals = new Set<string>();
  for (const p of fn.params) locals.add(p.name);
  for (const s of fn.body.body.slice(0, -1)) if (s.type === 'VariableDeclaration') for (const d of s.declarations) locals.add(d.id.name);
  if (locals.has(frameName) || locals.has('arguments') || locals.has('__c')) return undefined;
  const ownName = fn.type === 'FunctionExpression' && fn.id ? fn.id.name : undefined;
  const outer = new Set<string>();
  for (const scope of enclosing) for (const n of scope) outer.add(n);

  const replacements: { start: number; end: number; text: string }[] = [];
  let blocked = false;
  eachVariableReference(site.body, (id, bound) => {
    const n = id.name;
    // Bound inside the state machine (its frame param, a nested function's names): not ours.
    if (bound.has(n)) return;
    if (locals.has(n)) {
      replacements.push({ start: id.start, end: id.end, text: `${frameName}.$${n}` });
    } else if (n === 'arguments' || outer.has(n) || n === ownName) {
      // Uses a variable of an enclosing function: it must stay a closure.
      blocked = true;
    }
  });
  if (blocked) return undefined;

  let body = code.slice(site.body.start, site.body.end);
  for (const r of replacements.sort((a, b) => b.start - a.start)) {
    body = body.slice(0, r.start - site.body.start) + r.text + body.slice(r.end - site.body.start);
  }
  const id = name();
  const self = code.slice(site.self.start, site.self.end);
  const copies = fn.params.map((p: any) => `__c.$${p.name} = ${p.name};`).join(' ');
  const call = copies
    ? `var __c = __frame(${self}, ${id}); ${copies} return __go(__c);`
    : `return __go(__frame(${self}, ${id}));`;
  return { shared: `var ${id} = ${body};`, call };
}
