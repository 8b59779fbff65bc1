/**
 * DuckDB-WASM in Node through its blocking bundle (architecture.md §2), with the settings of the
 * app's `src/db/duckdb.ts`: BigInt and decimals as doubles, no extension download.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type * as DuckDbBlocking from '@duckdb/duckdb-wasm/blocking';
import { DataType, type Table, tableFromIPC } from 'apache-arrow';
import type { EngineColumns, ImportEngine, SqlRow } from '../../src/ingest/import-engine.ts';
import { sqlString } from '../../src/sql/sql-string.ts';

const require = createRequire(import.meta.url);
const entry = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
const duckdb = require(entry) as typeof DuckDbBlocking;
const dist = dirname(entry);
const BUNDLES: DuckDbBlocking.DuckDBBundles = {
  mvp: {
    mainModule: join(dist, 'duckdb-mvp.wasm'),
    mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
  },
  eh: {
    mainModule: join(dist, 'duckdb-eh.wasm'),
    mainWorker: join(dist, 'duckdb-node-eh.worker.cjs'),
  },
};

/** One DuckDB-WASM instance with one connection. */
export interface NodeWasm {
  bindings: DuckDbBlocking.DuckDBBindings;
  connectionId: number;
  /** The app's way: Arrow IPC bytes decoded with the app's apache-arrow (`runQuery`). */
  appQuery(sql: string): Table;
  /** The raw way: DuckDB-WASM's own Arrow result. */
  rawQuery(sql: string): { numRows: number };
  /** Size of the WASM linear memory, bytes. */
  linearMemoryBytes(): number;
  version(): string;
}

/** Registers the file at `path` under `name`, read by DuckDB where it is (Node's file system). */
export function registerPath(wasm: NodeWasm, name: string, path: string): void {
  wasm.bindings.registerFileURL(name, resolve(path), duckdb.DuckDBDataProtocol.NODE_FS, false);
}

/** Instantiates DuckDB-WASM (the cost of a cold start) and opens one connection. */
export async function startNodeWasm(): Promise<NodeWasm> {
  const bindings = await duckdb.createDuckDB(BUNDLES, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await bindings.instantiate();
  bindings.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const connection = bindings.connect();
  // `useUnsafe` is DuckDB-WASM's accessor of the connection id, not a React hook.
  // biome-ignore lint/correctness/useHookAtTopLevel: not a React hook
  const connectionId = connection.useUnsafe((_, id) => id);
  const wasm: NodeWasm = {
    bindings,
    connectionId,
    appQuery: (sql) => tableFromIPC(bindings.runQuery(connectionId, sql)),
    rawQuery: (sql) => connection.query(sql),
    // EmscriptenModule's types are not installed; HEAPU8 views the whole linear memory.
    linearMemoryBytes: () =>
      (bindings.mod as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer.byteLength,
    version: () => bindings.getVersion(),
  };
  wasm.rawQuery('SET autoload_known_extensions = false');
  wasm.rawQuery('SET autoinstall_known_extensions = false');
  return wasm;
}

/** Reads a DuckDB file from disk into DuckDB-WASM and attaches it read-only as `catalog`. */
export function attachFile(wasm: NodeWasm, path: string, catalog: string): void {
  const name = `${catalog}.duckdb`;
  wasm.bindings.registerFileBuffer(name, new Uint8Array(readFileSync(path)));
  wasm.rawQuery(`ATTACH ${sqlString(name)} AS ${catalog} (READ_ONLY)`);
}

/**
 * The import engine over DuckDB-WASM in Node: the browser's engine (`src/db/wasm-import-engine.ts`)
 * without its query queue, for the tests and the benchmark.
 */
export function nodeWasmImportEngine(wasm: NodeWasm): ImportEngine {
  const rowsOf = (table: Table): SqlRow[] =>
    table.toArray().map((row) => {
      const object = row.toJSON() as Record<string, unknown>;
      for (const [key, value] of Object.entries(object)) {
        if (typeof value === 'bigint') object[key] = Number(value);
      }
      return object;
    });
  return {
    readsParquet: false,
    scratch: 'memory.main',
    query: async (sql) => rowsOf(wasm.appQuery(sql)),
    async columns(sql) {
      const table = wasm.appQuery(sql);
      const columns: EngineColumns = {};
      for (const field of table.schema.fields) {
        const vector = table.getChild(field.name);
        if (vector === null) continue;
        const values = Array.from({ length: vector.length }, (_, k) => vector.get(k) as unknown);
        columns[field.name] = DataType.isFloat(field.type)
          ? Float64Array.from(values, (v) => (v === null ? Number.NaN : Number(v)))
          : values.map((v) => (v === null ? null : String(v)));
      }
      return columns;
    },
    async putFile(name, bytes) {
      // Copied into the WASM heap right away: the caller may reuse its buffer.
      wasm.bindings.registerFileBuffer(name, bytes);
      return name;
    },
    async removeFile(name) {
      wasm.bindings.dropFile(name);
    },
    async putSource(name, source) {
      const whole = source.whole;
      if (whole === undefined || 'blob' in whole) return null;
      // A path is read by DuckDB where it is, as the browser's File is; bytes are copied in.
      if ('path' in whole) registerPath(wasm, name, whole.path);
      else wasm.bindings.registerFileBuffer(name, whole.bytes);
      return name;
    },
    interrupt: () => undefined,
  };
}
