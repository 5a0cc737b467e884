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
  /** Insertions: text to put at an offset; `order` keeps closers before openers at one offset. */
  const edits: { at: number; text: string; order: number }[] = [];
  /** A counter for the statements in [from, to), charging `chars` of text passed over; `wrap` adds braces around a lone statement. */
  const counter = (kind: SiteKind, start: number, end: number, chars: number, from: number, to: number, at: number, wrap: boolean) => {
    const id = sites.length;
    sites.push({ kind, start, end, chars, tokens: 0, calls: 0 });
    containers.push({ site: id, from, to });
    if (wrap) {
      edits.push({ at, text: `${LOOP_OPEN}${CHARGE}(${id});`, order: 1 });
      edits.push({ at: to, text: LOOP_CLOSE, order: 0 });
    } else {
      edits.push({ at, text: `${CHARGE}(${id});`, order: 1 });
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
        if (n.type === 'CallExpression' && callee.type === 'MemberExpression' && !callee.computed && (callee.property as { name?: string }).name === 'b' &&
          (callee.object as Node).type === 'Identifier' && args.length === 1 && args[0].type === 'Identifier' &&
          (args[0] as unknown as { name: string }).name === (callee.object as unknown as { name: string }).name) {
          const name = (callee.object as unknown as { name: string }).name;
          edits.push({ at: n.start, text: `(/*S*/${STEP}(${name}),`, order: 2 });
          edits.push({ at: n.end, text: STEP_CLOSE, order: 0 });
        }
        break;
      }
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
  edits.sort((a, b) => a.at - b.at || a.order - b.order);
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
  `${CHARGE}\\(\\d+\\);|${escape(LOOP_OPEN)}${CHARGE}\\(\\d+\\);|${escape(LOOP_CLOSE)}|\\(/\\*S\\*/${STEP}\\([\\w$]+\\),|${escape(STEP_CLOSE)}`,
  'g',
);

/** A function's text (or the whole bundle) as it was before `instrument`. */
export function stripCounters(text: string): string {
  return text.includes(CHARGE) || text.includes(STEP) ? text.replace(STRIP, '') : text;
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
