/** Native DuckDB (`@duckdb/node-api`) set up like the app's DuckDB-WASM: same catalogs, same view. */
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from '../../src/sql/sql-string.ts';
import { appSetupSql } from './bench-sql.ts';

/** A native in-memory database with a stock file attached read-only as `stock`. */
export interface NativeDb {
  /** Runs SQL and reads the whole result into JS, as the WASM paths do. */
  query(sql: string): Promise<number>;
  /** Rows of a result as objects. */
  rows<Row>(sql: string): Promise<Row[]>;
  close(): void;
}

/** Opens native DuckDB in memory (both cores) and attaches `path` when given. */
export async function openNative(path?: string): Promise<NativeDb> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const db: NativeDb = {
    async query(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.currentRowCount;
    },
    async rows<Row>(sql: string) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS() as Row[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  if (path !== undefined) {
    await db.query(`ATTACH ${sqlString(path)} AS stock (READ_ONLY)`);
    for (const sql of appSetupSql()) await db.query(sql);
  }
  return db;
}

/** Version of native DuckDB. */
export async function nativeVersion(): Promise<string> {
  const db = await openNative();
  try {
    const [row] = await db.rows<{ v: string }>('SELECT version() AS v');
    return row?.v ?? 'unknown';
  } finally {
    db.close();
  }
}
