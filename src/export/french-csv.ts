/**
 * CSV for French Excel: `;` separator, UTF-8 byte order mark (so that Excel reads accents),
 * CRLF line ends, decimal comma. Text cells that a spreadsheet would run as a formula (starting
 * with `=`, `+`, `-`, `@`, tab or carriage return) get a leading apostrophe (OWASP "CSV
 * injection"); numbers are written by this module and are never prefixed.
 */

/** A cell: text (neutralised), number (decimal comma), or empty. */
export type CsvCell = string | number | null | undefined;

/** One column of an export: its French header and how to read it from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvCell;
}

const BOM = '\uFEFF';
const SEPARATOR = ';';
const LINE_END = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes an apostrophe to text that a spreadsheet would read as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A number with a decimal comma and no grouping: 1499500 → `1499500`, 9.8 → `9,8`, 0.15 → `0,15`.
 * Non-finite numbers are written as an empty cell.
 */
export function formatCsvNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  // toLocaleString rather than String: never an exponent (1e21, 1e-7) that Excel would misread.
  return n
    .toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 10 })
    .replace('.', ',');
}

function quote(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One cell as written in the file. */
export function formatCsvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return formatCsvNumber(cell);
  return quote(neutraliseFormula(cell));
}

/** A whole CSV text (BOM, header line, one line per row, CRLF after every line). */
export function formatFrenchCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  const lines = [columns.map((c) => formatCsvCell(c.header)).join(SEPARATOR)];
  for (const row of rows) {
    lines.push(columns.map((c) => formatCsvCell(c.value(row))).join(SEPARATOR));
  }
  return BOM + lines.join(LINE_END) + LINE_END;
}
