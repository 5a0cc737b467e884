import * as acorn from 'acorn';

/**
 * The simulator's copy of a bundle, with counters that tell the cost model
 * (cost-model.ts) what code runs, so running code takes board time.
 *
 * Why: Espruino reads a function's text every time it runs it, so on a board
 * the cost of code is roughly the text the interpreter passes over (docs/speed.md).
 * V8 runs the same bundle in no virtual time at all; without counters a task
 * that computes for 200 ms on a Puck.js looks free and `while (true) i++` hangs.
 *
 * How: three kinds of insertion, none of which changes what the code does:
 *
 *   function entry:  function(t){return t.v}  becomes  function(t){__coopK(7);return t.v}
 *   loop back-edge:  for(;;)e++  becomes  for(;;){__coopK(8);e++}  (the added braces marked by K comments)
 *   coroutine step:  n=t.b(t)  becomes  n=(__coopS(t),t.b(t))  (the added parentheses marked by S comments)
 *   class use:       t.length  becomes  (__coopL(t)).length, and String(x) becomes (__coopN(2),String)(x)
 *                    (marked by L and N comments; for the memory estimate, see CLASS_USE below)
 *   call argument:   f(t,g())  becomes  f(t,(__coopA(f),__coopB(g())))  (marked by A comments;
 *                    an Espruino leak the memory estimate models, see ARGUMENT_THREW below)
 *
 * Each counter is a site: its kind and the size of the text Espruino passes
 * over for it (the whole function on a call, the loop's header and body on
 * each iteration). A step (`X.b(X)`, how the executor and the state machine
 * resume a coroutine: firmware/executor.ts) tells the simulator which task
 * runs, observed from the bundle without importing firmware source.
 * Function.prototype.toString and the memory estimate see the original text
 * again through stripCounters; the board's bundle never has any of this.
 */

/** What a counter stands for. */
export const enum SiteKind {
  /** The bundle's top level, run once on load. */
  Program = 0,
  /** A function's entry: Espruino passes over its whole text on each call. */
  Function = 1,
  /** A loop iteration: Espruino passes over the loop's header and body again. */
  Loop = 2,
  /** Any other block of statements that runs (an if branch, a case, a try block). */
  Block = 3,
}

/**
 * One counter, at the start of a list of statements. Legend: `kind` SiteKind;
 * `start`/`end` offsets of the text it stands for in the original bundle;
 * `chars` characters Espruino passes over each time it is hit (the function's
 * or loop's whole text; 0 for a block); `tokens` JavaScript tokens of its own
 * statements, not counting blocks and functions nested in them (they have
 * their own counters); `calls` call expressions among those statements.
 */
export interface Site {
  kind: SiteKind;
  start: number;
  end: number;
  chars: number;
  tokens: number;
  calls: number;
}

export interface Instrumented {
  /** The bundle with counters (only the simulator runs it). */
  code: string;
  /** Counter i is `__coopK(i)`; site 0 is the program. */
  sites: Site[];
}

/** Global the counters call: charge site `i`. */
export const CHARGE = '__coopK';
/** Global a coroutine step calls with the frame about to run. */
export const STEP = '__coopS';

/**
 * Global every named member lookup (`t.length`, `s.charAt(0)`, `n.toFixed(1)`,
 * `v._p`) calls with its object first. On the board the first lookup on an
 * array, a string, a number or a boolean that misses its own properties (any
 * name but an array's own elements: methods, `length`, Coop's `v._p` on an
 * awaited number) makes that class and its prototype in the root (7 JsVars:
 * src/jsparse.c jspeiFindChildFromStringInParents → jspNewPrototype), so the
 * memory estimate counts the class from the moment code does it, not from the
 * bundle's text (a helper in the bundle that never runs costs nothing on the
 * board). A call per lookup: many-tasks' 120 s on a Puck.js took 0.7–1.0 s of
 * host time with it and 0.9–1.1 s with methods and `length` only (noise).
 */
