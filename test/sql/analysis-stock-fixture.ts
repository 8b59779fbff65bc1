import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  STOCK_TABLE,
  TERRITORY_COMMUNE_TABLE,
  TERRITORY_EPCI_TABLE,
} from '../../src/sql/tables.ts';

/**
 * Tiny hand-made stock for the territory-analysis builders. Codes are short stand-ins (E36A…),
 * not real SIREN numbers: the builders never check them. Expected figures are worked out by hand
 * in the tests; the row numbers (#) are those the tests cite.
 *
 * - EPCI E37 straddles départements 37 (its main one, in `territory_epci`) and 36 (row #8).
 * - Row #13 is a commune outside any EPCI; row #6 has no label nor consumption.
 * - Dataset d2 (row #14) must never leak into d1 figures.
 *
 * One row per line: # dataset commune epci dép. rég. type period surface energy tenure label ep ef
 * ghg weight; '-' is NULL.
 */
const STOCK = `
 1 d1 36001 E36A 36 24 maison      avant_1948 100 fioul       proprietaire_occupant G 500 460 100   10
 2 d1 36001 E36A 36 24 maison      1975_1988   80 electricite locataire_prive       F 400 200  20   20
 3 d1 36002 E36A 36 24 appartement 1948_1974   35 gaz         locataire_social      E 300 250  50   30
 4 d1 36002 E36A 36 24 appartement apres_2012  50 electricite locataire_prive       B 100  40   5   40
 5 d1 36003 E36B 36 24 maison      avant_1948 150 bois        proprietaire_occupant D 200 180  10    5
 6 d1 36003 E36B 36 24 maison      avant_1948  25 electricite -                     -   -   -   -    5
 7 d1 37001 E37  37 24 maison      1948_1974  120 fioul       proprietaire_occupant F 380 350  80   10
 8 d1 36004 E37  36 24 maison      1989_2000   70 electricite proprietaire_occupant C 150 100  10   10
 9 d1 36005 E36D 36 24 maison      avant_1948 100 fioul       proprietaire_occupant G 450 300  90   30
10 d1 36005 E36D 36 24 appartement 2001_2012   45 gaz         locataire_prive       C 120 100  15   10
11 d1 86001 E86  86 75 appartement 1989_2000   60 gaz         locataire_prive       C 150 130  25   50
12 d1 86001 E86  86 75 maison      avant_1948  90 fioul       proprietaire_occupant G 480 450 110   10
13 d1 29155 -    29 53 maison      avant_1948  60 fioul       proprietaire_occupant F 400 300  60    3
14 d2 36001 E36A 36 24 maison      avant_1948  30 fioul       proprietaire_occupant G 600 500 120 1000
`;

const NUMERIC = new Set([7, 11, 12, 13, 14]);

function stockRows(): (string | number | null)[][] {
  return STOCK.trim()
    .split('\n')
    .map((line) => {
      const cells = line.trim().split(/\s+/).slice(1);
      const value = (index: number) => {
        const cell = cells[index] ?? '-';
        if (cell === '-') return null;
        return NUMERIC.has(index) ? Number(cell) : cell;
      };
      const tenure = value(9);
      const occupancy = tenure === null ? 'vacant' : 'residence_principale';
      const head = Array.from({ length: 9 }, (_, i) => value(i));
      const tail = [10, 11, 12, 13, 14].map(value);
      return [
        ...head,
        occupancy,
        tenure,
        tail[0] ?? null,
        'modelled',
        ...tail.slice(1),
        null,
        null,
      ];
    });
}

const COMMUNES: [string, string | null, string, string, number][] = [
  ['36001', 'E36A', '36', '24', 1000],
  ['36002', 'E36A', '36', '24', 19000],
  ['36003', 'E36B', '36', '24', 30000],
  ['36004', 'E37', '36', '24', 10000],
  ['36005', 'E36D', '36', '24', 16000],
  ['37001', 'E37', '37', '24', 30000],
  ['86001', 'E86', '86', '75', 60000],
  ['29155', null, '29', '53', 800],
];

