/**
 * The `read_csv` call of the import: options fixed rather than sniffed (the lexer has checked the
 * records), every column VARCHAR under a neutral name `c<index>`, the wanted ones selected.
 */
import { sqlString } from '../sql-string.ts';

/**
 * A column read from a file into the parsed table: as text, or (`number`) as the DOUBLE of
 * DuckDB's cast in `<as>_v` plus the text in `<as>` only when the cast refuses it, for the
 * decimal commas and other forms that the slower `decimalSql` reads.
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
  return `read_csv(${sqlString(read.path)}, delim = ${sqlString(read.separator)}, quote = '"', escape = '"', auto_detect = false, ${dialect}, allow_quoted_nulls = false, max_line_size = ${Math.max(2_097_152, read.maxLineBytes + 1024)}, columns = {${columns.join(', ')}})`;
}

/** Appends a chunk's wanted columns to `table`; DuckDB answers the count of rows inserted. */
export function insertFromCsvSql(read: CsvChunkRead): string {
  const select = read.select
    .map(({ index, as, type }) => {
      if (type !== 'number') return `c${index} AS ${as}`;
      const cast = `TRY_CAST(c${index} AS DOUBLE)`;
      // `1_000` and infinities pass DuckDB's cast, not JavaScript's Number(): kept as text too.
      return `CASE WHEN c${index} IS NOT NULL AND NOT coalesce(isfinite(${cast}) AND NOT contains(c${index}, '_'), false) THEN c${index} END AS ${as}, ${cast} AS ${as}_v`;
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
