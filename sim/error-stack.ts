import * as acorn from 'acorn';
import { stripCounters } from './instrument.js';
import { stripKeepScopes } from './keep-scopes.js';

/**
 * `Error.stack` in the simulator as Espruino 2v29 writes it, so that an Error
 * the firmware keeps costs the JsVars it costs on the board.
 *
 * Why: Espruino gives every Error it makes (`new Error(…)` and the errors of
 * its natives) a `stack` string at once (src/jswrap_error.c
 * _jswrap_error_constructor → jspAppendStackTrace → src/jslex.c
 * jslPrintStackTrace), one entry per JavaScript call in progress, each with a
 * line of spaces up to the column of the call in that function's code:
 *
 *       at yt (:1:993)
 *
 *   <992 spaces>^
 *
 * A Coop bundle is one long line and its functions are long, so the padding is
 * big: plant-waterer's failed readAverage keeps a 1,969-character stack, 94
 * JsVars of the Linux build (E.getSizeOf(e.stack)), where V8's
 * "Error: …\n    at yt (bundle.js:2:22320)…" was 507 characters, 25 JsVars:
 * the row was −5.4% (1,402 vs 1,481) with V8's text.
 *
 * Measured on the Linux build of Espruino 2v29 (-O0, `espruino file.js`):
 * - one entry per JavaScript function on the call stack (natives add none),
 *   innermost first, then the program itself if it is running (at load);
 * - `    at NAME (:LINE:COL)\n` or, with no name, `    at :LINE:COL\n`; then an
 *   empty line (jslPrintTokenLineMarker prints no source text on this build),
 *   then COL−1 spaces and `^\n`;
 * - LINE:COL of the last token read in that function's code: the `)` of the
 *   call in progress (of `new Error(…)` at the top). A function's code is its
 *   text after `{` from the first token, without a leading `return` (src/jsparse.c
 *   jspeFunctionDefinitionInternal), so the column counts from there; the
 *   program's is the whole file;
 * - NAME: how the caller called it: `f(…)` and `new f(…)` "f", `o.m(…)` "m",
 *   `o[k](…)` the key, `(function (a,b) {…})(…)` the function's text cut to 63
 *   characters (JSLEX_MAX_TOKEN_LENGTH 64 with its NUL); none when a native
 *   called it (a timer, a promise, `.call`, `.apply`, `forEach`); "[raw]" for
 *   the program loaded from a file.
 *
 *   `var f = function () { return new Error('z'); }; var e = f();`  (one line)
 *   e.stack on Espruino:  "    at f (:1:14)\n\n             ^\n    at [raw] (:1:59)\n\n" + 58 spaces + "^\n"
 *
 * Code saved to flash (`coop flash`) prints the file and the column in it
 * instead (`at f (t.js:1:366)`): a few characters more per entry; the padding
 * is the same (measured: a function read from Storage). Its size in JsVars is
 * the string's (sim/jsvar-cost.ts stringVars): 20 characters in the first var
 * and 21 in each more on the Linux build (measured: 1,969 characters = 94
 * vars, 709 = 34, 121 = 6), JSVAR_DATA_STRING_LEN and JSVAR_DATA_STRING_MAX_LEN
 * of src/jsutils.h: 8 and 9 on a Puck.js (12-bit refs), so the same stack
 * takes ~2.3× as many vars there.
 *
 * How: V8 records each Error's call sites when it is made and formats them
 * only when `stack` is first read; the realm's `Error.prepareStackTrace` is
 * this formatter. Positions are in the simulator's copy of the bundle (with
 * counters, sim/instrument.ts, and sim/keep-scopes.ts); the text between a
 * function's `{` and the call, stripped of them, is Espruino's column. Only an
 * Error whose `stack` is read (the memory estimate reads the Errors the
 * firmware keeps) costs host time: a parse of each function on its stack once
 * per bundle, and of each call. plant-waterer's Error: 9 ms the first time,
 * where one walk of the estimate takes ~47 ms.
 */

/** V8's call site (https://v8.dev/docs/stack-trace-api): the parts read here. */
export interface CallSite {
  getFileName(): string | null | undefined;
  /** Offset in the script of what the frame is doing: a call's callee, its property, `new`, or the `(` of its arguments. */
  getPosition(): number;
  getEnclosingLineNumber(): number | null;
  getEnclosingColumnNumber(): number | null;
  getMethodName(): string | null;
}

