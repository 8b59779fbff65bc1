/**
 * The one CSV writer. Two dialects:
 * - {@link FRENCH_EXCEL}, for the files a user opens in French Excel: `;` separator, UTF-8 byte
 *   order mark (so that Excel reads accents), decimal comma;
 * - {@link OPEN_DATA}, for published open data (RFC 4180 as recommended for data.gouv.fr): `,`
 *   separator, no BOM, numbers as JavaScript writes them.
 * Both end every line with CRLF and quote a field holding the separator, a quote or a line break.
 * Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
 * carriage return) get a leading apostrophe (OWASP "CSV injection"); numbers are written by this
 * module and are never prefixed.
 */

/** A cell: text (neutralised), number (dialect's format), or empty. */
export type CsvCell = string | number | null | undefined;

/** One column of an export: its header and how to read it from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvCell;
}

/** How a CSV file is written. */
interface CsvDialect {
  separator: string;
  /** Starts the file with a UTF-8 byte order mark. */
  bom: boolean;
  formatNumber: (n: number) => string;
  /** Neutralises formula-like headers too (open-data headers are identifiers, written as is). */
  neutraliseHeaders: boolean;
}

const BOM = '\uFEFF';
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

/** CSV for French Excel: `;`, BOM, decimal comma. */
const FRENCH_EXCEL: CsvDialect = {
  separator: ';',
  bom: true,
  formatNumber: formatCsvNumber,
  neutraliseHeaders: true,
};

/** Plain open-data CSV: `,`, no BOM, `String(n)`. */
export const OPEN_DATA: CsvDialect = {
  separator: ',',
  bom: false,
  formatNumber: String,
  neutraliseHeaders: false,
};

/** A field as written between separators: quoted (quotes doubled) when it holds `separator`, `"` or a line break. */
export function quoteCsvField(text: string, separator: string): string {
  const special = text.includes('"') || text.includes(separator) || /[\r\n]/.test(text);
  return special ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One cell as written in a file of `dialect`. */
export function formatCsvCell(cell: CsvCell, dialect: CsvDialect = FRENCH_EXCEL): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return dialect.formatNumber(cell);
  return quoteCsvField(neutraliseFormula(cell), dialect.separator);
}

/** A whole CSV text: the dialect's BOM, header line, one line per row, CRLF after every line. */
export function formatCsv<T>(
  columns: readonly CsvColumn<T>[],
  rows: Iterable<T>,
  dialect: CsvDialect,
): string {
  const { separator } = dialect;
  const header = (text: string) =>
    dialect.neutraliseHeaders ? formatCsvCell(text, dialect) : quoteCsvField(text, separator);
  const lines = [columns.map((c) => header(c.header)).join(separator)];
  for (const row of rows) {
    lines.push(columns.map((c) => formatCsvCell(c.value(row), dialect)).join(separator));
  }
  return (dialect.bom ? BOM : '') + lines.join(LINE_END) + LINE_END;
}

/** A whole CSV text for French Excel (BOM, `;`, decimal comma, CRLF after every line). */
export function formatFrenchCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  return formatCsv(columns, rows, FRENCH_EXCEL);
}
