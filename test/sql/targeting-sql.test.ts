import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STOCK_TABLE } from '../../src/sql/tables.ts';
import { targetingCriteriaSql } from '../../src/sql/targeting-sql.ts';
import { openAnalysisFixture, queryRows } from './analysis-stock-fixture.ts';

type Connection = Awaited<ReturnType<typeof openAnalysisFixture>>;
let connection: Connection;

beforeAll(async () => {
  connection = await openAnalysisFixture();
});
afterAll(() => {
  connection?.closeSync();
});

describe('targetingCriteriaSql', () => {
  it('builds one grouped query with the stock criteria and the F/G means', () => {
    const sql = targetingCriteriaSql({
      level: 'commune',
      filters: { dataset: 'd1' },
      parent: { level: 'epci', code: 'E36A' },
    });
    expect(sql.split('\n').slice(0, 4)).toEqual([
      'SELECT',
      '  code_commune AS code,',
      '  (coalesce(sum(weight), 0))::DOUBLE AS dwellings,',
      '  (coalesce(sum(weight) FILTER (WHERE dpe_label IS NOT NULL), 0))::DOUBLE AS labelled,',
    ]);
    expect(sql).toContain("heating_energy IN ('fioul', 'charbon')");
    expect(sql.split('\n').slice(-6)).toEqual([
      `FROM ${STOCK_TABLE}`,
      "WHERE dataset = 'd1'",
      '  AND code_commune IS NOT NULL',
      "  AND code_epci = 'E36A'",
      'GROUP BY code_commune',
      'ORDER BY code_commune',
    ]);
  });

  it('computes the criteria of the communes of an EPCI on DuckDB (figures worked by hand)', async () => {
    const rows = await queryRows(
      connection,
      targetingCriteriaSql({
        level: 'commune',
        filters: { dataset: 'd1' },
        parent: { level: 'epci', code: 'E36A' },
      }),
    );
    // 36001: rows #1 (G, fioul, owner, 10) and #2 (F, électricité, private rental, 20).
    expect(rows[0]).toEqual({
      code: '36001',
      dwellings: 30,
      labelled: 30,
      fg: 30,
      g_plus: 10,
      fossil_share: 10 / 30,
      owner_share: 10 / 30,
      f_dwellings: 20,
      f_surface: 80,
      f_ep: 400,
      f_ef: 200,
      g_dwellings: 10,
      g_surface: 100,
      g_ep: 500,
      g_ef: 460,
    });
    // 36002: rows #3 and #4, no F/G, no oil, no owner: zeros, and null means.
    expect(rows[1]).toMatchObject({
      code: '36002',
      dwellings: 70,
      fg: 0,
      g_plus: 0,
      fossil_share: 0,
      owner_share: 0,
      f_dwellings: 0,
      f_surface: null,
      g_ep: null,
    });
    expect(rows).toHaveLength(2);
  });

  it('applies the filters and the EPCI-in-département rule', async () => {
    const filtered = await queryRows(
      connection,
      targetingCriteriaSql({
        level: 'commune',
        filters: { dataset: 'd1', labels: ['G'] },
        parent: { level: 'epci', code: 'E36A' },
      }),
    );
    expect(filtered).toEqual([expect.objectContaining({ code: '36001', dwellings: 10, fg: 10 })]);
    const epcis = await queryRows(
      connection,
      targetingCriteriaSql({
        level: 'epci',
        filters: { dataset: 'd1' },
        parent: { level: 'departement', code: '36' },
      }),
    );
    // E37's main département is 37: it is not ranked among the EPCI of the 36.
    expect(epcis.map((row) => row.code)).toEqual(['E36A', 'E36B', 'E36D']);
    // E36D: rows #9 (G, fioul, owner, 30, 100 m²) and #10 (C, gaz, private, 10).
    expect(epcis[2]).toMatchObject({
      fg: 30,
      fossil_share: 0.75,
      owner_share: 0.75,
      g_surface: 100,
    });
  });
});
