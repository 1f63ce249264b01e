/**
 * The `for <addr>` clauses of a Received header (SD-15), in order. A hand-written scan rather than a
 * regex: hostile headers (100,000 × `for <<`) must take linear time.
 */
export function receivedForAddresses(value: string): string[] {
  const found: string[] = [];
  // ASCII-only lower-casing keeps indexes aligned with `value` ('İ'.toLowerCase() is two code units long).
  const lower = value.replace(/[A-Z]/g, (c) => c.toLowerCase());
  let at = 0;
  while (at < lower.length) {
    const hit = lower.indexOf('for', at);
    if (hit === -1) break;
    at = hit + 3;
    const standsAlone = (hit === 0 || /\s/.test(lower[hit - 1]!)) && /\s/.test(lower[at] ?? '');
    if (!standsAlone) continue;
    let start = at;
    while (start < value.length && /\s/.test(value[start]!)) start++;
    const bracketed = value[start] === '<';
    if (bracketed) start++;
    let end = start;
    while (end < value.length && !/[\s<>;]/.test(value[end]!)) end++;
    const address = value.slice(start, end);
    if (address.includes('@') && (!bracketed || value[end] === '>')) found.push(address);
    at = Math.max(at, end);
  }
  return found;
}
