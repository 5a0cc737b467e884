/**
 * 'D0..D3, D5, A0..A7': pin names in the given order, runs of consecutive
 * numbers with the same prefix collapsed. For messages that list pins (the
 * build's pin check, the simulator's errors) and for the board info the
 * firmware decodes at run time, so there is one way to write them.
 */
export function pinRanges(names: string[], options: { shortestRun?: number } = {}): string {
  const shortest = options.shortestRun ?? 2;
  const parts: string[] = [];
  let i = 0;
  while (i < names.length) {
    const m = /^([A-Za-z]*)(\d+)$/.exec(names[i]);
    let j = i;
    if (m) {
      while (j + 1 < names.length) {
        const n = /^([A-Za-z]*)(\d+)$/.exec(names[j + 1]);
        if (!n || n[1] !== m[1] || Number(n[2]) !== Number(m[2]) + (j + 1 - i)) break;
        j++;
      }
    }
    if (j - i + 1 >= shortest && j > i) parts.push(`${names[i]}..${names[j]}`);
    else for (let k = i; k <= j; k++) parts.push(names[k]);
    i = j + 1;
  }
  return parts.join(', ');
}
