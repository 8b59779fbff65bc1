import { DPE_LABELS } from '../domain/stock-schema.ts';
import { filterClauses, type StockFilters } from './filters.ts';
import { sqlString } from './sql-string.ts';
import { STOCK_TABLE } from './tables.ts';

/** `label_index` of a row without a DPE label: the index after G. */
const UNLABELLED_INDEX = DPE_LABELS.length;

/**
 * Located stock rows of one commune under the filters, for the point map, shaped for deck.gl's
 * binary attributes: `position` (`DOUBLE[2]`, longitude then latitude in WGS84, which Arrow hands
 * over as one interleaved Float64Array) and `label_index` (`UTINYINT`, 0 for A … 6 for G,
 * {@link UNLABELLED_INDEX} without a label). Rows without coordinates are left out (the demo stock
 * has none).
 */
export function dwellingPointsSql(filters: StockFilters, codeCommune: string): string {
  const index = DPE_LABELS.map((label, k) => `WHEN '${label}' THEN ${k}`).join(' ');
  return `SELECT [lon, lat]::DOUBLE[2] AS position,
  (CASE dpe_label ${index} ELSE ${UNLABELLED_INDEX} END)::UTINYINT AS label_index
FROM ${STOCK_TABLE}
WHERE ${filterClauses(filters)}
  AND code_commune = ${sqlString(codeCommune)}
  AND lon IS NOT NULL AND lat IS NOT NULL`;
}
