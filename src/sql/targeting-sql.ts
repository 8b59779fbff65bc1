/**
 * Stock figures per territory for campaign targeting: the priority criteria drawn from the stock
 * and, for the renovation scenario, the count and means of the F and of the G dwellings.
 */
import { type Formula, orZero, ratio, sumOf } from '../domain/indicator-formula.ts';
import { FG_DWELLINGS, getIndicator, LABELLED_DWELLINGS } from '../domain/indicators.ts';
import { formulaColumnSql } from './indicator-formula-sql.ts';
import { perTerritorySql, type TerritoryGroupOptions } from './indicators-sql.ts';

/** Share of the dwellings whose `column` is one of `values`, among those where it is known. */
const shareOf = (column: string, values: readonly string[]): Formula =>
  ratio(
    orZero(sumOf(`w_${column}_in`, { kind: 'weight', where: { op: 'in', column, values } })),
    sumOf(`w_${column}`, { kind: 'weight', where: { op: 'known', column } }),
  );

// The « fioul ou charbon » and « propriétaires occupants » criteria of the priority score.
const FOSSIL_HEATING_SHARE = shareOf('heating_energy', ['fioul', 'charbon']);
const OWNER_OCCUPIED_SHARE = shareOf('tenure', ['proprietaire_occupant']);

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

/**
 * One row per territory of `level` (inside `parent` when given) with the stock criteria of the
 * priority score and the F/G means of the renovation scenario, for the filtered stock. Means are
 * weighted by dwellings over the rows where the value is known.
 */
export function targetingCriteriaSql(options: TerritoryGroupOptions): string {
  return perTerritorySql(options, [
    formulaColumnSql(getIndicator('dwellings').value, 'dwellings'),
    formulaColumnSql(orZero(LABELLED_DWELLINGS), 'labelled'),
    formulaColumnSql(orZero(FG_DWELLINGS), 'fg'),
    formulaColumnSql(orZero(getIndicator('g_plus_count').value), 'g_plus'),
    formulaColumnSql(FOSSIL_HEATING_SHARE, 'fossil_share'),
    formulaColumnSql(OWNER_OCCUPIED_SHARE, 'owner_share'),
    ...labelColumns('F'),
    ...labelColumns('G'),
  ]);
}
