/**
 * Maps a line of TypeScript's emitted JavaScript back to the line of the
 * TypeScript source, from the emitted source map, so Espruino-check findings
 * point at what the user wrote.
 */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** For each generated line (0-based index), the first original line (1-based) it maps to. */
export function generatedToSourceLines(mappings: string): (number | undefined)[] {
  const result: (number | undefined)[] = [];
  let sourceLine = 0;
  mappings.split(';').forEach((segments, genLine) => {
    for (const segment of segments.split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      if (fields.length >= 4) {
        sourceLine += fields[2];
        if (result[genLine] === undefined) result[genLine] = sourceLine + 1;
      }
    }
  });
  return result;
}

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}
