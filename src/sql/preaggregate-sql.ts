/**
 * Pre-aggregated tables for fast filter changes (the Mosaic approach): when a set of filter
 * dimensions becomes active, one small table per (dataset, level, dimensions) holds the additive
 * sums of every indicator, grouped by territory and by the categories of those dimensions. A
 * change of the selected values then re-sums a few thousand rows instead of the stock, and returns
 * exactly the rows of {@link territoryIndicatorsSql}.
 */
import { collectSums } from '../domain/indicator-formula.ts';
import { availableIndicators, RECORDS } from '../domain/indicators.ts';
import {
  FILTER_DIMENSIONS,
  FILTER_KEYS,
  type FilterKey,
  type FilterSelection,
  type StockFilters,
  selectedValues,
} from './filters.ts';
import { rowSumSql, summedFormulaSql } from './indicator-formula-sql.ts';
import {
  LEVEL_CODE_COLUMNS,
  parentClause,
  TERRITORY_LEVELS,
  type TerritoryLevel,
  type TerritoryRef,
} from './indicators-sql.ts';
import { sqlString } from './sql-string.ts';
import { STOCK_TABLE } from './tables.ts';

/** What a pre-aggregated table is built for. */
export interface PreaggregateSpec {
  dataset: string;
  level: TerritoryLevel;
  /** Filter dimensions kept as columns; any order, duplicates ignored. */
  dimensions: readonly FilterKey[];
  /** Stock columns (as for `territoryIndicatorsSql`): consumption by use when present. */
  availableColumns?: Iterable<string>;
  /**
   * Only the territories inside this one (a coarser level). Without it the table covers France and
   * answers for any parent; with it, only for this parent, but it is built from the parent's rows.
   */
  parent?: TerritoryRef;
}

/** The dimensions of a spec, without duplicates, in {@link FILTER_KEYS} order. */
export function normaliseDimensions(dimensions: readonly FilterKey[]): FilterKey[] {
  return FILTER_KEYS.filter((key) => dimensions.includes(key));
}

/** The dimensions with at least one selected value, in {@link FILTER_KEYS} order. */
export function activeDimensions(filters: FilterSelection): FilterKey[] {
  return FILTER_KEYS.filter((key) => selectedValues(key, filters[key]).length > 0);
}

/** Whether a table of `dimensions` can answer `filters` (it has a column per active dimension). */
export function coversFilters(dimensions: readonly FilterKey[], filters: FilterSelection): boolean {
  return activeDimensions(filters).every((key) => dimensions.includes(key));
}

/** Column of the pre-aggregated table holding the category of a dimension. */
export function dimensionColumn(key: FilterKey): string {
  return `cat_${key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`;
}

/**
 * Stock code columns that {@link parentClause} reads for a parent coarser than `level`. An EPCI's
 * parent is looked up in `territory_epci` through `code_epci`, so it needs no other column.
 */
const PARENT_COLUMNS: Readonly<Record<TerritoryLevel, readonly string[]>> = {
  region: [],
  departement: ['code_region'],
  epci: [],
  commune: ['code_epci', 'code_departement', 'code_region'],
};

/** Whether a pre-aggregated table of `level` can be restricted to `parent` (a coarser level). */
export function supportsParent(level: TerritoryLevel, parent: TerritoryRef | null): boolean {
  if (parent === null) return true;
  return TERRITORY_LEVELS.indexOf(parent.level) < TERRITORY_LEVELS.indexOf(level);
}

// The indicators beyond the canonical model that the spec's table holds the sums of.
function extraIndicatorIds(spec: PreaggregateSpec): string[] {
  return availableIndicators(spec.availableColumns)
    .filter((indicator) => indicator.requiresColumns.length > 0)
    .map((indicator) => indicator.id);
}

// FNV-1a, 32 bits: a short stable name from inputs that may hold any character (dataset ids).
function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Qualified name of the table of a spec, in the in-memory catalog; equal specs, equal names. */
export function preaggregateTableName(spec: PreaggregateSpec): string {
  const identity = JSON.stringify([
    spec.dataset,
    spec.level,
    normaliseDimensions(spec.dimensions),
    extraIndicatorIds(spec),
    ...(spec.parent === undefined ? [] : [spec.parent.level, spec.parent.code]),
  ]);
  return `memory.main.preagg_${spec.level}_${hashText(identity)}`;
}

/**
 * The additive sums of the table: those of every indicator the stock can compute (see their
 * formulas in `src/domain/indicators.ts`). A sum that is null for every row of a group stays null
 * when re-summed: re-summing gives what the stock-level query gives.
 */
function preaggregateSums(spec: PreaggregateSpec) {
  const indicators = availableIndicators(spec.availableColumns);
  return collectSums([RECORDS, ...indicators.map((indicator) => indicator.value)]);
}

function groupColumns(spec: PreaggregateSpec): { name: string; sql: string }[] {
  const codes = [LEVEL_CODE_COLUMNS[spec.level], ...PARENT_COLUMNS[spec.level]];
  return [
    ...codes.map((column) => ({ name: column, sql: column })),
    ...normaliseDimensions(spec.dimensions).map((key) => ({
      name: dimensionColumn(key),
      sql: FILTER_DIMENSIONS[key].categorySql,
    })),
  ];
}

