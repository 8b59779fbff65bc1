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
 * Per-EPCI indicators of one dataset: dwellings, F/G count and share (of labelled dwellings),
 * weighted mean primary consumption and total final consumption. Rows without EPCI are left out.
 */
export function epciAggregatesSql({ dataset }: EpciAggregatesOptions): string {
  return `SELECT
  code_epci,
  sum(weight)::DOUBLE AS dwellings,
  coalesce(sum(weight) FILTER (WHERE dpe_label IN ('F', 'G')), 0)::DOUBLE AS fg_count,
  (coalesce(sum(weight) FILTER (WHERE dpe_label IN ('F', 'G')), 0)
    / nullif(sum(weight) FILTER (WHERE dpe_label IS NOT NULL), 0))::DOUBLE AS fg_share,
  (sum(ep_kwh_m2 * weight)
    / nullif(sum(weight) FILTER (WHERE ep_kwh_m2 IS NOT NULL), 0))::DOUBLE AS mean_ep,
  (sum(ef_kwh_m2 * surface_m2 * weight) / 1e6)::DOUBLE AS total_ef_gwh
FROM ${STOCK_TABLE}
WHERE dataset = ${sqlString(dataset)} AND code_epci IS NOT NULL
GROUP BY code_epci
ORDER BY code_epci`;
}
