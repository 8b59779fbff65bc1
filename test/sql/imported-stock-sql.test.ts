import { describe, expect, it } from 'vitest';
import { epciAggregatesSql } from '../../src/sql/epci-aggregates-sql.ts';
import {
  attachedSuccessorTableSql,
  communeSuccessorSetupSql,
  createAllStockViewSql,
  createImportedStockSql,
  insertImportedStockSql,
  STOCK_TABLE_COLUMNS,
  stagingSummarySql,
} from '../../src/sql/imported-stock-sql.ts';
import { openStockFixture } from './stock-fixture.ts';

const STAGING = 'memory.main.staging';

/** Stages rows as the import worker's Arrow would: commune, optional EPCI, label, weight. */
async function stage(rows: [string, string | null, string | null, number][]) {
  const connection = await openStockFixture();
  await connection.run(`CREATE TABLE ${STAGING} AS SELECT * FROM stock.main.stock LIMIT 0`);
  const values = rows.map(
    ([commune, epci, label, weight]) =>
      `('from-file', '${commune}', ${epci === null ? 'NULL' : `'${epci}'`}, NULL, NULL, NULL, NULL, 50, NULL, NULL, NULL, ${label === null ? 'NULL' : `'${label}'`}, 'observed', 300, 200, 40, ${weight}, NULL, NULL)`,
  );
  await connection.run(`INSERT INTO ${STAGING} VALUES ${values.join(', ')}`);
  return connection;
}

