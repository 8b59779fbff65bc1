/**
 * Writes `stock.duckdb`, the database the browser attaches read-only with DuckDB-WASM: the
 * tables of docs/data-assets.md, written by native DuckDB (`@duckdb/node-api`), checkpointed,
 * and renamed into place only when complete so that an interrupted build leaves no half file.
 */
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import {
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  VARCHAR,
} from '@duckdb/node-api';
import type { DatasetProvenance } from '../../src/domain/provenance.ts';
import type { TerritoryCommune, TerritoryEpci } from '../../src/domain/territory.ts';
import { DEMO_STOCK_DICTIONARIES, type DemoStock, NO_TENURE } from './demo-stock.ts';

/** One dataset of the `datasets` table (also listed in the manifest). */
export interface StockDatasetInfo {
  id: string;
  name: string;
  kind: string;
  synthetic: boolean;
  caption: string;
  /** Where fetched open data came from (source, date of fetch, records), shown with the data. */
  provenance?: DatasetProvenance;
}

/** Everything `stock.duckdb` is made of. */
export interface StockDatabaseInput {
  communes: readonly TerritoryCommune[];
  epcis: readonly TerritoryEpci[];
  cogYear: number;
  /** Absorbed commune code → current commune (COG history), for the browser's imports. */
  successors: ReadonlyMap<string, string>;
  datasets: readonly StockDatasetInfo[];
  stock: DemoStock;
}

/** DuckDB's vector size: the largest data chunk the appender takes. */
const CHUNK_ROWS = 2048;

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const listLiteral = (values: readonly string[]): string => `[${values.map(quote).join(', ')}]`;