/** code, type, main département, main région, population. E99 and E50 have no stock rows. */
const EPCIS: [string, string, string, string, number][] = [
  ['E36A', 'CC', '36', '24', 20000],
  ['E36B', 'CC', '36', '24', 30000],
  ['E36C', 'CC', '36', '24', 5000],
  ['E36D', 'CC', '36', '24', 16000],
  ['E37', 'CC', '37', '24', 40000],
  ['E99', 'CC', '37', '24', 45000],
  ['E50', 'CC', '86', '75', 50000],
  ['E86', 'CA', '86', '75', 60000],
];

function literal(value: string | number | null): string {
  if (value === null) return 'NULL';
  return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

function values(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((row) => `(${row.map(literal).join(', ')})`).join(',\n');
}

// The builders read tables by their qualified names (src/sql/tables.ts); attaching an in-memory
// catalog for each name keeps this fixture valid whichever catalog a table lives in.
async function attachCatalogOf(connection: DuckDBConnection, table: string): Promise<void> {
  const catalog = table.split('.')[0];
  if (catalog !== undefined && catalog !== 'memory') {
    await connection.run(`ATTACH IF NOT EXISTS ':memory:' AS ${catalog}`);
  }
}

/** Options of {@link openAnalysisFixture}. */
export interface AnalysisFixtureOptions {
  /** Adds `ef_heating_kwh_m2` = 60 % of `ef_kwh_m2` to every row. */
  heatingColumn?: boolean;
}

/** Opens an in-memory DuckDB holding the fixture as the stock and territory tables. */
export async function openAnalysisFixture(
  options: AnalysisFixtureOptions = {},
): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const table of [STOCK_TABLE, TERRITORY_COMMUNE_TABLE, TERRITORY_EPCI_TABLE]) {
    await attachCatalogOf(connection, table);
  }
  await connection.run(`CREATE TABLE ${STOCK_TABLE} (
    dataset VARCHAR, code_commune VARCHAR, code_epci VARCHAR, code_departement VARCHAR,
    code_region VARCHAR, housing_type VARCHAR, construction_period VARCHAR, surface_m2 DOUBLE,
    heating_energy VARCHAR, occupancy VARCHAR, tenure VARCHAR, dpe_label VARCHAR,
    label_source VARCHAR, ep_kwh_m2 DOUBLE, ef_kwh_m2 DOUBLE, ghg_kg_m2 DOUBLE,
    weight DOUBLE, lon DOUBLE, lat DOUBLE)`);
  await connection.run(`INSERT INTO ${STOCK_TABLE} VALUES ${values(stockRows())}`);
  if (options.heatingColumn === true) {
    await connection.run(`ALTER TABLE ${STOCK_TABLE} ADD COLUMN ef_heating_kwh_m2 DOUBLE`);
    await connection.run(`UPDATE ${STOCK_TABLE} SET ef_heating_kwh_m2 = 0.6 * ef_kwh_m2`);
  }
  await connection.run(`CREATE TABLE ${TERRITORY_COMMUNE_TABLE} (
    code_commune VARCHAR, nom_commune VARCHAR, code_epci VARCHAR, nom_epci VARCHAR,
    type_epci VARCHAR, code_departement VARCHAR, code_region VARCHAR, population DOUBLE,
    cog_year DOUBLE)`);
  const communes = COMMUNES.map(([code, epci, dep, reg, population]) => {
    const type = EPCIS.find(([candidate]) => candidate === epci)?.[1] ?? null;
    return [code, `Commune ${code}`, epci, epci, type, dep, reg, population, 2023];
  });
  await connection.run(`INSERT INTO ${TERRITORY_COMMUNE_TABLE} VALUES ${values(communes)}`);
  await connection.run(`CREATE TABLE ${TERRITORY_EPCI_TABLE} (
    code_epci VARCHAR, nom_epci VARCHAR, type_epci VARCHAR, code_departement VARCHAR,
    code_region VARCHAR, population DOUBLE, commune_count DOUBLE, has_contour BOOLEAN)`);
  const epcis = EPCIS.map(([code, type, dep, reg, population]) => {
    return [code, `EPCI ${code}`, type, dep, reg, population, 1, 'true'];
  });
  await connection.run(
    `INSERT INTO ${TERRITORY_EPCI_TABLE} VALUES ${values(epcis).replaceAll("'true'", 'TRUE')}`,
  );
  return connection;
}

/** Runs a query and returns its rows as plain JS objects. */
export async function queryRows(
  connection: DuckDBConnection,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}
