import type { Program } from './programs.js';

/**
 * Random async programs for the differential tester (programs.ts), from a
 * seed: the same seed, the same program.
 *
 * What they are made of: module-level async helpers and nested async
 * closures (declarations, arrows with block or expression bodies, function
 * expressions, named ones calling themselves), objects and classes with an
 * async method using `this`; let/const/var locals, destructuring, parameters
 * (some with defaults, some shadowing) captured by closures and tasks one to
 * three functions deep, read and written before and after awaits; awaits
 * inside call arguments, ternaries, &&/||, templates, array and object
 * literals, binary operators and loop tests; for/for-of/while/do-while,
 * if/else, switch, try/catch/finally nested with return, break, continue and
 * throw inside; recursion with a depth bound; Promise.all and promises
 * awaited later; spawned tasks that read and write their parents' locals,
 * awaited, cancelled (and awaited: `isCancelled(e)`) or given a withTimeout.
 *
 * A program is built as a small AST (below), rendered to TypeScript that
 * type-checks under the device build (strict, ES5 lib), prints strings only
 * and always ends: loops count to a literal bound, recursion passes a depth
 * that a guard stops, and the renderer writes those counters and guards
 * (they are not nodes, so the shrinker, shrink.ts, can never remove them).
 *
 * Native async/await and Coop's executor order same-instant work of
 * different tasks differently (microtask turns versus one ready queue), so a
 * program never lets two tasks act in the same virtual instant:
 * - time moves in steps of PERIOD (10 units): every sleep is a multiple of it,
 *   never 0 (a timer on Espruino takes at least 0.1 ms, so zero sleeps would add
 *   up; `yieldNow()` takes no time);
 * - main acts at instants ≡ 0 (mod PERIOD); each spawn site gets its own
 *   residue 1‥9, and its task's first statement is `await align(r)`, the
 *   sleep to the next instant ≡ r (reading `now()`);
 * - after awaiting a task (join, cancel, withTimeout) a task is wherever that
 *   task ended, so it aligns back to its own residue before it acts again;
 * - a spawn site that can run more than once at a time (inside a loop, or
 *   inside such a task) is a reader: its task neither prints nor writes a
 *   variable of an enclosing function (its siblings share its residue);
 * - no task's error escapes (every task body is wrapped in try/catch), so a
 *   child's failure never cancels several tasks at once; only leaf tasks are
 *   cancelled (or timed out), and the canceller awaits them at once.
 * Functions that several async calls run at once (Promise.all, a call whose
 * promise is awaited later) are pure and never throw.
 */

export type Ty = 'num' | 'str' | 'bool';

export type Expr =
  | { k: 'lit'; t: Ty; v: number | string | boolean }
  | { k: 'ref'; t: Ty; name: string }
  /** `l + r` (num or str), `l - r`, `l % r`, `l * r`. */
  | { k: 'bin'; t: Ty; op: '+' | '-' | '%' | '*'; l: Expr; r: Expr }
  | { k: 'cmp'; t: Ty; op: '<' | '<=' | '>' | '>=' | '===' | '!=='; l: Expr; r: Expr }
  | { k: 'not'; t: Ty; e: Expr }
  | { k: 'logic'; t: Ty; op: '&&' | '||'; l: Expr; r: Expr }
  | { k: 'cond'; t: Ty; c: Expr; a: Expr; b: Expr }
  /** `await (e)` of a plain value. */
  | { k: 'await'; t: Ty; e: Expr }
  /** `await fn(args)`; `self`: a recursive function calling itself, first argument `d - 1` (rendered, not a node). */
  | { k: 'call'; t: Ty; fn: string; self: boolean; args: Expr[] }
  /** `await p` of a promise a `defer` statement made. */
  | { k: 'awaitp'; t: Ty; name: string }
  /** `` `texts[0]${parts[0]}texts[1]…` `` */
  | { k: 'tpl'; t: Ty; texts: string[]; parts: Expr[] }
  /** `[items][index]` (num) or `[items].join('/')` (str). */
  | { k: 'arr'; t: Ty; items: Expr[]; index?: number }
  /** `({ k0: …, k1: … }).k{pick}` */
  | { k: 'obj'; t: Ty; props: Expr[]; pick: number }
  /** `(e).length` */
  | { k: 'len'; t: Ty; e: Expr }
  /** `(await Promise.all([fn(args), …])).join(',')` */
  | { k: 'all'; t: Ty; calls: { fn: string; args: Expr[] }[] }
  /** `(e as Error).message` of catch variable `name`. */
  | { k: 'errmsg'; t: Ty; name: string };

export type Stmt =
  | { k: 'decl'; kind: 'let' | 'const' | 'var'; name: string; t: 'num' | 'str'; init: Expr }
  | { k: 'assign'; name: string; op: '=' | '+=' | '-='; e: Expr }
  | { k: 'inc'; name: string; op: '++' | '--' }
  | { k: 'print'; id: number; e: Expr }
  | { k: 'expr'; e: Expr }
  /** `await sleep(ms)`, or `await yieldNow()` with `yield`. */
  | { k: 'sleep'; ms: number; yield?: boolean }
  | { k: 'if'; c: Expr; then: Stmt[]; else?: Stmt[] }
  /** `for (kind v = 0; v < n && (test); v++)` */
  | { k: 'for'; v: string; kind: 'let' | 'var'; n: number; test?: Expr; body: Stmt[] }
  /** `let v = 0; while (v < n && (test)) { v++; … }` (or do … while). */
  | { k: 'while'; v: string; n: number; test?: Expr; body: Stmt[]; doWhile: boolean }
  | { k: 'forOf'; v: string; items: Expr[]; body: Stmt[] }
  | { k: 'try'; body: Stmt[]; catchVar?: string; handler?: Stmt[]; finalizer?: Stmt[] }
  | { k: 'throw'; e: Expr }
  | { k: 'return'; e?: Expr }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'block'; body: Stmt[] }
  | { k: 'fn'; fn: Fn }
  /** `const name = fn(args);`, awaited later (`awaitp`). */
  | { k: 'defer'; name: string; fn: string; args: Expr[] }
  | { k: 'spawn'; handle: string; residue: number; body: Stmt[]; ret: Expr; catchId?: number }
  /** Await task `handle` into `v`, align back to `residue`, print. */
  | { k: 'join'; handle: string; v: string; residue: number; id?: number }
  /** Cancel task `handle`, await it, align back, print. */
  | { k: 'cancel'; handle: string; v: string; residue: number; id?: number }
  /** `withTimeout(ms, handle)`, await it, align back, print. */
  | { k: 'timeout'; handle: string; v: string; ms: number; residue: number; id?: number }
  /** `switch (e) { case v: { body } … default: { … } }` */
  | { k: 'switch'; e: Expr; cases: { v: number; body: Stmt[] }[]; dflt?: Stmt[] }
  /** `kind [a, b] = [items]` or `kind { k0: a, k1: b } = { k0: items[0], … }` */
  | { k: 'destr'; kind: 'let' | 'const' | 'var'; names: string[]; items: Expr[]; obj: boolean }
  /**
   * An object with a number `n` and an async method `m` that reads and writes
   * `this.n`: `const name = { n: init, async m(…) {…} }`, or with `cls`, a
   * class of that shape and `const name = new cls(init)`.
   */
  | { k: 'object'; name: string; cls?: string; init: Expr; method: Fn };

