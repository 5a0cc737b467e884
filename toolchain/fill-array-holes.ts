import * as acorn from 'acorn';
import { walk } from './ast-walk.js';
import type { ModuleNames } from './module-names.js';
import { rewriteBottomUp } from './text-edits.js';

/**
 * Espruino parses an array hole (`[1, , 2]`) when it runs it, but not when it
 * skips over it: `switch (x) { case 0: a = [1, , 2]; … case 1: … }` entered at
 * `case 1` throws "SyntaxError: Got ',' expected EOF" (Espruino 2v29, Linux
 * build). TypeScript's async state machines write holes for every try
 * block (`_a.trys.push([1, 3, , 4])`), and a resumed coroutine skips the
 * cases before its label, so every `try` in async code would fail on a
 * board. This writes `void 0` into each hole; nothing reads the difference.
 */
export function fillArrayHoles(code: string): string {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true });
  const inserts: number[] = [];
  walk(ast, (node) => {
    if (node.type !== 'ArrayExpression') return;
    const elements = (node as any).elements as (acorn.Node | null)[];
    // Each hole sits just before the next comma after the previous element (or the '[').
    let from = node.start + 1;
    for (const el of elements) {
      if (el === null) {
        const comma = nextComma(code, from);
        inserts.push(comma);
        from = comma + 1;
      } else {
        from = el.end;
        // Step past the comma that follows this element.
        const comma = nextComma(code, from);
        if (comma < node.end) from = comma + 1;
      }
    }
  });
  if (inserts.length === 0) return code;
  let out = '';
  let last = 0;
  for (const at of inserts.sort((a, b) => a - b)) {
    out += code.slice(last, at) + 'void 0';
    last = at;
  }
  return out + code.slice(last);
}

/** The next ',' at or after `from`, skipping whitespace and comments (holes hold nothing else). */
function nextComma(code: string, from: number): number {
  let i = from;
  while (i < code.length) {
    const c = code[i];
    if (c === ',') return i;
    if (code.startsWith('/*', i)) i = code.indexOf('*/', i + 2) + 2;
    else if (code.startsWith('//', i)) i = code.indexOf('\n', i + 2) + 1;
    else i++;
  }
  return code.length;
}

/**
 * The module pass, before terser: holes that mean something keep meaning it.
 * TypeScript's try-block tables (`_a.trys.push([1, 3, , 4])`) are read only
 * by position, so their holes become `void 0`; a user's own hole becomes a
 * real one without the syntax Espruino cannot skip: `[1, , 3]` →
 * `__holes([1, void 0, 3], [1])`, which deletes index 1 (`1 in a` is false,
 * `forEach` skips it, on Espruino as in JavaScript). `fillArrayHoles`, on
 * the bundle, then finds none left.
 */
export function keepArrayHoles(code: string, names: ModuleNames): string {
  if (!/,\s*(?:\/\*[^]*?\*\/\s*)*[,\]]|\[\s*,/.test(code)) return code;
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  let changed = false;
  const out = rewriteBottomUp(code, ast, (node, parent, textOf) => {
    if (node.type !== 'ArrayExpression' || !node.elements.includes(null)) return undefined;
    changed = true;
    const holes: number[] = [];
    const filled = fillArrayHoles(textOf(node));
    node.elements.forEach((e: any, i: number) => { if (e === null) holes.push(i); });
    if (isTryTable(parent)) return filled;
    return `${names.helper('__holes')}(${filled}, [${holes.join(', ')}])`;
  });
  return changed ? out : code;
}

/** `X.trys.push(…)` or `(X.t || (X.t = [])).push(…)`: TypeScript's try-block table. */
function isTryTable(call: any): boolean {
  if (!call || call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.callee.property.name !== 'push') return false;
  const target = call.callee.object;
  if (target.type === 'MemberExpression' && !target.computed && target.property.name === 'trys') return true;
  return target.type === 'LogicalExpression' && target.left.type === 'MemberExpression' && target.left.property.name === 't';
}
