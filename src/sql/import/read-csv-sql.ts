/**
 * The `read_csv` call of the import: options fixed rather than sniffed (the lexer has checked the
 * records), every column VARCHAR under a neutral name `c<index>`, the wanted ones selected.
 */
import { sqlString } from '../sql-string.ts';

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
  select: readonly { index: number; as: string }[];
  /** Longest record, bytes. */
  maxLineBytes: number;
}

/** `read_csv` of a chunk of well-formed records (no header), all VARCHAR. */
export function readCsvChunkSql(read: Omit<CsvChunkRead, 'table' | 'select'>): string {
  const columns = Array.from({ length: read.columnCount }, (_, k) => `'c${k}': 'VARCHAR'`);
  // strict_mode=false: otherwise DuckDB refuses a file mixing LF and CR LF line ends.
  return `read_csv(${sqlString(read.path)}, delim = ${sqlString(read.separator)}, quote = '"', escape = '"', header = false, auto_detect = false, strict_mode = false, allow_quoted_nulls = false, max_line_size = ${Math.max(2_097_152, read.maxLineBytes + 1024)}, columns = {${columns.join(', ')}})`;
}

/** Appends a chunk's wanted columns to `table`; DuckDB answers the count of rows inserted. */
export function insertFromCsvSql(read: CsvChunkRead): string {
  const select = read.select.map(({ index, as }) => `c${index} AS ${as}`).join(', ');
  return `INSERT INTO ${read.table} SELECT ${select === '' ? 'NULL' : select} FROM ${readCsvChunkSql(read)}`;
}