export interface Fn {
  /** The name callers use. */
  name: string;
  /** `async function name`, `const name = async (…) =>`, `= async function (…)`, `= async function inner(…)`, or an object's method. */
  style: 'decl' | 'arrow' | 'fexpr' | 'named' | 'method';
  /** An arrow with no statements: `async (…) => ret`. */
  exprBody?: boolean;
  /** A named function expression's own name (its self-calls use it). */
  inner?: string;
  /** Recursive: the first parameter, a depth; the body starts `if (d <= 0) return base;`. */
  depth?: string;
  base?: Expr;
  params: { name: string; def?: number }[];
  body: Stmt[];
  /** The final `return` (rendered after the body, so the body can always be shrunk). */
  ret: Expr;
}

export interface ProgramAst {
  helpers: Fn[];
  main: Stmt[];
  /** main's body is wrapped in try/catch printing the message with this id (the shrinker may drop it). */
  mainCatchId?: number;
  /** Milliseconds per time unit (1 in the simulator; more on a real board, where code takes time). */
  unit: number;
  /** Helpers are declared after main (which calls them: hoisting). */
  helpersLast?: boolean;
}

export const PERIOD = 10;

// ---------------------------------------------------------------------------
// Random numbers

/** mulberry32: a tiny seeded PRNG. */
export class Rng {
  private a: number;
  constructor(seed: number) { this.a = seed >>> 0; }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = Math.imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]; }
  /** One key of `weights`, chosen in proportion to its weight (zero weights never). */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let total = 0;
    for (const [, w] of entries) total += Math.max(0, w);
    let x = this.next() * total;
    for (const [k, w] of entries) {
      if (w <= 0) continue;
      if ((x -= w) < 0) return k;
    }
    return entries.filter(([, w]) => w > 0)[0][0];
  }
}

/** A program's seed from the run's seed and its index. */
export function programSeed(runSeed: number, index: number): number {
  let h = Math.imul(runSeed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x27d4eb2d);
  return (h ^ (h >>> 15)) >>> 0;
}

// ---------------------------------------------------------------------------
// Generation

interface Var {
  name: string;
  t: 'num' | 'str' | 'prom' | 'task' | 'obj';
  mutable: boolean;
  /** Lexical function depth of its declaration (module helpers' params: 1). */
  depth: number;
  /** Function it belongs to (deferred promises are awaited only there). */
  fnId: number;
  /** Block it is declared in (a let may shadow it only in another block). */
  block?: number;
  /** Being shadowed by the declaration whose initializer is generated now (TDZ). */
  hidden?: boolean;
  /** `this.n` in a method: functions other than arrows do not see it. */
  thisProp?: boolean;
}

interface Callable {
  name: string;
  params: number;
  /** Parameters with defaults, at the end. */
  defaults: number;
  recursive: boolean;
  /** Writes nothing outside itself, prints nothing. */
  pure: boolean;
  /** Writes variables of this function depth and deeper (when not pure). */
  writeFrom: number;
  prints: boolean;
  mayThrow: boolean;
}

interface TaskCtx {
  residue: number;
  /** One instance at a time (writers may be spawned here). */
  single: boolean;
  /** May be cancelled: no Promise.all, no deferred awaits, no spawns. */
  cancellable: boolean;
  /** Loops between this statement and the task body. */
  loops: number;
}

/** What one function being generated records about itself. */
interface FnInfo {
  id: number;
  mayThrow: boolean;
  prints: boolean;
}

interface Ctx {
  vars: Var[];
  fns: Callable[];
  fn: FnInfo;
  depth: number;
  writeFrom: number;
  canPrint: boolean;
  ret: 'num' | 'void';
  inLoop: boolean;
  /** The function body's own statement list (function declarations allowed). */
  top: boolean;
  task?: TaskCtx;
  /** The recursive function being generated: name for self-calls. */
  self?: { name: string; callable: Callable };
  nest: number;
  /** Inside a catch handler: its variable. */
  catchVars: string[];
  /** The block being generated. */
  block: number;
  /** Inside a try block of this function (a throw there is likely caught). */
  inTry?: boolean;
  /** Inside a switch of this function (break allowed). */
  inSwitch?: boolean;
}

interface GenState {
  rng: Rng;
  budget: number;
  names: number;
  printId: number;
  fnIds: number;
  residues: number[];
  /** Program-wide: nested closures, to keep programs varied but bounded. */
  closures: number;
  blocks: number;
  size: number;
  promiseAll: boolean;
}

const MAX_NEST = 4;
/** The block of variables no declaration may shadow (loop counters and recursion depths: rendered code reads them). */
const NO_SHADOW = -1;

export interface GenerateOptions {
  /** Milliseconds per time unit (default 1). */
  unit?: number;
  /** Generate `Promise.all([…])` (default true). */
  promiseAll?: boolean;
}

/** The AST of program `seed`; `size` is roughly its number of statements. */
export function generateAst(seed: number, size = 30, options: GenerateOptions = {}): ProgramAst {
  const rng = new Rng(seed);
  const residues = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  for (let i = residues.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [residues[i], residues[j]] = [residues[j], residues[i]];
  }
  const g: GenState = { rng, budget: size, promiseAll: options.promiseAll ?? true, names: 0, printId: 0, fnIds: 0, residues: residues.slice(0, rng.int(1, 5)), closures: 0, blocks: 0, size };
  const helpers: Fn[] = [];
  const callables: Callable[] = [];
  const helperCount = rng.int(0, size >= 30 ? 3 : 2);
  for (let i = 0; i < helperCount; i++) {
    const { fn, callable } = withBudget(g, size * 0.12, () => genFunction(g, { vars: [], fns: callables.slice(), depth: 0, writeFrom: 1, canPrint: false, task: undefined }, 'decl', true, 'h'));
    helpers.push(fn);
    callables.push(callable);
  }
  const mainInfo: FnInfo = { id: g.fnIds++, mayThrow: false, prints: true };
  const ctx: Ctx = {
    vars: [], fns: callables.slice(), fn: mainInfo, depth: 1, writeFrom: 1, canPrint: true, ret: 'void', inLoop: false, top: true,
    task: { residue: 0, single: true, cancellable: false, loops: 0 }, nest: 0, catchVars: [], block: 0,
  };
  // (main's body is rendered inside a try block: no function declarations at its top.)
  const main = genBlock(g, ctx, Math.max(4, g.budget), false, (c) => {
    // Something printed at the end, from what main kept.
    const finalVars = visible(c, 'num').concat(visible(c, 'str')).filter((v) => v.depth === 1);
    if (finalVars.length === 0) return undefined;
    return { k: 'print', id: ++g.printId, e: { k: 'arr', t: 'str', items: finalVars.slice(0, 4).map((v) => ({ k: 'ref', t: v.t as Ty, name: v.name })) } };
  });
  return { helpers, main, mainCatchId: ++g.printId, unit: options.unit ?? 1, helpersLast: helpers.length > 0 && rng.chance(0.3) ? true : undefined };
}

/** Program `seed`: its source, and its AST for shrinking. */
export interface GeneratedProgram extends Program {
  ast: ProgramAst;
  seed: number;
}

export function generateProgram(seed: number, size = 30, options: GenerateOptions = {}): GeneratedProgram {
  const ast = generateAst(seed, size, options);
  return { name: `generated program, seed ${seed}, size ${size}`, source: render(ast), ast, seed };
}

const fresh = (g: GenState, prefix: string) => `${prefix}${++g.names}`;

