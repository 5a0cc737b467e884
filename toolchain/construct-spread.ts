import * as acorn from 'acorn';
import { walk } from './ast-walk.js';
import type { ModuleNames } from './module-names.js';
import { spliceEdits, type Edit } from './text-edits.js';

/**
 * `new C(...args)` and `new C(await a, await b)` that pass their arguments
 * on Espruino.
 *
 * TypeScript's ES5 output builds such a call with a bound function:
 *
 *   new (C.bind.apply(C, [void 0, a, b]))()      // or: _a = C.bind; … new (_a.apply(C, _b))()
 *
 * and Espruino 2v29 drops a bound function's arguments when it is called
 * with `new` (C gets undefined, undefined; Node gives a, b). This rewrites
 * it to `__construct(C, [void 0, a, b])` (firmware/runtime/helpers.ts),
 * which calls `new C(a, b)` itself.
 */
export function constructSpread(code: string, names: ModuleNames): string {
  if (!/\.bind\b/.test(code)) return code;
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  // TypeScript's temporaries that hold `X.bind` (`_a = C.bind`).
  const bindTemps = new Set<string>();
  walk(ast, (n) => {
    if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && isBind(n.right)) bindTemps.add(n.left.name);
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init && isBind(n.init)) bindTemps.add(n.id.name);
  });
  const edits: Edit[] = [];
  walk(ast, (n) => {
    if (n.type !== 'NewExpression' || n.arguments.length !== 0) return;
    const call = n.callee;
    if (call.type !== 'CallExpression' || call.arguments.length !== 2) return;
    const fn = call.callee;
    if (fn.type !== 'MemberExpression' || fn.computed || fn.property.name !== 'apply') return;
    const bound = fn.object;
    if (!(isBind(bound) || (bound.type === 'Identifier' && bindTemps.has(bound.name)))) return;
    const [target, args] = call.arguments;
    edits.push({ start: n.start, end: n.end, text: `${names.helper('__construct')}(${code.slice(target.start, target.end)}, ${code.slice(args.start, args.end)})` });
  });
  return spliceEdits(code, edits);
}

const isBind = (n: any) => n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'bind';
