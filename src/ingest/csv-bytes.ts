/**
 * Byte rules of the CSV lexer (`csv-lexer.ts`) over UTF-8: separator detection on the header line,
 * spreadsheet forced text, blank records, the lexer's byte classes, and the records' lines.
 */
import type { CsvSeparator } from './csv-header.ts';

export const QUOTE = 34;
export const LF = 10;
export const CR = 13;
const SPACE = 32;
export const EQUALS = 61;

/** Counts candidate separators outside quotes on the first line; null when it is incomplete. */
export function detectByteSeparator(
  b: Uint8Array,
  from: number,
  final: boolean,
): CsvSeparator | null {
  const counts = new Map<number, number>([
    [44, 0],
    [59, 0],
    [9, 0],
    [124, 0],
  ]);
  let inQuotes = false;
  let i = from;
  for (; i < b.length; i++) {
    const c = b[i] ?? 0;
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (c === LF) break;
      const n = counts.get(c);
      if (n !== undefined) counts.set(c, n + 1);
    }
  }
  if (i === b.length && !final) return null;
  let best = 44;
  for (const [code, n] of counts) if (n > (counts.get(best) ?? 0)) best = code;
  return String.fromCharCode(best) as CsvSeparator;
}

/** Whether bytes [start, end) are a spreadsheet's forced text `="…"` (inner quotes doubled). */
export function isExcelTextBytes(b: Uint8Array, start: number, end: number): boolean {
  if (end - start < 3 || b[start] !== EQUALS || b[start + 1] !== QUOTE || b[end - 1] !== QUOTE) {
    return false;
  }
  for (let k = start + 2; k < end - 1; k++) {
    if (b[k] === QUOTE) {
      if (b[k + 1] !== QUOTE || k + 1 >= end - 1) return false;
      k++;
    }
  }
  return true;
}

/** Whether a record holds nothing but separators, spaces and carriage returns. */
export function isBlankRecordBytes(
  b: Uint8Array,
  start: number,
  end: number,
  sep: number,
): boolean {
  for (let k = start; k < end; k++) {
    const c = b[k];
    if (c !== sep && c !== SPACE && c !== CR) return false;
  }
  return true;
}

/** Byte classes of the lexer's inner loop: 0 ordinary, 1 quote, 2 separator, 3 LF, 4 CR. */
export function byteClasses(sep: number): Uint8Array {
  const table = new Uint8Array(256);
  table[QUOTE] = 1;
  table[sep] = 2;
  table[LF] = 3;
  table[CR] = 4;
  return table;
}

/** The bytes of the ranges [start, end) pairs, as one view when they are contiguous. */
export function joinRanges(b: Uint8Array, ranges: readonly number[]): Uint8Array {
  if (ranges.length === 0) return new Uint8Array(0);
  if (ranges.length === 2) return b.subarray(ranges[0], ranges[1]);
  let total = 0;
  for (let k = 0; k < ranges.length; k += 2) total += (ranges[k + 1] ?? 0) - (ranges[k] ?? 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (let k = 0; k < ranges.length; k += 2) {
    const part = b.subarray(ranges[k], ranges[k + 1]);
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

/** Line of record `index` from the steps of {@link LexedChunk.lineSteps} (made global). */
export function lineOfRecord(steps: readonly number[], index: number): number {
  let lo = 0;
  let hi = steps.length / 2 - 1;
  let delta = steps[1] ?? 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((steps[2 * mid] ?? 0) <= index) {
      delta = steps[2 * mid + 1] ?? 0;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return index + delta;
}
