import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAllStockViewSql, createImportedStockSql } from '../../src/sql/imported-stock-sql.ts';
import { fgDwellingsByEpciSql } from '../../src/sql/programme-fg-dwellings-sql.ts';
import {
  programmeCommuneReferenceSql,
  programmeCommuneSuccessorSql,
  programmeEpciReferenceSql,
} from '../../src/sql/programme-reference-sql.ts';
import { openStockFixture } from './stock-fixture.ts';

/**
 * Tiny catalogs laid out like the browser's: `stock` (attached database) with the territory
 * tables and the stock, and the view over attached and imported stock in `memory`.
 * E1 holds 10 F + 5 G + 20 C (+ 7 F of another dataset), E2 one unlabelled cell and 3 A.
 */
async function openFixture(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`ATTACH ':memory:' AS stock`);
  await connection.run(`CREATE TABLE stock.main.stock (
    dataset VARCHAR, code_commune VARCHAR, code_epci VARCHAR, code_departement VARCHAR,
    code_region VARCHAR, housing_type VARCHAR, construction_period VARCHAR, surface_m2 DOUBLE,
    heating_energy VARCHAR, occupancy VARCHAR, tenure VARCHAR, dpe_label VARCHAR,
    label_source VARCHAR, ep_kwh_m2 DOUBLE, ef_kwh_m2 DOUBLE, ghg_kg_m2 DOUBLE,
    weight DOUBLE, lon DOUBLE, lat DOUBLE)`);
  const cells: [string, string | null, string | null, number][] = [
    ['demo', 'E1', 'F', 10],
    ['demo', 'E1', 'G', 5],
    ['demo', 'E1', 'C', 20],
    ['demo', 'E2', null, 4],
    ['demo', 'E2', 'A', 3],
    ['demo', null, 'G', 100],
    ['other', 'E1', 'F', 7],
  ];
  const literal = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);
  await connection.run(
    `INSERT INTO stock.main.stock (dataset, code_epci, dpe_label, weight) VALUES ${cells
      .map(([d, e, l, w]) => `(${literal(d)}, ${literal(e)}, ${literal(l)}, ${w})`)
      .join(', ')}`,
  );
  await connection.run(`CREATE TABLE stock.main.territory_commune (
    code_commune VARCHAR, nom_commune VARCHAR, code_epci VARCHAR, nom_epci VARCHAR,
    type_epci VARCHAR, code_departement VARCHAR, code_region VARCHAR, population DOUBLE,
    cog_year DOUBLE)`);
  await connection.run(`INSERT INTO stock.main.territory_commune VALUES
    ('36044', 'Châteauroux', '243600327', 'CA Châteauroux Métropole', 'CA', '36', '24', 43000, 2023),
    ('29083', 'Île-de-Sein', NULL, NULL, NULL, '29', '53', 250, 2023),
    ('01001', 'L''Abergement-Clémenciat', '200069193', 'CC de la Dombes', 'CC', '01', '84', 800, 2023)`);
  await connection.run(`CREATE TABLE stock.main.territory_epci (
    code_epci VARCHAR, nom_epci VARCHAR, type_epci VARCHAR, code_departement VARCHAR,
    code_region VARCHAR, population DOUBLE, commune_count DOUBLE, has_contour BOOLEAN)`);
  await connection.run(`INSERT INTO stock.main.territory_epci VALUES
    ('243600327', 'CA Châteauroux Métropole', 'CA', '36', '24', 72000, 14, true),
    ('200069193', 'CC de la Dombes', 'CC', '01', '84', 40000, 36, true)`);
  await connection.run(createImportedStockSql());
  await connection.run(createAllStockViewSql());
  return connection;
}

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openFixture();
});

describe('programme reference SQL', () => {
  it('builds the expected text', () => {
    expect(
      programmeCommuneReferenceSql(),
    ).toBe(`SELECT code_commune, nom_commune, code_epci, code_region
FROM stock.main.territory_commune
ORDER BY code_commune`);
    expect(programmeEpciReferenceSql()).toBe(`SELECT code_epci, nom_epci, code_region
FROM stock.main.territory_epci
ORDER BY code_epci`);
  });

  it('reads communes (with and without EPCI) and EPCI by code', async () => {
    const communes = (
      await connection.runAndReadAll(programmeCommuneReferenceSql())
    ).getRowObjectsJS();
    expect(communes).toEqual([
      {
        code_commune: '01001',
        nom_commune: "L'Abergement-Clémenciat",
        code_epci: '200069193',
        code_region: '84',
      },
      { code_commune: '29083', nom_commune: 'Île-de-Sein', code_epci: null, code_region: '53' },
      {
        code_commune: '36044',
        nom_commune: 'Châteauroux',
        code_epci: '243600327',
        code_region: '24',
      },
    ]);
    const epcis = (await connection.runAndReadAll(programmeEpciReferenceSql())).getRowObjectsJS();
    expect(epcis.map((e) => e.code_epci)).toEqual(['200069193', '243600327']);
    expect(epcis[1]).toEqual({
      code_epci: '243600327',
      nom_epci: 'CA Châteauroux Métropole',
      code_region: '24',
    });
  });

  it('reads the COG history of merged communes through the view over the attached table', async () => {
    const stock = await openStockFixture();
    const rows = (await stock.runAndReadAll(programmeCommuneSuccessorSql())).getRowObjectsJS();
    expect(rows).toEqual([
      { old_code: '36999', code_commune: '36001' },
      { old_code: '69999', code_commune: '69123' },
    ]);
  });
});

describe('fgDwellingsByEpciSql', () => {
  it('builds the expected text, quoting the dataset', () => {
    expect(fgDwellingsByEpciSql({ dataset: "l'import" })).toBe(`SELECT
  code_epci,
  (coalesce(sum(weight * (dpe_label IN ('F', 'G'))::DOUBLE), 0))::DOUBLE AS fg_dwellings
FROM memory.main.all_stock
WHERE dataset = 'l''import' AND code_epci IS NOT NULL
GROUP BY code_epci
ORDER BY code_epci`);
  });

  it('sums F and G weights of one dataset per EPCI, 0 for an EPCI without any', async () => {
    const rows = (
      await connection.runAndReadAll(fgDwellingsByEpciSql({ dataset: 'demo' }))
    ).getRowObjectsJS();
    expect(rows).toEqual([
      { code_epci: 'E1', fg_dwellings: 15 },
      { code_epci: 'E2', fg_dwellings: 0 },
    ]);
    const other = (
      await connection.runAndReadAll(fgDwellingsByEpciSql({ dataset: 'other' }))
    ).getRowObjectsJS();
    expect(other).toEqual([{ code_epci: 'E1', fg_dwellings: 7 }]);
  });
});
