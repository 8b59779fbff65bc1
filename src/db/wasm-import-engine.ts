/**
 * The import engine of the browser: the app's own DuckDB-WASM (one instance, one connection), so
 * that an import costs no second engine and its accepted rows never cross a worker boundary. Each
 * statement goes through the query queue; the import's TEMP tables live on the shared connection.
 */
import { DataType, type Table } from 'apache-arrow';
import type { EngineColumns, ImportEngine, SqlRow } from '../ingest/import-engine.ts';
import { type DbSession, runInSession } from './duckdb.ts';

let current: DbSession | null = null;

function rowsOf(table: Table): SqlRow[] {
  return table.toArray().map((row) => {
    const object = row.toJSON() as Record<string, unknown>;
    for (const [key, value] of Object.entries(object)) {
      if (typeof value === 'bigint') object[key] = Number(value);
    }
    return object;
  });
}

function columnsOf(table: Table): EngineColumns {
  const columns: EngineColumns = {};
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name);
    if (vector === null) continue;
    const numeric = DataType.isFloat(field.type) || DataType.isInt(field.type);
    if (numeric) {
      const values = new Float64Array(vector.length);
      for (let k = 0; k < vector.length; k++) {
        const value = vector.get(k);
        values[k] = value === null ? Number.NaN : Number(value);
      }
      columns[field.name] = values;
    } else {
      columns[field.name] = Array.from({ length: vector.length }, (_, k) => {
        const value = vector.get(k);
        return value === null ? null : String(value);
      });
    }
  }
  return columns;
}

/** The engine over the app's DuckDB-WASM. */
export function wasmImportEngine(): ImportEngine {
  const run = <T>(task: (session: DbSession) => Promise<T>) =>
    runInSession((session) => {
      current = session;
      return task(session).finally(() => {
        current = null;
      });
    });
  return {
    readsParquet: false,
    scratch: 'memory.main',
    query: (sql) => run(async (session) => rowsOf(await session.query(sql))),
    columns: (sql) => run(async (session) => columnsOf(await session.query(sql))),
    putFile(name, bytes) {
      // A copy: the buffer is transferred to DuckDB's worker, and the caller reuses its own.
      const copy = bytes.slice();
      return run(async (session) => {
        await session.registerFileBuffer(name, copy);
        return name;
      });
    },
    removeFile: (name) => run((session) => session.dropFile(name)),
    putSource(name, source) {
      const whole = source.whole;
      if (whole === undefined || 'path' in whole) return Promise.resolve(null);
      // A File is read by DuckDB's worker where it is; bytes are copied, as in putFile.
      const register =
        'blob' in whole
          ? (session: DbSession) => session.registerFileHandle(name, whole.blob)
          : (session: DbSession) => session.registerFileBuffer(name, whole.bytes.slice());
      return run(async (session) => {
        await register(session);
        return name;
      });
    },
    interrupt: () => current?.interrupt(),
  };
}
