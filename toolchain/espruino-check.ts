import * as acorn from 'acorn';
import type { Diagnostic } from './build-error.js';
import { findUnhoistedVars } from './hoist-vars.js';
import { isFunction } from './ast-walk.js';

/**
 * Finds what Espruino cannot run in a piece of JavaScript: syntax its parser
 * lacks, globals it does not have, uses of a function before its declaration
 * has executed (Espruino does not hoist function declarations), and the
 * argument-less clearTimeout()/clearWatch() that clears every timer or watch.
 *
 * Returns one diagnostic per finding, with line and column in `code`.
 */
export interface CheckOptions {
  /** Name used in diagnostics. */
  file?: string;
  /** 'module' for one ES module of a build, 'script' (default) for a bundle. */
  sourceType?: 'script' | 'module';
  /**
   * Skip the use-before-declaration rule, for code the build is about to pass
   * through hoistFunctionDeclarations (which makes it hold).
   */
  willHoist?: boolean;
  /** Skip the array-hole rule, for code the build is about to pass through fillArrayHoles. */
  willFillHoles?: boolean;
}

export function checkEspruino(code: string, options: CheckOptions | string = {}): Diagnostic[] {
  const { file = '<bundle>', sourceType = 'script', willHoist = false, willFillHoles = false } = typeof options === 'string' ? { file: options } : options;
  let ast: acorn.Program;
  try {
    ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType, locations: true, allowReturnOutsideFunction: true });
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    return [{ file, line: err.loc?.line, column: err.loc ? err.loc.column + 1 : undefined, message: `not valid JavaScript: ${err.message}` }];
  }
  const found: Diagnostic[] = [];
  const report = (node: acorn.Node, message: string) => {
    found.push({ file, line: node.loc!.start.line, column: node.loc!.start.column + 1, message });
  };
  const declared = declaredNames(ast);

  walk(ast, null, (node, parent) => {
    const n = node as any;
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (n.generator) report(node, LACKS.generator);
        if (n.async) report(node, 'async function: Espruino has no native async/await; build it with `coop build`, which compiles it away');
        for (const p of n.params) {
          if (p.type === 'AssignmentPattern') report(p, 'default parameter: Espruino has none; check for undefined in the body');
        }
        break;
      case 'AwaitExpression':
        report(node, 'await: Espruino has no native async/await; build it with `coop build`, which compiles it away');
        break;
      case 'ForOfStatement':
        if (n.await) report(node, LACKS.forAwait);
        break;
      case 'YieldExpression':
        report(node, LACKS.yield);
        break;
      case 'SpreadElement':
        report(node, 'spread (...x): Espruino has none; use concat/apply');
        break;
      case 'RestElement':
        report(node, 'rest parameter or element (...x): Espruino has none; use `arguments` or slice');
        break;
      case 'ObjectPattern':
      case 'ArrayPattern':
        report(node, 'destructuring: Espruino has none; read the properties one by one');
        break;
      case 'AssignmentPattern':
        if (parent && parent.type !== 'FunctionDeclaration' && parent.type !== 'FunctionExpression' && parent.type !== 'ArrowFunctionExpression') {
          report(node, 'default value in a pattern: Espruino has no destructuring defaults');
        }
        break;
      case 'LabeledStatement':
        report(node, `label "${n.label.name}": Espruino has no labelled statements; use a flag or a function`);
        break;
      case 'ArrayExpression':
        if (!willFillHoles && n.elements.some((e: unknown) => e === null)) {
          report(node, 'array hole ([a, , b]): Espruino throws a SyntaxError when it skips over one; write undefined (the build does this for its own output)');
        }
        break;
      case 'ChainExpression':
        report(node, 'optional chaining (?.): Espruino has none; test for undefined first');
        break;
      case 'BinaryExpression':
        if (n.operator === '**') report(node, 'exponent operator (**): Espruino has none; use Math.pow');
        break;
      case 'AssignmentExpression':
        if (n.operator === '**=') report(node, 'exponent assignment (**=): Espruino has none; use Math.pow');
        break;
      case 'Identifier':
        if (FORBIDDEN_GLOBALS[n.name] && !declared.has(n.name) && isReference(node, parent)) {
          report(node, lacksGlobal(n.name));
        }
        break;
      case 'CallExpression':
        if (n.callee.type === 'Identifier' && CLEAR_ALL[n.callee.name] && n.arguments.length === 0) {
          report(node, `${n.callee.name}() without an argument clears every ${CLEAR_ALL[n.callee.name]} on the board; pass the id to clear`);
        }
        break;
    }
  });

  for (const use of willHoist ? [] : usesBeforeDeclaration(ast)) {
    report(use.node, `${use.name} is used before its function declaration (line ${use.declLine}) has run: Espruino does not hoist function declarations; move the declaration up`);
  }
  for (const v of willHoist ? [] : findUnhoistedVars(ast)) {
    report(v.use, `var ${v.name} is used before its declaration has run: Espruino does not hoist var; declare it at the top of the function`);
  }
  found.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
  return found;
}

/**
 * How Coop words what Espruino lacks: the construct, then the fix. Shared with
 * toolchain/typescript-diagnostics.ts, which puts TypeScript's own errors for
 * the same constructs in these words.
 */
