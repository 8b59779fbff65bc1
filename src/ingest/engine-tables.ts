/**
 * Small tables made in JavaScript and handed to the engine: dictionaries of distinct values mapped
 * by the rules of `src/ingest/` (one owner per rule), points located in communes, lookups. Written
 * as a CSV that `read_csv` loads with explicit types, which both engines read the same way.
 */
import { readCsvChunkSql } from '../sql/import/read-csv-sql.ts';
import type { ImportEngine } from './import-engine.ts';

/** DuckDB type of a column of a small table. */
export type SmallColumnType = 'VARCHAR' | 'DOUBLE' | 'BOOLEAN' | 'INTEGER' | 'BIGINT';

/** A cell of a small table. */
export type SmallCell = string | number | boolean | null;

function cell(value: SmallCell): string {
  if (value === null) return '';
  if (typeof value === 'string') return `"${value.replaceAll('"', '""')}"`;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  return value ? 'true' : 'false';
}

/** Creates the TEMP table `name` from rows (quoted empty strings stay '', empty cells are NULL). */
export async function createSmallTable(
  engine: ImportEngine,
  name: string,
  columns: readonly (readonly [string, SmallColumnType])[],
  rows: Iterable<readonly SmallCell[]>,
): Promise<void> {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(cell).join(','));
  const definition = columns.map(([column, type]) => `${column} ${type}`).join(', ');
  if (lines.length === 0) {
    await engine.query(`CREATE OR REPLACE TABLE ${name} (${definition})`);
    return;
  }
  const file = `${name}.csv`;
  const path = await engine.putFile(file, new TextEncoder().encode(`${lines.join('\n')}\n`));
  try {
    const read = readCsvChunkSql({
      path,
      separator: ',',
      columnCount: columns.length,
      maxLineBytes: 16 * 1024 * 1024,
    });
    const select = columns.map(([column, type], k) => `c${k}::${type} AS ${column}`).join(', ');
    await engine.query(`CREATE OR REPLACE TABLE ${name} AS SELECT ${select} FROM ${read}`);
  } finally {
    await engine.removeFile(file);
  }
}

/**
 * A dictionary: the distinct values of `keys` (SQL expressions over the source, read as text, ''
 * for NULL) mapped by `read` into `columns`.
 */
export interface DictionarySpec {
  /** Table name after the import's prefix, e.g. `d_label`. */
  name: string;
  keys: readonly string[];
  /** Output columns, in the order `read` returns them. */
  columns: Readonly<Record<string, SmallColumnType>>;
  read: (keys: string[]) => readonly SmallCell[];
}

/**
 * Creates each dictionary of `specs` over `from` as the TEMP table `${prefix}${spec.name}`
 * (columns `k0`, `k1`… then the spec's columns).
 */
export async function createDictionaries(
  engine: ImportEngine,
  prefix: string,
  from: string,
  specs: readonly DictionarySpec[],
): Promise<void> {
  for (const spec of specs) {
    const select = spec.keys.map((key, k) => `coalesce(${key}, '') AS k${k}`).join(', ');
    const distinct = await engine.query(`SELECT DISTINCT ${select} FROM ${from}`);
    const rows = distinct.map((row) => {
      const values = spec.keys.map((_, k) => String(row[`k${k}`] ?? ''));
      return [...values, ...spec.read(values)];
    });
    await createSmallTable(
      engine,
      `${prefix}${spec.name}`,
      [...spec.keys.map((_, k) => [`k${k}`, 'VARCHAR'] as const), ...Object.entries(spec.columns)],
      rows,
    );
  }
}
