/**
 * Stock figures per territory for campaign targeting: the priority criteria drawn from the stock
 * and, for the renovation scenario, the count and means of the F and of the G dwellings.
 */
import { G_PLUS_FINAL_ENERGY_KWH_M2 } from '../domain/dpe.ts';
import type { TerritoryLevel, TerritoryRef } from '../domain/territory.ts';
import { filterClauses, type StockFilters } from './filters.ts';
import { LEVEL_CODE_COLUMNS, parentClause } from './indicators-sql.ts';
import { STOCK_TABLE } from './tables.ts';

/** Heating energies counted by the « fioul ou charbon » criterion. */
const FOSSIL_HEATING_ENERGIES = ['fioul', 'charbon'] as const;

/** One row of {@link targetingCriteriaSql}; shares are null when their denominator is empty. */
export interface TargetingCriteriaRow {
  code: string;
  dwellings: number;
  /** Dwellings with a known DPE label. */
  labelled: number;
  fg: number;
  g_plus: number;
  /** Share of dwellings heated by oil or coal, among those whose heating energy is known. */
  fossil_share: number | null;
  /** Share of owner-occupied dwellings, among those whose tenure is known. */
  owner_share: number | null;
  f_dwellings: number;
  f_surface: number | null;
  f_ep: number | null;
  f_ef: number | null;
  g_dwellings: number;
  g_surface: number | null;
  g_ep: number | null;
  g_ef: number | null;
}

const weightedMean = (column: string, label: string) =>
  `sum(${column} * weight) FILTER (WHERE dpe_label = '${label}')
    / nullif(sum(weight) FILTER (WHERE dpe_label = '${label}' AND ${column} IS NOT NULL), 0)`;

const labelColumns = (label: 'F' | 'G') => {
  const p = label.toLowerCase();
  return [
    `  coalesce(sum(weight) FILTER (WHERE dpe_label = '${label}'), 0)::DOUBLE AS ${p}_dwellings`,
    `  (${weightedMean('surface_m2', label)})::DOUBLE AS ${p}_surface`,
    `  (${weightedMean('ep_kwh_m2', label)})::DOUBLE AS ${p}_ep`,
    `  (${weightedMean('ef_kwh_m2', label)})::DOUBLE AS ${p}_ef`,
  ];
};

/** Inputs of {@link targetingCriteriaSql}. */
export interface TargetingCriteriaOptions {
  level: TerritoryLevel;
  filters: StockFilters;
  parent?: TerritoryRef;
}

/**
 * One row per territory of `level` (inside `parent` when given) with the stock criteria of the
 * priority score and the F/G means of the renovation scenario, for the filtered stock. Means are
 * weighted by dwellings over the rows where the value is known.
 */
export function targetingCriteriaSql(options: TargetingCriteriaOptions): string {
  const { level, filters, parent } = options;
  const column = LEVEL_CODE_COLUMNS[level];
  const fossil = FOSSIL_HEATING_ENERGIES.map((e) => `'${e}'`).join(', ');
  const clauses = [
    filterClauses(filters),
    `${column} IS NOT NULL`,
    parent === undefined ? null : parentClause(level, parent),
  ].filter((clause): clause is string => clause !== null);
  const select = [
    `  ${column} AS code`,
    '  coalesce(sum(weight), 0)::DOUBLE AS dwellings',
    '  coalesce(sum(weight) FILTER (WHERE dpe_label IS NOT NULL), 0)::DOUBLE AS labelled',
    "  coalesce(sum(weight) FILTER (WHERE dpe_label IN ('F', 'G')), 0)::DOUBLE AS fg",
    `  coalesce(sum(weight) FILTER (WHERE ef_kwh_m2 >= ${G_PLUS_FINAL_ENERGY_KWH_M2}), 0)::DOUBLE AS g_plus`,
    `  (coalesce(sum(weight) FILTER (WHERE heating_energy IN (${fossil})), 0)
    / nullif(sum(weight) FILTER (WHERE heating_energy IS NOT NULL), 0))::DOUBLE AS fossil_share`,
    `  (coalesce(sum(weight) FILTER (WHERE tenure = 'proprietaire_occupant'), 0)
    / nullif(sum(weight) FILTER (WHERE tenure IS NOT NULL), 0))::DOUBLE AS owner_share`,
    ...labelColumns('F'),
    ...labelColumns('G'),
  ];
  return `SELECT
${select.join(',\n')}
FROM ${STOCK_TABLE}
WHERE ${clauses.join('\n  AND ')}
GROUP BY ${column}
ORDER BY ${column}`;
}