/** Appends column arrays (all of the same length) to a table, one data chunk at a time. */
async function appendColumns(
  connection: DuckDBConnection,
  table: string,
  types: readonly DuckDBType[],
  columns: readonly ArrayLike<DuckDBValue>[],
): Promise<void> {
  const rowCount = columns[0]?.length ?? 0;
  const appender = await connection.createAppender(table);
  for (let start = 0; start < rowCount; start += CHUNK_ROWS) {
    const end = Math.min(rowCount, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, end - start);
    chunk.setColumns(columns.map((column) => Array.prototype.slice.call(column, start, end)));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

async function writeTerritory(
  connection: DuckDBConnection,
  input: StockDatabaseInput,
): Promise<void> {
  const epciByCode = new Map(input.epcis.map((epci) => [epci.code_epci, epci]));
  const communes = [...input.communes].sort((a, b) => a.code_commune.localeCompare(b.code_commune));
  await connection.run(`CREATE TABLE territory_commune (code_commune VARCHAR, nom_commune VARCHAR,
    code_epci VARCHAR, nom_epci VARCHAR, type_epci VARCHAR, code_departement VARCHAR,
    code_region VARCHAR, population DOUBLE, cog_year DOUBLE)`);
  const epciOf = (c: TerritoryCommune) =>
    c.code_epci === null ? undefined : epciByCode.get(c.code_epci);
  await appendColumns(
    connection,
    'territory_commune',
    [...Array(7).fill(VARCHAR), DOUBLE, DOUBLE],
    [
      communes.map((c) => c.code_commune),
      communes.map((c) => c.nom_commune),
      communes.map((c) => c.code_epci),
      communes.map((c) => epciOf(c)?.nom_epci ?? null),
      communes.map((c) => epciOf(c)?.type_epci ?? null),
      communes.map((c) => c.code_departement),
      communes.map((c) => c.code_region),
      communes.map((c) => c.population),
      communes.map(() => input.cogYear),
    ],
  );

  const epcis = [...input.epcis].sort((a, b) => a.code_epci.localeCompare(b.code_epci));
  await connection.run(`CREATE TABLE territory_epci (code_epci VARCHAR, nom_epci VARCHAR,
    type_epci VARCHAR, code_departement VARCHAR, code_region VARCHAR, population DOUBLE,
    commune_count DOUBLE, has_contour BOOLEAN)`);
  await appendColumns(
    connection,
    'territory_epci',
    [...Array(5).fill(VARCHAR), DOUBLE, DOUBLE, BOOLEAN],
    [
      epcis.map((e) => e.code_epci),
      epcis.map((e) => e.nom_epci),
      epcis.map((e) => e.type_epci),
      epcis.map((e) => e.code_departement),
      epcis.map((e) => e.code_region),
      epcis.map((e) => e.population),
      epcis.map((e) => e.commune_count),
      epcis.map((e) => e.has_contour),
    ],
  );

  const successors = [...input.successors].sort(([a], [b]) => a.localeCompare(b));
  await connection.run('CREATE TABLE commune_successor (old_code VARCHAR, code_commune VARCHAR)');
  await appendColumns(
    connection,
    'commune_successor',
    [VARCHAR, VARCHAR],
    [successors.map(([old]) => old), successors.map(([, current]) => current)],
  );

  const datasets = input.datasets;
  await connection.run(
    'CREATE TABLE datasets (id VARCHAR, name VARCHAR, kind VARCHAR, synthetic BOOLEAN, caption VARCHAR)',
  );
  await appendColumns(
    connection,
    'datasets',
    [VARCHAR, VARCHAR, VARCHAR, BOOLEAN, VARCHAR],
    [
      datasets.map((d) => d.id),
      datasets.map((d) => d.name),
      datasets.map((d) => d.kind),
      datasets.map((d) => d.synthetic),
      datasets.map((d) => d.caption),
    ],
  );
}

/**
 * The stock goes in as integer codes into temporary tables, then one `CREATE TABLE AS` decodes
 * the categories and sorts the rows, so no JS string is built per row.
 */
async function writeStock(connection: DuckDBConnection, stock: DemoStock): Promise<void> {
  const communes = stock.communes;
  await connection.run(`CREATE TEMP TABLE stock_commune (idx INTEGER, code_commune VARCHAR,
    code_epci VARCHAR, code_departement VARCHAR, code_region VARCHAR)`);
  await appendColumns(
    connection,
    'stock_commune',
    [INTEGER, VARCHAR, VARCHAR, VARCHAR, VARCHAR],
    [
      communes.map((_, i) => i),
      communes.map((c) => c.code_commune),
      communes.map((c) => c.code_epci),
      communes.map((c) => c.code_departement),
      communes.map((c) => c.code_region),
    ],
  );
  await connection.run(`CREATE TEMP TABLE stock_codes (row_id INTEGER, commune INTEGER,
    housing_type INTEGER, construction_period INTEGER, heating_energy INTEGER, occupancy INTEGER,
    tenure INTEGER, dpe_label INTEGER, surface_m2 DOUBLE, ep_kwh_m2 DOUBLE, ef_kwh_m2 DOUBLE,
    ghg_kg_m2 DOUBLE, weight DOUBLE)`);
  const rowIds = Uint32Array.from({ length: stock.rowCount }, (_, i) => i);
  await appendColumns(
    connection,
    'stock_codes',
    [...Array(8).fill(INTEGER), ...Array(5).fill(DOUBLE)],
    [
      rowIds,
      stock.commune,
      stock.housingType,
      stock.constructionPeriod,
      stock.heatingEnergy,
      stock.occupancy,
      stock.tenure,
      stock.dpeLabel,
      stock.surfaceM2,
      stock.epKwhM2,
      stock.efKwhM2,
      stock.ghgKgM2,
      stock.weight,
    ],
  );
  const dict = DEMO_STOCK_DICTIONARIES;
  const decode = (column: string, values: readonly string[]) =>
    `${listLiteral(values)}[s.${column} + 1] AS ${column}`;
  await connection.run(`CREATE TABLE stock AS
    SELECT ${quote(stock.dataset)} AS dataset, c.code_commune, c.code_epci, c.code_departement,
      c.code_region, ${decode('housing_type', dict.housingType)},
      ${decode('construction_period', dict.constructionPeriod)}, s.surface_m2,
      ${decode('heating_energy', dict.heatingEnergy)}, ${decode('occupancy', dict.occupancy)},
      CASE WHEN s.tenure = ${NO_TENURE} THEN NULL ELSE ${listLiteral(dict.tenure)}[s.tenure + 1] END
        AS tenure,
      ${decode('dpe_label', dict.dpeLabel)}, 'modelled' AS label_source, s.ep_kwh_m2, s.ef_kwh_m2,
      s.ghg_kg_m2, s.weight, CAST(NULL AS DOUBLE) AS lon, CAST(NULL AS DOUBLE) AS lat
    FROM stock_codes s JOIN stock_commune c ON c.idx = s.commune
    ORDER BY c.code_epci NULLS LAST, c.code_commune, s.row_id`);
  await connection.run('DROP TABLE stock_codes');
  await connection.run('DROP TABLE stock_commune');
  // Always present, empty for stocks without model inputs, so that the browser's query never fails.
  await connection.run(
    'CREATE TABLE model_support (dataset VARCHAR, code_commune VARCHAR, period_source VARCHAR)',
  );
  if (stock.periodSource.length === communes.length && communes.length > 0) {
    await appendColumns(
      connection,
      'model_support',
      [VARCHAR, VARCHAR, VARCHAR],
      [
        communes.map(() => stock.dataset),
        communes.map((c) => c.code_commune),
        stock.periodSource.map((source) => source),
      ],
    );
  }
}

async function removeDatabase(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
}

/**
 * Writes the browser database to `path`: territory_commune (with the EPCI name and type),
 * territory_epci, commune_successor (merged commune codes → current commune), datasets and stock (sorted by code_epci, code_commune). Codes and categories
 * are VARCHAR, numbers DOUBLE, flags BOOLEAN. The file is built beside `path` and renamed into
 * place after a CHECKPOINT, so that DuckDB-WASM can attach it READ_ONLY without a WAL.
 */
export async function writeStockDatabase(path: string, input: StockDatabaseInput): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await removeDatabase(temporary);
  try {
    const instance = await DuckDBInstance.create(temporary);
    try {
      const connection = await instance.connect();
      await writeTerritory(connection, input);
      await writeStock(connection, input.stock);
      await connection.run('CHECKPOINT');
      connection.closeSync();
    } finally {
      instance.closeSync();
    }
    if (existsSync(`${temporary}.wal`)) {
      throw new Error(`journal DuckDB resté après CHECKPOINT : ${temporary}.wal`);
    }
    // A stale WAL beside the old file would be replayed on top of the new one.
    await rm(`${path}.wal`, { force: true });
    await rename(temporary, path);
  } catch (error) {
    await removeDatabase(temporary);
    throw error;
  }
}
