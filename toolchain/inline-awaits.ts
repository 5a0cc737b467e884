import * as acorn from 'acorn';
import { isFunctionOrClass, walk } from './ast-walk.js';
import type { ModuleNames } from './module-names.js';
import { rewriteBottomUp, spliceEdits, type Edit } from './text-edits.js';

/**
 * Lets a compiled async body park itself and go on in the same call.
 *
 * TypeScript's state machine returns to its driver at every await and jump:
 *
 *   function (_a) { switch (_a.label) {
 *     case 1: if (!(i < n)) return [3, 4];  return [4, ch.send(i)];
 *     case 2: _a.sent();  return [4, ch.recv()];
 *     case 3: v = _a.sent();  i++;  return [3, 1];
 *     case 4: return [2];
 *   } }
 *
 * Espruino runs code by reading its text, so every return means another
 * call of the body, which reads the whole switch again. This rewrites it to
 *
 *   function (_a) { for (;;) switch (_a.label) {
 *     case 1: if (!(i < n)) { _a.label = 4; continue; }  if (__park(_a, ch.send(i), 2)) return;
 *     case 2: if (__park(_a, ch.recv(), 3)) return;
 *     case 3: v = _a.v;  i++;  { _a.label = 1; continue; }
 *     case 4: return [2];
 *   } }
 *
 * `__park` (firmware/executor.ts) parks the frame and returns true, or
 * returns false when what is awaited is ready, and the body falls through
 * to the next label as if it had been resumed. `_a.sent()` becomes `_a.v`:
 * errors never reach the body that way (see readSentInPlace). Jumps become `continue`
 * only in bodies without try blocks (a jump out of a try block must run
 * its finally, which the driver does); a loop's jump back also carries a
 * copy of its loop head (threadJump: case 3 above runs cases 1 and 2 in
 * place), so a resume reads the switch once instead of twice. (The cases get their braces after
 * minifying, in brace-cases.ts.) Shapes this does not recognise are left alone: the driver still runs
 * `return [4, x]` and `return [3, l]` as TypeScript wrote them.
 */
export function inlineAwaits(bodyText: string, park = '__park', sleep?: SleepCall): string {
  return structure(readSentInPlace(trysOnField(bodyText)), park, sleep);
}

/**
 * `await sleep(ms)` with Coop's `sleep` (imported under `name`) becomes
 * `if (__sleep(F, ms, next)) return;`: one helper call that parks the frame
 * on the timer (firmware/timer-list.ts, sleepPark) instead of five calls and
 * a Sleep object (docs/speed.md).
 */
export interface SleepCall {
  /** The local name of Coop's `sleep` in this module. */
  name: string;
  /** The local name of the `__sleep` helper (asked for only when used). */
  helper(): string;
}

/**
 * The local name of Coop's `sleep` in a module: imported from 'coop' (or,
 * in Coop's own firmware, from its time module), and bound nowhere else in
 * the module, so every call of that name is Coop's. Else undefined.
 */