/**
 * Creates (or replaces) the pre-aggregated table of a spec: one row per territory of the level ×
 * parent codes × category of each dimension (null for an unknown category, as in `filterClauses`),
 * for the spec's dataset only, with the sums every indicator is recomputed from.
 */
export function createPreaggregateSql(spec: PreaggregateSpec): string {
  const groups = groupColumns(spec);
  const select = [
    ...groups.map(({ name, sql }) => (name === sql ? `  ${name}` : `  ${sql} AS ${name}`)),
    ...preaggregateSums(spec).map(({ name, row }) => `  (${rowSumSql(row)})::DOUBLE AS ${name}`),
  ];
  if (spec.parent !== undefined && !supportsParent(spec.level, spec.parent)) {
    throw new RangeError(`Pre-aggregate of level ${spec.level} cannot take this parent`);
  }
  const code = LEVEL_CODE_COLUMNS[spec.level];
  const parent =
    spec.parent === undefined ? '' : `\n  AND ${parentClause(spec.level, spec.parent)}`;
  return `CREATE OR REPLACE TABLE ${preaggregateTableName(spec)} AS
SELECT
${select.join(',\n')}
FROM ${STOCK_TABLE}
WHERE dataset = ${sqlString(spec.dataset)}
  AND ${code} IS NOT NULL${parent}
GROUP BY ${groups.map(({ name }) => name).join(', ')}`;
}

function dimensionFilter(key: FilterKey, filters: StockFilters): string | null {
  const values: readonly string[] = selectedValues(key, filters[key]);
  if (values.length === 0) return null;
  return `${dimensionColumn(key)} IN (${values.map(sqlString).join(', ')})`;
}

const sameTerritory = (a: TerritoryRef | null, b: TerritoryRef | null) =>
  a === b || (a !== null && b !== null && a.level === b.level && a.code === b.code);

/** Whether the table of `spec` can answer for `parent` (see {@link PreaggregateSpec.parent}). */
export function answersParent(spec: PreaggregateSpec, parent: TerritoryRef | null): boolean {
  if (spec.parent !== undefined) return sameTerritory(spec.parent, parent);
  return supportsParent(spec.level, parent);
}

/**
 * The table worth building for a request, or null when the raw query is the better answer: no
 * active dimension (nothing to reuse), a parent not coarser than the level, or communes without a
 * parent. A commune table is restricted to its parent: over France it would hold about as many rows
 * as the stock (430k of the demo's 791k for two dimensions) and take longer to build than many raw
 * queries; inside an EPCI or a département it is small and quick to build.
 */
export function preaggregateSpecFor(request: {
  level: TerritoryLevel;
  filters: StockFilters;
  parent: TerritoryRef | null;
  availableColumns?: readonly string[];
}): PreaggregateSpec | null {
  const { level, filters, parent, availableColumns } = request;
  const dimensions = activeDimensions(filters);
  if (dimensions.length === 0 || !supportsParent(level, parent)) return null;
  if (level === 'commune' && parent === null) return null;
  return {
    dataset: filters.dataset,
    level,
    dimensions,
    ...(availableColumns === undefined ? {} : { availableColumns }),
    ...(level === 'commune' && parent !== null ? { parent } : {}),
  };
}

/**
 * The rows of `territoryIndicatorsSql({ level, filters, parent })` (same columns, same order, same
 * figures) read from the pre-aggregated table of `spec`. Throws when the table cannot answer: other
 * dataset or level, an active dimension it lacks, or a parent it cannot take.
 */
export function preaggregatedIndicatorsSql(
  spec: PreaggregateSpec,
  filters: StockFilters,
  parent: TerritoryRef | null = null,
): string {
  if (filters.dataset !== spec.dataset) {
    throw new RangeError(`Pre-aggregate of ${spec.dataset} asked for ${filters.dataset}`);
  }
  if (!coversFilters(spec.dimensions, filters)) {
    throw new RangeError(`Pre-aggregate of [${spec.dimensions.join(', ')}] lacks a dimension`);
  }
  if (!answersParent(spec, parent)) {
    throw new RangeError(`Pre-aggregate of level ${spec.level} cannot take this parent`);
  }
  const code = LEVEL_CODE_COLUMNS[spec.level];
  // A table restricted to the parent already holds its rows only.
  const parentFilter =
    parent === null || spec.parent !== undefined ? null : parentClause(spec.level, parent);
  const clauses = [...FILTER_KEYS.map((key) => dimensionFilter(key, filters)), parentFilter].filter(
    (clause): clause is string => clause !== null,
  );
  const indicators = availableIndicators(spec.availableColumns).map(
    (indicator) => `  (${summedFormulaSql(indicator.value)})::DOUBLE AS ${indicator.id}`,
  );
  return `SELECT
  ${code} AS code,
  ${summedFormulaSql(RECORDS)}::DOUBLE AS records,
${indicators.join(',\n')}
FROM ${preaggregateTableName(spec)}${clauses.length === 0 ? '' : `\nWHERE ${clauses.join('\n  AND ')}`}
GROUP BY ${code}
ORDER BY ${code}`;
}

/** Drops the table of a spec, if it exists. */
export function dropPreaggregateSql(spec: PreaggregateSpec): string {
  return `DROP TABLE IF EXISTS ${preaggregateTableName(spec)}`;
}
