/**
 * SQL of the benchmark that the app's builders do not have yet. The app path always runs the
 * app's own builders (`src/sql/`); this module only narrows their input to a filter and adds the
 * pre-aggregated (Mosaic-style) table of the filter scenario, the per-commune drill-down and the
 * raw `read_csv` of the import scenario. Pure: text only, shared by Node and the Chromium page.
 */
import { epciAggregatesSql } from '../../src/sql/epci-aggregates-sql.ts';
import { createAllStockViewSql, createImportedStockSql } from '../../src/sql/imported-stock-sql.ts';
import { sqlString } from '../../src/sql/sql-string.ts';
import { IMPORTED_STOCK_TABLE, STOCK_TABLE, TERRITORY_EPCI_TABLE } from '../../src/sql/tables.ts';

/** Dataset id of the bench stocks (the demo stock, resampled). */
export const BENCH_DATASET = 'demo';

/**
 * What the app runs once `stock.duckdb` is attached as `stock`: the (empty) imported-datasets
 * table and the view that the builders read.
 */
export function appSetupSql(): string[] {
  return [createImportedStockSql(), createAllStockViewSql()];
}

/** Empties the imported datasets between import runs (faster than a DELETE of every row). */
export function resetImportedStockSql(): string[] {
  return [
    `DROP TABLE IF EXISTS ${IMPORTED_STOCK_TABLE}`,
    createImportedStockSql(),
    `DROP TABLE IF EXISTS ${RAW_IMPORT_TABLE}`,
  ];
}

/** Filterable columns of the filter scenario (the dimensions of the pre-aggregated table). */
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

/** The filter changes of the scenario, cycled run after run (each run is one change). */
export const BENCH_FILTERS: readonly StockFilter[] = [
  { housing_type: ['appartement'], construction_period: ['avant_1948', '1948_1974'] },
  { housing_type: ['maison'], dpe_label: ['D', 'E', 'F', 'G'] },
  { heating_energy: ['fioul', 'gpl', 'charbon'], construction_period: ['1975_1988'] },
];

/** The filter as a SQL predicate (`TRUE` when nothing is filtered). */
export function filterPredicate(filter: StockFilter): string {
  const clauses = FILTER_COLUMNS.flatMap((column) => {
    const values = filter[column];
    return values === undefined ? [] : [`${column} IN (${values.map(sqlString).join(', ')})`];
  });
  return clauses.length === 0 ? 'TRUE' : clauses.join(' AND ');
}

/**
 * The app's per-EPCI aggregates (`epciAggregatesSql`, unchanged) over the filtered stock: only its
 * source table is replaced by a filtered subquery, until the builder takes filters (issue 4).
 */
export function filteredEpciAggregatesSql(filter: StockFilter): string {
  const sql = epciAggregatesSql({ dataset: BENCH_DATASET });
  const from = `FROM ${STOCK_TABLE}\n`;
  if (!sql.includes(from)) {
    throw new Error(`epciAggregatesSql no longer reads "${STOCK_TABLE}": update bench-sql.ts`);
  }
  const source = `(SELECT * FROM ${STOCK_TABLE} WHERE ${filterPredicate(filter)}) AS filtered`;
  return sql.replace(from, `FROM ${source}\n`);
}

/** Pre-aggregated table of the filter scenario (all filterable dimensions). */
export const CUBE_TABLE = 'memory.main.bench_epci_cube';

/** Pre-aggregated table of the `index`-th filter of {@link BENCH_FILTERS} (its columns only). */
export function activeTable(index: number): string {
  return `memory.main.bench_active_${index}`;
}

/** Columns of a filter, in {@link FILTER_COLUMNS} order. */
export function columnsOf(filter: StockFilter): FilterColumn[] {
  return FILTER_COLUMNS.filter((column) => filter[column] !== undefined);
}

/**
 * A pre-aggregated table per dataset × EPCI × `dimensions`, holding the sums from which every
 * column of `epciAggregatesSql` is recomputed (F/G and labelled dwellings summed apart, so that
 * the label need not be a dimension).
 */