/** Run `make` with at most `cap` of the budget; what it uses is taken from the whole. */
function withBudget<T>(g: GenState, cap: number, make: () => T): T {
  const total = g.budget;
  g.budget = Math.min(total, Math.max(1, Math.round(cap)));
  const start = g.budget;
  try {
    return make();
  } finally {
    g.budget = total - (start - g.budget);
  }
}

/**
 * A function (module helper or closure) and how to call it. Its body sees
 * `outer`'s variables; `pure` keeps it from writing them or printing.
 */
function genFunction(
  g: GenState,
  outer: Pick<Ctx, 'vars' | 'fns' | 'depth' | 'writeFrom' | 'canPrint' | 'task'>,
  style: Fn['style'],
  pure: boolean,
  prefix: string,
  method?: { name: string; thisProp: Var },
): { fn: Fn; callable: Callable } {
  const { rng } = g;
  const name = method ? method.name : fresh(g, prefix);
  const depth = outer.depth + 1;
  const info: FnInfo = { id: g.fnIds++, mayThrow: false, prints: false };
  const recursive = rng.chance(0.3);
  // Parameters share the body's block: a let there may not shadow them.
  const bodyBlock = ++g.blocks;
  const params: Fn['params'] = [];
  // Only arrows see the enclosing `this`.
  const vars = outer.vars.filter((v) => style === 'arrow' || !v.thisProp);
  if (method) vars.push(method.thisProp);
  const nParams = rng.int(0, 2);
  const paramName = (): string => {
    // Now and then a parameter shadows a visible number.
    const shadowable = vars.filter((v) => v.t === 'num' && !v.thisProp);
    if (shadowable.length > 0 && rng.chance(0.15)) return rng.pick(shadowable).name;
    return fresh(g, 'a');
  };
  let depthName: string | undefined;
  if (recursive) {
    depthName = fresh(g, 'd');
    vars.push({ name: depthName, t: 'num', mutable: false, depth, fnId: info.id, block: NO_SHADOW });
  }
  for (let i = 0; i < nParams; i++) {
    const p = paramName();
    if (params.some((q) => q.name === p) || p === depthName) continue;
    params.push({ name: p, def: i === nParams - 1 && rng.chance(0.25) ? rng.int(0, 5) : undefined });
    vars.push({ name: p, t: 'num', mutable: true, depth, fnId: info.id, block: bodyBlock });
  }
  const allParams = (depthName ? 1 : 0) + params.length;
  const callable: Callable = {
    name, params: allParams, defaults: params.filter((p) => p.def !== undefined).length, recursive,
    pure, writeFrom: pure ? depth : outer.writeFrom, prints: false, mayThrow: false,
  };
  const inner = style === 'named' ? fresh(g, 'n') : undefined;
  const selfName = method ? 'this.m' : inner ?? name;
  const ctx: Ctx = {
    vars, fns: outer.fns.slice(), fn: info, depth,
    writeFrom: pure ? depth : outer.writeFrom,
    canPrint: !pure && outer.canPrint,
    ret: 'num', inLoop: false, top: true, task: undefined,
    self: recursive ? { name: selfName, callable } : undefined, nest: 0, catchVars: [], block: bodyBlock, inTry: false, inSwitch: false,
  };
  const body = style === 'arrow' && !recursive && rng.chance(0.25) ? [] : genBlock(g, ctx, rng.int(1, 5), true);
  const ret = genExpr(g, ctx, 'num', 2);
  callable.mayThrow = info.mayThrow;
  callable.prints = info.prints;
  const fn: Fn = {
    name, style, inner, params, body, ret,
    depth: depthName, base: depthName ? { k: 'lit', t: 'num', v: rng.int(0, 3) } : undefined,
    exprBody: style === 'arrow' && body.length === 0 && !depthName ? true : undefined,
  };
  return { fn, callable };
}

function genBlock(g: GenState, ctx: Ctx, count: number, top = false, atEnd?: (ctx: Ctx) => Stmt | undefined): Stmt[] {
  const out: Stmt[] = [];
  const saved = ctx.vars.length;
  const savedFns = ctx.fns.length;
  const savedTop = ctx.top;
  const savedBlock = ctx.block;
  ctx.top = top;
  if (!top) ctx.block = ++g.blocks;
  /** Tasks spawned in this block still to be awaited, cancelled or timed out: their statement comes later here. */
  const fates: { at: number; stmt: () => Stmt }[] = [];
  // A trace of the way control went: often a nested block starts by printing something.
  if (!top && ctx.canPrint && g.rng.chance(0.5)) {
    ctx.fn.prints = true;
    const vars = visible(ctx, 'num');
    const e: Expr = vars.length > 0 && g.rng.chance(0.7) ? { k: 'ref', t: 'num', name: g.rng.pick(vars).name } : lit('str', g.rng.pick(['a', 'b', 'c', 'd']));
    out.push({ k: 'print', id: ++g.printId, e });
  }
  for (let i = 0; i < count && g.budget > 0; i++) {
    g.budget--;
    const s = genStmt(g, ctx, fates, out.length);
    if (s) out.push(s);
    for (let f = fates.length - 1; f >= 0; f--) {
      if (fates[f].at <= out.length) {
        out.push(fates[f].stmt());
        fates.splice(f, 1);
      }
    }
    if (isJump(out[out.length - 1])) break;
  }
  // Fates still due go before a jump that ends the block, or at its end.
  if (fates.length > 0) {
    const jump = isJump(out[out.length - 1]);
    const stmts = fates.map((f) => f.stmt());
    if (jump) out.splice(out.length - 1, 0, ...stmts);
    else out.push(...stmts);
  }
  const end = atEnd?.(ctx);
  if (end) out.push(end);
  ctx.vars.length = saved;
  ctx.fns.length = savedFns;
  ctx.top = savedTop;
  ctx.block = savedBlock;
  return out;
}

const isJump = (s: Stmt | undefined) => !!s && (s.k === 'return' || s.k === 'break' || s.k === 'continue' || s.k === 'throw');

type StmtKind =
  | 'decl' | 'assign' | 'inc' | 'print' | 'call' | 'sleep' | 'if' | 'for' | 'while' | 'forOf' | 'try' | 'throw' | 'return'
  | 'break' | 'continue' | 'block' | 'closure' | 'defer' | 'spawn' | 'switch' | 'destr' | 'object';

function writable(ctx: Ctx, t: 'num' | 'str'): Var[] {
  // The innermost declaration of each name only.
  const seen = new Set<string>();
  const out: Var[] = [];
  for (let i = ctx.vars.length - 1; i >= 0; i--) {
    const v = ctx.vars[i];
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    if (v.hidden) continue;
    if (v.t === t && v.mutable && v.depth >= ctx.writeFrom) out.push(v);
  }
  return out;
}

function visible(ctx: Ctx, t: Var['t']): Var[] {
  const seen = new Set<string>();
  const out: Var[] = [];
  for (let i = ctx.vars.length - 1; i >= 0; i--) {
    const v = ctx.vars[i];
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    if (v.hidden) continue;
    if (v.t === t) out.push(v);
  }
  return out;
}

/** Functions this context may call (effects it is allowed). */
function callables(ctx: Ctx, needPure = false, needNoThrow = false): Callable[] {
  return ctx.fns.filter((f) => (f.pure || (!needPure && f.writeFrom >= ctx.writeFrom && (!f.prints || ctx.canPrint))) && (!needNoThrow || !f.mayThrow));
}

