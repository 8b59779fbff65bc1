import { useMemo } from 'react';
import { type StockColumnRow, stockColumnsSql } from '../../../sql/stock-columns-sql.ts';
import { useQuery } from '../../use-query.ts';

/** Columns of the stock view: null while unknown; `failed` when they could not be read. */
export interface StockColumns {
  columns: readonly string[] | null;
  failed: boolean;
}

/**
 * Column names of the stock view, queried once per mount; the indicator queries wait for them so
 * that consumption by use appears whenever the stock has its columns.
 */
export function useStockColumns(): StockColumns {
  const state = useQuery<StockColumnRow>(stockColumnsSql());
  return useMemo(() => {
    if (state.status === 'ready') {
      return { columns: state.rows.map((row) => row.column_name), failed: false };
    }
    // Without the list, the canonical indicators are still right; the panel says what is missing.
    if (state.status === 'error') return { columns: [], failed: true };
    return { columns: null, failed: false };
  }, [state]);
}
