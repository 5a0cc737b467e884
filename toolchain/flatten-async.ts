import * as acorn from 'acorn';
import { walk } from './ast-walk.js';
import type { ModuleNames } from './module-names.js';
import { eachVariableReference } from './scope-walk.js';
import { rewriteBottomUp, type Edit } from './text-edits.js';

/**
 * Removes one closure level from every compiled async function.
 *
 * TypeScript's ES5 output for `async function f(a) { let x; … }` is
 *
 *   function f(a) {
 *     return __awaiter(this, void 0, void 0, function () {
 *       var x;
 *       return __generator(this, function (_a) { switch (_a.label) { … } });
 *     });
 *   }
 *
 * and the state-machine closure keeps both enclosing scopes alive for as
 * long as the task lives. On Espruino each kept scope costs JsVars for every
 * sleeping task, so this rewrites it to
 *
 *   function f(a) {
 *     var x;
 *     return __async(this, function (_a) { switch (_a.label) { … } });
 *   }
 *
 * which means the same: the middle function is called exactly once, at
 * once, with no arguments, so its locals can live in `f`'s scope. Only the
 * exact shape above is rewritten, and only when no name would clash (a
 * moved var must not capture a name f declares or reads); any other shape
 * is left to the ordinary `__awaiter` path, which is correct too.
 */
export function flattenAsync(code: string, names: ModuleNames): string {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  let changed = false;
  const out = rewriteBottomUp(code, ast, (node, _parent, textOf) => {
    if (node.type !== 'FunctionDeclaration' && node.type !== 'FunctionExpression') return undefined;
    const fn = node as any;
    const body: any[] = fn.body.body;
    const last = body[body.length - 1];
    if (!last || last.type !== 'ReturnStatement' || !last.argument) return undefined;
    const call = last.argument;
    if (!isCallTo(call, '__awaiter') || call.arguments.length !== 4) return undefined;
    const [self, args, promise, inner] = call.arguments;
    if (!isVoid0(args) || !isVoid0(promise)) return undefined;
    if (inner.type !== 'FunctionExpression' || inner.params.length !== 0 || inner.async || inner.generator) return undefined;
    const innerBody: any[] = inner.body.body;
    const ret = innerBody[innerBody.length - 1];
    if (!ret || ret.type !== 'ReturnStatement' || !ret.argument || !isCallTo(ret.argument, '__generator')) return undefined;
    const gen = ret.argument;
    if (gen.arguments.length !== 2 || gen.arguments[0].type !== 'ThisExpression' || gen.arguments[1].type !== 'FunctionExpression') return undefined;
    // The statements moved out must only declare names f does not already use.
    const moved = innerBody.slice(0, -1);
    if (!moved.every((s) => s.type === 'VariableDeclaration' && s.kind === 'var' || s.type === 'FunctionDeclaration')) return undefined;
    const movedNames = new Set<string>();
    for (const s of moved) {
      if (s.type === 'FunctionDeclaration') movedNames.add(s.id.name);
      else for (const d of s.declarations) if (d.id.type === 'Identifier') movedNames.add(d.id.name); else return undefined;
    }
    // Names f declares or reads outside the middle function: a moved var of the same name would capture them.
    const outerNames = new Set<string>(['arguments']);
    for (const p of fn.params) if (p.type === 'Identifier') outerNames.add(p.name); else return undefined;
    for (const s of body.slice(0, -1)) {
      declaredBy(s, outerNames);
      eachVariableReference(s, (id) => { outerNames.add(id.name); });
    }
    eachVariableReference(self, (id) => { outerNames.add(id.name); });
    if (fn.id) outerNames.add(fn.id.name);
    for (const n of movedNames) if (outerNames.has(n)) return undefined;
    // `this` inside the middle function is `self`; `arguments` there would differ.
    if (usesArguments(inner.body)) return undefined;
    // Moved statements run in f, where `this` is f's own: only the same when self is `this`.
    if (self.type !== 'ThisExpression' && moved.some((m: any) => usesThis(m))) return undefined;
    const bodyFn = gen.arguments[1];
    if (bodyFn.params.length !== 1 || bodyFn.params[0].type !== 'Identifier') return undefined;
    const movedText = moved.map((s: any) => textOf(s)).join('\n');
    const replacement = (movedText ? movedText + '\n' : '') +
      `return ${names.helper('__async')}(${textOf(self)}, ${textOf(bodyFn, thisToFrame(bodyFn))});`;
    changed = true;
    return textOf({ start: fn.start, end: last.start }) + replacement + textOf({ start: last.end, end: fn.end });
  });
  return changed ? out : code;
}

/**
 * Edits that make the body read `this` (outside nested functions) from the
 * frame, `f.s`: the executor calls bodies as `b(f)`, without `.call`,
 * which is slow on Espruino.
 */
function thisToFrame(bodyFn: any): Edit[] {
  const frame = bodyFn.params[0].name;
  const edits: Edit[] = [];
  walk(bodyFn.body, (n) => {
    if (n.type === 'ThisExpression') edits.push({ start: n.start, end: n.end, text: `${frame}.s` });
  }, (n) => n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration');
  return edits;
}

function usesThis(node: any): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'ThisExpression') found = true;
  }, (n) => n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration');
  return found;
}

const isVoid0 = (n: any) => n.type === 'UnaryExpression' && n.operator === 'void' && n.argument.type === 'Literal' && n.argument.value === 0;
const isCallTo = (n: any, name: string) => n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === name;

function declaredBy(s: any, names: Set<string>) {
  if (s.type === 'FunctionDeclaration') names.add(s.id.name);
  if (s.type === 'VariableDeclaration') for (const d of s.declarations) if (d.id.type === 'Identifier') names.add(d.id.name);
}

/** Does `node` use `arguments` outside nested non-arrow functions? */
function usesArguments(node: any): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'Identifier' && (n as any).name === 'arguments') found = true;
  }, (n) => n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration');
  return found;
}