function genStmt(g: GenState, ctx: Ctx, fates: { at: number; stmt: () => Stmt }[], at: number): Stmt | undefined {
  const { rng } = g;
  const nums = visible(ctx, 'num');
  const canNest = ctx.nest < MAX_NEST && g.budget > 2;
  const task = ctx.task;
  const weights: Partial<Record<StmtKind, number>> = {
    decl: 14,
    assign: writable(ctx, 'num').length + writable(ctx, 'str').length > 0 ? 12 : 0,
    inc: writable(ctx, 'num').length > 0 ? 3 : 0,
    print: ctx.canPrint ? 10 : 0,
    call: callables(ctx).length > 0 || ctx.self ? 6 : 0,
    sleep: 7,
    if: canNest ? 7 : 0,
    for: canNest ? 5 : 0,
    while: canNest ? 3 : 0,
    forOf: canNest ? 2 : 0,
    try: canNest ? 8 : 0,
    throw: ctx.inTry ? 3 : 0.5,
    // main returning ends the program: rarely, and deep inside.
    return: ctx.ret === 'num' ? (ctx.nest > 0 ? 1.5 : 0) : ctx.nest > 1 ? 0.3 : 0,
    break: ctx.inLoop || ctx.inSwitch ? 1.5 : 0,
    continue: ctx.inLoop ? 1.5 : 0,
    block: canNest ? 1 : 0,
    switch: canNest ? 2 : 0,
    destr: 2,
    object: ctx.depth < 4 && g.closures < 6 && g.budget > 3 ? 2 : 0,
    closure: ctx.depth < 4 && g.closures < 6 && g.budget > 3 ? 5 : 0,
    defer: task && !task.cancellable && callables(ctx, true, true).length > 0 ? 2 : 0,
    spawn: task && !task.cancellable && g.residues.length > 0 && g.budget > 3 ? 8 : 0,
  };
  const kind = rng.weighted(weights);
  const nested = (inLoop: boolean, extra: Partial<Ctx> = {}): Ctx => ({
    ...ctx, nest: ctx.nest + 1, inLoop: ctx.inLoop || inLoop,
    task: task && (inLoop ? { ...task, loops: task.loops + 1 } : task), ...extra,
  });
  const blockSize = () => rng.int(1, 4);
  switch (kind) {
    case 'decl': {
      const t: 'num' | 'str' = rng.chance(0.75) ? 'num' : 'str';
      const declKind = rng.pick(['let', 'let', 'const', 'var'] as const);
      // Now and then a let/const shadows a visible variable of the same type declared in another
      // block; its initializer must not read the name (it would be in its temporal dead zone).
      const same = visible(ctx, t).filter((v) => v.block !== ctx.block && v.block !== NO_SHADOW);
      let name = fresh(g, 'v');
      let shadowed: Var[] = [];
      // Only as a block's first statement: a let shadows the name in the whole block, above it too.
      if (declKind !== 'var' && at === 0 && same.length > 0 && rng.chance(0.3)) {
        name = rng.pick(same).name;
        shadowed = ctx.vars.filter((v) => v.name === name);
      }
      // The shadowed declaration must not be in this block either (an earlier shadowing one may be).
      if (shadowed.some((v) => v.block === ctx.block || v.block === NO_SHADOW)) { name = fresh(g, 'v'); shadowed = []; }
      for (const v of shadowed) v.hidden = true;
      const init = genExpr(g, ctx, t, 3);
      for (const v of shadowed) v.hidden = false;
      ctx.vars.push({ name, t, mutable: declKind !== 'const', depth: ctx.depth, fnId: ctx.fn.id, block: ctx.block });
      return { k: 'decl', kind: declKind, name, t, init };
    }
    case 'assign': {
      const t: 'num' | 'str' = writable(ctx, 'str').length > 0 && (writable(ctx, 'num').length === 0 || rng.chance(0.25)) ? 'str' : 'num';
      const v = rng.pick(writable(ctx, t));
      const op = t === 'str' ? rng.pick(['=', '+='] as const) : rng.pick(['=', '+=', '+=', '-='] as const);
      return { k: 'assign', name: v.name, op, e: genExpr(g, ctx, t, 3) };
    }
    case 'inc': {
      const v = rng.pick(writable(ctx, 'num'));
      return { k: 'inc', name: v.name, op: rng.chance(0.7) ? '++' : '--' };
    }
    case 'print': {
      ctx.fn.prints = true;
      const handlerMsg = ctx.catchVars.length > 0 && rng.chance(0.5);
      const e: Expr = handlerMsg
        ? { k: 'errmsg', t: 'str', name: ctx.catchVars[ctx.catchVars.length - 1] }
        : genExpr(g, ctx, rng.chance(0.6) ? 'num' : 'str', 3);
      return { k: 'print', id: ++g.printId, e };
    }
    case 'call': {
      const e = genCall(g, ctx, 2) ?? genExpr(g, ctx, 'num', 2);
      const targets = writable(ctx, 'num');
      if (targets.length > 0 && rng.chance(0.5)) {
        const v = rng.pick(targets);
          return { k: 'assign', name: v.name, op: rng.pick(['=', '+='] as const), e };
      }
      return { k: 'expr', e };
    }
    case 'sleep':
      // Never sleep(0): on Espruino a timer takes at least 0.1 ms (the simulator too), so zero
      // sleeps would add up to a millisecond where natively no time passes. yieldNow takes none.
      if (rng.chance(0.2)) return { k: 'sleep', ms: 0, yield: true };
      return { k: 'sleep', ms: PERIOD * rng.pick([1, 1, 2, 3]) };
    case 'if': {
      const c = genExpr(g, ctx, 'bool', 2);
      const then = genBlock(g, nested(false), blockSize());
      const els = rng.chance(0.5) ? genBlock(g, nested(false), blockSize()) : undefined;
      return { k: 'if', c, then, else: els };
    }
    case 'for': {
      const v = fresh(g, 'i');
      const loopKind = rng.chance(0.7) ? 'let' : 'var';
      const test = rng.chance(0.3) ? genExpr(g, ctx, 'bool', 2) : undefined;
      const inner = nested(true);
      inner.vars = [...ctx.vars, { name: v, t: 'num', mutable: false, depth: ctx.depth, fnId: ctx.fn.id, block: NO_SHADOW }];
      const body = genBlock(g, inner, blockSize());
      return { k: 'for', v, kind: loopKind, n: rng.int(1, 3), test, body };
    }
    case 'while': {
      const v = fresh(g, 'w');
      const test = rng.chance(0.4) ? genExpr(g, ctx, 'bool', 2) : undefined;
      const inner = nested(true);
      inner.vars = [...ctx.vars, { name: v, t: 'num', mutable: false, depth: ctx.depth, fnId: ctx.fn.id, block: NO_SHADOW }];
      const body = genBlock(g, inner, blockSize());
      return { k: 'while', v, n: rng.int(1, 3), test, body, doWhile: rng.chance(0.3) };
    }
    case 'forOf': {
      const v = fresh(g, 'x');
      const items = Array.from({ length: rng.int(1, 3) }, () => genExpr(g, ctx, 'num', 2));
      const inner = nested(true);
      inner.vars = [...ctx.vars, { name: v, t: 'num', mutable: false, depth: ctx.depth, fnId: ctx.fn.id, block: NO_SHADOW }];
      const body = genBlock(g, inner, blockSize());
      return { k: 'forOf', v, items, body };
    }
    case 'try': {
      const body = genBlock(g, nested(false, { inTry: true }), rng.int(1, 4));
      // Often something throws in it (now and then only on a condition).
      if (rng.chance(0.4) && !isJump(body[body.length - 1])) {
        const thrown: Stmt = { k: 'throw', e: { k: 'bin', t: 'str', op: '+', l: { k: 'lit', t: 'str', v: `e${++g.names} ` }, r: genExpr(g, ctx, 'num', 1) } };
        ctx.fn.mayThrow = true;
        body.push(rng.chance(0.5) ? thrown : { k: 'if', c: genExpr(g, ctx, 'bool', 1), then: [thrown] });
      }
      const shape = rng.weighted({ catch: 4, finally: 2, both: 3 });
      let catchVar: string | undefined;
      let handler: Stmt[] | undefined;
      let finalizer: Stmt[] | undefined;
      if (shape !== 'finally') {
        catchVar = fresh(g, 'e');
        const hctx = nested(false, { catchVars: [...ctx.catchVars, catchVar] });
        handler = genBlock(g, hctx, rng.int(1, 3));
      }
      if (shape !== 'catch') finalizer = genBlock(g, nested(false), rng.int(1, 3));
      return { k: 'try', body, catchVar, handler, finalizer };
    }
    case 'throw':
      ctx.fn.mayThrow = true;
      return { k: 'throw', e: { k: 'bin', t: 'str', op: '+', l: { k: 'lit', t: 'str', v: `e${++g.names} ` }, r: genExpr(g, ctx, 'num', 2) } };
    case 'return':
      return ctx.ret === 'num' ? { k: 'return', e: genExpr(g, ctx, 'num', 2) } : { k: 'return' };
    case 'break':
      return { k: 'break' };
    case 'continue':
      return { k: 'continue' };
    case 'block':
      return { k: 'block', body: genBlock(g, nested(false), blockSize()) };
    case 'closure': {
      g.closures++;
      const style = rng.pick(ctx.top ? ['decl', 'arrow', 'fexpr', 'named'] as const : ['arrow', 'fexpr', 'named'] as const);
      const pure = !ctx.canPrint || rng.chance(0.35);
      const { fn, callable } = withBudget(g, g.size * 0.15, () => genFunction(g, ctx, style, pure, 'c'));
      ctx.fns.push(callable);
      return { k: 'fn', fn };
    }
    case 'switch': {
      const e = genExpr(g, ctx, 'num', 2);
      const values = [0, 1, 2, 3].filter(() => rng.chance(0.6));
      if (values.length === 0) values.push(rng.int(0, 3));
      const inner = () => nested(false, { inSwitch: true });
      const cases = values.map((v) => {
        const body = genBlock(g, inner(), rng.int(1, 3));
        if (rng.chance(0.6) && !isJump(body[body.length - 1])) body.push({ k: 'break' });
        return { v, body };
      });
      const dflt = rng.chance(0.5) ? genBlock(g, inner(), rng.int(1, 2)) : undefined;
      return { k: 'switch', e: { k: 'bin', t: 'num', op: '%', l: e, r: lit('num', 4) }, cases, dflt };
    }
    case 'destr': {
      const declKind = rng.pick(['let', 'const', 'var'] as const);
      const n = rng.int(1, 3);
      const items = Array.from({ length: n }, () => genExpr(g, ctx, 'num', 2));
      const names = items.map(() => fresh(g, 'v'));
      for (const name of names) ctx.vars.push({ name, t: 'num', mutable: declKind !== 'const', depth: ctx.depth, fnId: ctx.fn.id, block: ctx.block });
      return { k: 'destr', kind: declKind, names, items, obj: rng.chance(0.5) };
    }
    case 'object': {
      g.closures++;
      const name = fresh(g, 'o');
      const cls = rng.chance(0.5) ? fresh(g, 'K') : undefined;
      const init = genExpr(g, ctx, 'num', 2);
      // this.n is state of the object, so of the function that made it.
      const thisProp: Var = { name: 'this.n', t: 'num', mutable: true, depth: ctx.depth, fnId: -1, block: NO_SHADOW, thisProp: true };
      const pure = !ctx.canPrint || rng.chance(0.35);
      // A pure method only reads this.n; another may write it (a variable of this function, for
      // the rules of who may call it).
      const { fn, callable } = withBudget(g, g.size * 0.15, () => genFunction(g, ctx, 'method', pure, 'm', { name: `${name}.m`, thisProp }));
      ctx.fns.push(callable);
      ctx.vars.push({ name, t: 'obj', mutable: false, depth: ctx.depth, fnId: ctx.fn.id, block: ctx.block });
      return { k: 'object', name, cls, init, method: fn };
    }
    case 'defer': {
      const f = rng.pick(callables(ctx, true, true));
      const name = fresh(g, 'q');
      const args = genArgs(g, ctx, f, 1);
      ctx.vars.push({ name, t: 'prom', mutable: false, depth: ctx.depth, fnId: ctx.fn.id, block: ctx.block });
      return { k: 'defer', name, fn: f.name, args };
    }
    case 'spawn': {
      const t = task!;
      const residue = g.residues.shift()!;
      const handle = fresh(g, 't');
      const writer = t.single && t.loops === 0;
      const fate = rng.weighted({ detach: 3, join: 4, cancel: 2, timeout: 2 });
      const cancellable = fate === 'cancel' || fate === 'timeout';
      const depth = ctx.depth + 1;
      const info: FnInfo = { id: g.fnIds++, mayThrow: false, prints: false };
      const cctx: Ctx = {
        vars: ctx.vars.slice(), fns: ctx.fns.slice(), fn: info, depth,
        writeFrom: writer ? ctx.writeFrom : depth, canPrint: writer && ctx.canPrint,
        ret: 'num', inLoop: false, top: false,
        task: { residue, single: writer, cancellable, loops: 0 }, nest: 0, catchVars: [], block: ctx.block, inTry: false, inSwitch: false,
      };
      const body = withBudget(g, g.size * 0.25, () => genBlock(g, cctx, rng.int(2, 6)));
      const ret = genExpr(g, cctx, 'num', 2);
      ctx.vars.push({ name: handle, t: 'task', mutable: false, depth: ctx.depth, fnId: ctx.fn.id, block: ctx.block });
      if (fate !== 'detach') {
        const v = fresh(g, fate === 'join' ? 'j' : 'r');
        const id = ctx.canPrint ? ++g.printId : undefined;
        const own = t.residue;
        fates.push({
          at: at + 1 + rng.int(0, 2),
          stmt: () => {
            ctx.vars.push({ name: v, t: fate === 'join' ? 'num' : 'str', mutable: true, depth: ctx.depth, fnId: ctx.fn.id, block: ctx.block });
            if (fate === 'join') return { k: 'join', handle, v, residue: own, id };
            if (fate === 'cancel') return { k: 'cancel', handle, v, residue: own, id };
            return { k: 'timeout', handle, v, residue: own, id, ms: PERIOD * rng.int(1, 6) };
          },
        });
      }
      return { k: 'spawn', handle, residue, body, ret, catchId: cctx.canPrint ? ++g.printId : undefined };
    }
  }
  return undefined;
}

