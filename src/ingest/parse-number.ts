/**
 * Numbers as French and international CSV files write them: `69.0`, `69,0`, `1 234,5`, `-3`,
 * `1e3`; empty cells are missing values.
 */

const PLAIN = /^[+-]?\d+(?:[.,]\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$/;
const SCIENTIFIC = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a decimal number. Returns null for an empty cell, NaN for text that is not a number
 * (so that the caller can tell "missing" from "wrong"). A value with both `.` and `,` is
 * ambiguous (`1.234,5` or `1,234.5`) and is NaN.
 */
export function parseDecimal(raw: string): number | null {
  const text = raw.trim();
  if (text === '') return null;
  // Fast path for the common `69` / `69.0`, leaving out what Number() reads but a CSV cell should
  // not mean: `Infinity`, and hexadecimal, octal or binary literals (`0x1A`).
  const fast = Number(text);
  if (Number.isFinite(fast) && !isRadixLiteral(text)) return fast;
  let value = Number.NaN;
  if (PLAIN.test(text)) value = Number(text.replace(',', '.'));
  else if (GROUPED.test(text))
    value = Number(text.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));
  else if (SCIENTIFIC.test(text)) value = Number(text.replace(',', '.'));
  // `1e400` overflows to Infinity: not a number a cell can mean.
  return Number.isFinite(value) ? value : Number.NaN;
}

function isRadixLiteral(text: string): boolean {
  const prefix = text.charCodeAt(0) === 48 ? text.charCodeAt(1) | 0x20 : 0;
  return prefix === 0x78 || prefix === 0x6f || prefix === 0x62;
}
