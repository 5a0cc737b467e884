import type * as acorn from 'acorn';

/**
 * Calls `visit` on `node` and on every node below it (with its parent),
 * depth first, parents before children. A child for which `skip` returns
 * true is not visited, nor anything below it (e.g. `skip` nested functions
 * to stay in one scope).
 */
export function walk(node: acorn.Node, visit: (n: any, parent: any) => void, skip?: (n: any) => boolean, parent: any = null): void {
  visit(node, parent);
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const value = (node as any)[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child.type === 'string' && !(skip && skip(child))) walk(child, visit, skip, node);
    } else if (value && typeof value.type === 'string' && !(skip && skip(value))) {
      walk(value, visit, skip, node);
    }
  }
}

/** A function node: declaration, expression or arrow. */
export const isFunction = (n: any): boolean =>
  n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

/** Skip for `walk`: nested functions and classes (their own scope). */
export const isFunctionOrClass = (n: any): boolean => /Function|Class/.test(n.type);
