/**
 * Formats print()/console.log arguments as Espruino does (src/jswrap_functions.c
 * jswrap_print: strings as they are, anything else through jsfGetJSONWithCallback
 * with JSON_PRETTY | JSON_SOME_NEWLINES | JSON_SHOW_OBJECT_NAMES), joined by spaces.
 *
 * Why its own code: Espruino breaks lines by a rule of its own, and the
 * simulator printed everything on one line, so output compared with a board
 * differed (verified on the Linux build of Espruino 2v29):
 *
 *   print({ a: 1, b: 'x' })      {            (not { "a": 1, "b": "x" })
 *                                  "a": 1,
 *                                  "b": "x"
 *                                 }
 *   print(new Error('msg'))      Error: Error: msg   (its class, then its toString())
 *   print(function (a, b) { return a + b; })   function (a,b) {return a + b;}
 *   print(arguments)             [ 1, ... ]  (arguments is an Array on Espruino)
 *
 * The line rule (jswrap_json.c): an item that is not undefined, null or a
 * number (so strings, booleans are numbers there, objects, arrays, functions)
 * starts on a new line, and so does the item after it; an object also breaks
 * after 4 items in a row. Each level indents by two spaces, and a closing
 * bracket after a broken line goes on a line of its own, one space in.
 */
export function formatConsoleArgs(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : formatValue(a, 0))).join(' ');
}

/** Items of an object printed end to end before a line break (JSON_ITEMS_ON_LINE_OBJECT). */
const ITEMS_ON_LINE = 4;
/** Indent per level (jsonNewLine's whitespace). */
const INDENT = '  ';

/** jsonNeedsNewLine: anything but undefined, null and numbers (Espruino's booleans are numbers). */
function needsNewLine(v: unknown): boolean {
  return !(v === undefined || v === null || typeof v === 'number' || typeof v === 'boolean');
}

function newLine(level: number): string {
  return '\n' + INDENT.repeat(level);
}

/** One value at indent `level` (jsfGetJSONWithCallback); `seen` stops recursion as Espruino's " ... ". */
function formatValue(v: unknown, level: number, seen: unknown[] = []): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return 'function ' + functionText(v);
  if (typeof v !== 'object') return String(v);
  if (seen.includes(v)) return ' ... ';
  seen.push(v);
  try {
    if (Array.isArray(v) || ArrayBuffer.isView(v) || Object.prototype.toString.call(v) === '[object Arguments]') return formatArray(v as ArrayLike<unknown>, level, seen);
    const named = objectName(v);
    if (named !== null) return named;
    return contents(v, level, seen);
  } finally {
    seen.pop();
  }
}

/** An object's own enumerable properties with the line rule. */
function contents(v: object, level = 0, seen: unknown[] = []): string {
  {
    const keys = Object.keys(v);
    let out = '{ ';
    let needNewLine = false;
    let sinceNewLine = 0;
    keys.forEach((k, i) => {
      const item = (v as Record<string, unknown>)[k];
      sinceNewLine++;
      if (i > 0) out += ', ';
      const itemNeeds = needsNewLine(item);
      if (sinceNewLine > ITEMS_ON_LINE) needNewLine = true;
      if (needNewLine || itemNeeds) {
        out += newLine(level + 1);
        needNewLine = false;
        sinceNewLine = 0;
      }
      out += quote(k) + ': ' + formatValue(item, level + 1, seen);
      needNewLine = itemNeeds;
    });
    if (needNewLine) out += newLine(level);
    return out + ' }';
  }
}

/** Arrays, typed arrays and `arguments`: items with the line rule, holes as undefined. */
function formatArray(a: ArrayLike<unknown>, level: number, seen: unknown[]): string {
  let out = '[ ';
  let needNewLine = false;
  for (let i = 0; i < a.length; i++) {
    const item = a[i];
    if (i > 0) out += ', ';
    const itemNeeds = needsNewLine(item);
    if (needNewLine || itemNeeds) {
      out += newLine(level + 1);
      needNewLine = false;
    }
    out += formatValue(item, level + 1, seen);
    needNewLine = itemNeeds;
  }
  if (needNewLine) out += newLine(level);
  return out + ' ]';
}

/**
 * JSON_SHOW_OBJECT_NAMES: an object whose prototype has a `constructor` (one
 * made by `new`; a literal has none on Espruino) prints `Name: ` when that
 * constructor is a built-in (found in Espruino's root), then, when its
 * toString is not Object's, what toString returns instead of its contents.
 * Null when the object prints as its contents.
 */
function objectName(o: object): string | null {
  const proto = Object.getPrototypeOf(o) as object | null;
  if (proto === null || Object.getPrototypeOf(proto) === null) return null; // a literal: Object.prototype
  const ctor = Object.prototype.hasOwnProperty.call(proto, 'constructor') ? (proto as { constructor: unknown }).constructor : undefined;
  if (typeof ctor !== 'function') return null;
  // Object.prototype of the object's own realm: the end of its prototype chain.
  let root = proto;
  while (Object.getPrototypeOf(root) !== null) root = Object.getPrototypeOf(root) as object;
  const prefix = isNative(ctor) ? `${ctor.name}: ` : '';
  const toString = (o as { toString?: unknown }).toString;
  if (typeof toString !== 'function' || toString === (root as { toString?: unknown }).toString) return prefix === '' ? null : prefix + contents(o);
  try {
    return prefix + String(toString.call(o));
  } catch {
    return null;
  }
}

