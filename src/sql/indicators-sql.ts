/**
 * Territory indicators of the stock (see `src/domain/indicators.ts` for their meaning): per
 * territory of a level, for one scope, and as distributions of one filter dimension.
 */
import { availableIndicators, RECORDS } from '../domain/indicators.ts';
import { FILTER_DIMENSIONS, type FilterKey, filterClauses, type StockFilters } from './filters.ts';
import { formulaColumnSql, stockFormulaSql } from './indicator-formula-sql.ts';
import { sqlString } from './sql-string.ts';
import { STOCK_TABLE, TERRITORY_EPCI_TABLE } from './tables.ts';

/** Levels of the drill-down, coarsest first. */
export const TERRITORY_LEVELS = ['region', 'departement', 'epci', 'commune'] as const;

/** A level of the drill-down. */
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** Stock column holding the code of each level. */
export const LEVEL_CODE_COLUMNS: Readonly<Record<TerritoryLevel, string>> = {
  region: 'code_region',
  departement: 'code_departement',
  epci: 'code_epci',
  commune: 'code_commune',
};

/** One territory: its level and code (INSEE for région, département, commune; SIREN for EPCI). */
export interface TerritoryRef {
  level: TerritoryLevel;
  code: string;
}

/** Where indicators are computed: one territory, or the whole of France. */
export type IndicatorScope = TerritoryRef | 'france';

/** Options shared by the indicator builders. */
export interface IndicatorColumnsOptions {
  /**
   * Columns of the stock table (e.g. from `DESCRIBE`). Only needed for the indicators beyond the
   * canonical model (consumption by use): without it, those are left out.
   */
  availableColumns?: Iterable<string>;
}

/**
 * The select list of the indicators: `records` then each computable indicator, as DOUBLE, one per
 * line and indented by two spaces.
 */
export function indicatorSelectList(options: IndicatorColumnsOptions = {}): string {
  const lines = [`  ${stockFormulaSql(RECORDS)}::DOUBLE AS records`];
  for (const indicator of availableIndicators(options.availableColumns)) {
    lines.push(formulaColumnSql(indicator.value, indicator.id));
  }
  return lines.join(',\n');
}

/** The condition selecting the stock rows of a scope; null for France (no condition). */
export function scopeClause(scope: IndicatorScope): string | null {
  if (scope === 'france') return null;
  return `${LEVEL_CODE_COLUMNS[scope.level]} = ${sqlString(scope.code)}`;
}

/**
 * The condition selecting the territories of `level` inside `parent`. An EPCI may straddle
 * départements (and, rarely, régions): it belongs to the département and région of its most
 * populous commune (`territory_epci`), and is then counted whole, so that no EPCI shows only its
 * part inside the parent.
 */
export function parentClause(level: TerritoryLevel, parent: TerritoryRef): string {
  if (level === 'epci' && (parent.level === 'departement' || parent.level === 'region')) {
    const column = LEVEL_CODE_COLUMNS[parent.level];
    return `code_epci IN (SELECT code_epci FROM ${TERRITORY_EPCI_TABLE} WHERE ${column} = ${sqlString(parent.code)})`;
  }
  return `${LEVEL_CODE_COLUMNS[parent.level]} = ${sqlString(parent.code)}`;
}

function where(clauses: (string | null)[]): string {
  return clauses.filter((clause): clause is string => clause !== null).join('\n  AND ');
}

/** Which territories a per-territory query groups: a level, the filters, an optional parent. */
export interface TerritoryGroupOptions {
  level: TerritoryLevel;
  filters: StockFilters;
  /** Only the territories inside this one (e.g. the communes of an EPCI). */
  parent?: TerritoryRef;
}

/**
 * One row per territory of a level (`code`, then the `select` lines), over the filtered stock.
 * Rows without a code at that level (e.g. communes outside any EPCI) are left out.
 */
export function perTerritorySql(options: TerritoryGroupOptions, select: readonly string[]): string {
  const { level, filters, parent } = options;
  const column = LEVEL_CODE_COLUMNS[level];
  const clauses = [
    filterClauses(filters),
    `${column} IS NOT NULL`,
    parent === undefined ? null : parentClause(level, parent),
  ];
  return `SELECT
  ${column} AS code,
${select.join(',\n')}
FROM ${STOCK_TABLE}
WHERE ${where(clauses)}
GROUP BY ${column}
ORDER BY ${column}`;
}

/** Inputs of {@link territoryIndicatorsSql}. */
export interface TerritoryIndicatorsOptions
  extends IndicatorColumnsOptions,
    TerritoryGroupOptions {}

/**
 * One row per territory of a level (`code`, `records`, then the indicators), for the choropleth
 * and the table. Rows without a code at that level (e.g. communes outside any EPCI) are left out.
 */
export function territoryIndicatorsSql(options: TerritoryIndicatorsOptions): string {
  return perTerritorySql(options, [indicatorSelectList(options)]);
}

/** Indicators of one scope, in exactly one row (zero dwellings when nothing matches). */
export function overallIndicatorsSql(
  filters: StockFilters,
  scope: IndicatorScope,
  options: IndicatorColumnsOptions = {},
): string {
  return `SELECT
${indicatorSelectList(options)}
FROM ${STOCK_TABLE}
WHERE ${where([filterClauses(filters), scopeClause(scope)])}`;
}

/** One row of {@link distributionSql}; `category` is null for rows where it is unknown. */
export interface DistributionRow {
  category: string | null;
  records: number;
  dwellings: number;
}

/**
 * Dwellings per category of one dimension in a scope, for its chart: filtered by every other
 * dimension but not by its own selection (cross-filtering), so that the chart keeps showing what
 * one can add. Categories in the dimension's order, unknown last; empty categories are absent (see
 * {@link completeDistribution}).
 */
export function distributionSql(
  dimension: FilterKey,
  filters: StockFilters,
  scope: IndicatorScope,
): string {
  const { categorySql, values } = FILTER_DIMENSIONS[dimension];
  const order = `[${values.map((value) => sqlString(value)).join(', ')}]`;
  return `SELECT
  ${categorySql} AS category,
  count(*)::DOUBLE AS records,
  sum(weight)::DOUBLE AS dwellings
FROM ${STOCK_TABLE}
WHERE ${where([filterClauses(filters, { exclude: dimension }), scopeClause(scope)])}
GROUP BY category
ORDER BY list_position(${order}, category) NULLS LAST`;
}

/**
 * Every category of a dimension in order, with zero for those absent from the query result, then
 * the unknown category if it has dwellings.
 */
export function completeDistribution(
  dimension: FilterKey,
  rows: readonly DistributionRow[],
): DistributionRow[] {
  const byCategory = new Map(rows.map((row) => [row.category, row]));
  const complete: DistributionRow[] = FILTER_DIMENSIONS[dimension].values.map(
    (value) => byCategory.get(value) ?? { category: value, records: 0, dwellings: 0 },
  );
  const unknown = byCategory.get(null);
  if (unknown !== undefined) complete.push(unknown);
  return complete;
}