export function coopSleepName(ast: any, firmware: boolean): string | undefined {
  let local: string | undefined;
  for (const stmt of ast.body) {
    if (stmt.type !== 'ImportDeclaration') continue;
    const from: string = stmt.source.value;
    if (from !== 'coop' && !(firmware && /(^|\/)time\.js$/.test(from))) continue;
    for (const spec of stmt.specifiers) {
      if (spec.type === 'ImportSpecifier' && spec.imported.type === 'Identifier' && spec.imported.name === 'sleep') local = spec.local.name;
    }
  }
  if (local === undefined) return undefined;
  let rebound = false;
  const binds = (id: any) => id && id.type === 'Identifier' && id.name === local;
  walk(ast, (n) => {
    if ((n.type === 'VariableDeclarator' && !binds(n.id) && n.id.type !== 'Identifier') ||
        ((n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') &&
          n.params.some((p: any) => p.type !== 'Identifier'))) {
      // A destructuring pattern (TypeScript lowers them for ES5, but be sure): look inside it.
      walk(n.type === 'VariableDeclarator' ? n.id : { type: 'Params', params: n.params }, (m) => { if (binds(m)) rebound = true; });
    }
    if (n.type === 'CatchClause' && n.param) walk(n.param, (m) => { if (binds(m)) rebound = true; });
    if ((n.type === 'VariableDeclarator' && binds(n.id)) ||
        ((n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ClassDeclaration' || n.type === 'ClassExpression') && binds(n.id)) ||
        ((n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') && n.params.some(binds))) {
      rebound = true;
    }
  });
  return rebound ? undefined : local;
}

/**
 * The module pass: every state machine handed to `__async` (after
 * flatten-async.ts) gets `inlineAwaits`, innermost first; one still handed
 * to `__generator` gets its try stack on the frame's field (`trysOnField`).
 */
export function inlineAwaitsInModule(code: string, names: ModuleNames, firmware = false): string {
  const asyncName = names.importedAs('__async');
  if (asyncName === undefined && !/\b__generator\b/.test(code)) return code;
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const sleepName = coopSleepName(ast, firmware);
  const sleep: SleepCall | undefined = sleepName === undefined ? undefined : { name: sleepName, helper: () => names.helper('__sleep') };
  let park: string | undefined;
  let changed = false;
  const out = rewriteBottomUp(code, ast, (node, parent, textOf) => {
    if (node.type !== 'FunctionExpression' || !parent || parent.type !== 'CallExpression') return undefined;
    if (parent.callee.type !== 'Identifier' || parent.arguments[1] !== node) return undefined;
    if (parent.callee.name === '__generator') {
      // A body TypeScript left to its own driver (a loop with closures and awaits, run by yield*): only its try stack.
      const before = textOf(node);
      const text = trysOnField(before);
      changed ||= text !== before;
      return text;
    }
    if (parent.callee.name !== asyncName) return undefined;
    park ??= names.helper('__park');
    changed = true;
    return inlineAwaits(textOf(node), park, sleep);
  });
  return changed ? out : code;
}

/** The body as a parsed function expression with its state-machine switch, or undefined for other shapes. */
function parseBody(bodyText: string): { wrapped: string; frame: string; sw: any } | undefined {
  const wrapped = '(' + bodyText + ')';
  let ast: any;
  try {
    ast = acorn.parse(wrapped, { ecmaVersion: 'latest' });
  } catch {
    return undefined;
  }
  const fn = ast.body[0]?.expression;
  if (!fn || fn.type !== 'FunctionExpression' || fn.params.length !== 1 || fn.params[0].type !== 'Identifier') return undefined;
  const frame: string = fn.params[0].name;
  const statements = fn.body.body;
  if (statements.length !== 1 || statements[0].type !== 'SwitchStatement') return undefined;
  const sw = statements[0];
  if (!isMember(sw.discriminant, frame, 'label')) return undefined;
  if (!sw.cases.every((c: any, i: number) => c.test && c.test.type === 'Literal' && c.test.value === i)) return undefined;
  return { wrapped, frame, sw };
}

function applyEdits(wrapped: string, edits: Edit[]): string {
  // Edits never overlap (the `for (;;) ` insertion sits before the switch, the rest inside its cases).
  return spliceEdits(wrapped, edits).slice(1, -1);
}

/**
 * TypeScript's `_a.trys.push(…)` → `(_a.t || (_a.t = [])).push(…)`: the
 * try-block stack as a field made on first use (a getter on every frame
 * would cost memory). Only the frame's own `trys`, outside nested functions.
 */
function trysOnField(bodyText: string): string {
  const parsed = parseBody(bodyText);
  if (!parsed) return bodyText;
  const { wrapped, frame, sw } = parsed;
  const edits: Edit[] = [];
  walk(sw, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed &&
        n.callee.property.name === 'push' && isMember(n.callee.object, frame, 'trys')) {
      edits.push({ start: n.callee.object.start, end: n.callee.object.end, text: `(${frame}.t || (${frame}.t = []))` });
    }
  }, isFunctionOrClass);
  return edits.length === 0 ? bodyText : applyEdits(wrapped, edits);
}

/**
 * `_a.sent()` → `_a.v`, the resume value read in place. The executor never
 * resumes these bodies with an error to throw: it takes the frame to its
 * catch or finally itself (executor.ts, `enter`, a frame with st 5).
 */
function readSentInPlace(bodyText: string): string {
  const parsed = parseBody(bodyText);
  if (!parsed) return bodyText;
  const { wrapped, frame, sw } = parsed;
  const edits: Edit[] = [];
  for (const c of sw.cases) {
    for (const sent of sentCalls(c.consequent, frame)) {
      edits.push({ start: sent.node.start, end: sent.node.end, text: sent.statement ? '' : `${frame}.v` });
    }
  }
  return edits.length === 0 ? bodyText : applyEdits(wrapped, edits);
}

/** Awaits park in place, jumps continue, loop jumps carry a copy of their loop's head (threadJump). */
function structure(bodyText: string, park: string, sleep?: SleepCall): string {
  const parsed = parseBody(bodyText);
  if (!parsed) return bodyText;
  const { wrapped, frame, sw } = parsed;
  const cases: any[] = sw.cases;

  const hasTrys = uses(sw, (n) => isMember(n, frame, 'trys') || isMember(n, frame, 't'));
  // Each case's own edits (its statements only), so a case's rewritten text can be copied too.
  const caseEdits: Edit[][] = cases.map(() => []);
  const jumps: { at: number; node: any; label: any }[] = [];
  const text = (n: any) => wrapped.slice(n.start, n.end);
  // Awaits and yield*s left as ops: the driver counts their resume label from the current one.
  let relativeOps = opsIn(cases, 5).length;
  const awaits = cases.map((c, i) => {
    const last = c.consequent[c.consequent.length - 1];
    const awaited = last && opOf(last, 4);
    return awaited && awaited.length === 2 && i + 1 < cases.length ? awaited : undefined;
  });
  relativeOps += opsIn(cases, 4).length - awaits.filter(Boolean).length;
  cases.forEach((c, i) => {
    const body: any[] = c.consequent;
    if (body.length === 0) return;
    const edits = caseEdits[i];
    const last = body[body.length - 1];
    const awaited = awaits[i];
    if (awaited && sleep && isCallOf(awaited[1], sleep.name)) {
      edits.push({ start: last.start, end: last.end, text: `if (${sleep.helper()}(${frame}, ${text(awaited[1].arguments[0])}, ${i + 1})) return;` });
    } else if (awaited) {
      edits.push({ start: last.start, end: last.end, text: `if (${park}(${frame}, ${text(awaited[1])}, ${i + 1})) return;` });
    } else if (!hasTrys && relativeOps === 0 && i + 1 < cases.length && isLabelStore(last, frame, i + 1)) {
      // `_a.label = i + 1` before falling into case i + 1: nothing reads it there (no try
      // block to unwind, no op counted from it; a park or a jump sets its own).
      edits.push({ start: last.start, end: last.end, text: '' });
    }
    if (!hasTrys) for (const jump of jumpsIn(body)) jumps.push({ at: i, node: jump.node, label: jump.label });
  });
  const plainJump = (jump: { node: any; label: any }): Edit =>
    ({ start: jump.node.start, end: jump.node.end, text: `{ ${frame}.label = ${text(jump.label)}; continue; }` });
  // A case's statements as rewritten above, its jumps plain (a copy holds no copies: one level only).
  const caseText = (k: number) => {
    const body: any[] = cases[k].consequent;
    if (body.length === 0) return '';
    const start = body[0].start;
    const end = body[body.length - 1].end;
    return spliceEdits(wrapped.slice(start, end), [...caseEdits[k], ...jumps.filter((j) => j.at === k).map(plainJump)], start);
  };
  const fallsThrough = (k: number) => {
    const body: any[] = cases[k].consequent;
    const last = body[body.length - 1];
    // An await at the end is a park now: it goes on into the next case when it does not wait.
    return !last || awaits[k] !== undefined || !(last.type === 'ReturnStatement' || last.type === 'ThrowStatement');
  };
  const facts: CaseFacts = { count: cases.length, text: caseText, fallsThrough, copyable: (k: number) => cases[k].consequent.every(copyable),
    awaits: (k: number) => awaits[k] !== undefined };
  let switchLength = 0;
  for (let k = 0; k < cases.length; k++) switchLength += size(caseText(k));
  const edits = caseEdits.flat();
  for (const jump of jumps) {
    const threaded = relativeOps === 0 ? threadJump(jump.at, jump.label.value, frame, switchLength, facts) : undefined;
    edits.push(threaded === undefined ? plainJump(jump) : { start: jump.node.start, end: jump.node.end, text: threaded });
  }
  if (jumps.length > 0) edits.push({ start: sw.start, end: sw.start, text: 'for (;;) ' });
  return edits.length === 0 ? bodyText : applyEdits(wrapped, edits);
}

/**
 * A loop's jump back to its head (`_a.label = L; continue;` in case `at`,
 * L <= at) with a copy of the cases from L on, up to the first that ends
 * the step or a budget, so the next iteration runs in place:
 *
 *   case 3: v = _a.v; i++; { _a.label = 1; continue; }
 *   →
 *   case 3: v = _a.v; i++; { _a.label = 1; if (!(i < n)) { _a.label = 4; continue; }
 *                            if (__park(_a, ch.send(i), 2)) return;
 *                            if (__park(_a, ch.recv(), 3)) return; _a.label = 3; continue; }
 *
 * Why: Espruino reads text. `continue` reads the rest of the switch to its
 * end and then the switch again from its top to case L, so every resume of
 * a loop read its body about twice; with the copy, once plus the copy
 * (Channel handoff 570,000 → 541,000 instructions, -Os, callgrind).
 *
 * The copy means what the jump meant: the label is set to L first, the
 * cases' statements run as they would after the switch had found case L
 * and fallen through, and falling off the last copied case goes on at the
 * next case by its label, as falling through does. Only in bodies without
 * try blocks or ops left to the driver (their labels count from the
 * current one), and never copying loops, switches, labels or declarations
 * (a `continue` or `break` there would mean something else, a declaration
 * would be made twice). Undefined when it does not apply.
 */
function threadJump(at: number, target: number, frame: string, switchLength: number, cases: CaseFacts): string | undefined {
  if (typeof target !== 'number' || target > at || target < 0) return undefined;
  // The copy saves the back jump's resume one reading of the switch; each other resume of the
  // loop that parks before it reads it (skips it) once more: copy × (awaits - 1) ≤ switch.
  let awaits = 0;
  for (let k = target; k <= at; k++) if (cases.awaits(k)) awaits++;
  const budget = switchLength / Math.max(1, awaits - 1);
  let copy = '';
  let end: number | undefined;
  for (let k = target; k < at; k++) {
    if (!cases.copyable(k)) break;
    const t = cases.text(k);
    if (size(copy) + size(t) > budget) break;
    copy += (copy && t ? ' ' : '') + t;
    end = k;
    if (!cases.fallsThrough(k)) return `{ ${frame}.label = ${target}; ${copy} }`;
  }
  if (end === undefined || copy === '') return undefined;
  const next = end + 1;
  return `{ ${frame}.label = ${target}; ${copy} ${next < cases.count ? `${frame}.label = ${next}; ` : ''}continue; }`;
}

/** Characters of code, as the minifier will leave it (roughly): without white space. */
const size = (code: string) => code.replace(/\s+/g, '').length;

/** What threadJump asks of the cases of one switch. */
interface CaseFacts {
  count: number;
  /** Case k's statements as rewritten, its jumps plain. */
  text(k: number): string;
  /** Whether running case k can go on into case k + 1. */
  fallsThrough(k: number): boolean;
  /** Whether case k may be copied (see copyable). */
  copyable(k: number): boolean;
  /** Whether case k ends with an await. */
  awaits(k: number): boolean;
}

/**
 * A statement that may be copied into another case: no loop, switch,
 * label or try (a `continue` or `break` there means something else) and
 * no declaration (made twice). Function expressions are fine: each
 * evaluation makes its closure anyway.
 */
function copyable(stmt: any): boolean {
  let ok = true;
  walk(stmt, (n) => {
    if (/Loop|^For|^While|^DoWhile|Labeled|Switch|Declaration|^Try/.test(n.type)) ok = false;
  }, (n) => n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'ClassExpression');
  return ok;
}

/**
 * `return [3, L]` in these statements, outside nested functions, loops,
 * labels and switches (where `continue` would mean something else).
 */
function jumpsIn(statements: any[]): { node: any; label: any }[] {
  const found: { node: any; label: any }[] = [];
  const skip = (n: any) => isFunctionOrClass(n) || /Loop|^For|^While|^DoWhile|Labeled|Switch/.test(n.type);
  for (const stmt of statements) {
    if (skip(stmt)) continue;
    walk(stmt, (n) => {
      const jump = opOf(n, 3);
      if (jump && jump.length === 2 && jump[1].type === 'Literal') found.push({ node: n, label: jump[1] });
    }, skip);
  }
  return found;
}

/** `_a.sent()` outside nested functions, as a statement of its own or inside an expression. */
function sentCalls(statements: any[], frame: string): { node: any; statement: boolean }[] {
  const found: { node: any; statement: boolean }[] = [];
  const isSent = (n: any) => n && n.type === 'CallExpression' && n.arguments.length === 0 && isMember(n.callee, frame, 'sent');
  const inStatement = new Set<any>();
  for (const stmt of statements) {
    walk(stmt, (n) => {
      if (n.type === 'ExpressionStatement' && isSent(n.expression)) {
        found.push({ node: n, statement: true });
        inStatement.add(n.expression);
      } else if (isSent(n) && !inStatement.has(n)) {
        found.push({ node: n, statement: false });
      }
    }, isFunctionOrClass);
  }
  return found;
}

/** `F.label = n;` */
function isLabelStore(node: any, frame: string, n: number): boolean {
  const e = node.type === 'ExpressionStatement' ? node.expression : undefined;
  return !!e && e.type === 'AssignmentExpression' && e.operator === '=' && isMember(e.left, frame, 'label') &&
    e.right.type === 'Literal' && e.right.value === n;
}

/** Every `return [kind, …]` in these cases, outside nested functions. */
function opsIn(cases: any[], kind: number): any[] {
  const found: any[] = [];
  for (const c of cases) for (const stmt of c.consequent) walk(stmt, (n) => { if (opOf(n, kind)) found.push(n); }, isFunctionOrClass);
  return found;
}

/** `return [kind, …]` → its elements. */
function opOf(node: any, kind: number): any[] | undefined {
  if (node.type !== 'ReturnStatement' || !node.argument || node.argument.type !== 'ArrayExpression') return undefined;
  const els = node.argument.elements;
  if (els.length === 0 || !els[0] || els[0].type !== 'Literal' || els[0].value !== kind) return undefined;
  if (els.some((e: any) => !e || e.type === 'SpreadElement')) return undefined;
  return els;
}

/** `name(x)`: a call of that identifier with one plain argument. */
const isCallOf = (n: any, name: string) =>
  n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === name &&
  n.arguments.length === 1 && n.arguments[0].type !== 'SpreadElement';

const isMember = (n: any, object: string, property: string) =>
  n && n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' && n.object.name === object &&
  n.property.type === 'Identifier' && n.property.name === property;

function uses(node: any, test: (n: any) => boolean): boolean {
  let found = false;
  walk(node, (n) => { if (test(n)) found = true; });
  return found;
}
