/**
 * A copy of a string that does not keep its parent alive. V8 represents `s.slice(a, b)` (13
 * characters and more) as a view on `s`: a cell kept from a 1 MB chunk keeps the whole chunk in
 * memory, and a set of DPE numbers ends up holding the whole file. Concatenating then slicing
 * makes V8 flatten a small new string; other engines simply copy.
 */
export function detachString(value: string): string {
  return ` ${value}`.slice(1);
}
