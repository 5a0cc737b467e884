import * as acorn from 'acorn';
import { walk } from './ast-walk.js';
import type { ModuleNames } from './module-names.js';
import { spliceEdits, type Edit } from './text-edits.js';

/**
 * `class MyErr extends Error` that stays a `MyErr`.
 *
 * TypeScript's ES5 classes call the parent constructor as a function:
 *
 *   function MyErr(m) { var _this = _super.call(this, m) || this; … return _this; }
 *
 * A class parent returns nothing there, so `this` is the instance. A
 * built-in such as `Error` returns a fresh object of its own instead, so the
 * instance becomes a plain `Error`: `e instanceof MyErr` is false and MyErr's
 * methods are missing (in Node and on Espruino alike). This rewrites each
 * such call to
 *
 *   var _this = __superCall(_super, _super.call(this, m), this);
 *
 * and the helper (firmware/runtime/helpers.ts) gives a fresh built-in
 * instance the prototype of `this`, as `new MyErr()` would have made it.
 * Anything else returns what `… || this` returned.
 */
export function builtinSubclass(code: string, names: ModuleNames): string {
  if (!/\b__extends\(/.test(code)) return code;
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  // The names TypeScript gives a class's parent: `__extends(C, _super)`.
  const parents = new Set<string>();
  walk(ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === '__extends' &&
        n.arguments.length === 2 && n.arguments[1].type === 'Identifier') parents.add(n.arguments[1].name);
  });
  const edits: Edit[] = [];
  walk(ast, (n) => {
    if (n.type !== 'LogicalExpression' || n.operator !== '||' || n.right.type !== 'ThisExpression') return;
    // `_super.call(this, …)`, `_super.apply(this, …)` or `_super !== null && _super.apply(this, arguments)`.
    const call = n.left.type === 'LogicalExpression' && n.left.operator === '&&' ? n.left.right : n.left;
    if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.callee.computed) return;
    const parent = call.callee.object;
    if (parent.type !== 'Identifier' || !parents.has(parent.name)) return;
    if (!['call', 'apply'].includes(call.callee.property.name) || call.arguments[0]?.type !== 'ThisExpression') return;
    edits.push({ start: n.start, end: n.end, text: `${names.helper('__superCall')}(${parent.name}, ${code.slice(n.left.start, n.left.end)}, this)` });
  });
  return spliceEdits(code, edits);
}
