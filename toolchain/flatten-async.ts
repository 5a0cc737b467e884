import * as acorn from 'acorn';
import { inlineAwaits } from './inline-awaits.js';
import { walk } from './ast-walk.js';

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
 * exact shape above is rewritten, and only when no name would clash; any
 * other shape is left to the ordinary `__awaiter` path, which is correct too.
 * The body then goes through inline-awaits.ts.
 */
export function flattenAsync(code: string): string {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const edits: { start: number; end: number; text: string }[] = [];
  walk(ast, (node) => {
    if (node.type !== 'FunctionDeclaration' && node.type !== 'FunctionExpression') return;
    const fn = node as any;
    const body: any[] = fn.body.body;
    const last = body[body.length - 1];
    if (!last || last.type !== 'ReturnStatement' || !last.argument) return;
    const call = last.argument;
    if (!isCallTo(call, '__awaiter') || call.arguments.length !== 4) return;
    const [self, args, promise, inner] = call.arguments;
    if (!isVoid0(args) || !isVoid0(promise)) return;
    if (inner.type !== 'FunctionExpression' || inner.params.length !== 0 || inner.async || inner.generator) return;
    const innerBody: any[] = inner.body.body;
    const ret = innerBody[innerBody.length - 1];
    if (!ret || ret.type !== 'ReturnStatement' || !ret.argument || !isCallTo(ret.argument, '__generator')) return;
    const gen = ret.argument;
    if (gen.arguments.length !== 2 || gen.arguments[0].type !== 'ThisExpression' || gen.arguments[1].type !== 'FunctionExpression') return;
    // The statements moved out must only declare names f does not already use.
    const moved = innerBody.slice(0, -1);
    if (!moved.every((s) => s.type === 'VariableDeclaration' && s.kind === 'var' || s.type === 'FunctionDeclaration')) return;
    const movedNames = new Set<string>();
    for (const s of moved) {
      if (s.type === 'FunctionDeclaration') movedNames.add(s.id.name);
      else for (const d of s.declarations) if (d.id.type === 'Identifier') movedNames.add(d.id.name); else return;
    }
    const outerNames = new Set<string>(['arguments']);
    for (const p of fn.params) if (p.type === 'Identifier') outerNames.add(p.name); else return;
    for (const s of body.slice(0, -1)) declaredBy(s, outerNames);
    if (fn.id) outerNames.add(fn.id.name);
    for (const n of movedNames) if (outerNames.has(n)) return;
    // `this` inside the middle function is `self`; `arguments` there would differ.
    if (usesArguments(inner.body)) return;
    // Moved statements run in f, where `this` is f's own: only the same when self is `this`.
    if (self.type !== 'ThisExpression' && moved.some((m: any) => usesThis(m))) return;
    const selfText = code.slice(self.start, self.end);
    const movedText = moved.map((s: any) => code.slice(s.start, s.end)).join('\n');
    const bodyFn = gen.arguments[1];
    if (bodyFn.params.length !== 1 || bodyFn.params[0].type !== 'Identifier') return;
    const replacement = (movedText ? movedText + '\n' : '') + `return __async(${selfText}, ${inlineAwaits(thisToFrame(code, bodyFn))});`;
    edits.push({ start: last.start, end: last.end, text: replacement });
  });
  if (edits.length === 0) return code;
  // Nested matches: keep only outermost-free edits (inner ones are inside replaced text).
  edits.sort((a, b) => a.start - b.start);
  const kept: typeof edits = [];
  for (const e of edits) {
    const outer = kept.find((k) => e.start >= k.start && e.end <= k.end);
    if (!outer) kept.push(e);
  }
  let out = code;
  for (const e of kept.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  // Nested async functions inside a replaced body were skipped this round; go again.
  if (kept.length < edits.length) out = flattenAsync(out);
  if (!/\bimport\s*\{[^}]*\b__async\b/.test(out)) out = `import { __async } from "tslib";\n` + out;
  // TypeScript's `_a.trys.push(…)`, on the field itself: a getter on every frame costs memory.
  out = out.replace(/\b(_[a-z0-9]{1,2})\.trys\.push\(/g, '($1.t || ($1.t = [])).push(');
  if (/\b__park\(/.test(out) && !/\bimport\s*\{[^}]*\b__park\b/.test(out)) out = `import { __park } from "tslib";\n` + out;
  return out;
}

/**
 * The body's text with `this` (outside nested functions) read from the
 * frame, `f.s`: the executor calls bodies as `b(f)`, without `.call`,
 * which is slow on Espruino.
 */
function thisToFrame(code: string, bodyFn: any): string {
  const frame = bodyFn.params[0].name;
  const spots: number[][] = [];
  walk(bodyFn.body, (n) => {
    if (n.type === 'ThisExpression') spots.push([n.start, n.end]);
  }, (n) => n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration');
  let text = code.slice(bodyFn.start, bodyFn.end);
  for (const [a, b] of spots.sort((x, y) => y[0] - x[0])) {
    text = text.slice(0, a - bodyFn.start) + `${frame}.s` + text.slice(b - bodyFn.start);
  }
  return text;
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
