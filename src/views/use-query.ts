import type { Table } from 'apache-arrow';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { runQuery } from '../db/duckdb.ts';
import { isSuperseded } from '../db/query-queue.ts';
import { tableRows } from '../db/table-rows.ts';

/** The latest result a query client received, with the key of the inputs it was computed for. */
export interface QueryResult<T> {
  key: string;
  rows: T;
}

/**
 * The one state of a query client (the pending / result / error contract of Mosaic's clients):
 * `idle` without inputs, `pending` while the result of the current key is computed, `ready` with
 * it, `error` when it failed. Every state keeps `last`, the latest result received (of these or
 * older inputs), so that a view can keep it on screen while the next one is computed.
 */
export type QueryState<T> =
  | { status: 'idle'; last: QueryResult<T> | null }
  | { status: 'pending'; last: QueryResult<T> | null }
  | { status: 'ready'; rows: T; key: string; last: QueryResult<T> }
  | { status: 'error'; error: unknown; last: QueryResult<T> | null };

/** Options of {@link useQueryClient}. */
export interface QueryClientOptions {
  /**
   * Starts the query one task after the render, so that a query the parent view starts in the same
   * commit is queued first, and one superseded before that (quick successive clicks) never starts.
   */
  defer?: boolean;
}

type Settled<T> = { key: string; rows: T } | { key: string; error: unknown };

/**
 * Runs `run` whenever `key` (which stands for every input of the query; null: nothing to run)
 * changes, and returns its state. A result that arrives after the key changed or the component
 * unmounted is dropped, and so is the error of a query superseded in the DuckDB queue.
 */
export function useQueryClient<T>(
  key: string | null,
  run: () => Promise<T>,
  options: QueryClientOptions = {},
): QueryState<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const last = useRef<QueryResult<T> | null>(null);
  const runner = useRef(run);
  runner.current = run;
  const defer = options.defer === true;

  useEffect(() => {
    if (key === null) return;
    let current = true;
    const start = () =>
      runner.current().then(
        (rows) => {
          if (current) setSettled({ key, rows });
        },
        (error: unknown) => {
          if (current && !isSuperseded(error)) setSettled({ key, error });
        },
      );
    const timer = defer ? setTimeout(start, 0) : undefined;
    if (!defer) start();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, defer]);

  // One object per result, so that `last` can be a memo dependency.
  if (settled !== null && 'rows' in settled && last.current?.rows !== settled.rows) {
    last.current = { key: settled.key, rows: settled.rows };
  }
  const latest = last.current;
  // One state object per change, so that the state itself can be a memo or effect dependency.
  return useMemo((): QueryState<T> => {
    if (key === null) return { status: 'idle', last: latest };
    if (settled === null || settled.key !== key) return { status: 'pending', last: latest };
    if ('error' in settled) return { status: 'error', error: settled.error, last: latest };
    return { status: 'ready', rows: settled.rows, key, last: latest ?? settled };
  }, [key, settled, latest]);
}

/**
 * Rows of `sql` run on DuckDB, re-run when the text changes (null: run nothing); read by
 * `read` (plain row objects by default). A query of this hook still queued or running when the
 * SQL changes is superseded (dropped, or cancelled in DuckDB).
 */
export function useQuery<Row>(
  sql: string | null,
  options: QueryClientOptions = {},
): QueryState<Row[]> {
  return useTableQuery(sql, tableRows<Row>, options);
}

/** Like {@link useQuery}, with the Arrow table read by `read` (e.g. into typed arrays). */
export function useTableQuery<T>(
  sql: string | null,
  read: (table: Table) => T,
  options: QueryClientOptions = {},
): QueryState<T> {
  const id = useId();
  return useQueryClient(
    sql,
    () => runQuery(sql ?? '', { key: `use-query:${id}` }).then(read),
    options,
  );
}
