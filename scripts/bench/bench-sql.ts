/**
 * SQL of the benchmark. The app path always runs the app's own builders (`src/sql/`): the filter
 * scenario's re-aggregation is `territoryIndicatorsSql`, its pre-aggregated tables those of
 * `preaggregate-sql.ts`. This module names the scenario's inputs and adds what the app has no
 * builder for: the per-commune drill-down, the raw `read_csv` of the import scenario and the
 * plain-JS alternative's inputs. Pure: text only, shared by Node and the Chromium page.
 */
import { aggregateSelectList } from '../../src/sql/epci-aggregates-sql.ts';
import {
  FILTER_DIMENSIONS,
  type FilterKey,
  type FilterSelection,
  type StockFilters,
} from '../../src/sql/filters.ts';
import {
  communeSuccessorSetupSql,
  createAllStockViewSql,
  createImportedStockSql,
} from '../../src/sql/imported-stock-sql.ts';
import { type TerritoryLevel, territoryIndicatorsSql } from '../../src/sql/indicators-sql.ts';
import {
  activeDimensions,
  createPreaggregateSql,
  dimensionColumn,
  type PreaggregateSpec,
  preaggregatedIndicatorsSql,
  preaggregateTableName,
} from '../../src/sql/preaggregate-sql.ts';
import { sqlString } from '../../src/sql/sql-string.ts';
import { IMPORTED_STOCK_TABLE, STOCK_TABLE, TERRITORY_EPCI_TABLE } from '../../src/sql/tables.ts';

/** Dataset id of the bench stocks (the demo stock, resampled). */
export const BENCH_DATASET = 'demo';

/**
 * What the app runs once `stock.duckdb` is attached as `stock`: the (empty) imported-datasets
 * table, the view that the builders read, and the view of merged communes (the bench stocks copy
 * the demo's `commune_successor`).
 */
export function appSetupSql(): string[] {
  return [createImportedStockSql(), createAllStockViewSql(), communeSuccessorSetupSql(true)];
}

/** Empties the imported datasets between import runs (faster than a DELETE of every row). */
export function resetImportedStockSql(): string[] {
  return [
    `DROP TABLE IF EXISTS ${IMPORTED_STOCK_TABLE}`,
    createImportedStockSql(),
    `DROP TABLE IF EXISTS ${RAW_IMPORT_TABLE}`,
  ];
}

/**
 * The filter changes of the scenario, cycled run after run (each run is one change), as the
 * analysis view's filter state holds them.
 */
export const BENCH_FILTERS: readonly FilterSelection[] = [
  { housingTypes: ['appartement'], periods: ['avant_1948', '1948_1974'] },
  { housingTypes: ['maison'], labels: ['D', 'E', 'F', 'G'] },
  { energies: ['fioul', 'gpl', 'charbon'], periods: ['1975_1988'] },
];

/** The filter of the bench dataset, as the analysis view passes it to the builders. */
export function benchStockFilters(filter: FilterSelection): StockFilters {
  return { ...filter, dataset: BENCH_DATASET };
}

/** Level of the filter scenario's choropleth. */
export const BENCH_LEVEL = 'epci' satisfies TerritoryLevel;

/** Filter change answered by re-aggregating the stock: the app's `territoryIndicatorsSql`. */
export function reaggregateSql(filter: FilterSelection): string {
  return territoryIndicatorsSql({ level: BENCH_LEVEL, filters: benchStockFilters(filter) });
}

/** Dimensions of the cube: every dimension that a filter of the scenario uses. */
export const CUBE_DIMENSIONS: readonly FilterKey[] = [
  'housingTypes',
  'periods',
  'energies',
  'labels',
];

/** The cube: the app's pre-aggregated table over {@link CUBE_DIMENSIONS}. */
export const CUBE_SPEC: PreaggregateSpec = {
  dataset: BENCH_DATASET,
  level: BENCH_LEVEL,
  dimensions: CUBE_DIMENSIONS,
};

/** Qualified name of the cube. */
export const CUBE_TABLE = preaggregateTableName(CUBE_SPEC);

/** Builds the cube with the app's builder. */
export function createCubeSql(): string {
  return createPreaggregateSql(CUBE_SPEC);
}

/** The app's pre-aggregated table of one filter's own dimensions (what the cache builds). */
export function activeSpec(filter: FilterSelection): PreaggregateSpec {
  return { dataset: BENCH_DATASET, level: BENCH_LEVEL, dimensions: activeDimensions(filter) };
}

/** Builds the active tables of every filter of the scenario (for native DuckDB). */
export function createActiveTablesSql(): string[] {
  return BENCH_FILTERS.map((filter) => createPreaggregateSql(activeSpec(filter)));
}

/** The filter's rows read from a pre-aggregated table, with the app's builder. */
export function preaggregatedSql(spec: PreaggregateSpec, filter: FilterSelection): string {
  return preaggregatedIndicatorsSql(spec, benchStockFilters(filter));
}

/** Rows of the cube. */
export function cubeRowCountSql(): string {
  return `SELECT count(*)::DOUBLE AS n FROM ${CUBE_TABLE}`;
}

/** Filterable stock columns of the plain-JS alternative (the cube's dimensions). */
export const FILTER_COLUMNS = [
  'housing_type',
  'construction_period',
  'heating_energy',
  'dpe_label',
] as const;

/** A filter column. */
export type FilterColumn = (typeof FILTER_COLUMNS)[number];

/** Selected values per column; an absent column is not filtered. */
export type StockFilter = Partial<Record<FilterColumn, readonly string[]>>;

