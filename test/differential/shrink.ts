import ts from 'typescript';
import { render, type Expr, type Fn, type ProgramAst, type Stmt } from './generator.js';

/**
 * Shrinking a generated program that the differential tester flags
 * (generator.ts) to a small one that still differs: greedy delta debugging
 * over the program's AST.
 *
 * Each round lists single edits of the current program, biggest first:
 * delete a statement or a helper, unwrap a block, branch, loop or try,
 * drop an else, a catch or a finally, run a loop once, replace an
 * expression by a literal or by one of its operands. Candidates that do not
 * type-check (checked here, in one TypeScript program per round, long
 * before any bundle is built) are dropped; the rest are asked `stillFails`
 * a chunk at a time (all of a chunk at once: a caller that builds many
 * programs per bundle can batch them, see `batched`). The first edit that
 * still fails is kept; when several in a chunk fail, all of them together
 * are tried first. It stops when no single edit still fails.
 *
 * Loop counters, recursion guards, task alignment and the final return of
 * each function are rendered, not nodes: no edit can make a program run
 * forever or let two tasks act in the same instant.
 */
export type StillFails = (program: ProgramAst) => Promise<boolean>;

export interface ShrinkOptions {
  /** Candidates asked at once (default 40). */
  chunk?: number;
  /** Called after each accepted edit, with the program's size in lines. */
  log?: (message: string) => void;
  /** Give up after this many rounds (default 200). */
  maxRounds?: number;
}

export async function shrink(program: ProgramAst, stillFails: StillFails, options: ShrinkOptions = {}): Promise<ProgramAst> {
  const chunk = options.chunk ?? 40;
  let best = clone(program);
  for (let round = 0; round < (options.maxRounds ?? 200); round++) {
    const edits = enumerateEdits(best);
    let accepted: ProgramAst | undefined;
    for (let from = 0; from < edits.length && !accepted; from += chunk) {
      const slice = edits.slice(from, from + chunk);
      const candidates = slice.map((e) => applyEdits(best, [e]));
      const ok = typeChecks(candidates.map(render));
      const valid = slice.map((e, i) => ({ e, c: candidates[i] })).filter((_, i) => ok[i]);
      const results = await Promise.all(valid.map((v) => stillFails(v.c)));
      const failing = valid.filter((_, i) => results[i]);
      if (failing.length === 0) continue;
      const combinable = failing.filter((f) => !f.e.whole);
      if (combinable.length > 1) {
        const together = applyEdits(best, combinable.map((f) => f.e));
        if (typeChecks([render(together)])[0] && await stillFails(together)) accepted = together;
      }
      accepted ??= failing[0].c;
    }
    if (!accepted) break;
    best = accepted;
    options.log?.(`shrink round ${round + 1}: ${render(best).split('\n').length} lines`);
  }
  return best;
}

/**
 * A `stillFails` that asks `many` once for every candidate asked in the same
 * turn: shrink asks a whole chunk at once, so one bundle can hold it.
 */
export function batched<P>(many: (programs: P[]) => Promise<boolean[]>): (program: P) => Promise<boolean> {
  let pending: { p: P; resolve: (b: boolean) => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    many(batch.map((x) => x.p)).then(
      (r) => batch.forEach((x, i) => x.resolve(r[i])),
      (e) => batch.forEach((x) => x.reject(e)),
    );
  };
  return (p) => new Promise<boolean>((resolve, reject) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push({ p, resolve, reject });
  });
}

// ---------------------------------------------------------------------------
// Edits

type Path = (string | number)[];

