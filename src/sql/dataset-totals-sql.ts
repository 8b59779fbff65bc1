import { STOCK_TABLE } from './tables.ts';

/** One row of {@link datasetTotalsSql}; counts are DOUBLE. */
export interface DatasetTotalsRow {
  dataset: string;
  /** Rows of the dataset (DPE records, buildings, typology cells…). */
  rows: number;
  /** Dwellings represented (sum of weights). */
  dwellings: number;
}

/** Rows and dwellings of every dataset the app can show, by dataset id. */
export function datasetTotalsSql(): string {
  return `SELECT
  dataset,
  count(*)::DOUBLE AS rows,
  sum(weight)::DOUBLE AS dwellings
FROM ${STOCK_TABLE}
GROUP BY dataset
ORDER BY dataset`;
}