function isNative(f: Function): boolean {
  try {
    return /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(f));
  } catch {
    return false;
  }
}

/**
 * A function as Espruino prints it (jsfGetJSONForFunctionWithCallback):
 * `(a,b) {code}`, the code as stored (a body that starts with `return` keeps
 * it), `{\n  code\n}` when the code has a line break, `{ [native code] }` for
 * a built-in. Call on the text Function.prototype.toString gives.
 */
export function functionText(fn: Function): string {
  if (isNative(fn)) return '() { [native code] }';
  let text: string;
  try {
    // The realm's own toString: it leaves out what the simulator added to its copy of the bundle.
    text = (Object.getPrototypeOf(fn) as { toString: Function }).toString.call(fn);
  } catch {
    text = Function.prototype.toString.call(fn);
  }
  return text.startsWith('function (') || text.startsWith('function() {') ? text.slice(9).replace(/^\(\) \{/, '() {') : espruinoFunctionText(text);
}

/** Function.prototype.toString as Espruino renders it: `function (a,b) {code}`. */
export function espruinoFunctionString(text: string): string {
  if (/\{\s*\[native code\]\s*\}\s*$/.test(text)) return 'function () { [native code] }';
  return 'function ' + espruinoFunctionText(text);
}

/** `(params) {code}` from a function's source text (ES5 `function` forms, and arrows). */
export function espruinoFunctionText(text: string): string {
  let params: string;
  let body: string;
  if (/^(async\s+)?function\b/.test(text)) {
    const open = text.indexOf('(');
    const close = text.indexOf(')', open);
    params = text.slice(open + 1, close);
    body = text.slice(text.indexOf('{', close) + 1, text.lastIndexOf('}')).trim();
  } else {
    // An arrow: its parameters before `=>`, an expression body kept as `return expr`.
    const arrow = text.indexOf('=>');
    const head = text.slice(0, arrow).trim().replace(/^async\s+/, '');
    params = head.startsWith('(') ? head.slice(1, -1) : head;
    const rest = text.slice(arrow + 2).trim();
    body = rest.startsWith('{') ? rest.slice(1, rest.lastIndexOf('}')).trim() : 'return ' + rest;
  }
  const names = params.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (/^return\b/.test(body)) body = 'return ' + body.slice(6).trimStart();
  const broken = body.includes('\n');
  return `(${names.join(',')}) ` + (body === '' ? '{}' : broken ? `{\n  ${body}\n}` : `{${body}}`);
}

/**
 * A string quoted as print shows it (%q, src/jsutils.c escapeCharacter):
 * \n \t \b \v \f \r \\ \", \0..\7 before a non-digit, \xHH below 32 and from
 * 127 to 255, \uHHHH above.
 */
export function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : -1;
    out += escapeChar(ch, next, false);
  }
  return out + '"';
}

/** One character escaped as escapeCharacter does; `json` for JSON.stringify's form (%Q). */
export function escapeChar(ch: number, next: number, json: boolean): string {
  switch (ch) {
    case 0x0a: return '\\n';
    case 0x09: return '\\t';
    case 0x08: return '\\b';
    case 0x0b: if (!json) return '\\v'; break;
    case 0x0c: return '\\f';
    case 0x0d: return '\\r';
    case 0x5c: return '\\\\';
    case 0x22: return '\\"';
  }
  if (ch < 8 && !json && (next < 0x30 || next > 0x37)) return '\\' + ch;
  if (ch < 32 || ch >= 127) return json || ch > 255 ? '\\u' + hex(ch, 4) : '\\x' + hex(ch, 2);
  return String.fromCharCode(ch);
}

function hex(n: number, digits: number): string {
  return n.toString(16).toUpperCase().padStart(digits, '0');
}

/**
 * A value named in a simulator message ("expected a pin, got { }"): on one
 * line, nested levels cut at 4, functions by name only. Not Espruino's print.
 */
export function describeValue(v: unknown, depth = 0): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return `function ${(v as Function).name || ''}() {…}`;
  if (typeof v === 'object' && 'message' in (v as object) && 'name' in (v as object)) return `${(v as Error).name}: ${(v as Error).message}`;
  if (depth > 3) return '…';
  if (Array.isArray(v)) return '[ ' + v.map((x) => describeValue(x, depth + 1)).join(', ') + ' ]';
  const entries = Object.keys(v as object).map((k) => `${JSON.stringify(k)}: ${describeValue((v as Record<string, unknown>)[k], depth + 1)}`);
  return entries.length ? '{ ' + entries.join(', ') + ' }' : '{ }';
}
