import { orZero } from '../domain/indicator-formula.ts';
import { FG_DWELLINGS, IS_FG } from '../domain/indicators.ts';
import { formulaColumnSql, rowTestSql } from './indicator-formula-sql.ts';
import { sqlString } from './sql-string.ts';
import { STOCK_TABLE } from './tables.ts';

/** Inputs of {@link fgDwellingsByEpciSql}. */
export interface FgDwellingsByEpciOptions {
  /** Dataset id (`stock.dataset`). */
  dataset: string;
}

/** One row of {@link fgDwellingsByEpciSql}. */
export interface FgDwellingsRow {
  code_epci: string;
  /** Dwellings labelled F or G (sum of weights), 0 when the EPCI has none. */
  fg_dwellings: number;
}

/**
 * F/G dwellings ("passoires") per EPCI of one dataset: the denominator of the programme's
 * penetration rate (carnets per 1,000 F/G dwellings). Same definition as `fg_count` of
 * `epciAggregatesSql`, without the other aggregates. Rows without EPCI are left out.
 */
export function fgDwellingsByEpciSql({ dataset }: FgDwellingsByEpciOptions): string {
  return `SELECT
  code_epci,
${formulaColumnSql(orZero(FG_DWELLINGS), 'fg_dwellings')}
FROM ${STOCK_TABLE}
WHERE dataset = ${sqlString(dataset)} AND code_epci IS NOT NULL
GROUP BY code_epci
ORDER BY code_epci`;
}

/** One row of {@link fgDwellingsByCommuneSql}. */
export interface FgDwellingsByCommuneRow {
  dataset: string;
  code_commune: string;
  fg_dwellings: number;
}

/**
 * F/G dwellings per commune of each of `datasets`: the denominator of a campaign's rates (carnets
 * and works per 1,000 F/G dwellings). Same definition as {@link fgDwellingsByEpciSql}; communes
 * without any F/G dwelling are left out (0). Run by the browser and, on the same database file,
 * by `npm run campaign`.
 */
export function fgDwellingsByCommuneSql(datasets: readonly string[]): string {
  const list = datasets.length === 0 ? 'NULL' : datasets.map(sqlString).join(', ');
  return `SELECT
  dataset,
  code_commune,
  sum(weight)::DOUBLE AS fg_dwellings
FROM ${STOCK_TABLE}
WHERE dataset IN (${list}) AND code_commune IS NOT NULL AND ${rowTestSql(IS_FG)}
GROUP BY dataset, code_commune
ORDER BY dataset, code_commune`;
}
