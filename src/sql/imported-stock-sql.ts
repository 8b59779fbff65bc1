import { STOCK_COLUMN_KINDS } from '../domain/stock-schema.ts';
import { sqlString } from './sql-string.ts';
import {
  ATTACHED_STOCK_TABLE,
  COMMUNE_SUCCESSOR_TABLE,
  IMPORTED_STOCK_TABLE,
  STOCK_TABLE,
  TERRITORY_COMMUNE_TABLE,
} from './tables.ts';

/**
 * Columns of the canonical stock table (`docs/data-assets.md`), in order, with their DuckDB
 * types: the attached `stock.main.stock` and the imported datasets share them exactly.
 */
export const STOCK_TABLE_COLUMNS = STOCK_COLUMN_KINDS.map(
  ([name, kind]) => [name, kind === 'number' ? 'DOUBLE' : 'VARCHAR'] as const,
);

/** Creates the (empty) table of imported datasets, if absent. */
export function createImportedStockSql(): string {
  const columns = STOCK_TABLE_COLUMNS.map(([name, type]) => `  ${name} ${type}`).join(',\n');
  return `CREATE TABLE IF NOT EXISTS ${IMPORTED_STOCK_TABLE} (\n${columns}\n)`;
}

/** (Re)creates the view that the SQL builders read: attached stock, then imported datasets. */
export function createAllStockViewSql(): string {
  return `CREATE OR REPLACE VIEW ${STOCK_TABLE} AS
SELECT * FROM ${ATTACHED_STOCK_TABLE}
UNION ALL BY NAME
SELECT * FROM ${IMPORTED_STOCK_TABLE}`;
}

/** Counts the `commune_successor` tables of the attached stock (0 or 1); column `n`, DOUBLE. */
export function attachedSuccessorTableSql(): string {
  return `SELECT count(*)::DOUBLE AS n FROM duckdb_tables()
WHERE database_name = 'stock' AND schema_name = 'main' AND table_name = 'commune_successor'`;
}

/**
 * Creates {@link COMMUNE_SUCCESSOR_TABLE}: a view over the attached table, or, for a database
 * written before the table existed, an empty view (codes are then not remapped).
 */
export function communeSuccessorSetupSql(attachedHasTable: boolean): string {
  if (attachedHasTable) {
    return `CREATE OR REPLACE VIEW ${COMMUNE_SUCCESSOR_TABLE} AS
SELECT old_code, code_commune FROM stock.main.commune_successor`;
  }
  return `CREATE OR REPLACE VIEW ${COMMUNE_SUCCESSOR_TABLE} AS
SELECT NULL::VARCHAR AS old_code, NULL::VARCHAR AS code_commune WHERE false`;
}

/** Inputs of {@link insertImportedStockSql} and {@link stagingSummarySql}. */
export interface StagingOptions {
  /** Dataset id written on every row. */
  dataset: string;
  /** Qualified name of the table holding the rows as read (same columns, any dataset value). */
  staging: string;
}

/**
 * The staged rows joined to the COG: `code` is the row's commune, or the commune that absorbed it
 * when the COG history lists it as merged (`remapped`), `t` its row of the COG (null when
 * absent), `s` the staged row.
 */
function joinedToCog(staging: string): string {
  return `${staging} AS s
LEFT JOIN ${COMMUNE_SUCCESSOR_TABLE} AS m ON m.old_code = s.code_commune
LEFT JOIN ${TERRITORY_COMMUNE_TABLE} AS t ON t.code_commune = coalesce(m.code_commune, s.code_commune)`;
}

/**
 * Copies staged rows into the imported datasets under `dataset`. A row without EPCI, département
 * or région takes those of its commune in the COG; a row whose commune was merged since (COG
 * history) moves to the commune that absorbed it, with that commune's EPCI, département and
 * région; a commune absent from the COG keeps nulls (the caller counts those rows with
 * {@link stagingSummarySql}).
 */
export function insertImportedStockSql({ dataset, staging }: StagingOptions): string {
  const fromCog = new Set(['code_epci', 'code_departement', 'code_region']);
  const select = STOCK_TABLE_COLUMNS.map(([name]) => {
    if (name === 'dataset') return `  ${sqlString(dataset)} AS dataset`;
    if (name === 'code_commune')
      return '  coalesce(m.code_commune, s.code_commune) AS code_commune';
    if (fromCog.has(name)) {
      return `  CASE WHEN m.code_commune IS NULL THEN coalesce(s.${name}, t.${name}) ELSE t.${name} END AS ${name}`;
    }
    return `  s.${name}`;
  }).join(',\n');
  return `INSERT INTO ${IMPORTED_STOCK_TABLE}
SELECT
${select}
FROM ${joinedToCog(staging)}`;
}

/** One row of {@link stagingSummarySql}; counts are DOUBLE. */
export interface StagingSummaryRow {
  rows: number;
  dwellings: number;
  /** Rows whose commune is not in the COG (kept, without EPCI unless the file gave one). */
  outside_cog_rows: number;
  outside_cog_dwellings: number;
  /** Rows left without EPCI: they are not on the EPCI map. */
  without_epci_rows: number;
  /** Up to 10 commune codes absent from the COG, comma-separated, or null. */
  outside_cog_examples: string | null;
  /** Rows whose commune was merged since (COG history), moved to the commune that absorbed it. */
  remapped_rows: number;
  /** Up to 10 `old → new` pairs, comma-separated, or null. */
  remapped_examples: string | null;
}

/**
 * Rows and dwellings of a staged import, those whose commune is not in the COG, and those moved
 * to their commune nouvelle.
 */
export function stagingSummarySql({ staging }: Pick<StagingOptions, 'staging'>): string {
  return `WITH joined AS (
  SELECT s.code_commune, s.weight, t.code_commune IS NULL AS outside_cog,
    m.code_commune AS successor,
    CASE WHEN m.code_commune IS NULL THEN coalesce(s.code_epci, t.code_epci) ELSE t.code_epci END
      IS NULL AS without_epci
  FROM ${joinedToCog(staging)}
),
examples AS (
  SELECT DISTINCT code_commune FROM joined WHERE outside_cog ORDER BY code_commune LIMIT 10
),
remapped AS (
  SELECT DISTINCT code_commune || ' → ' || successor AS pair FROM joined
  WHERE successor IS NOT NULL ORDER BY pair LIMIT 10
)
SELECT
  count(*)::DOUBLE AS rows,
  coalesce(sum(weight), 0)::DOUBLE AS dwellings,
  count(*) FILTER (WHERE outside_cog)::DOUBLE AS outside_cog_rows,
  coalesce(sum(weight) FILTER (WHERE outside_cog), 0)::DOUBLE AS outside_cog_dwellings,
  count(*) FILTER (WHERE without_epci)::DOUBLE AS without_epci_rows,
  (SELECT string_agg(code_commune, ', ' ORDER BY code_commune) FROM examples) AS outside_cog_examples,
  count(*) FILTER (WHERE successor IS NOT NULL)::DOUBLE AS remapped_rows,
  (SELECT string_agg(pair, ', ' ORDER BY pair) FROM remapped) AS remapped_examples
FROM joined`;
}
