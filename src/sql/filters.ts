/**
 * The stock filter model, as clauses with a source (the mosaic `Selection.crossfilter` idea): each
 * dimension contributes one clause, and a chart of a dimension is queried without its own clause,
 * so that it keeps showing the categories one can add to the selection.
 */
import {
  CONSTRUCTION_PERIODS,
  type ConstructionPeriod,
  DPE_LABELS,
  type DpeLabel,
  HEATING_ENERGIES,
  type HeatingEnergy,
  HOUSING_TYPES,
  type HousingType,
  TENURES,
  type Tenure,
} from '../domain/stock-schema.ts';
import {
  getSurfaceBand,
  SURFACE_BAND_IDS,
  SURFACE_BANDS,
  type SurfaceBandId,
} from '../domain/surface-bands.ts';
import { sqlString } from './sql-string.ts';

/** Value type of each filter dimension. */
export interface FilterValues {
  housingTypes: HousingType;
  periods: ConstructionPeriod;
  energies: HeatingEnergy;
  tenures: Tenure;
  surfaceBands: SurfaceBandId;
  labels: DpeLabel;
}

/** A filter dimension (also a chart). */
export type FilterKey = keyof FilterValues;

/**
 * Filters of the stock. A dimension that is absent or empty is not filtered; values of one
 * dimension are alternatives (OR), dimensions combine with AND. The dataset is always filtered.
 */
export type StockFilters = FilterSelection & { dataset: string };

/** Selected values per dimension, without the dataset (as kept in the shared state). */
export type FilterSelection = { [K in FilterKey]?: readonly FilterValues[K][] };

/** Metadata of a filter dimension. */
export interface FilterDimension<K extends FilterKey = FilterKey> {
  key: K;
  /** French name, as in the filter panel and the chart title. */
  label: string;
  /** Short parameter name in shared URLs and export file names. */
  urlKey: string;
  /** Allowed values, in display order. */
  values: readonly FilterValues[K][];
  /** French label of a value. */
  valueLabel: (value: FilterValues[K]) => string;
  /** SQL expression whose value is the category of a stock row (null when unknown). */
  categorySql: string;
}

/** Keys of the dimensions, in the order of the filter panel and of the SQL clauses. */
export const FILTER_KEYS = [
  'housingTypes',
  'periods',
  'energies',
  'tenures',
  'surfaceBands',
  'labels',
] as const satisfies readonly FilterKey[];

const keysOf = <T extends object>(record: T) => Object.keys(record) as (keyof T & string)[];

/** SQL category of the surface band; bounds as in `src/domain/surface-bands.ts`. */
function surfaceBandCaseSql(): string {
  const lines = SURFACE_BANDS.map(
    (band) => `    WHEN ${rangeSql(band.min, band.max)} THEN '${band.id}'`,
  );
  return `CASE\n${lines.join('\n')}\n  END`;
}

// A surface of 0 or less is not a surface: it belongs to no band, as in `surfaceBandOf`.
function rangeSql(min: number | null, max: number | null): string {
  const low = min === null ? 'surface_m2 > 0' : `surface_m2 >= ${min}`;
  return max === null ? low : `${low} AND surface_m2 < ${max}`;
}

/** The filter dimensions, by key. */
export const FILTER_DIMENSIONS: { readonly [K in FilterKey]: FilterDimension<K> } = {
  housingTypes: {
    key: 'housingTypes',
    label: 'Type de logement',
    urlKey: 'type',
    values: keysOf(HOUSING_TYPES),
    valueLabel: (value) => HOUSING_TYPES[value],
    categorySql: 'housing_type',
  },
  periods: {
    key: 'periods',
    label: 'Période de construction',
    urlKey: 'periode',
    values: keysOf(CONSTRUCTION_PERIODS),
    valueLabel: (value) => CONSTRUCTION_PERIODS[value],
    categorySql: 'construction_period',
  },
  energies: {
    key: 'energies',
    label: 'Énergie de chauffage',
    urlKey: 'energie',
    values: keysOf(HEATING_ENERGIES),
    valueLabel: (value) => HEATING_ENERGIES[value],
    categorySql: 'heating_energy',
  },
  tenures: {
    key: 'tenures',
    label: "Statut d'occupation",
    urlKey: 'statut',
    values: keysOf(TENURES),
    valueLabel: (value) => TENURES[value],
    categorySql: 'tenure',
  },
  surfaceBands: {
    key: 'surfaceBands',
    label: 'Surface habitable',
    urlKey: 'surface',
    values: SURFACE_BAND_IDS,
    valueLabel: (value) => getSurfaceBand(value).label,
    categorySql: surfaceBandCaseSql(),
  },
  labels: {
    key: 'labels',
    label: 'Étiquette DPE',
    urlKey: 'etiq',
    values: DPE_LABELS,
    valueLabel: (value) => value,
    categorySql: 'dpe_label',
  },
};