function genArgs(g: GenState, ctx: Ctx, f: Callable, depth: number): Expr[] {
  const n = f.params - (f.recursive ? 1 : 0);
  const omit = f.defaults > 0 && g.rng.chance(0.4) ? 1 : 0;
  const args: Expr[] = [];
  if (f.recursive) args.push({ k: 'lit', t: 'num', v: g.rng.int(0, 2) });
  for (let i = 0; i < n - omit; i++) args.push(genExpr(g, ctx, 'num', depth));
  return args;
}

/** `await f(…)` of a function this context may call, or undefined. */
function genCall(g: GenState, ctx: Ctx, depth: number): Expr | undefined {
  const { rng } = g;
  if (ctx.self && rng.chance(0.3)) {
    const self = ctx.self.callable;
    const n = self.params - 1;
    return { k: 'call', t: 'num', fn: ctx.self.name, self: true, args: Array.from({ length: n }, () => genExpr(g, ctx, 'num', depth - 1)) };
  }
  const fs = callables(ctx);
  if (fs.length === 0) return undefined;
  const f = rng.pick(fs);
  if (!f.pure && f.prints) ctx.fn.prints = true;
  if (f.mayThrow) ctx.fn.mayThrow = true;
  return { k: 'call', t: 'num', fn: f.name, self: false, args: genArgs(g, ctx, f, depth - 1) };
}

