import ts from 'typescript';
import type { Diagnostic } from './build-error.js';
import { displayPath } from './display-path.js';
import { FORBIDDEN_GLOBALS, LACKS, lacksGlobal } from './espruino-check.js';

/**
 * TypeScript's errors in Coop's words.
 *
 * The device build type-checks against ES5's library only (toolchain/
 * compile-typescript.ts), so what Espruino lacks fails there first, but in
 * TypeScript's words, which advise the wrong fix for firmware ("try changing
 * the 'lib' compiler option", "consider upgrading tslib", "install
 * @types/node") and, for generators, name no line at all ("Cannot find global
 * type 'IterableIterator'"). Those errors are put here as espruino-check.ts
 * puts the same constructs: what it is, that Espruino lacks it, what to do
 * instead, at the user's file:line. Every other error is kept as it is.
 */
export function coopDiagnostics(errors: readonly ts.Diagnostic[], program: ts.Program, isUserFile: (sf: ts.SourceFile) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (d: Diagnostic) => {
    const key = `${d.file}:${d.line}:${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  const reported = new Set<string>();
  const generatorSpans: { file: ts.SourceFile; pos: number; end: number }[] = [];
  for (const d of errors) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const globalType = d.code === CANNOT_FIND_GLOBAL_TYPE ? quoted(text)[0] ?? '' : '';
    const kind = ITERATION_TYPES.has(globalType) ? 'generator' : DISPOSABLE_TYPES.has(globalType) ? 'using' : undefined;
    if (kind) {
      // Reported once per program, without a place: the places are every such construct in the user's code.
      if (reported.has(kind)) continue;
      reported.add(kind);
      const found = findConstructs(program, isUserFile, kind);
      if (kind === 'generator') generatorSpans.push(...found.map((f) => f.span));
      if (found.length > 0) found.forEach((f) => add(f.diagnostic));
      else add({ message: `${text} (${kind === 'generator' ? LACKS.generator : USING})` });
      continue;
    }
    // yield* over an array: the generator around it is the problem, and is reported already.
    if (NOT_ITERABLE.includes(d.code) && generatorSpans.some((g) => g.file === d.file && d.start! >= g.pos && d.start! < g.end)) continue;
    add(at(d, coopMessage(d.code, text) ?? text));
  }
  // In the order of the code: place-less first, then file by file (as TypeScript met them), line by line.
  const files = [...new Set(out.map((d) => d.file))];
  return out
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.file === undefined ? -1 : 0) - (b.d.file === undefined ? -1 : 0) || files.indexOf(a.d.file) - files.indexOf(b.d.file) ||
      (a.d.line ?? 0) - (b.d.line ?? 0) || (a.d.column ?? 0) - (b.d.column ?? 0) || a.i - b.i)
    .map((x) => x.d);
}

/** The diagnostic, with the file:line:column of the user's code. */
function at(d: ts.Diagnostic, message: string): Diagnostic {
  if (!d.file || d.start === undefined) return { message };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return { file: displayPath(d.file.fileName), line: line + 1, column: character + 1, message };
}

// TypeScript's diagnostic codes (typescript/lib/diagnosticMessages): stable across versions.
const CANNOT_FIND_GLOBAL_TYPE = 2318; // Cannot find global type '{0}'.
const CANNOT_FIND_NAME = 2304; // Cannot find name '{0}'.
const CANNOT_FIND_NAME_DID_YOU_MEAN = 2552; // Cannot find name '{0}'. Did you mean '{1}'?
const NAME_NEEDS_LIB = 2583; // Cannot find name '{0}'. Do you need to change your target library? …
const NAME_NEEDS_DOM = 2584; // Cannot find name '{0}'. … include 'dom'.
const ONLY_A_TYPE_NEEDS_LIB = 2585; // '{0}' only refers to a type, but is being used as a value here. Do you need to change your target library? …
const ONLY_A_TYPE = 2693; // '{0}' only refers to a type, but is being used as a value here.
const PROPERTY_NEEDS_LIB = 2550; // Property '{0}' does not exist on type '{1}'. Do you need to change your target library? …
const NODE_NAMES = [2580, 2591]; // Cannot find name '{0}'. Do you need to install type definitions for node? …
const TEST_RUNNER_NAMES = [2582, 2593]; // Cannot find name '{0}'. Do you need to install type definitions for a test runner? …
const MISSING_HELPER = 2343; // This syntax requires an imported helper named '{1}' which does not exist in '{0}'. Consider upgrading …
const PRIVATE_IDENTIFIER_ES5 = 18028; // Private identifiers are only available when targeting ECMAScript 2015 and higher.
const BIGINT_LITERAL = 2737; // BigInt literals are not available when targeting lower than ES2020.
const NOT_ITERABLE = [2461, 2488, 2495, 2548, 2549, 2569, 2802]; // Type '{0}' is not an array type (or a string type) / must have a '[Symbol.iterator]()' …

/** The ES2015 library types a generator or an iteration needs; Coop's build leaves them out, as Espruino has none. */
const ITERATION_TYPES = new Set([
  'Iterable', 'Iterator', 'IterableIterator', 'IteratorObject', 'IteratorResult', 'IteratorYieldResult', 'IteratorReturnResult',
  'Generator', 'GeneratorFunction', 'BuiltinIteratorReturn',
  'AsyncIterable', 'AsyncIterator', 'AsyncIterableIterator', 'AsyncIteratorObject', 'AsyncGenerator', 'AsyncGeneratorFunction',
]);

/** The library types a `using` declaration needs. */
const DISPOSABLE_TYPES = new Set(['Disposable', 'AsyncDisposable', 'DisposableStack', 'AsyncDisposableStack', 'SuppressedError']);

const PRIVATE_FIELD = 'private field (#name): Espruino has no private fields; use an ordinary property (TypeScript\'s `private name` keeps it private at build time)';
const DECORATOR = 'decorator (@name): Coop\'s build cannot compile decorators for Espruino; call a function on the class or method after it is defined';
const USING = 'using declaration: Espruino has no Symbol.dispose; release the resource in try/finally';
const BIGINT = 'BigInt: Espruino has no BigInt; use a number (integers are exact up to 2^53)';

/** TypeScript's helpers for syntax Espruino cannot run, by the construct that needs them. */
const HELPERS: Record<string, string> = {
  __asyncGenerator: LACKS.asyncGenerator,
  __asyncDelegator: LACKS.asyncGenerator,
  __await: LACKS.asyncGenerator,
  __asyncValues: LACKS.forAwait,
  __classPrivateFieldGet: PRIVATE_FIELD,
  __classPrivateFieldSet: PRIVATE_FIELD,
  __classPrivateFieldIn: PRIVATE_FIELD,
  __decorate: DECORATOR,
  __esDecorate: DECORATOR,
  __runInitializers: DECORATOR,
  __metadata: DECORATOR,
  __param: DECORATOR,
  __propKey: DECORATOR,
  __setFunctionName: DECORATOR,
  __addDisposableResource: USING,
  __disposeResources: USING,
};

/**
 * Later-than-ES5 members Espruino 2v29 lacks (asked of its Linux build; the
 * simulator removes the same ones), with what to write instead.
 */
const ABSENT_MEMBERS: Record<string, string> = {
  'Array.from': 'copy with a loop, or Array.prototype.slice.call(x) for an array-like',
  'Array.of': 'write an array literal',
  'Array.prototype.flat': 'concat the inner arrays: [].concat.apply([], a)',
  'Array.prototype.flatMap': 'map, then concat the results',
  'Number.isInteger': 'test x === Math.floor(x)',
  'Number.isNaN': 'test x !== x',
  'Number.isFinite': 'use the global isFinite(x)',
  'Math.trunc': 'use x < 0 ? Math.ceil(x) : Math.floor(x)',
  'Math.log2': 'use Math.log(x) / Math.LN2',
  'Math.log10': 'use Math.log(x) / Math.LN10',
  'Math.hypot': 'use Math.sqrt(x * x + y * y)',
  'Object.freeze': 'leave it out: nothing on the board changes it but your own code',
  'Object.is': 'compare with ===',
  'String.prototype.trimStart': 'use s.replace(/^\\s+/, \'\')',
  'String.prototype.trimEnd': 'use s.replace(/\\s+$/, \'\')',
  'String.prototype.codePointAt': 'use charCodeAt',
  'String.prototype.at': 'use s.charAt(i), or s.charAt(s.length - 1) for the last',
  'Promise.prototype.finally': 'await it in an async function with try/finally',
};

/** Names TypeScript finds missing that are not in espruino-check.ts's table. */
function lacksName(name: string): string | undefined {
  if (name in FORBIDDEN_GLOBALS) return lacksGlobal(name);
  if (name === 'BigInt') return BIGINT;
  if (ITERATION_TYPES.has(name)) return `${name}: Espruino has no iterators (no Symbol.iterator); use an array`;
  return undefined;
}

/** Coop's message for one TypeScript error, or undefined to keep TypeScript's. */
function coopMessage(code: number, text: string): string | undefined {
  const [name, second] = quoted(text);
  switch (code) {
    case CANNOT_FIND_NAME:
    case CANNOT_FIND_NAME_DID_YOU_MEAN:
    case ONLY_A_TYPE:
      return name !== undefined ? lacksName(name) : undefined;
    case NAME_NEEDS_LIB:
    case ONLY_A_TYPE_NEEDS_LIB:
      if (name === undefined) return undefined;
      return lacksName(name) ?? `${name}: not in ES5, the JavaScript Coop's build assumes Espruino has (${libOf(text)}); write it with ES5, or declare it in a .d.ts if your Espruino firmware has it`;
    case NAME_NEEDS_DOM:
      return name !== undefined ? `${name}: Espruino has no ${name}; it belongs to web browsers, and firmware runs on the board` : undefined;
    case PROPERTY_NEEDS_LIB: {
      if (name === undefined || second === undefined) return undefined;
      const member = memberName(name, second);
      const instead = ABSENT_MEMBERS[member];
      if (instead) return `${member}: Espruino has no ${member}; ${instead}`;
      return `${member}: not in ES5, the JavaScript Coop's build assumes Espruino has (${libOf(text)}); write it with ES5, or declare it in a .d.ts (interface ${declaringInterface(member, second)} { ${name}(…): … }) if your Espruino firmware has it`;
    }
    case MISSING_HELPER: {
      // The helper is the second quoted name: "… helper named '__x' which does not exist in 'tslib'".
      const helper = quoted(text).find((q) => q.startsWith('__'));
      if (helper === undefined) return undefined;
      return HELPERS[helper] ?? `this syntax needs TypeScript's helper ${helper}, which Coop's build has no Espruino version of; write it in plainer TypeScript (see docs/toolchain.md)`;
    }
    case PRIVATE_IDENTIFIER_ES5:
      return PRIVATE_FIELD;
    case BIGINT_LITERAL:
      return 'BigInt literal (10n): Espruino has no BigInt; use a number';
  }
  if (NODE_NAMES.includes(code) && name !== undefined) {
    return `${name}: Espruino has no ${name}; it belongs to Node.js, and firmware runs on the board${name === 'Buffer' ? ' (use a Uint8Array or a string)' : ''}`;
  }
  if (TEST_RUNNER_NAMES.includes(code) && name !== undefined) {
    return `${name}: firmware cannot hold tests (Espruino has no ${name}); test it from a host test file with simulate() from 'espruino-coop/test'`;
  }
  if (NOT_ITERABLE.includes(code) && name !== undefined) {
    return `iterating (for…of, spread) over ${describeType(name)}: Espruino has no iterators, so Coop builds for…of and spread for arrays and strings only; use an array`;
  }
  return undefined;
}

