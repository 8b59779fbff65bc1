import { useRef } from 'react';
import { type QueryState, useQuery } from '../../use-query.ts';

/** Rows of a query, keeping the previous result on screen while the next one is computed. */
export interface LatestRows<Row> {
  /** The latest rows received, or null before the first result. */
  rows: Row[] | null;
  /** A newer query is running: the rows shown are those of the previous inputs. */
  stale: boolean;
  error: unknown;
}

/**
 * Runs `sql` through {@link useQuery} (re-run only when the SQL text changes) and keeps the last
 * rows, so that a chart does not blink to « Calcul en cours » on every filter click.
 */
export function useLatestRows<Row>(sql: string | null): LatestRows<Row> {
  const state: QueryState<Row> = useQuery<Row>(sql);
  const last = useRef<Row[] | null>(null);
  if (state.status === 'ready') last.current = state.rows;
  return {
    rows: last.current,
    stale: state.status === 'pending',
    error: state.status === 'error' ? state.error : null,
  };
}