const lit = (t: Ty, v: number | string | boolean): Expr => ({ k: 'lit', t, v });

function genExpr(g: GenState, ctx: Ctx, t: Ty, depth: number): Expr {
  const { rng } = g;
  if (t === 'bool') {
    // Mostly a variable against a small number: conditions that go both ways.
    const kind = depth <= 0 ? 'cmp' : rng.weighted({ cmp: 6, not: 1, logic: 2, scmp: 0.5 });
    const numVars = visible(ctx, 'num');
    const strVars = visible(ctx, 'str');
    switch (kind) {
      case 'cmp': {
        const l: Expr = numVars.length > 0 && rng.chance(0.7) ? { k: 'ref', t: 'num', name: rng.pick(numVars).name } : genExpr(g, ctx, 'num', depth - 1);
        const r: Expr = rng.chance(0.6) ? lit('num', rng.int(0, 4)) : genExpr(g, ctx, 'num', Math.min(depth - 1, 1));
        return { k: 'cmp', t, op: rng.pick(['<', '<=', '>', '>=', '===', '!=='] as const), l, r };
      }
      case 'scmp': {
        const l: Expr = strVars.length > 0 && rng.chance(0.7) ? { k: 'ref', t: 'str', name: rng.pick(strVars).name } : genExpr(g, ctx, 'str', depth - 1);
        return { k: 'cmp', t, op: rng.pick(['===', '!=='] as const), l, r: genExpr(g, ctx, 'str', 0) };
      }
      case 'not':
        return { k: 'not', t, e: genExpr(g, ctx, 'bool', depth - 1) };
      default:
        return { k: 'logic', t, op: rng.pick(['&&', '||'] as const), l: genExpr(g, ctx, 'bool', depth - 1), r: genExpr(g, ctx, 'bool', depth - 1) };
    }
  }
  const vars = visible(ctx, t === 'num' ? 'num' : 'str');
  const proms = visible(ctx, 'prom').filter((p) => p.fnId === ctx.fn.id);
  if (depth <= 0) {
    if (vars.length > 0 && rng.chance(0.6)) return { k: 'ref', t, name: rng.pick(vars).name };
    return t === 'num' ? lit(t, rng.int(0, 9)) : lit(t, rng.pick(['a', 'b', 'c', 'xy', 'z']));
  }
  const canAll = g.promiseAll && ctx.task && !ctx.task.cancellable && callables(ctx, true, true).length > 0;
  if (t === 'num') {
    const kind = rng.weighted({
      lit: 3, ref: vars.length > 0 ? 5 : 0, bin: 5, mod: 1, mul: 1, cond: 2, logic: 1,
      call: callables(ctx).length > 0 || ctx.self ? 6 : 0, await: 1, awaitp: proms.length > 0 ? 3 : 0,
      arr: 1, obj: 1, len: 1,
    });
    switch (kind) {
      case 'lit': return lit(t, rng.int(0, 9));
      case 'ref': return { k: 'ref', t, name: rng.pick(vars).name };
      case 'bin': return { k: 'bin', t, op: rng.pick(['+', '+', '-'] as const), l: genExpr(g, ctx, t, depth - 1), r: genExpr(g, ctx, t, depth - 1) };
      case 'mod': return { k: 'bin', t, op: '%', l: genExpr(g, ctx, t, depth - 1), r: lit(t, rng.int(2, 5)) };
      case 'mul': return { k: 'bin', t, op: '%', l: { k: 'bin', t, op: '*', l: genExpr(g, ctx, t, depth - 1), r: lit(t, rng.int(2, 3)) }, r: lit(t, 1000) };
      case 'cond': return { k: 'cond', t, c: genExpr(g, ctx, 'bool', depth - 1), a: genExpr(g, ctx, t, depth - 1), b: genExpr(g, ctx, t, depth - 1) };
      case 'logic': return { k: 'logic', t, op: rng.pick(['&&', '||'] as const), l: genExpr(g, ctx, t, depth - 1), r: genExpr(g, ctx, t, depth - 1) };
      case 'call': return genCall(g, ctx, depth) ?? lit(t, 1);
      case 'await': return { k: 'await', t, e: genExpr(g, ctx, t, depth - 1) };
      case 'awaitp': return { k: 'awaitp', t, name: rng.pick(proms).name };
      case 'arr': {
        const items = Array.from({ length: rng.int(2, 3) }, () => genExpr(g, ctx, t, depth - 1));
        return { k: 'arr', t, items, index: rng.int(0, items.length - 1) };
      }
      case 'obj': {
        const props = Array.from({ length: rng.int(1, 3) }, () => genExpr(g, ctx, t, depth - 1));
        return { k: 'obj', t, props, pick: rng.int(0, props.length - 1) };
      }
      default: return { k: 'len', t, e: genExpr(g, ctx, 'str', depth - 1) };
    }
  }
  const kind = rng.weighted({ lit: 3, ref: vars.length > 0 ? 4 : 0, concat: 4, tpl: 3, join: 2, cond: 1, all: canAll ? 1 : 0 });
  switch (kind) {
    case 'lit': return lit(t, rng.pick(['a', 'b', 'c', 'xy', 'z', '']));
    case 'ref': return { k: 'ref', t, name: rng.pick(vars).name };
    case 'concat': return { k: 'bin', t, op: '+', l: genExpr(g, ctx, rng.chance(0.5) ? 'str' : 'num', depth - 1), r: genExpr(g, ctx, t, depth - 1) };
    case 'tpl': {
      const parts = Array.from({ length: rng.int(1, 2) }, () => genExpr(g, ctx, rng.chance(0.7) ? 'num' : 'str', depth - 1));
      return { k: 'tpl', t, parts, texts: [rng.pick(['', 'n', '<']), ...parts.map(() => rng.pick(['', '-', '>', ':']))] };
    }
    case 'join': return { k: 'arr', t, items: Array.from({ length: rng.int(1, 3) }, () => genExpr(g, ctx, 'num', depth - 1)) };
    case 'cond': return { k: 'cond', t, c: genExpr(g, ctx, 'bool', depth - 1), a: genExpr(g, ctx, t, depth - 1), b: genExpr(g, ctx, t, depth - 1) };
    default: {
      const fs = callables(ctx, true, true);
      const calls = Array.from({ length: rng.int(1, 3) }, () => {
        const f = rng.pick(fs);
        return { fn: f.name, args: genArgs(g, ctx, f, 1) };
      });
      return { k: 'all', t, calls };
    }
  }
}

