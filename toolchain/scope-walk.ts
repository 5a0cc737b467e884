import type * as acorn from 'acorn';
import { isFunction } from './ast-walk.js';

export { isFunction };

/**
 * A small scope walker over ES5-shaped code (what TypeScript emits for the
 * board): reports every identifier used as a variable, with the names bound
 * between it and the walk's start (function params, vars, function names,
 * catch params), and its parent node.
 */
export function eachVariableReference(
  root: acorn.Node,
  onRef: (id: acorn.Node & { name: string }, bound: ReadonlySet<string>, parent: any) => void,
  initiallyBound: ReadonlySet<string> = new Set(),
): void {
  visit(root, null, new Set(initiallyBound));

  function visit(node: any, parent: any, bound: Set<string>): void {
    if (isFunction(node)) {
      const inner = new Set(bound);
      if (node.type === 'FunctionExpression' && node.id) inner.add(node.id.name);
      for (const p of node.params) collectPattern(p, inner);
      declaredIn(node.body, inner);
      for (const p of node.params) visit(p, node, inner);
      visit(node.body, node, inner);
      return;
    }
    if (node.type === 'CatchClause') {
      const inner = new Set(bound);
      if (node.param) collectPattern(node.param, inner);
      visit(node.body, node, inner);
      return;
    }
    if (node.type === 'Identifier') {
      if (isVariableUse(node, parent)) onRef(node, bound, parent);
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === 'string') visit(child, node, bound);
      } else if (value && typeof value.type === 'string') {
        visit(value, node, bound);
      }
    }
  }
}


/** Names a function body declares: vars anywhere in it (not in nested functions) and function declarations. */
export function declaredIn(body: any, into: Set<string>): Set<string> {
  const walk = (n: any) => {
    if (n.type === 'FunctionDeclaration') {
      if (n.id) into.add(n.id.name);
      return;
    }
    if (isFunction(n)) return;
    if (n.type === 'VariableDeclaration') for (const d of n.declarations) collectPattern(d.id, into);
    for (const key of Object.keys(n)) {
      const value = n[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === 'string') walk(child);
      } else if (value && typeof value.type === 'string') {
        walk(value);
      }
    }
  };
  walk(body);
  return into;
}

function collectPattern(p: any, into: Set<string>) {
  if (p.type === 'Identifier') into.add(p.name);
  else if (p.type === 'AssignmentPattern') collectPattern(p.left, into);
  else if (p.type === 'RestElement') collectPattern(p.argument, into);
  else if (p.type === 'ArrayPattern') for (const e of p.elements) if (e) collectPattern(e, into);
  else if (p.type === 'ObjectPattern') for (const prop of p.properties) collectPattern(prop.value ?? prop.argument, into);
}

function isVariableUse(node: any, p: any): boolean {
  if (!p) return true;
  if (p.type === 'MemberExpression' && p.property === node && !p.computed) return false;
  if ((p.type === 'Property' || p.type === 'MethodDefinition' || p.type === 'PropertyDefinition') && p.key === node && !p.computed) return !!p.shorthand;
  if (p.type === 'LabeledStatement' || p.type === 'BreakStatement' || p.type === 'ContinueStatement') return false;
  if (isFunction(p) && p.id === node) return false;
  return true;
}
