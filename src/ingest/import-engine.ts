/**
 * What the import pipeline needs from a DuckDB: DuckDB-WASM in the browser (`src/db/`), native
 * DuckDB in the scripts (`scripts/lib/native-import-engine.ts`). Every statement is plain SQL that
 * both run the same way; the tables of an import are named by a prefix of their own, in the
 * engine's scratch schema.
 */

import type { ByteSource } from './byte-source.ts';

/** One result row, numbers as JavaScript numbers (BIGINT converted), strings, booleans or null. */
export type SqlRow = Record<string, unknown>;

/** Columns of a result, as {@link ImportEngine.columns} answers them. */
export type EngineColumns = Record<string, Float64Array | (string | null)[]>;

/**
 * A number column of `columns`; empty when absent or untyped (an engine that types columns from
 * their values cannot tell the type of an empty result).
 */
export function numberColumn(columns: EngineColumns, name: string): Float64Array {
  const column = columns[name];
  return column instanceof Float64Array ? column : new Float64Array(0);
}

/** A text column of `columns`; empty when absent or untyped (see {@link numberColumn}). */
export function textColumn(columns: EngineColumns, name: string): readonly (string | null)[] {
  const column = columns[name];
  return Array.isArray(column) ? column : [];
}

/** A DuckDB the pipeline runs on. */
export interface ImportEngine {
  /** Runs one statement and answers its rows (keep results small: aggregates, dictionaries). */
  query(sql: string): Promise<SqlRow[]>;
  /** Columns of a query's result as arrays (DOUBLE columns as Float64Array, NULL as NaN). */
  columns(sql: string): Promise<EngineColumns>;
  /**
   * Makes bytes readable by `read_csv` or `read_parquet` under `name`; answers the path to quote
   * in SQL. The bytes are read before the call's first `await` (copied or written): the caller
   * reuses their buffer afterwards.
   */
  putFile(name: string, bytes: Uint8Array): Promise<string>;
  removeFile(name: string): Promise<void>;
  /**
   * Makes a whole source readable by `read_csv` under `name` without the caller copying it (a
   * path read in place, a browser file read by DuckDB's worker, bytes registered once); answers
   * the path to quote in SQL, or null when this engine cannot. Removed by {@link removeFile}.
   */
  putSource?(name: string, source: ByteSource): Promise<string | null>;
  /** Stops the statement running, if any (cancel). */
  interrupt(): void;
  /** Whether `read_parquet` works (native DuckDB has it built in; DuckDB-WASM offline has not). */
  readonly readsParquet: boolean;
  /** A Parquet source as CSV, by the engine itself; absent when it cannot read Parquet. */
  parquetToCsv?(source: ByteSource): Promise<ByteSource>;
  /**
   * Schema of the import's tables, in memory: DuckDB writes TEMP tables two to three times slower
   * (measured here in DuckDB-WASM), and data:build's database file must not receive them.
   */
  readonly scratch: string;
}

let imports = 0;

/** A fresh prefix for the tables and files of one import. */
export function newImportPrefix(): string {
  imports++;
  return `imp${imports}_${Math.floor(Math.random() * 1e6).toString(36)}_`;
}
