import { useEffect, useId, useState } from 'react';
import { runQuery } from '../db/duckdb.ts';
import { isSuperseded } from '../db/query-queue.ts';
import { tableRows } from '../db/table-rows.ts';

/** State of a query: pending, its rows, or its error. */
export type QueryState<Row> =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'ready'; rows: Row[] }
  | { status: 'error'; error: unknown };

/**
 * Runs `sql` on DuckDB when it changes (null: run nothing) and returns its rows. A result that
 * arrives after the SQL changed or the component unmounted is dropped; a query of this hook still
 * queued or running when the SQL changes is superseded (dropped, or cancelled in DuckDB).
 */
export function useQuery<Row>(sql: string | null): QueryState<Row> {
  const key = useId();
  const [state, setState] = useState<QueryState<Row>>({
    status: sql === null ? 'idle' : 'pending',
  });

  useEffect(() => {
    if (sql === null) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState({ status: 'pending' });
    runQuery(sql, { key: `use-query:${key}` }).then(
      (table) => {
        if (current) setState({ status: 'ready', rows: tableRows<Row>(table) });
      },
      (error: unknown) => {
        if (current && !isSuperseded(error)) setState({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [sql, key]);

  return state;
}
