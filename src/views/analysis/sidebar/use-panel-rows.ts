import { useEffect, useState } from 'react';
import { runQuery } from '../../../db/duckdb.ts';
import { tableRows } from '../../../db/table-rows.ts';

/** Rows of a panel query, keeping the previous result on screen while the next one runs. */
export interface PanelRows<Row> {
  /** The latest rows received, or null before the first result. */
  rows: Row[] | null;
  /** A newer query is running: the rows shown are those of the previous inputs. */
  stale: boolean;
  error: unknown;
}

interface Result<Row> {
  sql: string;
  rows: Row[] | null;
  error: unknown;
}

/**
 * Runs `sql` on the shared DuckDB queue when its text changes (null: nothing) and keeps the last
 * rows, so that a chart does not blink on every filter click. The query is queued one task later
 * than the render: the map's own query, started by the parent view in the same commit, goes first,
 * and a query superseded before it was queued (quick successive clicks) never reaches the queue.
 */
export function usePanelRows<Row>(sql: string | null): PanelRows<Row> {
  const [result, setResult] = useState<Result<Row>>({ sql: '', rows: null, error: null });

  useEffect(() => {
    if (sql === null) return;
    let current = true;
    const timer = setTimeout(() => {
      runQuery(sql).then(
        (table) => {
          if (current) setResult({ sql, rows: tableRows<Row>(table), error: null });
        },
        (error: unknown) => {
          if (current) setResult((last) => ({ sql, rows: last.rows, error }));
        },
      );
    }, 0);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [sql]);

  const settled = result.sql === sql;
  return {
    rows: result.rows,
    stale: sql !== null && !settled,
    error: settled ? result.error : null,
  };
}