/** The file name the simulator runs the bundle as (Harness.load). */
export const BUNDLE_FILE = 'bundle.js';
/**
 * Call sites V8 records per Error (its default is 10, counting the simulator's
 * own frames); Espruino has no limit. Recording costs each Error ~0.6 µs a
 * frame: 100,000 Errors 30 calls deep took 1.0 s with 10 and 2.8 s with 100
 * (Node 20, this machine), so enough for a deep stack of firmware, no more.
 */
const STACK_FRAMES = 50;
/** The longest name Espruino prints: jsvGetString into char[JSLEX_MAX_TOKEN_LENGTH] (64, with the NUL). */
const NAME_MAX = 63;
/** Espruino's name for the program, loaded from a file (`espruino bundle.js`). */
const PROGRAM_NAME = '[raw]';
/** Methods through which a native calls the function: Espruino names no frame for them. */
const NATIVE_CALLERS = new Set(['call', 'apply']);
const PARSE: acorn.Options = { ecmaVersion: 2020, preserveParens: true };

/**
 * A function of the bundle as Espruino stores it. Legend: `from` offset (in
 * the simulator's copy) just after its `{`; `lead` characters of the original
 * text there before Espruino's code starts (white space, a leading `return`);
 * `end` offset just past the function; `text` what Espruino prints for it
 * (its name when called as an expression).
 */
interface FunctionCode {
  from: number;
  lead: number;
  end: number;
  text: string;
}

/** A call in progress in a frame. Legend: `close` offset of its `)`; `name` what the callee is named by (null: none to give). */
interface CallAt {
  close: number;
  name: string | null;
}

export class EspruinoStacks {
  private code = '';
  private lineStarts: number[] = [0];
  /** Functions by the offset V8 gives as their start (null: not a function, the program). */
  private functions = new Map<number, FunctionCode | null>();
  private calls = new Map<number, CallAt>();

  /** The text the realm runs as BUNDLE_FILE (the simulator's copy of the bundle). */
  setCode(code: string): void {
    this.code = code;
    this.lineStarts = [0];
    for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    this.functions.clear();
    this.calls.clear();
  }

  /** Make this the formatter of every Error made in the realm whose `Error` is given. */
  install(realmError: ErrorConstructor): void {
    Object.defineProperty(realmError, 'prepareStackTrace', {
      value: (_e: unknown, sites: CallSite[]) => this.format(sites),
      writable: true,
      configurable: true,
      enumerable: false,
    });
    Object.defineProperty(realmError, 'stackTraceLimit', { value: STACK_FRAMES, writable: true, configurable: true, enumerable: false });
  }