export const LACKS = {
  generator: 'generator function (function*): Espruino has no generators; use async tasks',
  asyncGenerator: 'async generator (async function*): Espruino has no generators or async iteration; use async tasks, passing values through a Channel',
  forAwait: 'for await: Espruino has no async iteration; await each value in an ordinary loop, or receive from a Channel',
  yield: 'yield: Espruino has no generators; use async tasks',
} as const;

/** Globals Espruino lacks, and what to use instead. */
export const FORBIDDEN_GLOBALS: Record<string, string> = {
  Map: 'use a plain object keyed by string',
  Set: 'use an array or a plain object',
  WeakMap: 'store the value on the object itself',
  WeakSet: 'store a flag on the object itself',
  Symbol: 'use a string key',
  Proxy: 'use explicit getter functions',
  Reflect: 'call Object/Function methods directly',
  RangeError: 'throw an Error (or TypeError) instead',
  EvalError: 'throw an Error instead',
  URIError: 'throw an Error instead',
};

/** `Map: Espruino has no Map; use a plain object keyed by string`. */
export function lacksGlobal(name: string): string {
  return `${name}: Espruino has no ${name}; ${FORBIDDEN_GLOBALS[name]}`;
}

const CLEAR_ALL: Record<string, string> = {
  clearTimeout: 'timer',
  clearInterval: 'timer',
  clearWatch: 'watch',
};

type Visit = (node: acorn.Node, parent: acorn.Node | null) => void;

/** Depth-first over every node; no dependency on acorn-walk. */
function walk(node: acorn.Node, parent: acorn.Node | null, visit: Visit, skipFunctions = false): void {
  visit(node, parent);
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const value = (node as any)[key];
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) visitChild(child);
    } else if (isNode(value)) {
      visitChild(value);
    }
  }
  function visitChild(child: acorn.Node) {
    if (skipFunctions && isFunction(child)) return;
    walk(child, node, visit, skipFunctions);
  }
}

const isNode = (v: unknown): v is acorn.Node => !!v && typeof (v as any).type === 'string';

/** Is this identifier a value reference (not a property name or a declaration's key)? */
function isReference(node: acorn.Node, parent: acorn.Node | null): boolean {
  const p = parent as any;
  if (!p) return true;
  if (p.type === 'MemberExpression' && p.property === node && !p.computed) return false;
  if ((p.type === 'Property' || p.type === 'MethodDefinition' || p.type === 'PropertyDefinition') && p.key === node && !p.computed) {
    return p.type === 'Property' && p.shorthand;
  }
  return true;
}

/** Every name the code declares anywhere; a user's own `Map` is not Espruino's. */
function declaredNames(ast: acorn.Program): Set<string> {
  const names = new Set<string>();
  walk(ast, null, (node) => {
    const n = node as any;
    if (node.type === 'VariableDeclarator' && n.id.type === 'Identifier') names.add(n.id.name);
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && n.id) names.add(n.id.name);
    if (isFunction(node)) for (const p of n.params) if (p.type === 'Identifier') names.add(p.name);
  });
  return names;
}

interface EarlyUse {
  name: string;
  node: acorn.Node;
  declLine: number;
}

/**
 * In every statement list, a function declared at statement i does not exist
 * while statements before i run. Those statements may use it directly, or by
 * calling another function of the same list that uses it.
 */
function usesBeforeDeclaration(ast: acorn.Program): EarlyUse[] {
  const found: EarlyUse[] = [];
  walk(ast, null, (node) => {
    const body: acorn.Node[] | undefined =
      node.type === 'Program' || node.type === 'BlockStatement' ? (node as any).body
      : node.type === 'SwitchCase' ? (node as any).consequent : undefined;
    if (!body) return;
    const decls = new Map<string, { index: number; node: any }>();
    body.forEach((s, index) => {
      if (s.type === 'FunctionDeclaration' && (s as any).id) decls.set((s as any).id.name, { index, node: s });
    });
    if (decls.size === 0) return;
    // What each declared function touches when called, one name list each.
    const touches = new Map<string, acorn.Node[]>();
    for (const [name, d] of decls) {
      const ids: acorn.Node[] = [];
      walk(d.node.body, d.node, (n, parent) => {
        if (n.type === 'Identifier' && decls.has((n as any).name) && isReference(n, parent)) ids.push(n);
      }, true);
      touches.set(name, ids);
    }
    const reaches = (fn: string, seen: Set<string>): Set<string> => {
      if (seen.has(fn)) return seen;
      seen.add(fn);
      for (const id of touches.get(fn) ?? []) reaches((id as any).name, seen);
      return seen;
    };
    body.forEach((stmt, index) => {
      if (stmt.type === 'FunctionDeclaration') return;
      walk(stmt, null, (n, parent) => {
        if (n.type !== 'Identifier' || !isReference(n, parent)) return;
        const name = (n as any).name;
        if (!decls.has(name)) return;
        // A call runs the callee now, so what the callee touches counts too.
        const isCall = parent?.type === 'CallExpression' && (parent as any).callee === n;
        const used = isCall ? reaches(name, new Set()) : new Set([name]);
        for (const u of used) {
          const d = decls.get(u)!;
          if (d.index > index) {
            found.push({ name: u, node: n, declLine: d.node.loc.start.line });
          }
        }
      }, true);
    });
  });
  return found;
}