export const CLASS_USE = '__coopL';
/** Global code naming one of those classes calls first (`Array.isArray`, `String(x)`: 2 JsVars on the board, jspGetNamedVariable). */
export const CLASS_NAMED = '__coopN';
/** The classes CLASS_USE and CLASS_NAMED report, one bit each (the argument of CLASS_NAMED, what CLASS_USE reports). */
export const enum ClassBit {
  Array = 1,
  String = 2,
  Number = 4,
  Boolean = 8,
}
const CLASS_BITS: Record<string, ClassBit> = { Array: ClassBit.Array, String: ClassBit.String, Number: ClassBit.Number, Boolean: ClassBit.Boolean };
/**
 * Globals around a call's argument that is itself a call: `f(t, g())` runs
 * `__coopA(f)` (push f on a stack) before `g()` and `__coopB(value)` (pop it)
 * after. If `g()` throws, Espruino 2v29 never unlocks `f`'s scope
 * (src/jsparse.c jspeFunctionCall: `functionScope` is unlocked only
 * `if (!JSP_HAS_ERROR)`), so that scope and all it holds stay for good; here f
 * is left on the stack, and what is left when the callback returns to the
 * event loop is what leaked (the memory estimate keeps those scopes). Two
 * plain calls, no closure: wrapping `g()` in a try/catch thunk made
 * many-tasks' simulation 1.8× slower. Only calls by name (`f(…)`, `new F(…)`):
 * for `o.m(g())` the callee cannot be evaluated twice safely, and that leak
 * goes unmodelled.
 */
export const ARGUMENT_THREW = '__coopA';
/** The pop: see ARGUMENT_THREW. */
export const ARGUMENT_DONE = '__coopB';
const ARG_CLOSE = ')/*A*/)';

const USE_OPEN = `(/*L*/${CLASS_USE}(`;
const USE_CLOSE = ')/*L*/)';
const NAMED_CLOSE = '/*N*/)';

const LOOP_OPEN = '{/*K*/';
const LOOP_CLOSE = '/*K*/}';
const STEP_CLOSE = '/*S*/)';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** A list of statements that gets a counter. Legend: `from`/`to` what its own tokens are counted in; `at` where the counter goes. */
interface Container {
  site: number;
  from: number;
  to: number;
}

