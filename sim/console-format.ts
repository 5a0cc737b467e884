/**
 * Formats console.log arguments the way Espruino prints them: strings as
 * they are, everything else as Espruino's `E.toJS`-like text, joined by spaces.
 */
export function formatConsoleArgs(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : formatValue(a, 0))).join(' ');
}

function formatValue(v: unknown, depth: number): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return `function ${(v as Function).name || ''}() {…}`;
  if (v instanceof Error || (typeof v === 'object' && 'message' in (v as any) && 'name' in (v as any) && typeof (v as any).stack === 'string')) {
    return `${(v as any).name}: ${(v as any).message}`;
  }
  if (depth > 3) return '…';
  if (Array.isArray(v)) return '[ ' + v.map((x) => formatValue(x, depth + 1)).join(', ') + ' ]';
  const entries = Object.keys(v as object).map((k) => `${JSON.stringify(k)}: ${formatValue((v as any)[k], depth + 1)}`);
  return entries.length ? '{ ' + entries.join(', ') + ' }' : '{ }';
}