function preaggregateSql(table: string, dimensions: readonly string[]): string {
  return `CREATE OR REPLACE TABLE ${table} AS
SELECT dataset, code_epci${dimensions.map((d) => `, ${d}`).join('')},
  sum(weight) AS w,
  sum(weight) FILTER (WHERE dpe_label IN ('F', 'G')) AS w_fg,
  sum(weight) FILTER (WHERE dpe_label IS NOT NULL) AS w_lab,
  sum(weight) FILTER (WHERE ep_kwh_m2 IS NOT NULL) AS w_ep,
  sum(ep_kwh_m2 * weight) AS ep_w,
  sum(ef_kwh_m2 * surface_m2 * weight) AS ef_sw
FROM ${STOCK_TABLE}
WHERE code_epci IS NOT NULL
GROUP BY ALL
ORDER BY code_epci`;
}

/** The cube: dataset × EPCI × housing type × period × energy × label. */
export function createCubeSql(): string {
  return preaggregateSql(CUBE_TABLE, FILTER_COLUMNS);
}

/**
 * One table per filter of the scenario, over that filter's columns only: what Mosaic builds when
 * a selection becomes active, before the user changes it.
 */
export function createActiveTablesSql(): string[] {
  return BENCH_FILTERS.map((filter, index) =>
    preaggregateSql(activeTable(index), columnsOf(filter)),
  );
}

/** The columns of `epciAggregatesSql` (same names, same definitions) from a pre-aggregated table. */
export function preaggEpciAggregatesSql(table: string, filter: StockFilter): string {
  const fg = 'coalesce(sum(w_fg), 0)';
  return `SELECT
  code_epci,
  sum(w)::DOUBLE AS dwellings,
  ${fg}::DOUBLE AS fg_count,
  (${fg} / nullif(sum(w_lab), 0))::DOUBLE AS fg_share,
  (sum(ep_w) / nullif(sum(w_ep), 0))::DOUBLE AS mean_ep,
  (sum(ef_sw) / 1e6)::DOUBLE AS total_ef_gwh
FROM ${table}
WHERE dataset = ${sqlString(BENCH_DATASET)} AND ${filterPredicate(filter)}
GROUP BY code_epci
ORDER BY code_epci`;
}

/** Rows of the cube. */
export function cubeRowCountSql(): string {
  return `SELECT count(*)::DOUBLE AS n FROM ${CUBE_TABLE}`;
}

/**
 * Per-commune indicators of one EPCI, the columns of `epciAggregatesSql` grouped by commune (the
 * app has no builder for it yet).
 */
export function communeAggregatesSql(codeEpci: string): string {
  const fg = `coalesce(sum(weight) FILTER (WHERE dpe_label IN ('F', 'G')), 0)`;
  return `SELECT
  code_commune,
  sum(weight)::DOUBLE AS dwellings,
  ${fg}::DOUBLE AS fg_count,
  (${fg} / nullif(sum(weight) FILTER (WHERE dpe_label IS NOT NULL), 0))::DOUBLE AS fg_share,
  (sum(ep_kwh_m2 * weight)
    / nullif(sum(weight) FILTER (WHERE ep_kwh_m2 IS NOT NULL), 0))::DOUBLE AS mean_ep,
  (sum(ef_kwh_m2 * surface_m2 * weight) / 1e6)::DOUBLE AS total_ef_gwh
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

/** The cube for the plain-JS alternative, categories as ENUM (Arrow dictionaries). */
export function jsCubeSql(): string {
  const columns = ['dataset', 'code_epci', ...FILTER_COLUMNS];
  const categories = columns.map((c) => `${c}::${enumType(c)} AS ${c}`).join(', ');
  return `SELECT ${categories}, ${PREAGG_SUMS.join(', ')} FROM ${CUBE_TABLE}`;
}

/** The sums of a pre-aggregated table. */
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