  /** Espruino's stack text for an Error made with these call sites (innermost first). */
  format(sites: CallSite[]): string {
    let out = '';
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i];
      if (site.getFileName() !== BUNDLE_FILE) continue;
      try {
        out += this.entry(site, sites[i + 1]);
      } catch {
        // A frame this cannot read (a parse it does not follow): left out rather than fail the Error.
      }
    }
    return out;
  }

  /** One entry: `    at NAME (:LINE:COL)`, an empty line, and the `^` under the column. */
  private entry(site: CallSite, caller: CallSite | undefined): string {
    const fn = this.functionAt(this.offsetOf(site.getEnclosingLineNumber() ?? 1, site.getEnclosingColumnNumber() ?? 1));
    const call = this.callAt(site.getPosition());
    // Espruino's code of this frame up to the call's `)`: after the function's `{` (and lead), or the whole program.
    const before = fn ? original(this.code.slice(fn.from, call.close)).slice(fn.lead) : original(this.code.slice(0, call.close));
    const newline = before.lastIndexOf('\n');
    let line = 1;
    for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
    const col = before.length - newline;
    const name = fn ? this.calledAs(caller, fn, site) : PROGRAM_NAME;
    const position = `:${line}:${col}`;
    return `    at ${name ? `${name} (${position})` : position}\n\n${' '.repeat(col - 1)}^\n`;
  }

  /** How the caller's call named the function of this frame; null if a native called it. */
  private calledAs(caller: CallSite | undefined, fn: FunctionCode, callee: CallSite): string | null {
    if (!caller || caller.getFileName() !== BUNDLE_FILE) return null;
    const at = caller.getPosition();
    if (this.code[at] === '(') {
      // A call of an expression: the function itself (its text), or a computed member (its key, as V8 finds it).
      if (fn.end <= at && /^[\s)]*$/.test(this.code.slice(fn.end, at))) return fn.text.slice(0, NAME_MAX);
      return callee.getMethodName();
    }
    const name = this.callAt(at).name;
    return name !== null && NATIVE_CALLERS.has(name) ? null : name;
  }

  /** The call whose callee, property, `new` or `(` is at `at`; what is there when it is not a call (a V8 TypeError). */
  private callAt(at: number): CallAt {
    let call = this.calls.get(at);
    if (call) return call;
    call = { close: at, name: null };
    const code = this.code;
    if (code[at] === '(') {
      // The arguments of a call of an expression: their `)`.
      const empty = /^\(\s*\)/.exec(code.slice(at, at + 64));
      if (empty) call.close = at + empty[0].length - 1;
      else {
        const node = parseAt(code, at);
        if (node?.type === 'ParenthesizedExpression' && node.start === at) call.close = node.end - 1;
      }
    } else {
      // The innermost call or `new` starting here: `f(…)`, `m(…)` of `o.m(…)`, `new F(…)`.
      let found: AnyNode | null = null;
      for (let n = parseAt(code, at); n && n.start === at; n = leftChild(n)) {
        if (n.type === 'CallExpression' || n.type === 'NewExpression') found = n;
      }
      if (found) {
        call.close = code[found.end - 1] === ')' ? found.end - 1 : found.end;
        call.name = calleeName(found.callee as AnyNode);
      }
    }
    this.calls.set(at, call);
    return call;
  }

  /** The function V8 says starts at `at`, as Espruino stores it; null for the program. */
  private functionAt(at: number): FunctionCode | null {
    if (this.functions.has(at)) return this.functions.get(at)!;
    let fn: FunctionCode | null = null;
    for (let n = parseAt(this.code, at); n && n.start === at; n = leftChild(n)) {
      if (n.type !== 'FunctionExpression' && n.type !== 'ArrowFunctionExpression') continue;
      const body = n.body as AnyNode;
      const block = body.type === 'BlockStatement';
      const from = block ? body.start + 1 : body.start;
      const all = original(this.code.slice(from, block ? body.end - 1 : body.end));
      const lead = /^\s*(return(?![\w$])\s*)?/.exec(all)!;
      const params = (n.params as AnyNode[]).map((p) => this.code.slice(p.start, p.end)).join(',');
      const stored = all.slice(lead[0].length).trimEnd();
      fn = { from, lead: lead[0].length, end: n.end, text: `function (${params}) {${lead[1] ? 'return ' : ''}${stored}}` };
      break;
    }
    this.functions.set(at, fn);
    return fn;
  }

  /** Offset of a 1-based line and column in the code. */
  private offsetOf(line: number, column: number): number {
    return (this.lineStarts[line - 1] ?? 0) + column - 1;
  }
}

type AnyNode = acorn.Node & Record<string, unknown>;

/** The expression starting at `at`, or null where acorn cannot read one. */
function parseAt(code: string, at: number): AnyNode | null {
  try {
    return acorn.parseExpressionAt(code, at, PARSE) as unknown as AnyNode;
  } catch {
    return null;
  }
}

/** The sub-expression an expression starts with (the callee of a call, the object of a member, …). */
function leftChild(n: AnyNode): AnyNode | null {
  switch (n.type) {
    case 'CallExpression':
      return n.callee as AnyNode;
    case 'MemberExpression':
      return n.object as AnyNode;
    case 'BinaryExpression':
    case 'LogicalExpression':
    case 'AssignmentExpression':
      return n.left as AnyNode;
    case 'ConditionalExpression':
      return n.test as AnyNode;
    case 'SequenceExpression':
      return (n.expressions as AnyNode[])[0];
    case 'UpdateExpression':
      return n.prefix ? null : (n.argument as AnyNode);
    case 'TaggedTemplateExpression':
      return n.tag as AnyNode;
    default:
      return null;
  }
}

/** The name Espruino gives a call's callee: `f`, the `m` of `o.m`; null for anything else. */
function calleeName(callee: AnyNode): string | null {
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression' && !callee.computed && (callee.property as AnyNode).type === 'Identifier') return (callee.property as AnyNode).name as string;
  return null;
}

/** Text of the simulator's copy as it is in the bundle (without counters and scope keepers). */
function original(text: string): string {
  return stripKeepScopes(stripCounters(text));
}
