import * as acorn from 'acorn';

/**
 * Moves every function declaration to the top of the statement list it is
 * declared in. JavaScript hoists function declarations, so this changes
 * nothing in meaning; Espruino does not hoist them, so without it code such
 * as TypeScript's ES5 classes (`__extends(B, _super); function B() {…}`)
 * would use a function before it exists on the board.
 */
export function hoistFunctionDeclarations(code: string): string {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowReturnOutsideFunction: true });
  const edits: { at: number; remove?: [number, number]; insert?: string }[] = [];
  visit(ast, (list, insertAt) => {
    // Only lists where a declaration comes after some other statement need work.
    let seenOther = false;
    const moved: acorn.Node[] = [];
    for (const s of list) {
      if (s.type === 'FunctionDeclaration') {
        if (seenOther) moved.push(s);
      } else if (!isDirective(s)) {
        seenOther = true;
      }
    }
    if (moved.length === 0) return;
    const text = moved.map((s) => code.slice(s.start, s.end)).join('\n');
    const first = list.find((s) => !isDirective(s))!;
    edits.push({ at: Math.max(insertAt, first.start), insert: text + '\n' });
    for (const s of moved) edits.push({ at: s.start, remove: [s.start, s.end] });
  });
  if (edits.length === 0) return code;
  // Apply from the end so earlier offsets stay valid; at equal offsets, removals first.
  edits.sort((a, b) => b.at - a.at || (a.remove ? -1 : 1));
  let out = code;
  for (const e of edits) {
    if (e.remove) out = out.slice(0, e.remove[0]) + out.slice(e.remove[1]);
    else out = out.slice(0, e.at) + e.insert + out.slice(e.at);
  }
  return out;
}

const isDirective = (s: acorn.Node) => s.type === 'ExpressionStatement' && typeof (s as any).directive === 'string';

/** Calls `fn` for every statement list (program, block, switch case), innermost last. */
function visit(node: acorn.Node, fn: (list: acorn.Node[], insertAt: number) => void): void {
  const n = node as any;
  if (node.type === 'Program') fn(n.body, node.start);
  else if (node.type === 'BlockStatement' || node.type === 'StaticBlock') fn(n.body, node.start + 1);
  else if (node.type === 'SwitchCase') fn(n.consequent, n.consequent.length ? n.consequent[0].start : node.end);
  for (const key of Object.keys(node)) {
    const value = n[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child.type === 'string') visit(child, fn);
    } else if (value && typeof value.type === 'string') {
      visit(value, fn);
    }
  }
}
