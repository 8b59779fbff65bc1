import { filterClauses, type StockFilters } from './filters.ts';
import { sqlString } from './sql-string.ts';
import { STOCK_TABLE } from './tables.ts';

/**
 * Located stock rows of one commune under the filters, for the point map: longitude, latitude
 * (WGS84) and DPE label. Rows without coordinates are left out (the demo stock has none).
 */
export function dwellingPointsSql(filters: StockFilters, codeCommune: string): string {
  return `SELECT lon::DOUBLE AS lon, lat::DOUBLE AS lat, dpe_label
FROM ${STOCK_TABLE}
WHERE ${filterClauses(filters)}
  AND code_commune = ${sqlString(codeCommune)}
  AND lon IS NOT NULL AND lat IS NOT NULL`;
}