// ---------------------------------------------------------------------------
// Rendering

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Has a literal type (`3`, `'a' | 'b'`) rather than number or string. */
function literalTyped(e: Expr): boolean {
  switch (e.k) {
    case 'lit': return true;
    case 'cond': return literalTyped(e.a) && literalTyped(e.b);
    case 'logic': return literalTyped(e.l) && literalTyped(e.r);
    case 'await': return literalTyped(e.e);
    case 'tpl': return e.parts.every(literalTyped);
    default: return false;
  }
}

const widen = (e: Expr) => `${e.t === 'str' ? 'String' : e.t === 'bool' ? 'Boolean' : 'Number'}(${renderExpr(e)})`;

export function renderExpr(e: Expr): string {
  switch (e.k) {
    case 'lit':
      if (typeof e.v === 'string') return q(e.v);
      if (typeof e.v === 'number') return e.v < 0 ? `(${e.v})` : String(e.v);
      return String(e.v);
    case 'ref': return e.name;
    case 'bin': return `(${renderExpr(e.l)} ${e.op} ${renderExpr(e.r)})`;
    case 'cmp': {
      // An equality with a literal type: TypeScript calls it unintentional (two literals) or narrows
      // the other side to the literal (and then calls a later comparison unintentional); widen it.
      const side = (x: Expr) => (e.op === '===' || e.op === '!==') && literalTyped(x) ? widen(x) : renderExpr(x);
      return `(${side(e.l)} ${e.op} ${side(e.r)})`;
    }
    case 'not': return `!${renderExpr(e.e)}`;
    // A literal on the left: TypeScript calls it always truthy (or falsy); widen it.
    case 'logic': return `(${literalTyped(e.l) && e.l.t !== 'bool' ? widen(e.l) : renderExpr(e.l)} ${e.op} ${renderExpr(e.r)})`;
    case 'cond': return `(${renderExpr(e.c)} ? ${renderExpr(e.a)} : ${renderExpr(e.b)})`;
    case 'await': return `(await ${renderExpr(e.e)})`;
    case 'call': return `(await ${e.fn}(${[...(e.self ? [`${'\0depth'} - 1`] : []), ...e.args.map(renderExpr)].join(', ')}))`;
    case 'awaitp': return `(await ${e.name})`;
    case 'tpl': {
      let s = '`' + e.texts[0];
      e.parts.forEach((p, i) => { s += '${' + renderExpr(p) + '}' + (e.texts[i + 1] ?? ''); });
      return s + '`';
    }
    case 'arr':
      return e.index === undefined ? `[${e.items.map(renderExpr).join(', ')}].join('/')` : `[${e.items.map(renderExpr).join(', ')}][${e.index}]`;
    case 'obj':
      return `({ ${e.props.map((p, i) => `k${i}: ${renderExpr(p)}`).join(', ')} }).k${e.pick}`;
    case 'len': return `${renderExpr(e.e)}.length`;
    case 'all': return `(await Promise.all([${e.calls.map((c) => `${c.fn}(${c.args.map(renderExpr).join(', ')})`).join(', ')}])).join(',')`;
    case 'errmsg': return `(${e.name} as Error).message`;
  }
}

class Out {
  lines: string[] = [];
  line(indent: number, text: string) { this.lines.push('  '.repeat(indent) + text); }
}

function renderBody(o: Out, stmts: Stmt[], indent: number, unit: number) {
  for (const s of stmts) renderStmt(o, s, indent, unit);
}

function renderStmt(o: Out, s: Stmt, n: number, unit: number): void {
  const ms = (x: number) => String(x * unit);
  const align = (r: number) => `await align(${r});`;
  switch (s.k) {
    case 'decl': o.line(n, `${s.kind} ${s.name}: ${s.t === 'num' ? 'number' : 'string'} = ${renderExpr(s.init)};`); return;
    case 'assign': o.line(n, `${s.name} ${s.op} ${renderExpr(s.e)};`); return;
    case 'inc': o.line(n, `${s.name}${s.op};`); return;
    case 'print': o.line(n, `print('p${s.id} ' + ${renderExpr(s.e)});`); return;
    case 'expr': o.line(n, `${renderExpr(s.e)};`); return;
    case 'sleep': o.line(n, s.yield ? 'await yieldNow();' : unit === 1 ? `await sleep(${s.ms});` : `await pause(${s.ms});`); return;
    case 'if':
      o.line(n, `if (${renderExpr(s.c)}) {`);
      renderBody(o, s.then, n + 1, unit);
      if (s.else) {
        o.line(n, '} else {');
        renderBody(o, s.else, n + 1, unit);
      }
      o.line(n, '}');
      return;
    case 'for':
      o.line(n, `for (${s.kind} ${s.v} = 0; ${s.v} < ${s.n}${s.test ? ` && ${renderExpr(s.test)}` : ''}; ${s.v}++) {`);
      renderBody(o, s.body, n + 1, unit);
      o.line(n, '}');
      return;
    case 'while': {
      const test = `${s.v} < ${s.n}${s.test ? ` && ${renderExpr(s.test)}` : ''}`;
      o.line(n, `let ${s.v} = 0;`);
      o.line(n, s.doWhile ? 'do {' : `while (${test}) {`);
      o.line(n + 1, `${s.v}++;`);
      renderBody(o, s.body, n + 1, unit);
      o.line(n, s.doWhile ? `} while (${test});` : '}');
      return;
    }
    case 'forOf':
      o.line(n, `for (const ${s.v} of [${s.items.map(renderExpr).join(', ')}]) {`);
      renderBody(o, s.body, n + 1, unit);
      o.line(n, '}');
      return;
    case 'try':
      o.line(n, 'try {');
      renderBody(o, s.body, n + 1, unit);
      if (s.handler) {
        o.line(n, `} catch (${s.catchVar}) {`);
        renderBody(o, s.handler, n + 1, unit);
      }
      if (s.finalizer) {
        o.line(n, '} finally {');
        renderBody(o, s.finalizer, n + 1, unit);
      }
      if (!s.handler && !s.finalizer) o.line(n, '} finally {');
      o.line(n, '}');
      return;
    case 'throw': o.line(n, `throw new Error(${renderExpr(s.e)});`); return;
    case 'return': o.line(n, s.e ? `return ${renderExpr(s.e)};` : 'return;'); return;
    case 'break': o.line(n, 'break;'); return;
    case 'continue': o.line(n, 'continue;'); return;
    case 'block':
      o.line(n, '{');
      renderBody(o, s.body, n + 1, unit);
      o.line(n, '}');
      return;
    case 'fn': renderFn(o, s.fn, n, unit); return;
    case 'defer': o.line(n, `const ${s.name} = ${s.fn}(${s.args.map(renderExpr).join(', ')});`); return;
    case 'spawn':
      o.line(n, `const ${s.handle} = spawn(async () => {`);
      o.line(n + 1, align(s.residue));
      o.line(n + 1, 'try {');
      renderBody(o, s.body, n + 2, unit);
      o.line(n + 2, `return ${renderExpr(s.ret)};`);
      o.line(n + 1, '} catch (err) {');
      if (s.catchId !== undefined) o.line(n + 2, `print('p${s.catchId} ' + (err as Error).message);`);
      o.line(n + 2, 'return -1;');
      o.line(n + 1, '}');
      o.line(n, `}, { name: '${s.handle}' });`);
      return;
    case 'join':
      o.line(n, `let ${s.v}: number = 0;`);
      o.line(n, `try { ${s.v} = await ${s.handle}; } catch (err) { ${s.v} = -2; }`);
      o.line(n, align(s.residue));
      if (s.id !== undefined) o.line(n, `print('p${s.id} ' + ${s.v});`);
      return;
    case 'cancel':
      o.line(n, `${s.handle}.cancel();`);
      o.line(n, `let ${s.v}: string = 'done';`);
      o.line(n, `try { ${s.v} += ' ' + (await ${s.handle}); } catch (err) { ${s.v} = 'cancelled ' + isCancelled(err); }`);
      o.line(n, align(s.residue));
      if (s.id !== undefined) o.line(n, `print('p${s.id} ' + ${s.v});`);
      return;
    case 'switch':
      o.line(n, `switch (${renderExpr(s.e)}) {`);
      for (const c of s.cases) {
        o.line(n + 1, `case ${c.v}: {`);
        renderBody(o, c.body, n + 2, unit);
        o.line(n + 1, '}');
      }
      if (s.dflt) {
        o.line(n + 1, 'default: {');
        renderBody(o, s.dflt, n + 2, unit);
        o.line(n + 1, '}');
      }
      o.line(n, '}');
      return;
    case 'destr':
      if (s.obj) o.line(n, `${s.kind} { ${s.names.map((v, i) => `k${i}: ${v}`).join(', ')} } = { ${s.items.map((e, i) => `k${i}: ${renderExpr(e)}`).join(', ')} };`);
      else o.line(n, `${s.kind} [${s.names.join(', ')}] = [${s.items.map(renderExpr).join(', ')}];`);
      return;
    case 'object':
      if (s.cls) {
        o.line(n, `class ${s.cls} {`);
        o.line(n + 1, 'n: number;');
        o.line(n + 1, 'constructor(n: number) { this.n = n; }');
        renderFn(o, s.method, n + 1, unit);
        // No comma after a class member.
        o.lines[o.lines.length - 1] = o.lines[o.lines.length - 1].replace(/,$/, '');
        o.line(n, '}');
        o.line(n, `const ${s.name} = new ${s.cls}(${renderExpr(s.init)});`);
      } else {
        o.line(n, `const ${s.name} = {`);
        o.line(n + 1, `n: ${renderExpr(s.init)},`);
        renderFn(o, s.method, n + 1, unit);
        o.line(n, '};');
      }
      return;
    case 'timeout':
      o.line(n, `let ${s.v}: string = '';`);
      o.line(n, `try { ${s.v} = 'ok ' + (await withTimeout(${ms(s.ms)}, ${s.handle})); } catch (err) { ${s.v} = (err as Error).message; }`);
      o.line(n, `try { await ${s.handle}; } catch (err) { ${s.v} += ' ' + isCancelled(err); }`);
      o.line(n, align(s.residue));
      if (s.id !== undefined) o.line(n, `print('p${s.id} ' + ${s.v});`);
      return;
  }
}

