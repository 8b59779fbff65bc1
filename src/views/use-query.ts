import { useEffect, useState } from 'react';
import { runQuery } from '../db/duckdb.ts';
import { tableRows } from '../db/table-rows.ts';

/** State of a query: pending, its rows, or its error. */
export type QueryState<Row> =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'ready'; rows: Row[] }
  | { status: 'error'; error: unknown };

/**
 * Runs `sql` on DuckDB when it changes (null: run nothing) and returns its rows. A result that
 * arrives after the SQL changed or the component unmounted is dropped.
 */
export function useQuery<Row>(sql: string | null): QueryState<Row> {
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
    runQuery(sql).then(
      (table) => {
        if (current) setState({ status: 'ready', rows: tableRows<Row>(table) });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [sql]);

  return state;
}
