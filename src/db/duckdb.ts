import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { type Table, tableFromIPC } from 'apache-arrow';
import {
  attachedSuccessorTableSql,
  communeSuccessorSetupSql,
  createAllStockViewSql,
  createImportedStockSql,
} from '../sql/imported-stock-sql.ts';
import { sqlString } from '../sql/sql-string.ts';
import { AssetError } from './asset-error.ts';
import { DbQueryError } from './db-query-error.ts';
import { DuckDbCrashError } from './duckdb-crash-error.ts';
import { fetchAsset } from './fetch-asset.ts';
import { QueryQueue, type TaskSignal } from './query-queue.ts';
import { tableRows } from './table-rows.ts';

/** Catalog name under which `stock.duckdb` is attached (see `src/sql/tables.ts`). */
const STOCK_CATALOG = 'stock';

// Served by Vite from node_modules: nothing is fetched from a CDN.
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** The operations a task may run on the session it was given. */
export interface DbSession {
  /** Runs one statement; failures become a {@link DbQueryError} carrying the SQL. */
  query(sql: string, signal?: TaskSignal): Promise<Table>;
  /** Creates `main.<name>` from Arrow IPC bytes, whose buffer is transferred to the worker. */
  insertArrowIpc(name: string, ipc: Uint8Array): Promise<void>;
  /** Registers a file of the worker's virtual file system (the buffer is transferred). */
  registerFileBuffer(name: string, bytes: Uint8Array): Promise<void>;
  /** Registers a browser file, read by the worker where it is (no copy). */
  registerFileHandle(name: string, blob: Blob): Promise<void>;
  /** Removes a file registered with {@link registerFileBuffer} or {@link registerFileHandle}. */
  dropFile(name: string): Promise<void>;
  /** Interrupts the statement running on the connection, if any. */
  interrupt(): void;
}

interface Session extends DbSession {
  db: duckdb.AsyncDuckDB;
  worker: Worker;
  /** Rejects with a {@link DuckDbCrashError} when the worker reports a fatal error. */
  crashed: Promise<never>;
}

/** Whether DuckDB is running, restarting after a crash, and how many times it restarted. */
export interface DbStatus {
  state: 'starting' | 'ready' | 'restarting' | 'failed';
  restarts: number;
  /** French description of the last crash, if any. */
  lastCrash: string | null;
}

let session: Promise<Session> | null = null;
/** The session once started (and restored), until its worker crashes. */
let live: Session | null = null;
let status: DbStatus = { state: 'starting', restarts: 0, lastCrash: null };
const statusListeners = new Set<(status: DbStatus) => void>();
// One connection, one task at a time: results never interleave and a failure names its own SQL.
const queue = new QueryQueue();
const attached = new Map<string, Promise<void>>();
/**
 * What rebuilds the database after a restart, in insertion order: the attached stock first, then
 * each imported dataset. A crash loses the worker's memory, not this list.
 */
const recoverySteps = new Map<string, (session: DbSession) => Promise<void>>();

function setStatus(next: Partial<DbStatus>): void {
  status = { ...status, ...next };
  for (const listener of statusListeners) listener(status);
}

/** The current status of the engine. */
export function getDbStatus(): DbStatus {
  return status;
}