/** Whether a value is a filter dimension key. */
export function isFilterKey(value: unknown): value is FilterKey {
  return typeof value === 'string' && (FILTER_KEYS as readonly string[]).includes(value);
}

/**
 * The selected values of a dimension, checked against its allowed values, without duplicates, in
 * the dimension's order (so that equal selections give equal SQL text). Throws on an unknown value:
 * the URL parser has already dropped those, so one here is a bug, never something to interpolate.
 */
export function selectedValues<K extends FilterKey>(
  key: K,
  values: readonly FilterValues[K][] | undefined,
): FilterValues[K][] {
  if (values === undefined || values.length === 0) return [];
  const allowed: readonly string[] = FILTER_DIMENSIONS[key].values;
  for (const value of values) {
    if (!allowed.includes(value)) {
      throw new RangeError(`Valeur inconnue pour le filtre ${key} : ${String(value)}`);
    }
  }
  return FILTER_DIMENSIONS[key].values.filter((value) => values.includes(value));
}

// Adjacent bands merge into one range: 30–40 and 40–60 read `surface_m2 >= 30 AND surface_m2 < 60`.
function surfaceBandsClause(selected: readonly SurfaceBandId[]): string {
  const ranges: [number | null, number | null][] = [];
  let previous: SurfaceBandId | undefined;
  for (const band of SURFACE_BANDS) {
    if (!selected.includes(band.id)) {
      previous = undefined;
      continue;
    }
    const last = ranges[ranges.length - 1];
    if (previous !== undefined && last !== undefined) last[1] = band.max;
    else ranges.push([band.min, band.max]);
    previous = band.id;
  }
  const parts = ranges.map(([min, max]) => rangeSql(min, max));
  if (parts.length === 1) return parts[0] ?? 'FALSE';
  return `(${parts.map((part) => `(${part})`).join(' OR ')})`;
}

function dimensionClause(key: FilterKey, filters: StockFilters): string | null {
  if (key === 'surfaceBands') {
    const bands = selectedValues('surfaceBands', filters.surfaceBands);
    return bands.length === 0 ? null : surfaceBandsClause(bands);
  }
  const values: readonly string[] = selectedValues(key, filters[key]);
  if (values.length === 0) return null;
  return `${FILTER_DIMENSIONS[key].categorySql} IN (${values.map(sqlString).join(', ')})`;
}

/** Options of {@link filterClauses}. */
export interface FilterClauseOptions {
  /** Dimension whose own clause is left out (cross-filtering: a chart is not filtered by itself). */
  exclude?: FilterKey;
}

/** The clauses of the filters, dataset first, then the dimensions in {@link FILTER_KEYS} order. */
export function filterClauseList(
  filters: StockFilters,
  options: FilterClauseOptions = {},
): string[] {
  const clauses = [`dataset = ${sqlString(filters.dataset)}`];
  for (const key of FILTER_KEYS) {
    if (key === options.exclude) continue;
    const clause = dimensionClause(key, filters);
    if (clause !== null) clauses.push(clause);
  }
  return clauses;
}

/**
 * The filters as a SQL condition (the text after `WHERE`), never empty since the dataset is always
 * filtered; `exclude` drops one dimension's own clause.
 */
export function filterClauses(filters: StockFilters, options: FilterClauseOptions = {}): string {
  return filterClauseList(filters, options).join(' AND ');
}

/** Whether any dimension is filtered (the dataset aside). */
export function hasActiveFilters(filters: FilterSelection): boolean {
  return FILTER_KEYS.some((key) => (filters[key]?.length ?? 0) > 0);
}

/**
 * The active filters in French, for captions and exports:
 * « Étiquette DPE : F, G ; Période de construction : Avant 1948 », or « Aucun filtre ».
 */
export function describeFilters(filters: FilterSelection): string {
  const parts = FILTER_KEYS.map((key) => describeDimension(key, filters)).filter(
    (part): part is string => part !== null,
  );
  return parts.length === 0 ? 'Aucun filtre' : parts.join(' ; ');
}

function describeDimension<K extends FilterKey>(key: K, filters: FilterSelection): string | null {
  const dimension = FILTER_DIMENSIONS[key];
  const values = selectedValues(key, filters[key]);
  if (values.length === 0) return null;
  return `${dimension.label} : ${values.map((value) => dimension.valueLabel(value)).join(', ')}`;
}
