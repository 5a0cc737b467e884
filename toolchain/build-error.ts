/** One problem found while building, pointing at the user's source. */
export interface Diagnostic {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  if (!d.file) return d.message;
  const where = d.line ? `${d.file}:${d.line}${d.column ? ':' + d.column : ''}` : d.file;
  return `${where}: ${d.message}`;
}

/** A build that cannot produce a bundle; `message` lists every diagnostic. */
export class BuildError extends Error {
  constructor(
    readonly stage: 'typescript' | 'bundle' | 'espruino-check' | 'board' | 'input',
    readonly diagnostics: Diagnostic[],
  ) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'BuildError';
  }
}