function renderFn(o: Out, fn: Fn, n: number, unit: number): void {
  const params = [...(fn.depth ? [`${fn.depth}: number`] : []), ...fn.params.map((p) => `${p.name}: number${p.def !== undefined ? ` = ${p.def}` : ''}`)].join(', ');
  if (fn.exprBody && fn.body.length === 0 && !fn.depth) {
    o.line(n, `const ${fn.name} = async (${params}): Promise<number> => ${renderExpr(fn.ret)};`);
    return;
  }
  const head =
    fn.style === 'method' ? `async m(${params}): Promise<number> {`
    : fn.style === 'decl' ? `async function ${fn.name}(${params}): Promise<number> {`
    : fn.style === 'arrow' ? `const ${fn.name} = async (${params}): Promise<number> => {`
    : fn.style === 'fexpr' ? `const ${fn.name} = async function (${params}): Promise<number> {`
    : `const ${fn.name} = async function ${fn.inner}(${params}): Promise<number> {`;
  o.line(n, head);
  if (fn.depth) o.line(n + 1, `if (${fn.depth} <= 0) return ${renderExpr(fn.base!)};`);
  const inner = new Out();
  renderBody(inner, fn.body, n + 1, unit);
  inner.line(n + 1, `return ${renderExpr(fn.ret)};`);
  // Self-calls pass this function's depth minus one.
  for (const l of inner.lines) o.lines.push(fn.depth ? l.split('\0depth').join(fn.depth) : l);
  o.line(n, fn.style === 'decl' ? '}' : fn.style === 'method' ? '},' : '};');
}

/** Does the program sleep anywhere? */
function usesSleep(ast: ProgramAst): boolean {
  return JSON.stringify([ast.helpers, ast.main]).includes('"k":"sleep"');
}

/** Does the program spawn anywhere? */
function spawns(ast: ProgramAst): boolean {
  const visit = (x: unknown): boolean => {
    if (!x || typeof x !== 'object') return false;
    if (Array.isArray(x)) return x.some(visit);
    const o = x as Record<string, unknown>;
    return o.k === 'spawn' || Object.keys(o).some((key) => visit(o[key]));
  };
  return visit(ast.helpers) || visit(ast.main);
}

/** The program's TypeScript source. */
export function render(ast: ProgramAst): string {
  const o = new Out();
  const tasks = spawns(ast);
  const u = ast.unit;
  if (tasks) {
    const t = u === 1 ? 'now()' : `Math.round(now() / ${u})`;
    o.line(0, `/** Sleep to the next instant ≡ r (mod ${PERIOD}), 1‥${PERIOD} ${u === 1 ? 'ms' : 'units'} on: each task acts at its own instants. */`);
    if (u === 1) o.line(0, `function align(r: number) { return sleep(((((r - ${t}) % ${PERIOD}) + ${PERIOD}) % ${PERIOD} || ${PERIOD})); }`);
    else o.line(0, `function align(r: number) { return pause((((r - ${t}) % ${PERIOD}) + ${PERIOD}) % ${PERIOD} || ${PERIOD}); }`);
  }
  if (u !== 1 && (tasks || usesSleep(ast))) {
    // Real time: sleep to a whole unit n units on, so lateness never adds up.
    o.line(0, `/** Sleep n units (of ${u} ms), to a whole unit: lateness does not add up. */`);
    o.line(0, `function pause(n: number) { return sleep(Math.max(0, (Math.round(now() / ${u}) + n) * ${u} - now())); }`);
  }
  if (!ast.helpersLast) for (const h of ast.helpers) renderFn(o, h, 0, u);
  o.line(0, 'async function main() {');
  // Real time: main starts at any time; put it on its instants first.
  const start = tasks && u !== 1 ? 'await align(0);' : undefined;
  if (ast.mainCatchId === undefined) {
    if (start) o.line(1, start);
    renderBody(o, ast.main, 1, ast.unit);
  } else {
    o.line(1, 'try {');
    if (start) o.line(2, start);
    renderBody(o, ast.main, 2, ast.unit);
    o.line(1, '} catch (err) {');
    o.line(2, `print('p${ast.mainCatchId} ' + (err as Error).message);`);
    o.line(1, '}');
  }
  o.line(0, '}');
  if (ast.helpersLast) for (const h of ast.helpers) renderFn(o, h, 0, ast.unit);
  return o.lines.join('\n') + '\n';
}