interface Edit {
  path: Path;
  /** Replace the node at path (in an array: by these elements). */
  with: unknown[] | { node: unknown };
  /** How much smaller it makes the program (characters of JSON). */
  gain: number;
  /** Or: an edit of the whole program (never combined with others). */
  whole?: (ast: ProgramAst) => void;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const size = (x: unknown) => JSON.stringify(x).length;

function enumerateEdits(ast: ProgramAst): Edit[] {
  const edits: Edit[] = [];
  const del = (path: Path, node: unknown) => edits.push({ path, with: [], gain: size(node) });
  const splice = (path: Path, node: unknown, stmts: Stmt[]) => edits.push({ path, with: stmts, gain: size(node) - size(stmts) });
  const replace = (path: Path, node: unknown, by: unknown) => {
    const gain = size(node) - size(by);
    if (gain > 0) edits.push({ path, with: { node: by }, gain });
  };

  const stmts = (list: Stmt[], path: Path) => list.forEach((s, i) => stmt(s, [...path, i]));
  const stmt = (s: Stmt, path: Path) => {
    del(path, s);
    switch (s.k) {
      case 'decl': expr(s.init, [...path, 'init']); break;
      case 'assign': case 'print': case 'expr': case 'throw': expr(s.e, [...path, 'e']); break;
      case 'return': if (s.e) expr(s.e, [...path, 'e']); break;
      case 'if':
        splice(path, s, s.then);
        if (s.else) {
          splice(path, s, s.else);
          replace(path, s, { ...s, else: undefined });
        }
        expr(s.c, [...path, 'c']);
        stmts(s.then, [...path, 'then']);
        if (s.else) stmts(s.else, [...path, 'else']);
        break;
      case 'for': case 'while': case 'forOf':
        splice(path, s, s.body);
        if (s.k !== 'forOf' && s.n > 1) replace(path, s, { ...s, n: 1 });
        if (s.k !== 'forOf' && s.test) { replace(path, s, { ...s, test: undefined }); expr(s.test, [...path, 'test']); }
        if (s.k === 'forOf') {
          if (s.items.length > 1) replace(path, s, { ...s, items: s.items.slice(0, 1) });
          s.items.forEach((e, i) => expr(e, [...path, 'items', i]));
        }
        stmts(s.body, [...path, 'body']);
        break;
      case 'try':
        splice(path, s, s.body);
        if (s.finalizer) splice(path, s, [...s.body, ...s.finalizer]);
        if (s.handler && s.finalizer) {
          replace(path, s, { ...s, handler: undefined, catchVar: undefined });
          replace(path, s, { ...s, finalizer: undefined });
        }
        stmts(s.body, [...path, 'body']);
        if (s.handler) stmts(s.handler, [...path, 'handler']);
        if (s.finalizer) stmts(s.finalizer, [...path, 'finalizer']);
        break;
      case 'block':
        splice(path, s, s.body);
        stmts(s.body, [...path, 'body']);
        break;
      case 'fn': fn(s.fn, [...path, 'fn']); break;
      case 'object':
        expr(s.init, [...path, 'init']);
        fn(s.method, [...path, 'method']);
        break;
      case 'destr':
        s.items.forEach((e, i) => expr(e, [...path, 'items', i]));
        break;
      case 'switch':
        s.cases.forEach((c) => splice(path, s, c.body));
        if (s.dflt) {
          splice(path, s, s.dflt);
          replace(path, s, { ...s, dflt: undefined });
        }
        if (s.cases.length > 1) s.cases.forEach((_, i) => replace(path, s, { ...s, cases: s.cases.filter((__, j) => j !== i) }));
        expr(s.e, [...path, 'e']);
        s.cases.forEach((c, i) => stmts(c.body, [...path, 'cases', i, 'body']));
        if (s.dflt) stmts(s.dflt, [...path, 'dflt']);
        break;
      case 'defer': s.args.forEach((e, i) => expr(e, [...path, 'args', i])); break;
      case 'spawn':
        stmts(s.body, [...path, 'body']);
        expr(s.ret, [...path, 'ret']);
        break;
      default: break;
    }
  };
  const fn = (f: Fn, path: Path) => {
    stmts(f.body, [...path, 'body']);
    expr(f.ret, [...path, 'ret']);
  };
  const expr = (e: Expr, path: Path) => {
    const literal: Expr = { k: 'lit', t: e.t, v: e.t === 'num' ? 0 : e.t === 'str' ? '' : true };
    if (!(e.k === 'lit' && e.v === literal.v)) replace(path, e, literal);
    const sub = (x: Expr, key: Path) => {
      if (x.t === e.t) replace(path, e, x);
      expr(x, [...path, ...key]);
    };
    switch (e.k) {
      case 'bin': case 'cmp': case 'logic': sub(e.l, ['l']); sub(e.r, ['r']); break;
      case 'not': case 'await': case 'len': sub(e.e, ['e']); break;
      case 'cond': sub(e.c, ['c']); sub(e.a, ['a']); sub(e.b, ['b']); break;
      case 'call': e.args.forEach((a, i) => sub(a, ['args', i])); break;
      case 'tpl': e.parts.forEach((a, i) => sub(a, ['parts', i])); break;
      case 'arr':
        e.items.forEach((a, i) => sub(a, ['items', i]));
        if (e.index === undefined && e.items.length > 1) replace(path, e, { ...e, items: e.items.slice(0, 1) });
        break;
      case 'obj': e.props.forEach((a, i) => sub(a, ['props', i])); break;
      case 'all':
        if (e.calls.length > 1) e.calls.forEach((c) => replace(path, e, { ...e, calls: [c] }));
        e.calls.forEach((c, i) => c.args.forEach((a, j) => sub(a, ['calls', i, 'args', j])));
        break;
      default: break;
    }
  };

  ast.helpers.forEach((h, i) => {
    del(['helpers', i], h);
    fn(h, ['helpers', i]);
  });
  stmts(ast.main, ['main']);
  // Whole-program edits: main without its try/catch; a function without a parameter
  // (and every call without its argument) or without its recursion depth.
  if (ast.mainCatchId !== undefined) edits.push({ path: [], with: [], gain: 40, whole: (a) => { a.mainCatchId = undefined; } });
  eachFn(ast, (f) => {
    if (f.style === 'method') return;
    f.params.forEach((p, k) => edits.push({
      path: [], with: [], gain: 20,
      whole: (a) => eachFn(a, (g) => {
        if (g.name !== f.name) return;
        g.params = g.params.filter((q) => q.name !== p.name);
        eachCall(a, f.name, g.inner, (args, self) => { const at = k + (g.depth && !self ? 1 : 0); if (args.length > at) args.splice(at, 1); });
      }),
    }));
    if (f.depth) edits.push({
      path: [], with: [], gain: 30,
      whole: (a) => eachFn(a, (g) => {
        if (g.name !== f.name) return;
        g.depth = undefined;
        g.base = undefined;
        eachCall(a, f.name, undefined, (args, self) => { if (!self) args.splice(0, 1); });
      }),
    });
  });
  // Biggest gain first; a stable order otherwise (the document's).
  return edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.gain - a.e.gain || a.i - b.i).map((x) => x.e);
}

