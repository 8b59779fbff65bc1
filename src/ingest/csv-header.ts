/**
 * The header line of a CSV file and the text rules shared by the readers: the separators detected,
 * separator detection on the first line, a spreadsheet's forced-text cell `="0123"`.
 */

const QUOTE = 34;
const LF = 10;
const EXCEL_TEXT = /^="((?:[^"]|"")*)"$/;

/** Field separators the reader detects. */
export const CSV_SEPARATORS = [',', ';', '\t', '|'] as const;
/** One of {@link CSV_SEPARATORS}. */
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

/** The header line of a CSV file. */
export interface CsvHeader {
  /** Column names as written (BOM and surrounding quotes removed, not trimmed). */
  names: string[];
  separator: CsvSeparator;
  /** Whether the text started with a UTF-8 byte order mark. */
  hadBom: boolean;
  /** Header line as written, without its line end. */
  raw: string;
  /** Why the header line is malformed, in French, or null. */
  error: string | null;
}

/**
 * The text of a spreadsheet's forced-text cell `="0123"` (written so that leading zeros survive),
 * or null when the value is not one. Other formulas (`=SUM(…)`) are left as written.
 */
export function unwrapExcelText(value: string): string | null {
  const match = EXCEL_TEXT.exec(value);
  return match?.[1] === undefined ? null : match[1].replaceAll('""', '"');
}

/** Counts candidate separators outside quotes on the first line; null when the line is incomplete. */
export function detectSeparator(text: string, from: number, final: boolean): CsvSeparator | null {
  const counts = [0, 0, 0, 0];
  const codes = CSV_SEPARATORS.map((s) => s.charCodeAt(0));
  let inQuotes = false;
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (c === LF) break;
      const k = codes.indexOf(c);
      if (k >= 0) counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  if (i === text.length && !final) return null;
  let best = 0;
  for (let k = 1; k < counts.length; k++) if ((counts[k] ?? 0) > (counts[best] ?? 0)) best = k;
  return CSV_SEPARATORS[best] ?? ',';
}
