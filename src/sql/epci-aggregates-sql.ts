import { orZero } from '../domain/indicator-formula.ts';
import { getIndicator } from '../domain/indicators.ts';
import { formulaColumnSql } from './indicator-formula-sql.ts';
import { sqlString } from './sql-string.ts';
import { STOCK_TABLE } from './tables.ts';

/** Inputs of {@link epciAggregatesSql}. */
export interface EpciAggregatesOptions {
  /** Dataset id (`stock.dataset`). */
  dataset: string;
}

/** One row of {@link epciAggregatesSql}; every number is a DOUBLE, nulls where undefined. */
export interface EpciAggregateRow {
  code_epci: string;
  /** Dwellings represented (sum of weights). */
  dwellings: number;
  /** Dwellings labelled F or G. */
  fg_count: number;
  /** F/G dwellings over labelled dwellings (0–1); null without any labelled dwelling. */
  fg_share: number | null;
  /** Dwelling-weighted mean primary consumption, kWhEP/m²/yr. */
  mean_ep: number | null;
  /** Final consumption of the stock, GWh/yr (kWh/m² × m² × dwellings / 10⁶). */
  total_ef_gwh: number | null;
}

/**
 * The indicators of {@link EpciAggregateRow} over the stock rows of a group, one select line each:
 * dwellings, F/G count (0 rather than null where no dwelling is labelled: the panel says « 0 »)
 * and share, weighted mean primary consumption, total final consumption.
 */
export function aggregateSelectList(): string {
  const value = (id: 'dwellings' | 'fg_share' | 'mean_ep' | 'total_ef_gwh') =>
    formulaColumnSql(getIndicator(id).value, id);
  return [
    value('dwellings'),
    formulaColumnSql(orZero(getIndicator('fg_count').value), 'fg_count'),
    value('fg_share'),
    value('mean_ep'),
    value('total_ef_gwh'),
  ].join(',\n');
}

/**
 * Per-EPCI indicators of one dataset ({@link aggregateSelectList}). Rows without EPCI are left out.
 */
export function epciAggregatesSql({ dataset }: EpciAggregatesOptions): string {
  return `SELECT
  code_epci,
${aggregateSelectList()}
FROM ${STOCK_TABLE}
WHERE dataset = ${sqlString(dataset)} AND code_epci IS NOT NULL
GROUP BY code_epci
ORDER BY code_epci`;
}
