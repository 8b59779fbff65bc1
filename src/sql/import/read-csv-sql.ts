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
}

/** `read_csv` of a chunk of well-formed records (no header), all VARCHAR. */
export function readCsvChunkSql(read: Omit<CsvChunkRead, 'table' | 'select'>): string {
  const columns = Array.from({ length: read.columnCount }, (_, k) => `'c${k}': 'VARCHAR'`);
  // strict_mode=false: otherwise DuckDB refuses a file mixing LF and CR LF line ends. new_line
  // CR LF reads both; left to detection, a line end inside quotes first met makes it take LF and
  // read every CR LF as an extra empty row.
  return `read_csv(${sqlString(read.path)}, delim = ${sqlString(read.separator)}, quote = '"', escape = '"', header = false, auto_detect = false, strict_mode = false, new_line = '\\r\\n', allow_quoted_nulls = false, max_line_size = ${Math.max(2_097_152, read.maxLineBytes + 1024)}, columns = {${columns.join(', ')}})`;
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
  return `INSERT INTO ${read.table} SELECT ${select === '' ? 'NULL' : select} FROM ${readCsvChunkSql(read)}`;
}
