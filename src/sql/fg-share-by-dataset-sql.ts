import { orZero } from '../domain/indicator-formula.ts';
import { FG_DWELLINGS, getIndicator, LABELLED_DWELLINGS } from '../domain/indicators.ts';
import { formulaColumnSql } from './indicator-formula-sql.ts';
import { sqlString } from './sql-string.ts';
import { STOCK_TABLE } from './tables.ts';

/** Inputs of {@link fgShareByDatasetSql}. */
export interface FgShareByDatasetOptions {
  /** Dataset ids to compare (at least one). */
  datasets: readonly string[];
  /** SIREN of the EPCI. */
  codeEpci: string;
}

/** One row of {@link fgShareByDatasetSql}; every number is a DOUBLE. */
export interface FgShareByDatasetRow {
  dataset: string;
  /** Rows of the dataset in the EPCI (DPE records for observed data). */
  records: number;
  /** Rows with a DPE label: the records behind the share. */
  labelled_records: number;
  /** Dwellings represented by the labelled rows (sum of weights): the base of the share. */
  labelled_dwellings: number;
  /** Dwellings labelled F or G. */
  fg_dwellings: number;
  /** F/G dwellings over labelled dwellings (0–1); null without any labelled row. */
  fg_share: number | null;
}

/**
 * F/G share of one EPCI in each of several datasets, each with the number of records and of
 * dwellings behind it, so that observed DPE records and a modelled stock can be set side by side.
 * A dataset without any row in the EPCI has no row in the result.
 */
export function fgShareByDatasetSql({ datasets, codeEpci }: FgShareByDatasetOptions): string {
  if (datasets.length === 0) throw new Error('fgShareByDatasetSql: no dataset to compare');
  return `SELECT
  dataset,
  count(*)::DOUBLE AS records,
  count(*) FILTER (WHERE dpe_label IS NOT NULL)::DOUBLE AS labelled_records,
${formulaColumnSql(orZero(LABELLED_DWELLINGS), 'labelled_dwellings')},
${formulaColumnSql(orZero(FG_DWELLINGS), 'fg_dwellings')},
${formulaColumnSql(getIndicator('fg_share').value, 'fg_share')}
FROM ${STOCK_TABLE}
WHERE code_epci = ${sqlString(codeEpci)} AND dataset IN (${datasets.map(sqlString).join(', ')})
GROUP BY dataset
ORDER BY dataset`;
}
