import { rollup, type Plugin } from 'rollup';
import type ts from 'typescript';
import { minify } from 'terser';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { BuildError, type Diagnostic } from './build-error.js';
import { compileTypeScript, firmwareEntry, helpersModule, type CompiledModule } from './compile-typescript.js';
import { firmwareDir, packageRoot } from './package-root.js';
import { checkEspruino } from './espruino-check.js';
import { hoistFunctionDeclarations } from './hoist-functions.js';
import { displayPath } from './display-path.js';
import { compileModule, finishBundle } from './pipeline.js';

export { displayPath };

export interface BundleOptions {
  /** Minify with terser (ES5 output). Default true. */
  minify?: boolean;
  /** In-memory ambient typings, e.g. a board's pins. */
  typings?: Record<string, string>;
  /** Identifiers in firmware modules replaced by JavaScript source, e.g. `__COOP_BOARD__` (see firmware/board.ts). */
  defines?: Record<string, string>;
  /** Checks on the type-checked program (e.g. toolchain/pin-check.ts); problems stop the build. */
  check?: (program: ts.Program) => Diagnostic[];
  /**
   * For benchmarks only: TypeScript's own `tslib` helpers instead of Coop's
   * (declarations hoisted so Espruino can run them), and none of Coop's
   * async rewrites: the baseline of what stock async code costs.
   */
  stockHelpers?: boolean;
}

/**
 * The device way: TypeScript (ES5) → rollup (one file, `tslib` → Coop's
 * helpers, `coop` → firmware) → terser (ES5). Each module is checked for
 * Espruino compatibility against its TypeScript lines, and so is the result.
 */
export async function bundleFirmware(entry: string, options: BundleOptions = {}): Promise<string> {
  const { outputs, program } = compileTypeScript(entry, options.typings);
  const checked = options.check ? options.check(program) : [];
  if (checked.length > 0) throw new BuildError('board', checked);

  const problems: Diagnostic[] = [];
  for (const [source, mod] of outputs) problems.push(...checkModule(source, mod));
  if (problems.length > 0) throw new BuildError('espruino-check', problems);

  let code: string;
  try {
    const bundle = await rollup({
      input: resolve(entry),
      plugins: [deviceModules(outputs, options.defines ?? {}, options.stockHelpers === true)],
      // Firmware modules only matter when used, so an app pays for the primitives it uses;
      // the user's own modules keep their top-level effects.
      treeshake: { moduleSideEffects: (id) => !id.startsWith(firmwareDir() + sep) },
      onwarn(warning, warn) {
        if (warning.code === 'CIRCULAR_DEPENDENCY') return;
        warn(warning);
      },
    });
    const { output } = await bundle.generate({ format: 'iife', strict: false, indent: false });
    await bundle.close();
    code = output[0].code;
  } catch (e) {
    if (e instanceof BuildError) throw e;
    throw new BuildError('bundle', [{ message: (e as Error).message }]);
  }

  if (options.minify !== false) {
    const result = await minify(code, {
      ecma: 5,
      compress: { ecma: 5, passes: 2, hoist_funs: false, keep_fargs: true, unsafe: false },
      mangle: true,
      format: { ecma: 5, ascii_only: true, comments: false },
    });
    code = result.code!;
  } else {
    // Readable, but without comments: Espruino keeps a function's text in RAM and reads past them on every call.
    const result = await minify(code, { ecma: 5, compress: false, mangle: false, format: { ecma: 5, ascii_only: true, comments: false, beautify: true } });
    code = result.code!;
  }

  code = finishBundle(code);

  // Stock tslib reaches for Symbol behind a typeof guard; it is a benchmark baseline, not firmware.
  const final = options.stockHelpers ? [] : checkEspruino(code, 'bundle');
  if (final.length > 0) throw new BuildError('espruino-check', final);
  return code;
}

/**
 * Does a module of the bundle delegate (`return [5, …]`)? Without, the bundle leaves that code
 * out. Only the modules rollup put in the bundle (`ids`): TypeScript's program also compiles
 * firmware modules this app never imports (a net module's loop was turning delegation on in
 * every bundle, blink's too: 14 JsVars).
 */
function delegates(outputs: Map<string, CompiledModule>, ids: Iterable<string>): boolean {
  for (const id of ids) {
    const mod = outputs.get(id);
    if (mod && /\[5\s*(?:\/\*.*?\*\/\s*)?,/.test(mod.code)) return true;
  }
  return false;
}

function checkModule(source: string, mod: CompiledModule): Diagnostic[] {
  return checkEspruino(mod.code, { file: displayPath(source), sourceType: 'module', willHoist: true, willFillHoles: true }).map((d) => ({
    ...d,
    line: d.line !== undefined ? mod.sourceLines[d.line - 1] ?? d.line : undefined,
    column: undefined,
  }));
}

/** Rollup plugin serving TypeScript's in-memory output as the module graph. */
function deviceModules(outputs: Map<string, CompiledModule>, defines: Record<string, string>, stockHelpers: boolean): Plugin {
  const stockTslib = join(packageRoot(), 'node_modules', 'tslib', 'tslib.es6.js');
  return {
    name: 'coop-device-modules',
    resolveId(source, importer) {
      if (source === 'coop') return firmwareEntry();
      if (source === 'tslib') return stockHelpers ? stockTslib : helpersModule();
      if (!importer) return resolve(source);
      if (source.startsWith('.') || source.startsWith('/')) {
        const base = resolve(dirname(importer), source);
        const candidates = [base, base.replace(/\.js$/, '.ts'), base + '.ts', resolve(base, 'index.ts')];
        const found = candidates.find((c) => outputs.has(c));
        if (found) return found;
        const exists = candidates.find((c) => existsSync(c));
        this.error(exists
          ? `${displayPath(importer)}: "${source}" is not TypeScript firmware; only .ts modules go into a bundle`
          : `${displayPath(importer)}: cannot find module "${source}"`);
      }
      this.error(`${displayPath(importer)}: "${source}" is not available on the board; firmware may import "coop" and its own files`);
    },
    renderChunk(code, chunk) {
      // __COOP_YIELD_STAR__ (runtime/state-machine.ts) is known once rollup knows which modules the bundle has.
      const used = Object.keys(chunk.modules).filter((id) => chunk.modules[id].renderedLength > 0);
      return code.replace(/\b__COOP_YIELD_STAR__\b/g, String(delegates(outputs, used)));
    },
    load(id) {
      if (stockHelpers && id === stockTslib) return hoistFunctionDeclarations(readFileSync(id, 'utf8'));
      const mod = outputs.get(id);
      if (!mod) return null;
      const firmware = id.startsWith(firmwareDir() + sep);
      if (stockHelpers) return compileModule(mod.code, { firmware, defines, only: ['defines', 'hoist-functions'] });
      return compileModule(mod.code, { firmware, defines });
    },
  };
}
