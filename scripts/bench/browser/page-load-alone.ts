/**
 * The baseline of the cold start in Chromium: DuckDB-WASM started in its worker from the same
 * local bundles as the app, the stock file fetched meanwhile, registered and attached read-only.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

async function startDuckDb(): Promise<duckdb.AsyncDuckDB> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  if (bundle.mainWorker === null) throw new Error('no DuckDB worker');
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker));
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  return db;
}

/** Where the load's time went, ms from its start: instantiation and download overlap. */
export interface LoadTimings {
  instantiated_ms: number;
  downloaded_ms: number;
  attached_ms: number;
}

/** Starts DuckDB-WASM and attaches the file at `url` as `stock`; nothing else. */
export async function loadAlone(url: string): Promise<LoadTimings> {
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  let instantiated = 0;
  let downloaded = 0;
  const [db, bytes] = await Promise.all([
    startDuckDb().then((db) => {
      instantiated = since();
      return db;
    }),
    fetch(url).then(async (response) => {
      const bytes = new Uint8Array(await response.arrayBuffer());
      downloaded = since();
      return bytes;
    }),
  ]);
  await db.registerFileBuffer('stock.duckdb', bytes);
  const connection = await db.connect();
  await connection.query("ATTACH 'stock.duckdb' AS stock (READ_ONLY)");
  return { instantiated_ms: instantiated, downloaded_ms: downloaded, attached_ms: since() };
}
