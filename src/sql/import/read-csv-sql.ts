/**
 * The `read_csv` call of the import: options fixed rather than sniffed (the lexer has checked the
 * records), every column VARCHAR under a neutral name `c<index>`, the wanted ones selected.
 */
import { sqlString } from '../sql-string.ts';

/**
 * A column read from a file into the parsed table: as text, or (`number`) as its value in
 * `<as>_v` and its text in `<as>` when needed (see {@link numberColumnsSql}).
 */
export interface CsvColumnSelect {
  index: number;
  as: string;
  type?: 'number';
}

/** Columns of the parsed table for `select`, with their types. */
export function parsedColumnsSql(select: readonly CsvColumnSelect[]): string {
  return select
    .map(({ as, type }) => (type === 'number' ? `${as} VARCHAR, ${as}_v DOUBLE` : `${as} VARCHAR`))
    .join(', ');
}

/** Inputs of {@link insertFromCsvSql}. */
export interface CsvChunkRead {
  /** Table receiving the rows (its columns are the `as` names, in order). */
  table: string;
  /** Path of the chunk, as registered with the engine. */
  path: string;
  separator: string;
  /** Number of fields of every record. */
  columnCount: number;
  /** Source column index → column of the table. */
  select: readonly CsvColumnSelect[];
  /** Longest record, bytes. */
  maxLineBytes: number;
  /**
   * A whole file read without the byte lexer: its header line is skipped, and the rows that the
   * lexer would have to judge (a quote in a read column, nothing but blanks) are
   * left out (a cheap superset: see `insertFromCsvSql`), so that the caller, comparing the rows inserted with the lines of the file, falls
   * back to the lexer.
   */
  unchecked?: boolean;
}

/** `read_csv` of a chunk of well-formed records (no header, unless unchecked), all VARCHAR. */
export function readCsvChunkSql(read: Omit<CsvChunkRead, 'table' | 'select'>): string {
  const columns = Array.from({ length: read.columnCount }, (_, k) => `'c${k}': 'VARCHAR'`);
  // Checked records: strict_mode=false, otherwise DuckDB refuses a file mixing LF and CR LF line
  // ends; new_line CR LF reads both (left to detection, a line end inside quotes first met makes
  // it take LF and read every CR LF as an extra empty row). Unchecked: strict, line end detected,
  // so that DuckDB refuses what it would otherwise read silently wrong (text after a closing
  // quote, a lone CR, mixed line ends: measured with DuckDB 1.4) and the lexer reads the file.
  const dialect =
    read.unchecked === true
      ? 'header = true, strict_mode = true'
      : "header = false, strict_mode = false, new_line = '\\r\\n'";
  const maxLineSize = Math.max(2_097_152, read.maxLineBytes + 1024);
  // DuckDB's buffer defaults to 16 × max_line_size (256 MiB here): reading 4 M DPE rows (536 MB)
  // took 4.1–5.3 s with it, 2.1–3.2 s with one MiB above the longest line (native, 2 threads).
  const bufferSize = maxLineSize + 1_048_576;
  return `read_csv(${sqlString(read.path)}, delim = ${sqlString(read.separator)}, quote = '"', escape = '"', auto_detect = false, ${dialect}, allow_quoted_nulls = false, max_line_size = ${maxLineSize}, buffer_size = ${bufferSize}, columns = {${columns.join(', ')}})`;
}

/**
 * The two columns of a number cell `cell` (see {@link CsvColumnSelect}): `<as>_v`, its value when
 * DuckDB's cast reads it, a decimal comma read as a point (a French file's numbers would otherwise
 * all go through the regular expressions of `decimalSql`, which doubled the mapping's time); `<as>`,
 * its text when the cast refused it or when it holds a comma (warnings quote it as written).
 * `parsedNumberSql` reads them back; both give `decimalSql`'s value (tested).
 */
export function numberColumnsSql(cell: string, as: string): string {
  const cast = `TRY_CAST(CASE WHEN contains(${cell}, ',') THEN replace(${cell}, ',', '.') ELSE ${cell} END AS DOUBLE)`;
  // `1_000`, `+-1` and infinities pass DuckDB's cast, not JavaScript's Number(): left to
  // decimalSql.
  const read = `coalesce(isfinite(${cast}) AND NOT contains(${cell}, '_') AND NOT contains(${cell}, '+-'), false)`;
  return `CASE WHEN ${cell} IS NOT NULL AND (NOT ${read} OR contains(${cell}, ',')) THEN ${cell} END AS ${as}, CASE WHEN ${read} THEN ${cast} END AS ${as}_v`;
}

/** Appends a chunk's wanted columns to `table`; DuckDB answers the count of rows inserted. */
export function insertFromCsvSql(read: CsvChunkRead): string {
  const select = read.select
    .map(({ index, as, type }) => {
      return type === 'number' ? numberColumnsSql(`c${index}`, as) : `c${index} AS ${as}`;
    })
    .join(', ');
  const from = readCsvChunkSql(read);
  if (read.unchecked !== true || read.select.length === 0) {
    return `INSERT INTO ${read.table} SELECT ${select === '' ? 'NULL' : select} FROM ${from}`;
  }
  const columns = read.select.map(({ index }) => `c${index}`);
  // A record of blanks only has its first two read columns NULL or starting with a space or
  // a control character (`< '!'`): a cheap superset, its false alarms only cost the slow path.
  const blank = columns.slice(0, 2).map((c) => `coalesce(${c}, '') < '!'`);
  const suspect = columns
    .map((c) => `contains(${c}, '"')`)
    .concat(`(${blank.join(' AND ')})`)
    .join(' OR ');
  return `INSERT INTO ${read.table} SELECT ${select} FROM ${from} WHERE NOT coalesce(${suspect}, false)`;
}