/** `code` with a counter at every function entry, loop iteration and block, and a hook on every coroutine step. */
export function instrument(code: string): Instrumented {
  let ast: Node;
  try {
    ast = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script', allowReturnOutsideFunction: true }) as unknown as Node;
  } catch {
    // Not a bundle the simulator can read; it runs uncounted (and evaluating it will report the error).
    return { code, sites: [{ kind: SiteKind.Program, start: 0, end: code.length, chars: code.length, tokens: 0, calls: 0 }] };
  }
  const sites: Site[] = [];
  const containers: Container[] = [];
  const callStarts: number[] = [];
  /**
   * Insertions: text to put at an offset. Several at one offset nest: closers
   * before openers (`order` 0 and 1); closers of expression wraps before
   * statement ones, inner (later `from`) first; openers of statement wraps and
   * counters first, then expression wraps, outer (later `to`) first.
   */
  const edits: { at: number; text: string; order: number; level: number; key: number; seq: number }[] = [];
  /** Statement-level edits (counters, loop braces): `order` 0 closes, 1 opens. */
  const stmtEdit = (at: number, text: string, order: number, from: number) => edits.push({ at, text, order, level: order === 0 ? 1 : 0, key: order === 0 ? -from : 0, seq: edits.length });
  /** An expression wrapped in `open` … `close`. */
  const wrapExpr = (from: number, to: number, open: string, close: string) => {
    const seq = edits.length;
    edits.push({ at: from, text: open, order: 1, level: 1, key: -to, seq });
    edits.push({ at: to, text: close, order: 0, level: 0, key: -from, seq: -seq });
  };
  /** A counter for the statements in [from, to), charging `chars` of text passed over; `wrap` adds braces around a lone statement. */
  const counter = (kind: SiteKind, start: number, end: number, chars: number, from: number, to: number, at: number, wrap: boolean) => {
    const id = sites.length;
    sites.push({ kind, start, end, chars, tokens: 0, calls: 0 });
    containers.push({ site: id, from, to });
    if (wrap) {
      stmtEdit(at, `${LOOP_OPEN}${CHARGE}(${id});`, 1, from);
      stmtEdit(to, LOOP_CLOSE, 0, from);
    } else {
      stmtEdit(at, `${CHARGE}(${id});`, 1, from);
    }
  };
  /** A statement position (a branch, a loop body): its counter, of `kind` when given. */
  const body = (stmt: Node | null | undefined, kind: SiteKind, start: number, end: number, chars: number) => {
    if (!stmt) return;
    if (stmt.type === 'BlockStatement') {
      counted.add(stmt);
      counter(kind, start, end, chars, stmt.start, stmt.end, afterDirectives(stmt), false);
    } else {
      counter(kind, start, end, chars, stmt.start, stmt.end, stmt.start, true);
    }
  };
  /** Blocks already given a counter by their parent (function bodies, loop bodies, branches). */
  const counted = new Set<Node>();
  /** Identifiers that are not reads of a variable (declared names, property keys, assignment targets), seen from their parent first. */
  const notRead = new Set<Node>();
  counter(SiteKind.Program, 0, code.length, code.length, 0, code.length, afterDirectives(ast), false);
  // Explicit stack, no recursion: bundles nest deeply.
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    const n = node as Node;
    switch (n.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (n.id) notRead.add(n.id as Node);
        for (const param of n.params as Node[]) notRead.add(param);
        if ((n.body as Node).type === 'BlockStatement') body(n.body as Node, SiteKind.Function, n.start, n.end, n.end - n.start);
        break;
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        body(n.body as Node, SiteKind.Loop, n.start, n.end, n.end - n.start);
        break;
      case 'IfStatement':
        body(n.consequent as Node, SiteKind.Block, (n.consequent as Node).start, (n.consequent as Node).end, 0);
        if (n.alternate) body(n.alternate as Node, SiteKind.Block, (n.alternate as Node).start, (n.alternate as Node).end, 0);
        break;
      case 'SwitchCase': {
        const list = n.consequent as Node[];
        if (list.length === 1 && list[0].type === 'BlockStatement') break; // a braced case: its block counts
        if (list.length > 0) counter(SiteKind.Block, list[0].start, list[list.length - 1].end, 0, list[0].start, list[list.length - 1].end, list[0].start, false);
        break;
      }
      case 'BlockStatement':
        if (!counted.has(n)) body(n, SiteKind.Block, n.start, n.end, 0);
        break;
      case 'CallExpression':
      case 'NewExpression': {
        callStarts.push(n.start);
        const callee = n.callee as Node;
        const args = n.arguments as Node[];
        if (callee.type === 'Identifier' && CLASS_BITS[(callee as Node & { name: string }).name] === undefined) {
          const name = (callee as Node & { name: string }).name;
          for (const a of args) if (a.type === 'CallExpression' || a.type === 'NewExpression') wrapExpr(a.start, a.end, `(/*A*/${ARGUMENT_THREW}(${name}),${ARGUMENT_DONE}(`, ARG_CLOSE);
        }
        if (n.type === 'CallExpression' && callee.type === 'MemberExpression' && !callee.computed && (callee.property as { name?: string }).name === 'b' &&
          (callee.object as Node).type === 'Identifier' && args.length === 1 && args[0].type === 'Identifier' &&
          (args[0] as unknown as { name: string }).name === (callee.object as unknown as { name: string }).name) {
          const name = (callee.object as unknown as { name: string }).name;
          wrapExpr(n.start, n.end, `(/*S*/${STEP}(${name}),`, STEP_CLOSE);
        }
        break;
      }
      case 'MemberExpression': {
        const object = n.object as Node;
        const property = n.property as Node & { name?: string };
        if (!n.computed) notRead.add(property);
        // Not `(a, b).c`: the object would become two arguments (rare; that lookup goes uncounted).
        if (!n.computed && !n.optional && object.type !== 'Super' && object.type !== 'SequenceExpression') wrapExpr(object.start, object.end, USE_OPEN, USE_CLOSE);
        break;
      }
      case 'Identifier': {
        const bit = CLASS_BITS[(n as Node & { name: string }).name];
        if (bit !== undefined && !notRead.has(n)) wrapExpr(n.start, n.end, `(/*N*/${CLASS_NAMED}(${bit}),`, NAMED_CLOSE);
        break;
      }
      case 'Property':
      case 'MethodDefinition':
        if (!n.computed) notRead.add(n.key as Node);
        if ((n as { shorthand?: boolean }).shorthand) notRead.add(n.value as Node);
        break;
      case 'VariableDeclarator':
        notRead.add(n.id as Node);
        break;
      case 'AssignmentExpression':
      case 'ForInStatement':
        notRead.add(n.left as Node);
        break;
      case 'UpdateExpression':
        notRead.add(n.argument as Node);
        break;
      case 'LabeledStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
        if (n.label) notRead.add(n.label as Node);
        break;
      case 'CatchClause':
        if (n.param) notRead.add(n.param as Node);
        break;
    }
    for (const key in n) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      const v = n[key];
      if (v !== null && typeof v === 'object') stack.push(v);
    }
  }
  // Each token and each call belongs to the innermost counted list around it.
  assign(containers, tokenize(code), sites, 'tokens');
  assign(containers, callStarts.sort((a, b) => a - b), sites, 'calls');
  edits.sort((a, b) => a.at - b.at || a.order - b.order || a.level - b.level || a.key - b.key || a.seq - b.seq);
  let out = '';
  let from = 0;
  for (const e of edits) {
    out += code.slice(from, e.at) + e.text;
    from = e.at;
  }
  return { code: out + code.slice(from), sites };
}