describe('imported stock SQL', () => {
  it('creates the table with the canonical columns and a view over both tables', () => {
    expect(createImportedStockSql()).toMatch(
      /^CREATE TABLE IF NOT EXISTS memory\.main\.imported_stock \(\n {2}dataset VARCHAR,\n {2}code_commune VARCHAR,/,
    );
    expect(STOCK_TABLE_COLUMNS.map(([name]) => name)).toHaveLength(19);
    expect(createAllStockViewSql()).toBe(`CREATE OR REPLACE VIEW memory.main.all_stock AS
SELECT * FROM stock.main.stock
UNION ALL BY NAME
SELECT * FROM memory.main.imported_stock`);
  });

  it('has exactly the columns and types of the attached stock table', async () => {
    const connection = await openStockFixture();
    const attached = await connection.runAndReadAll(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = 'stock' AND table_name = 'stock' ORDER BY ordinal_position",
    );
    const imported = await connection.runAndReadAll(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = 'memory' AND table_name = 'imported_stock' ORDER BY ordinal_position",
    );
    expect(imported.getRowObjectsJS()).toEqual(attached.getRowObjectsJS());
  });

  it('counts staged rows, dwellings and communes absent from the COG', async () => {
    const connection = await stage([
      ['36001', null, 'F', 1],
      ['69123', null, 'C', 1],
      ['99999', null, 'G', 2],
      ['99998', '200000001', 'A', 1],
      ['99999', null, null, 1],
    ]);
    const summary = await connection.runAndReadAll(stagingSummarySql({ staging: STAGING }));
    expect(summary.getRowObjectsJS()).toEqual([
      {
        rows: 5,
        dwellings: 6,
        outside_cog_rows: 3,
        outside_cog_dwellings: 4,
        without_epci_rows: 2,
        outside_cog_examples: '99998, 99999',
        remapped_rows: 0,
        remapped_examples: null,
      },
    ]);
  });

  it('moves rows of a commune merged since to its commune nouvelle and says so', async () => {
    const connection = await stage([
      ['36999', null, 'F', 2],
      ['36999', '200000001', 'G', 1],
      ['69999', null, 'C', 1],
      ['36001', null, 'A', 1],
    ]);
    const summary = await connection.runAndReadAll(stagingSummarySql({ staging: STAGING }));
    expect(summary.getRowObjectsJS()).toEqual([
      {
        rows: 4,
        dwellings: 5,
        outside_cog_rows: 0,
        outside_cog_dwellings: 0,
        without_epci_rows: 0,
        outside_cog_examples: null,
        remapped_rows: 3,
        remapped_examples: '36999 → 36001, 69999 → 69123',
      },
    ]);
    await connection.run(insertImportedStockSql({ dataset: 'fusion', staging: STAGING }));
    const rows = await connection.runAndReadAll(
      "SELECT code_commune, code_epci, code_departement, dpe_label FROM memory.main.all_stock WHERE dataset = 'fusion' ORDER BY dpe_label",
    );
    // The EPCI a file gives for an absorbed code is of its own vintage: the COG's wins.
    expect(rows.getRowObjectsJS()).toEqual([
      { code_commune: '36001', code_epci: 'E1', code_departement: '36', dpe_label: 'A' },
      { code_commune: '69123', code_epci: '200046977', code_departement: '69', dpe_label: 'C' },
      { code_commune: '36001', code_epci: 'E1', code_departement: '36', dpe_label: 'F' },
      { code_commune: '36001', code_epci: 'E1', code_departement: '36', dpe_label: 'G' },
    ]);
  });

  it('leaves codes alone when the attached database has no history table', async () => {
    const connection = await stage([['36999', null, 'F', 1]]);
    await connection.run(communeSuccessorSetupSql(false));
    const [summary] = (
      await connection.runAndReadAll(stagingSummarySql({ staging: STAGING }))
    ).getRowObjectsJS();
    expect(summary).toMatchObject({ outside_cog_rows: 1, remapped_rows: 0 });
  });

  it('inserts under the dataset id, with EPCI, département and région from the COG', async () => {
    const connection = await stage([
      ['36001', null, 'F', 1],
      ['69123', null, 'C', 1],
      ['99999', null, 'G', 2],
      ['99998', '200000001', 'A', 1],
    ]);
    await connection.run(insertImportedStockSql({ dataset: "imp'1", staging: STAGING }));
    const rows = await connection.runAndReadAll(
      "SELECT dataset, code_commune, code_epci, code_departement, code_region, weight FROM memory.main.all_stock WHERE dataset = 'imp''1' ORDER BY code_commune",
    );
    expect(rows.getRowObjectsJS()).toEqual([
      {
        dataset: "imp'1",
        code_commune: '36001',
        code_epci: 'E1',
        code_departement: '36',
        code_region: '24',
        weight: 1,
      },
      {
        dataset: "imp'1",
        code_commune: '69123',
        code_epci: '200046977',
        code_departement: '69',
        code_region: '84',
        weight: 1,
      },
      {
        dataset: "imp'1",
        code_commune: '99998',
        code_epci: '200000001',
        code_departement: null,
        code_region: null,
        weight: 1,
      },
      {
        dataset: "imp'1",
        code_commune: '99999',
        code_epci: null,
        code_departement: null,
        code_region: null,
        weight: 2,
      },
    ]);
    // The map's builder reads the imported dataset through the view; the row without EPCI is out.
    const aggregates = await connection.runAndReadAll(epciAggregatesSql({ dataset: "imp'1" }));
    expect(
      aggregates.getRowObjectsJS().map((row) => [row.code_epci, row.dwellings, row.fg_share]),
    ).toEqual([
      ['200000001', 1, 0],
      ['200046977', 1, 0],
      ['E1', 1, 1],
    ]);
  });

  it('quotes the dataset id in the insert', () => {
    expect(
      insertImportedStockSql({ dataset: "x'y", staging: 'memory.main.s' }),
    ).toBe(`INSERT INTO memory.main.imported_stock
SELECT
  'x''y' AS dataset,
  coalesce(m.code_commune, s.code_commune) AS code_commune,
  CASE WHEN m.code_commune IS NULL THEN coalesce(s.code_epci, t.code_epci) ELSE t.code_epci END AS code_epci,
  CASE WHEN m.code_commune IS NULL THEN coalesce(s.code_departement, t.code_departement) ELSE t.code_departement END AS code_departement,
  CASE WHEN m.code_commune IS NULL THEN coalesce(s.code_region, t.code_region) ELSE t.code_region END AS code_region,
  s.housing_type,
  s.construction_period,
  s.surface_m2,
  s.heating_energy,
  s.occupancy,
  s.tenure,
  s.dpe_label,
  s.label_source,
  s.ep_kwh_m2,
  s.ef_kwh_m2,
  s.ghg_kg_m2,
  s.weight,
  s.lon,
  s.lat
FROM memory.main.s AS s
LEFT JOIN memory.main.commune_successor AS m ON m.old_code = s.code_commune
LEFT JOIN stock.main.territory_commune AS t ON t.code_commune = coalesce(m.code_commune, s.code_commune)`);
  });

  it('finds the history table of the attached database', async () => {
    const connection = await openStockFixture();
    const rows = await connection.runAndReadAll(attachedSuccessorTableSql());
    expect(rows.getRowObjectsJS()).toEqual([{ n: 1 }]);
  });
});
