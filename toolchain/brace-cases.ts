import * as acorn from 'acorn';
import { walk } from './ast-walk.js';

/**
 * `case 1: a(); b();` → `case 1: { a(); b(); }`, after minifying (terser
 * takes such braces away).
 *
 * Espruino reads a `switch` to its end on every run, parsing the cases it
 * does not take (and, after a `return`, the rest), statement by statement.
 * A braced block it skips by counting brackets, which costs about a third
 * less. Compiled async bodies are switches run at every resume, so this is
 * on every task's hot path. Cases that declare functions or block-scoped
 * names are left as they are.
 */
export function braceSwitchCases(code: string): string {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true });
  const spots: { at: number; text: string }[] = [];
  walk(ast, (node: any) => {
    if (node.type !== 'SwitchCase') return;
    const body: any[] = node.consequent;
    if (body.length === 0 || (body.length === 1 && body[0].type === 'BlockStatement')) return;
    if (body.some((s) => s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration' || (s.type === 'VariableDeclaration' && s.kind !== 'var'))) return;
    spots.push({ at: body[0].start, text: '{' }, { at: body[body.length - 1].end, text: '}' });
  });
  if (spots.length === 0) return code;
  spots.sort((a, b) => b.at - a.at);
  let out = code;
  for (const s of spots) out = out.slice(0, s.at) + s.text + out.slice(s.at);
  return out;
}
