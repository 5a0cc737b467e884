import ts from 'typescript';
import { resolve, sep } from 'node:path';
import { firmwareDir } from './package-root.js';

/**
 * The user's own source files in `program`, with their absolute paths: not declaration files,
 * not Coop's firmware, not packages under node_modules. What the build's source checks
 * (pin-check.ts, radio-check.ts, builtin-parent-check.ts) look at.
 */
export function userSourceFiles(program: ts.Program): { sf: ts.SourceFile; file: string }[] {
  const firmware = firmwareDir() + sep;
  const out: { sf: ts.SourceFile; file: string }[] = [];
  for (const sf of program.getSourceFiles()) {
    const file = resolve(sf.fileName);
    if (sf.isDeclarationFile || file.startsWith(firmware) || file.includes(`${sep}node_modules${sep}`)) continue;
    out.push({ sf, file });
  }
  return out;
}