/** The quoted names in a TypeScript message, in order: "Cannot find name 'Map'" → ['Map']. */
function quoted(text: string): string[] {
  return [...text.matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

/** "… to 'es2015' or later." → "it came in ES2015". */
function libOf(text: string): string {
  const m = /'lib' compiler option to '?(es\w+)'? or later/i.exec(text);
  return m ? `it came in ${m[1].toUpperCase()}` : 'it came later';
}

/** Property `prop` of a value of TypeScript type `type`, as people write it: Array.from, String.prototype.padStart. */
function memberName(prop: string, type: string): string {
  const ctor = /^(\w+)Constructor$/.exec(type);
  if (ctor) return `${ctor[1]}.${prop}`;
  if (type === 'Math' || type === 'JSON') return `${type}.${prop}`;
  if (type === 'string' || /^["`]/.test(type)) return `String.prototype.${prop}`;
  if (type === 'number' || /^-?\d/.test(type)) return `Number.prototype.${prop}`;
  if (/\[\]$/.test(type) || /^(readonly\s+)?\[/.test(type) || /^(Readonly)?Array</.test(type)) return `Array.prototype.${prop}`;
  const generic = /^(\w+)</.exec(type);
  if (generic) return `${generic[1]}.prototype.${prop}`;
  return `${type}.${prop}`;
}

/** The interface a declaration of `member` would extend: String, Array<T>, ArrayConstructor. */
function declaringInterface(member: string, type: string): string {
  const proto = /^(\w+)\.prototype\./.exec(member);
  if (proto) return proto[1] === 'Array' ? 'Array<T>' : proto[1] === 'Promise' ? 'Promise<T>' : proto[1];
  return type;
}

function describeType(type: string): string {
  return type === '{}' ? 'something that is not an array (an iterator?)' : `a ${type}`;
}

/**
 * Every generator function and method (or `using` declaration) in the user's
 * files, as Coop reports them; in every file when none is the user's.
 */
function findConstructs(program: ts.Program, isUserFile: (sf: ts.SourceFile) => boolean, kind: 'generator' | 'using') {
  const files = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !program.isSourceFileDefaultLibrary(sf));
  const mine = files.filter(isUserFile);
  const found: { diagnostic: Diagnostic; span: { file: ts.SourceFile; pos: number; end: number } }[] = [];
  for (const sf of mine.length > 0 ? mine : files) {
    const report = (node: ts.Node, message: string) => {
      const start = node.getStart(sf);
      const { line, character } = sf.getLineAndCharacterOfPosition(start);
      found.push({ diagnostic: { file: displayPath(sf.fileName), line: line + 1, column: character + 1, message }, span: { file: sf, pos: start, end: node.end } });
    };
    const visit = (node: ts.Node): void => {
      if (kind === 'generator' && (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.asteriskToken) {
        report(node, (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Async) !== 0 ? LACKS.asyncGenerator : LACKS.generator);
      }
      if (kind === 'using' && ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.Using) !== 0) report(node, USING);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}
