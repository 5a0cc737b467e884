/**
 * "D0..D31, A0..A7": pin names listed compactly, runs of consecutive numbers
 * with the same prefix collapsed, for error messages that list pins.
 */
export function pinList(names: string[]): string {
  if (names.length === 0) return '(none)';
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
    if (j - i >= 2) parts.push(`${names[i]}..${names[j]}`);
    else for (let k = i; k <= j; k++) parts.push(names[k]);
    i = j + 1;
  }
  return parts.join(', ');
}