/** The filter by stock column, for the plain-JS alternative. */
export function columnFilterOf(filter: FilterSelection): StockFilter {
  const columns: StockFilter = {};
  for (const key of CUBE_DIMENSIONS) {
    const values = filter[key];
    const column = FILTER_DIMENSIONS[key].categorySql as FilterColumn;
    if (!FILTER_COLUMNS.includes(column)) throw new Error(`bench: ${key} is not a plain column`);
    if (values !== undefined && values.length > 0) columns[column] = values;
  }
  return columns;
}

/** Columns of a filter, in {@link FILTER_COLUMNS} order. */
export function columnsOf(filter: StockFilter): FilterColumn[] {
  return FILTER_COLUMNS.filter((column) => filter[column] !== undefined);
}

/**
 * Per-commune indicators of one EPCI, the columns of `epciAggregatesSql` grouped by commune (the
 * app has no builder for it yet).
 */
export function communeAggregatesSql(codeEpci: string): string {
  return `SELECT
  code_commune,
${aggregateSelectList()}
FROM ${STOCK_TABLE}
WHERE dataset = ${sqlString(BENCH_DATASET)} AND code_epci = ${sqlString(codeEpci)}
GROUP BY code_commune
ORDER BY code_commune`;
}

/** Table filled by the raw `read_csv` of the import scenario. */
export const RAW_IMPORT_TABLE = 'memory.main.bench_dpe_raw';

/**
 * Reads a DPE CSV (pre-2025 header) with DuckDB's own reader into the canonical column names:
 * the raw baseline of the import scenario (no validation, no category mapping, no reprojection).
 */
export function readDpeCsvSql(path: string): string {
  const columns: [string, string][] = [
    ['N°DPE', 'numero_dpe'],
    ['Code_INSEE_(BAN)', 'code_commune'],
    ['Etiquette_DPE', 'dpe_label'],
    ['Type_bâtiment', 'housing_type'],
    ['Année_construction', 'construction_year'],
    ['Surface_habitable_logement', 'surface_m2'],
    ['Type_énergie_principale_chauffage', 'heating_energy'],
    ['Conso_5_usages_par_m²_é_primaire', 'ep_kwh_m2'],
    ['Conso_5_usages/m²_é_finale', 'ef_kwh_m2'],
    ['Emission_GES_5_usages_par_m²', 'ghg_kg_m2'],
    ['Coordonnée_cartographique_X_(BAN)', 'x_l93'],
    ['Coordonnée_cartographique_Y_(BAN)', 'y_l93'],
  ];
  const select = columns.map(([from, to]) => `  "${from}" AS ${to}`).join(',\n');
  return `CREATE OR REPLACE TABLE ${RAW_IMPORT_TABLE} AS
SELECT
${select}
FROM read_csv(${sqlString(path)}, header = true, delim = ',', quote = '"')`;
}

/** Categorical columns handed to the plain-JS alternative as Arrow dictionaries. */
const JS_CATEGORIES = [
  'dataset',
  'code_epci',
  'code_commune',
  'housing_type',
  'construction_period',
  'heating_energy',
  'dpe_label',
] as const;

const enumType = (column: string) => `bench_${column}_enum`;

/** Statements creating one ENUM type per categorical column, from the stock's values. */
export function jsEnumTypesSql(): string[] {
  return JS_CATEGORIES.flatMap((column) => [
    `DROP TYPE IF EXISTS ${enumType(column)}`,
    `CREATE TYPE ${enumType(column)} AS ENUM (SELECT DISTINCT ${column} FROM ${STOCK_TABLE} WHERE ${column} IS NOT NULL ORDER BY 1)`,
  ]);
}

/** The stock columns the plain-JS alternative needs, categories as ENUM (Arrow dictionaries). */
export function jsStockSql(): string {
  const categories = JS_CATEGORIES.map((c) => `${c}::${enumType(c)} AS ${c}`).join(', ');
  return `SELECT ${categories}, weight, ep_kwh_m2, ef_kwh_m2, surface_m2 FROM ${STOCK_TABLE}`;
}

/**
 * The cube for the plain-JS alternative, categories as ENUM (Arrow dictionaries), under the stock's
 * column names.
 */
export function jsCubeSql(): string {
  const categories = CUBE_DIMENSIONS.map((key) => {
    const column = FILTER_DIMENSIONS[key].categorySql;
    return `${dimensionColumn(key)}::${enumType(column)} AS ${column}`;
  });
  const dataset = `${sqlString(BENCH_DATASET)}::${enumType('dataset')} AS dataset`;
  const epci = `code_epci::${enumType('code_epci')} AS code_epci`;
  return `SELECT ${[dataset, epci, ...categories].join(', ')}, ${PREAGG_SUMS.join(', ')} FROM ${CUBE_TABLE}`;
}

/** The sums of the cube that the plain-JS alternative reads. */
export const PREAGG_SUMS = ['w', 'w_fg', 'w_lab', 'w_ep', 'ep_w', 'ef_sw'] as const;

/** The EPCI the map draws (those with a contour), in a stable order. */
export function featureCodesSql(): string {
  return `SELECT code_epci FROM ${TERRITORY_EPCI_TABLE} WHERE has_contour ORDER BY code_epci`;
}

/** The EPCI with the most stock rows: the drill-down's worst case. */
export function busiestEpciSql(): string {
  return `SELECT code_epci, count(*)::DOUBLE AS n FROM ${STOCK_TABLE}
WHERE code_epci IS NOT NULL GROUP BY code_epci ORDER BY n DESC, code_epci LIMIT 1`;
}
