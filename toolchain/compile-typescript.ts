import ts from 'typescript';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BuildError } from './build-error.js';
import { firmwareDir } from './package-root.js';
import { generatedToSourceLines } from './source-map-lines.js';
import { rewriteCatchBindings } from './catch-bindings.js';
import { coopDiagnostics } from './typescript-diagnostics.js';

/** Files the device build always sees besides the user's entry. */
export const firmwareEntry = (): string => join(firmwareDir(), 'index.ts');
export const helpersModule = (): string => join(firmwareDir(), 'runtime', 'helpers.ts');
const globalsTypings = (): string => join(firmwareDir(), 'espruino-globals.d.ts');

/**
 * The device way of compiling: ES5 for Espruino, helpers imported from
 * `tslib` (which the bundler points at Coop's own), `coop` resolving to the
 * firmware sources, and only the library typings Espruino really has
 * (no Map, Set, Symbol, …), so using them is a type error at build time.
 */
export function deviceCompilerOptions(): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES5,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es5.d.ts', 'lib.es2015.promise.d.ts'],
    types: [],
    importHelpers: true,
    // Every file is a module, so even a file with no imports gets its helpers imported.
    moduleDetection: ts.ModuleDetectionKind.Force,
    noEmitHelpers: true,
    strict: true,
    noImplicitAny: false,
    skipLibCheck: true,
    noEmitOnError: false,
    // Kept for terser: /*@__NOINLINE__*/ and /*#__PURE__*/ steer it on hot paths (comments never reach the bundle).
    removeComments: false,
    sourceMap: true,
    isolatedModules: false,
    baseUrl: firmwareDir(),
    paths: {
      coop: [firmwareEntry()],
      tslib: [helpersModule()],
    },
  };
}

/**
 * Parsed files are kept across builds in one process (tests build many
 * bundles): TypeScript's lib .d.ts files, and Coop's firmware sources while
 * their modification time is unchanged.
 */
const libCache = new Map<string, ts.SourceFile>();
const firmwareCache = new Map<string, { mtime: number; sf: ts.SourceFile }>();

export interface CompiledModule {
  /** Emitted ES5 JavaScript. */
  code: string;
  /** For each line of `code` (0-based), the TypeScript source line (1-based). */
  sourceLines: (number | undefined)[];
}

export interface CompiledProgram {
  /** Emitted modules, keyed by absolute TypeScript source path. */
  outputs: Map<string, CompiledModule>;
  /** The type-checked program, for checks that need types (toolchain/pin-check.ts). */
  program: ts.Program;
}

/**
 * Type-check and compile `entry` and everything it imports. Extra ambient
 * typings (a board's pin declarations) are passed as in-memory files.
 */
export function compileTypeScript(entry: string, extraTypings: Record<string, string> = {}): CompiledProgram {
  const entryPath = resolve(entry);
  if (!existsSync(entryPath)) {
    throw new BuildError('input', [{ message: `No such file: ${entry}` }]);
  }
  const options = deviceCompilerOptions();
  const host = ts.createCompilerHost(options, true);
  const baseGetSourceFile = host.getSourceFile.bind(host);
  const libDir = host.getDefaultLibLocation!();
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (fileName in extraTypings) {
      return ts.createSourceFile(fileName, extraTypings[fileName], languageVersion, true);
    }
    if (fileName.startsWith(libDir)) {
      const cached = libCache.get(fileName);
      if (cached) return cached;
      const sf = baseGetSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (sf) libCache.set(fileName, sf);
      return sf;
    }
    if (fileName.startsWith(firmwareDir())) {
      const mtime = statSync(fileName, { throwIfNoEntry: false })?.mtimeMs ?? -1;
      const cached = firmwareCache.get(fileName);
      if (cached && cached.mtime === mtime) return cached.sf;
      const sf = baseGetSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (sf) firmwareCache.set(fileName, { mtime, sf });
      return sf;
    }
    const sf = baseGetSourceFile(fileName, languageVersion, onError, shouldCreate);
    if (!sf || fileName.endsWith('.d.ts')) return sf;
    // The user's code, as TypeScript will see it: catch parameters closures keep (catch-bindings.ts).
    const text = rewriteCatchBindings(sf.text, fileName);
    return text === sf.text ? sf : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  const baseFileExists = host.fileExists.bind(host);
  host.fileExists = (f) => f in extraTypings || baseFileExists(f);
  const baseReadFile = host.readFile.bind(host);
  host.readFile = (f) => (f in extraTypings ? extraTypings[f] : baseReadFile(f));
  // Installed as a package, the firmware sources sit under node_modules/, and TypeScript
  // neither emits nor reports on files it reached there ("external library" files): a bundle
  // would lack them. They are Coop's firmware, compiled like the user's own, wherever they are.
  const resolutionCache = ts.createModuleResolutionCache(host.getCurrentDirectory(), host.getCanonicalFileName, options);
  host.resolveModuleNameLiterals = (literals, containingFile, redirectedReference, opts, containingSourceFile) =>
    literals.map((literal) => {
      const mode = ts.getModeForUsageLocation(containingSourceFile, literal, opts);
      const resolved = ts.resolveModuleName(literal.text, containingFile, opts, host, resolutionCache, redirectedReference, mode);
      const m = resolved.resolvedModule;
      if (m && m.isExternalLibraryImport && resolve(m.resolvedFileName).startsWith(firmwareDir())) {
        return { ...resolved, resolvedModule: { ...m, isExternalLibraryImport: false } };
      }
      return resolved;
    });

  // The helpers are a root too: the build may add imports of them (flatten-async.ts).
  const roots = [entryPath, helpersModule(), globalsTypings(), ...Object.keys(extraTypings)];
  const program = ts.createProgram(roots, options, host);

  const code = new Map<string, string>();
  const maps = new Map<string, string>();
  const emit = program.emit(undefined, (fileName, text, _bom, _onError, sources) => {
    if (!sources || sources.length === 0) return;
    const source = resolve(sources[0].fileName);
    if (fileName.endsWith('.js')) code.set(source, text.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'));
    else if (fileName.endsWith('.js.map')) maps.set(source, JSON.parse(text).mappings);
  });

  const outputs = new Map<string, CompiledModule>();
  for (const [source, js] of code) {
    outputs.set(source, { code: js, sourceLines: generatedToSourceLines(maps.get(source) ?? '') });
  }

  const all = ts.getPreEmitDiagnostics(program).concat(emit.diagnostics);
  const errors = all.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    // What Espruino lacks, in Coop's words at the user's file:line rather than TypeScript's (typescript-diagnostics.ts).
    const isUserFile = (sf: ts.SourceFile) => !(sf.fileName in extraTypings) && !resolve(sf.fileName).startsWith(firmwareDir());
    throw new BuildError('typescript', coopDiagnostics(errors, program, isUserFile));
  }
  return { outputs, program };
}