/** Calls `listener` on every status change; returns the unsubscribe function. */
export function onDbStatus(listener: (status: DbStatus) => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

async function pendingQuery(
  db: duckdb.AsyncDuckDB,
  connectionId: number,
  sql: string,
  signal?: TaskSignal,
): Promise<Table> {
  let cancelled = false;
  signal?.onSuperseded(() => {
    cancelled = true;
    // Interrupts DuckDB between two polls of this query.
    db.cancelPendingQuery(connectionId).catch(() => undefined);
  });
  try {
    let header = await db.startPendingQuery(connectionId, sql);
    while (header === null) {
      if (cancelled) throw new Error('requête interrompue');
      header = await db.pollPendingQuery(connectionId);
    }
    const chunks: Uint8Array[] = [header];
    for (;;) {
      const chunk = await db.fetchQueryResults(connectionId);
      if (chunk === null || chunk.length === 0) break;
      chunks.push(chunk);
    }
    // Decoded with the app's own apache-arrow rather than duckdb-wasm's bundled older copy.
    return tableFromIPC(chunks);
  } catch (cause) {
    throw new DbQueryError(sql, cause);
  }
}

async function startSession(): Promise<Session> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  if (bundle.mainWorker === null) throw new Error('Aucun worker DuckDB pour ce navigateur.');
  const worker = new Worker(bundle.mainWorker);
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      reject(new DuckDbCrashError(event.message || 'erreur du worker'));
    });
  });
  crashed.catch(() => undefined);
  const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  const open = async (): Promise<Session> => {
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    const connectionId = await db.connectInternal();
    // Extensions (parquet, json, icu…) would be downloaded from the internet: fail fast instead.
    await db.runQuery(connectionId, 'SET autoload_known_extensions = false');
    await db.runQuery(connectionId, 'SET autoinstall_known_extensions = false');
    return {
      db,
      worker,
      crashed,
      query: (sql, signal) => pendingQuery(db, connectionId, sql, signal),
      insertArrowIpc: async (name, ipc) => {
        try {
          await db.insertArrowFromIPCStream(connectionId, ipc, {
            name,
            schema: 'main',
            create: true,
          });
        } catch (cause) {
          throw new DbQueryError(`-- insertArrowFromIPCStream into main.${name}`, cause);
        }
      },
      registerFileBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
      registerFileHandle: (name, blob) =>
        db.registerFileHandle(name, blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true),
      dropFile: async (name) => {
        await db.dropFile(name);
      },
      interrupt: () => {
        db.cancelPendingQuery(connectionId).catch(() => undefined);
      },
    };
  };
  try {
    // A worker that dies while starting leaves DuckDB's own promises pending forever.
    const created = await Promise.race([open(), crashed]);
    crashed.catch((error: unknown) => onCrash(created, error));
    return created;
  } catch (error) {
    await db.terminate();
    throw error;
  }
}

/** Drops a crashed session and starts a new one at once, replaying the recovery steps. */
function onCrash(crashedSession: Session, error: unknown): void {
  crashedSession.db.terminate().catch(() => undefined);
  if (live !== crashedSession) return;
  live = null;
  session = null;
  setStatus({
    state: 'restarting',
    restarts: status.restarts + 1,
    lastCrash: describeCause(error),
  });
  // Restarted eagerly so that the page is usable again before the next query.
  getSession().catch(() => undefined);
}

async function restore(created: Session): Promise<void> {
  for (const step of recoverySteps.values()) await step(created);
}

function getSession(): Promise<Session> {
  if (session !== null) return session;
  const recovering = status.restarts > 0;
  const starting: Promise<Session> = startSession()
    .then(async (created) => {
      if (recovering) await Promise.race([restore(created), created.crashed]);
      live = created;
      setStatus({ state: 'ready' });
      return created;
    })
    .catch((error: unknown) => {
      if (session === starting) session = null;
      setStatus({ state: 'failed', lastCrash: describeCause(error) });
      throw new Error('Impossible de démarrer DuckDB dans le navigateur.', { cause: error });
    });
  session = starting;
  return starting;
}

/** The DuckDB-WASM instance, started once in its own Web Worker on first call. */
export function getDb(): Promise<duckdb.AsyncDuckDB> {
  return getSession().then(({ db }) => db);
}

/** Options of {@link runInSession} and {@link runQuery}. */
export interface TaskOptions {
  /**
   * Supersession key: a newer task with the same key replaces this one (dropped if still queued,
   * cancelled and its result ignored if running); it then rejects with a `SupersededError`.
   */
  key?: string;
  /** Run once more on the restarted engine if the worker crashed during the task (reads only). */
  retryAfterCrash?: boolean;
}