const comparePaths = (a: Path, b: Path): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (a[i] as number) - (b[i] as number);
    return String(a[i]) < String(b[i]) ? -1 : 1;
  }
  return a.length - b.length;
};
const isPrefix = (p: Path, of: Path) => p.length <= of.length && p.every((x, i) => of[i] === x);

/** Every function of the program (helpers and closures). */
function eachFn(ast: ProgramAst, f: (fn: Fn) => void) {
  visit([ast.helpers, ast.main], (o) => {
    if (o.k === 'fn') f(o.fn as Fn);
    if (o.k === 'object') f(o.method as Fn);
  });
  ast.helpers.forEach(f);
}

/** The argument lists of every call of function `name` (or its own name `inner`), and whether it is a self-call. */
function eachCall(ast: ProgramAst, name: string, inner: string | undefined, f: (args: Expr[], self: boolean) => void) {
  visit([ast.helpers, ast.main], (o) => {
    if (o.k === 'call' && (o.fn === name || o.fn === inner)) f(o.args as Expr[], o.self === true);
    if (o.k === 'defer' && o.fn === name) f(o.args as Expr[], false);
    if (o.k === 'all') for (const c of o.calls as { fn: string; args: Expr[] }[]) if (c.fn === name) f(c.args, false);
  });
}