/** Count each sorted offset to the innermost container holding it (containers nest, as the AST does). */
function assign(containers: Container[], offsets: number[], sites: Site[], field: 'tokens' | 'calls'): void {
  const byStart = [...containers].sort((a, b) => a.from - b.from || b.to - a.to);
  const open: Container[] = [];
  let next = 0;
  for (const at of offsets) {
    while (next < byStart.length && byStart[next].from <= at) {
      const c = byStart[next++];
      while (open.length > 0 && open[open.length - 1].to <= c.from) open.pop();
      open.push(c);
    }
    while (open.length > 0 && open[open.length - 1].to <= at) open.pop();
    if (open.length > 0) sites[open[open.length - 1].site][field]++;
  }
}

const STRIP = new RegExp(
  `${CHARGE}\\(\\d+\\);|${escape(LOOP_OPEN)}${CHARGE}\\(\\d+\\);|${escape(LOOP_CLOSE)}|\\(/\\*S\\*/${STEP}\\([\\w$]+\\),|${escape(STEP_CLOSE)}` +
    `|${escape(USE_OPEN)}|${escape(USE_CLOSE)}|\\(/\\*N\\*/${CLASS_NAMED}\\(\\d+\\),|${escape(NAMED_CLOSE)}` +
    `|\\(/\\*A\\*/${ARGUMENT_THREW}\\([\\w$]+\\),${ARGUMENT_DONE}\\(|${escape(ARG_CLOSE)}`,
  'g',
);

/** A function's text (or the whole bundle) as it was before `instrument`. */
export function stripCounters(text: string): string {
  return text.includes(CHARGE) || text.includes(STEP) || text.includes(CLASS_USE) || text.includes(CLASS_NAMED) || text.includes(ARGUMENT_THREW) ? text.replace(STRIP, '') : text;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Where a counter goes in a block or program: after any "use strict" prologue, which must stay first. */
function afterDirectives(body: Node): number {
  let at = body.type === 'Program' ? body.start : body.start + 1;
  for (const s of body.body as Node[]) {
    if (s.type !== 'ExpressionStatement' || typeof (s as { directive?: unknown }).directive !== 'string') break;
    at = s.end;
  }
  return at;
}

/** Start offsets of every token, ascending. */
function tokenize(code: string): number[] {
  const starts: number[] = [];
  try {
    for (const t of acorn.tokenizer(code, { ecmaVersion: 2020, allowReturnOutsideFunction: true })) starts.push(t.start);
  } catch {
    // Counted as far as it reads.
  }
  return starts;
}
