import { DuckDBInstance } from '@duckdb/node-api';

/** Runs a query on the built stock database with native DuckDB, read-only. */
export async function queryBuiltStock<T extends Record<string, unknown>>(
  sql: string,
  path = 'public/data/stock.duckdb',
): Promise<T[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as T[];
  } finally {
    instance.closeSync();
  }
}