function visit(x: unknown, f: (o: Record<string, unknown>) => void): void {
  if (!x || typeof x !== 'object') return;
  if (Array.isArray(x)) { for (const y of x) visit(y, f); return; }
  const o = x as Record<string, unknown>;
  f(o);
  for (const k of Object.keys(o)) visit(o[k], f);
}

/** `ast` with `edits` applied (an edit inside another's node is left out), last in document order first. */
function applyEdits(ast: ProgramAst, edits: Edit[]): ProgramAst {
  const whole = edits.filter((e) => e.whole);
  if (whole.length > 0) {
    const out = clone(ast);
    // Each whole edit on its own (they may touch the same nodes).
    whole[0].whole!(out);
    return out;
  }
  const out = clone(ast);
  const kept = edits.filter((e, i) => !edits.some((o, j) => j !== i && isPrefix(o.path, e.path) && (o.path.length < e.path.length || j < i)));
  kept.sort((a, b) => comparePaths(b.path, a.path));
  for (const e of kept) {
    const parent = e.path.slice(0, -1).reduce((x: any, k) => x[k], out as any);
    const key = e.path[e.path.length - 1];
    if (Array.isArray(e.with)) {
      (parent as unknown[]).splice(key as number, 1, ...clone(e.with));
    } else {
      parent[key] = clone(e.with.node);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// A quick type check, as the device build's (strict, ES5 lib) would do it

/** Coop's API as a program sees it, for the check (the build checks against the firmware itself). */
const PRELUDE = `
declare function print(...args: any[]): void;
interface CoopTask<T> extends PromiseLike<T> { readonly name: string; readonly done: boolean; cancel(): void; }
declare function spawn<T>(fn: () => PromiseLike<T> | T, options?: { name?: string }): CoopTask<T>;
declare function sleep(ms: number): PromiseLike<void>;
declare function yieldNow(): PromiseLike<void>;
declare function now(): number;
declare function withTimeout<T>(ms: number, fut: PromiseLike<T>): Promise<T>;
declare function isCancelled(e: unknown): boolean;
`;

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES5,
  module: ts.ModuleKind.ESNext,
  lib: ['lib.es5.d.ts', 'lib.es2015.promise.d.ts'],
  types: [],
  strict: true,
  noImplicitAny: false,
  noEmit: true,
  skipLibCheck: true,
  moduleDetection: ts.ModuleDetectionKind.Force,
};
const libFiles = new Map<string, ts.SourceFile>();

/** For each source: does it type-check as the device build would (near enough)? */
export function typeChecks(sources: string[]): boolean[] {
  const files = new Map<string, string>([['/prelude.d.ts', PRELUDE]]);
  sources.forEach((s, i) => files.set(`/c${i}.ts`, s));
  const host = ts.createCompilerHost(OPTIONS, true);
  const base = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError, create) => {
    const text = files.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, lang, true);
    let sf = libFiles.get(name);
    if (!sf) {
      sf = base(name, lang, onError, create);
      if (sf) libFiles.set(name, sf);
    }
    return sf;
  };
  host.fileExists = (name) => files.has(name) || ts.sys.fileExists(name);
  host.readFile = (name) => files.get(name) ?? ts.sys.readFile(name);
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  return sources.map((_, i) => {
    const sf = program.getSourceFile(`/c${i}.ts`)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    return !diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error);
  });
}

/** The type errors of `source` (for reports), as text. */
export function typeErrors(source: string): string[] {
  const files = new Map<string, string>([['/prelude.d.ts', PRELUDE], ['/c.ts', source]]);
  const host = ts.createCompilerHost(OPTIONS, true);
  const base = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError, create) => {
    const text = files.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, lang, true) : libFiles.get(name) ?? base(name, lang, onError, create);
  };
  host.fileExists = (name) => files.has(name) || ts.sys.fileExists(name);
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  const sf = program.getSourceFile('/c.ts')!;
  return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => `${d.start !== undefined ? sf.getLineAndCharacterOfPosition(d.start).line + 1 : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
