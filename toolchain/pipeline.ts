/**
 * The device build as one ordered list of passes.
 *
 *   source ─ catch-bindings ─▶ TypeScript (ES5 modules) ─ module passes ─▶ rollup (one file) ─▶ terser ─ bundle passes ─▶ Espruino check
 *
 * One pass runs on the source, before TypeScript reads it
 * (toolchain/catch-bindings.ts, from compile-typescript.ts): a catch
 * parameter that closures capture across awaits keeps one binding per
 * catch; TypeScript decides a loop's per-iteration bindings from the source.
 *
 * Each pass is a function from text to text with a contract: the shape it
 * takes, what it leaves, and why it runs where it does. No pass calls
 * another; every name a pass writes into a module comes from that module's
 * ModuleNames, so no introduced name can capture or shadow a user's (or
 * another pass's). The order below is the order they run.
 */
import { braceSwitchCases } from './brace-cases.js';
import { builtinSubclass } from './builtin-subclass.js';
import { constructSpread } from './construct-spread.js';
import { fillArrayHoles, keepArrayHoles } from './fill-array-holes.js';
import { flattenAsync } from './flatten-async.js';
import { hoistFunctionDeclarations } from './hoist-functions.js';
import { hoistVarDeclarations } from './hoist-vars.js';
import { inlineAwaitsInModule } from './inline-awaits.js';
import { ModuleNames } from './module-names.js';
import { promiseInterop } from './promise-interop.js';
import { shareAsyncBodies } from './share-async-bodies.js';

/** What a module pass knows of the module besides its text. */
export interface ModuleContext {
  /** Fresh names and helper aliases for this module (toolchain/module-names.ts). */
  names: ModuleNames;
  /** A module of Coop's firmware (not the user's): `defines` apply to it. */
  firmware: boolean;
  /** Identifiers in firmware modules replaced by JavaScript source (e.g. `__COOP_BOARD__`, see firmware/board.ts). */
  defines: Record<string, string>;
}

export interface Pass<C> {
  name: string;
  /** Takes → leaves; why here. */
  contract: string;
  run(code: string, context: C): string;
}

/** Per module, on TypeScript's ES5 output, before rollup joins them. */
export const MODULE_PASSES: readonly Pass<ModuleContext>[] = [
  {
    name: 'defines',
    contract: 'firmware modules: `__COOP_…__` identifiers → their JavaScript source; first, so every later pass sees the real code',
    run: (code, { firmware, defines, names }) => {
      if (!firmware) return code;
      const before = code;
      for (const name of Object.keys(defines)) code = code.replace(new RegExp('\\b' + name + '\\b', 'g'), () => defines[name]);
      // The replacements' own names are taken too.
      if (code !== before) names.add(code);
      return code;
    },
  },
  {
    name: 'construct-spread',
    contract: '`new (C.bind.apply(C, [void 0, …args]))()` → `__construct(C, [void 0, …args])`: Espruino drops bound arguments under `new`; on TypeScript\'s raw output, where its temporaries (`_a = C.bind`) are still plain variables',
    run: (code, { names }) => constructSpread(code, names),
  },
  {
    name: 'flatten-async',
    contract: '`return __awaiter(s, void 0, void 0, function () { vars; return __generator(this, body) })` → `vars; return __async(s, body)` with `this` in body → `F.s`; needs TypeScript\'s exact shape, so it runs on the raw output',
    run: (code, { names }) => flattenAsync(code, names),
  },
  {
    name: 'inline-awaits',
    contract: 'every `__async` body: `return [4, x]` → `if (__park(F, x, next)) return;` (`return [4, sleep(ms)]` with Coop\'s sleep → `if (__sleep(F, ms, next)) return;`), `F.sent()` → `F.v`, jumps → `continue` (a loop\'s jump back with a copy of its loop head), `F.trys.push` → `F.t`; needs the bodies flatten-async made',
    run: (code, { names, firmware }) => inlineAwaitsInModule(code, names, firmware),
  },
  {
    name: 'share-async-bodies',
    contract: '`function f(p) { var x; return __async(s, function (F) {…}) }` whose body reads no enclosing function\'s names → one module-level body over a fresh frame name, locals as `F.$x`; innermost first; after inline-awaits, so the shared text is final',
    run: (code, { names }) => shareAsyncBodies(code, names),
  },
  {
    name: 'promise-interop',
    contract: 'user modules: global `Promise.all/race/resolve` → helpers that accept Coop\'s async results (thenables); any order after TypeScript (the helpers themselves call the real ones)',
    run: (code, { names, firmware }) => (firmware ? code : promiseInterop(code, names)),
  },
  {
    name: 'builtin-subclass',
    contract: '`_super.call(this, …) || this` → `__superCall(_super, _super.call(this, …), this)`: `class X extends Error` keeps `instanceof X`',
    run: (code, { names }) => builtinSubclass(code, names),
  },
  {
    name: 'array-holes',
    contract: 'TypeScript\'s try tables `[1, 3, , 4]` → `void 0` in the hole; a user\'s `[1, , 3]` → `__holes([1, void 0, 3], [1])` (a real hole Espruino can skip over); after inline-awaits, which moves the try tables',
    run: (code, { names }) => keepArrayHoles(code, names),
  },
  {
    name: 'helper-imports',
    contract: 'one `import { … } from "tslib"` for every helper the passes above used, under the names ModuleNames gave them; after every pass that uses helpers',
    run: (code, { names }) => names.imports() + code,
  },
  {
    name: 'hoist-functions',
    contract: 'function declarations → the top of their statement list (Espruino does not hoist them); last, after every pass that moves code',
    run: (code) => hoistFunctionDeclarations(code),
  },
];

/** On the whole bundle, after rollup and terser (which would undo them). */
export const BUNDLE_PASSES: readonly Pass<void>[] = [
  {
    name: 'fill-array-holes',
    contract: '`[a, , b]` → `[a, void 0, b]` (Espruino cannot skip a hole); a safety net after terser: the array-holes module pass leaves none',
    run: (code) => fillArrayHoles(code),
  },
  {
    name: 'brace-cases',
    contract: '`case 1: a(); b();` → `case 1: { a(); b(); }` (skipped faster); after terser, which takes braces away',
    run: (code) => braceSwitchCases(code),
  },
  {
    name: 'hoist-vars',
    contract: '`var a, b;` at the top of each function that uses them before their declaration (Espruino does not hoist vars); last, so nothing can move a declaration below its use again',
    run: (code) => hoistVarDeclarations(code),
  },
];

/** One module through the module passes (`only` some of them, by name: the stock-helpers benchmark baseline). */
export function compileModule(code: string, options: { firmware: boolean; defines: Record<string, string>; only?: readonly string[] }): string {
  const context: ModuleContext = { names: ModuleNames.of(code), firmware: options.firmware, defines: options.defines };
  for (const pass of MODULE_PASSES) if (!options.only || options.only.includes(pass.name)) code = pass.run(code, context);
  return code;
}

/** The minified bundle through the bundle passes. */
export function finishBundle(code: string): string {
  for (const pass of BUNDLE_PASSES) code = pass.run(code);
  return code;
}
