/**
 * Hooks for the browser tests, installed only when the page is opened with `?test-hooks=1`
 * (`URL_PARAMS.testHooks`).
 * They expose nothing a user could not already do from the developer tools, and a crafted link
 * cannot call them: calling a function of `window` requires running script in the page, which the
 * Content Security Policy and the text-only rendering of every name already prevent.
 */
import { type DbStatus, getDbStatus, runQuery, simulateWorkerCrash } from './duckdb.ts';
import { importWarmUpSettled } from './import-warm-up.ts';
import { tableRows } from './table-rows.ts';

/** What `window.__casbaTest` offers. */
export interface CasbaTestHooks {
  /** Makes DuckDB's worker fail as a crash would; false when it was not running. */
  crashDuckdbWorker(): boolean;
  dbStatus(): DbStatus;
  /** Resolves once the import dialog's warm-up is over, with whether it (or an import) ran. */
  importWarmUpSettled(): Promise<boolean>;
  /** Runs SQL; resolves with its rows or the French error message (never rejects). */
  query(sql: string): Promise<{ rows: Record<string, unknown>[] } | { error: string }>;
}

declare global {
  interface Window {
    __casbaTest?: CasbaTestHooks;
  }
}

/** Installs the hooks (`main.tsx` calls it when the query string asks for them). */
export function installTestHooks(): void {
  window.__casbaTest = {
    crashDuckdbWorker: simulateWorkerCrash,
    dbStatus: getDbStatus,
    importWarmUpSettled,
    query: (sql) =>
      runQuery(sql).then(
        (table) => ({ rows: tableRows<Record<string, unknown>>(table) }),
        (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
      ),
  };
}
