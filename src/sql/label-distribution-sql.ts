import { sqlString } from './sql-string.ts';
import { STOCK_TABLE } from './tables.ts';

/** Inputs of {@link labelDistributionSql}. */
export interface LabelDistributionOptions {
  /** Dataset id (`stock.dataset`). */
  dataset: string;
  /** SIREN of the EPCI. */
  codeEpci: string;
}

/** One row of {@link labelDistributionSql}; `label` is null for unlabelled dwellings. */
export interface LabelDistributionRow {
  label: string | null;
  dwellings: number;
}

/**
 * Dwellings per DPE label in one EPCI (weighted), A to G, then unlabelled dwellings (null label)
 * if any. Labels without dwellings are absent: the caller fills them with zero.
 */
export function labelDistributionSql({ dataset, codeEpci }: LabelDistributionOptions): string {
  return `SELECT
  dpe_label AS label,
  sum(weight)::DOUBLE AS dwellings
FROM ${STOCK_TABLE}
WHERE dataset = ${sqlString(dataset)} AND code_epci = ${sqlString(codeEpci)}
GROUP BY dpe_label
ORDER BY dpe_label NULLS LAST`;
}
