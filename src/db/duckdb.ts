import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { type Table, tableFromIPC } from 'apache-arrow';
import { createAllStockViewSql, createImportedStockSql } from '../sql/imported-stock-sql.ts';
import { sqlString } from '../sql/sql-string.ts';
import { AssetError } from './asset-error.ts';
import { DbQueryError } from './db-query-error.ts';
import { fetchAsset } from './fetch-asset.ts';

/** Catalog name under which `stock.duckdb` is attached (see `src/sql/tables.ts`). */
export const STOCK_CATALOG = 'stock';

// Served by Vite from node_modules: nothing is fetched from a CDN.
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

interface Session {
  db: duckdb.AsyncDuckDB;
  /** Id of the one connection, used with the raw bindings to get Arrow IPC bytes. */
  connectionId: number;
}

let session: Promise<Session> | null = null;
// One connection, one query at a time: results never interleave and a failure names its own SQL.
let queue: Promise<unknown> = Promise.resolve();
const attached = new Map<string, Promise<void>>();

async function startSession(): Promise<Session> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  if (bundle.mainWorker === null) throw new Error('Aucun worker DuckDB pour ce navigateur.');
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  try {
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    const connectionId = await db.connectInternal();
    // Extensions (parquet, json, icu…) would be downloaded from the internet: fail fast instead.
    await db.runQuery(connectionId, 'SET autoload_known_extensions = false');
    await db.runQuery(connectionId, 'SET autoinstall_known_extensions = false');
    return { db, connectionId };
  } catch (error) {
    await db.terminate();
    throw error;
  }
}

/** The DuckDB-WASM instance, started once in its own Web Worker on first call. */
export function getDb(): Promise<duckdb.AsyncDuckDB> {
  return getSession().then(({ db }) => db);
}

function getSession(): Promise<Session> {
  if (session === null) {
    session = startSession().catch((error: unknown) => {
      session = null;
      throw new Error('Impossible de démarrer DuckDB dans le navigateur.', { cause: error });
    });
  }
  return session;
}

/** Runs `task` on the shared connection once every task queued before it has settled. */
function enqueue<T>(task: (session: Session) => Promise<T>): Promise<T> {
  const result = queue.then(async () => task(await getSession()));
  queue = result.catch(() => undefined);
  return result;
}

/**
 * Runs one SQL statement on the shared connection, after any query already queued, and returns
 * its result as an Arrow table. Failures become a {@link DbQueryError} carrying the SQL.
 */
export function runQuery(sql: string): Promise<Table> {
  return enqueue(async ({ db, connectionId }) => {
    try {
      // Decoded with the app's own apache-arrow rather than duckdb-wasm's bundled older copy.
      return tableFromIPC(await db.runQuery(connectionId, sql));
    } catch (cause) {
      throw new DbQueryError(sql, cause);
    }
  });
}

/**
 * Creates the table `main.<name>` of the in-memory catalog from an Arrow IPC stream, in the query
 * queue. The bytes' buffer is transferred to DuckDB's worker: do not use them afterwards.
 */
export function createTableFromArrowIpc(name: string, ipc: Uint8Array): Promise<void> {
  return enqueue(async ({ db, connectionId }) => {
    try {
      await db.insertArrowFromIPCStream(connectionId, ipc, { name, schema: 'main', create: true });
    } catch (cause) {
      throw new DbQueryError(`-- insertArrowFromIPCStream into main.${name}`, cause);
    }
  });
}

/**
 * Downloads a DuckDB database file, attaches it read-only as the `stock` catalog, and creates the
 * (empty) table of imported datasets and the view over both that the SQL builders read. Attaching
 * the same URL twice reuses the first attachment.
 */
export function loadStockDatabase(url: string): Promise<void> {
  const known = attached.get(url);
  if (known) return known;
  const loading = attachDatabase(url);
  attached.set(url, loading);
  loading.catch(() => attached.delete(url));
  return loading;
}

async function attachDatabase(url: string): Promise<void> {
  const [db, response] = await Promise.all([getDb(), fetchAsset(url)]);
  const buffer = new Uint8Array(await response.arrayBuffer());
  const fileName = url.split('/').pop() ?? 'stock.duckdb';
  await db.registerFileBuffer(fileName, buffer);
  try {
    await runQuery(`ATTACH ${sqlString(fileName)} AS ${STOCK_CATALOG} (READ_ONLY)`);
  } catch (cause) {
    throw new AssetError(url, `${url} n'est pas une base DuckDB lisible.`, {
      missing: false,
      cause,
    });
  }
  // The SQL builders read a view over the attached stock and the datasets imported later.
  await runQuery(createImportedStockSql());
  await runQuery(createAllStockViewSql());
}
