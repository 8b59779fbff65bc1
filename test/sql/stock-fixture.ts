import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  communeSuccessorSetupSql,
  createAllStockViewSql,
  createImportedStockSql,
} from '../../src/sql/imported-stock-sql.ts';

/**
 * Tiny hand-made stock, attached as the catalog `stock` like `stock.duckdb` in the browser.
 * Expected aggregates are worked out by hand in the tests that use it.
 */
const ROWS: [
  string,
  string | null,
  string | null,
  number,
  number | null,
  number | null,
  number | null,
][] = [
  // dataset, code_epci, dpe_label, weight, ep_kwh_m2, ef_kwh_m2, surface_m2
  ['d1', 'E1', 'F', 10, 400, 250, 50],
  ['d1', 'E1', 'G', 5, 500, 300, 80],
  ['d1', 'E1', 'C', 20, 150, 100, 100],
  ['d1', 'E1', null, 5, null, null, 60],
  ['d1', 'E2', 'A', 3, 60, 50, 70],
  ['d1', 'E2', 'B', 7, null, null, null],
  ['d1', 'E4', null, 4, null, null, 90],
  ['d1', null, 'G', 100, 600, 400, 30],
  ['d2', 'E1', 'G', 1000, 600, 400, 30],
  ["l'autre", 'E3', 'E', 2, 300, 200, 40],
];

function literal(value: string | number | null): string {
  if (value === null) return 'NULL';
  return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

/**
 * Opens an in-memory DuckDB with the fixture stock table in the `stock` catalog, an empty table of
 * imported datasets and the view over both, as `src/db/duckdb.ts` sets them up in the browser.
 */
export async function openStockFixture(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`ATTACH ':memory:' AS stock`);
  await connection.run(`CREATE TABLE stock.main.stock (
    dataset VARCHAR, code_commune VARCHAR, code_epci VARCHAR, code_departement VARCHAR,
    code_region VARCHAR, housing_type VARCHAR, construction_period VARCHAR, surface_m2 DOUBLE,
    heating_energy VARCHAR, occupancy VARCHAR, tenure VARCHAR, dpe_label VARCHAR,
    label_source VARCHAR, ep_kwh_m2 DOUBLE, ef_kwh_m2 DOUBLE, ghg_kg_m2 DOUBLE,
    weight DOUBLE, lon DOUBLE, lat DOUBLE)`);
  const values = ROWS.map(
    ([dataset, epci, label, weight, ep, ef, surface]) =>
      `(${literal(dataset)}, '36001', ${literal(epci)}, '36', '24', 'maison', 'avant_1948', ${literal(surface)}, 'gaz', 'residence_principale', NULL, ${literal(label)}, 'modelled', ${literal(ep)}, ${literal(ef)}, 10, ${weight}, NULL, NULL)`,
  );
  await connection.run(`INSERT INTO stock.main.stock VALUES ${values.join(',\n')}`);
  await connection.run(`CREATE TABLE stock.main.territory_commune (
    code_commune VARCHAR, nom_commune VARCHAR, code_epci VARCHAR, nom_epci VARCHAR,
    type_epci VARCHAR, code_departement VARCHAR, code_region VARCHAR, population DOUBLE,
    cog_year DOUBLE)`);
  await connection.run(`INSERT INTO stock.main.territory_commune VALUES
    ('36001', 'Commune 1', 'E1', 'EPCI 1', 'CC', '36', '24', 1000, 2023),
    ('69123', 'Lyon', '200046977', 'Métropole de Lyon', 'METLYON', '69', '84', 522228, 2023)`);
  // Fictitious history: 36999 merged into 36001, 69999 into Lyon.
  await connection.run(
    'CREATE TABLE stock.main.commune_successor (old_code VARCHAR, code_commune VARCHAR)',
  );
  await connection.run(
    "INSERT INTO stock.main.commune_successor VALUES ('36999', '36001'), ('69999', '69123')",
  );
  await connection.run(createImportedStockSql());
  await connection.run(createAllStockViewSql());
  await connection.run(communeSuccessorSetupSql(true));
  return connection;
}