/**
 * Runs `task` on the shared connection once every task queued before it has settled. A crash
 * of the worker during the task rejects it with a {@link DuckDbCrashError} (or re-runs it once
 * with `retryAfterCrash`); queued tasks then run on the restarted engine.
 */
export function runInSession<T>(
  task: (session: DbSession, signal: TaskSignal) => Promise<T>,
  options: TaskOptions = {},
): Promise<T> {
  return queue.enqueue(async (signal) => {
    for (let attempt = 0; ; attempt++) {
      const current = await getSession();
      try {
        return await Promise.race([task(current, signal), current.crashed]);
      } catch (error) {
        const again = error instanceof DuckDbCrashError && options.retryAfterCrash && attempt === 0;
        if (!again) throw error;
      }
    }
  }, options.key ?? null);
}

/**
 * Runs one SQL statement on the shared connection, after any query already queued, and returns
 * its result as an Arrow table. Failures become a {@link DbQueryError} carrying the SQL.
 */
export function runQuery(sql: string, options: { key?: string } = {}): Promise<Table> {
  return runInSession((current, signal) => current.query(sql, signal), {
    ...options,
    retryAfterCrash: true,
  });
}

/**
 * Records (or, with null, forgets) a step that rebuilds part of the database after a restart.
 * Steps replay in the order they were first recorded.
 */
export function keepForRecovery(
  key: string,
  step: ((session: DbSession) => Promise<void>) | null,
): void {
  if (step === null) recoverySteps.delete(key);
  else recoverySteps.set(key, step);
}

/**
 * Downloads a DuckDB database file, attaches it read-only as the `stock` catalog, and creates the
 * (empty) table of imported datasets and the view over both that the SQL builders read. Attaching
 * the same URL twice reuses the first attachment; after a crash it is attached again.
 */
export function loadStockDatabase(url: string): Promise<void> {
  const known = attached.get(url);
  if (known) return known;
  const loading = (async () => {
    const bytes = await fetchStockBytes(url);
    await runInSession((current) => attachStock(current, url, bytes));
    // The file is downloaded again (from the browser cache) rather than kept twice in memory.
    keepForRecovery(`stock:${url}`, async (current) =>
      attachStock(current, url, await fetchStockBytes(url)),
    );
  })();
  attached.set(url, loading);
  loading.catch(() => attached.delete(url));
  return loading;
}

async function fetchStockBytes(url: string): Promise<Uint8Array> {
  const response = await fetchAsset(url);
  return new Uint8Array(await response.arrayBuffer());
}

async function attachStock(current: DbSession, url: string, bytes: Uint8Array): Promise<void> {
  const fileName = url.split('/').pop() ?? 'stock.duckdb';
  await current.registerFileBuffer(fileName, bytes);
  try {
    await current.query(`ATTACH ${sqlString(fileName)} AS ${STOCK_CATALOG} (READ_ONLY)`);
  } catch (cause) {
    throw new AssetError(url, `${url} n'est pas une base DuckDB lisible.`, {
      missing: false,
      cause,
    });
  }
  // The SQL builders read a view over the attached stock and the datasets imported later.
  await current.query(createImportedStockSql());
  await current.query(createAllStockViewSql());
  const [successors] = tableRows<{ n: number }>(await current.query(attachedSuccessorTableSql()));
  await current.query(communeSuccessorSetupSql((successors?.n ?? 0) > 0));
}

/**
 * Test hook (see `test-hooks.ts`): makes the running worker fail as a WASM abort would, by
 * terminating it and raising the error event that a crash raises. False when none is running.
 */
export function simulateWorkerCrash(): boolean {
  const current = live;
  if (current === null) return false;
  current.worker.terminate();
  current.worker.dispatchEvent(new ErrorEvent('error', { message: 'arrêt simulé du worker' }));
  return true;
}
