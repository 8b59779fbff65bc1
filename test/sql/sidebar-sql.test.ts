import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StockFilters } from '../../src/sql/filters.ts';
import { completeDistribution, type DistributionRow } from '../../src/sql/indicators-sql.ts';
import { peerEpciCode, peerQuery, sidebarQueries } from '../../src/sql/sidebar-sql.ts';
import { stockColumnsSql } from '../../src/sql/stock-columns-sql.ts';
import { openAnalysisFixture, queryRows } from './analysis-stock-fixture.ts';

// Maisons F or G of dataset d1: in département 36, rows #1 (G, 10), #2 (F, 20), #9 (G, 30).
const FILTERS: StockFilters = { dataset: 'd1', labels: ['F', 'G'], housingTypes: ['maison'] };
const DEPARTEMENT_36 = { level: 'departement', code: '36' } as const;

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await openAnalysisFixture({ heatingColumn: true });
});

afterAll(() => {
  connection.closeSync();
});

async function distribution(sql: string, key: Parameters<typeof completeDistribution>[0]) {
  const rows = (await queryRows(connection, sql)) as unknown as DistributionRow[];
  return completeDistribution(key, rows).map((row) => [row.category, row.dwellings]);
}

describe('stockColumnsSql', () => {
  it('lists the columns of the stock, extra ones included', async () => {
    expect(stockColumnsSql()).toBe('SELECT column_name FROM (DESCRIBE memory.main.all_stock)');
    const columns = (await queryRows(connection, stockColumnsSql())).map((r) => r.column_name);
    expect(columns).toContain('dpe_label');
    expect(columns).toContain('ef_heating_kwh_m2');
  });
});

describe('sidebarQueries', () => {
  const columns = ['dpe_label', 'ef_heating_kwh_m2'];
  const queries = sidebarQueries({ filters: FILTERS, selection: DEPARTEMENT_36, columns });

  it('computes the weighted indicators of the selection under every filter', async () => {
    const [row] = await queryRows(connection, queries.indicators);
    expect(row?.records).toBe(3);
    expect(row?.dwellings).toBe(60);
    expect(row?.fg_count).toBe(60);
    expect(row?.fg_share).toBe(1);
    expect(row?.g_plus_count).toBe(10);
    expect(row?.mean_ep).toBeCloseTo(26_500 / 60, 9);
    expect(row?.total_ef_gwh).toBeCloseTo(1.68, 9);
    expect(row?.heating_ef_gwh).toBeCloseTo(0.6 * 1.68, 9);
  });

  it('leaves consumption by use out when the stock lacks its column', async () => {
    const plain = sidebarQueries({ filters: FILTERS, selection: null, columns: ['dpe_label'] });
    const [row] = await queryRows(connection, plain.indicators);
    expect(row).not.toHaveProperty('heating_ef_gwh');
    // France: rows #7 (F, 10) in 37, #12 (G, 10) in 86 and #13 (F, 3) in 29 join the 60 of the 36.
    expect(row?.dwellings).toBe(83);
  });

  it('does not filter a chart by its own selection (cross-filtering)', async () => {
    expect(await distribution(queries.distributions.labels, 'labels')).toEqual([
      ['A', 0],
      ['B', 0],
      ['C', 10],
      ['D', 5],
      ['E', 0],
      ['F', 20],
      ['G', 40],
      [null, 5],
    ]);
    expect(await distribution(queries.distributions.housingTypes, 'housingTypes')).toEqual([
      ['maison', 60],
      ['appartement', 0],
    ]);
  });

  it('filters a chart by the other dimensions', async () => {
    expect(await distribution(queries.distributions.periods, 'periods')).toEqual([
      ['avant_1948', 40],
      ['1948_1974', 0],
      ['1975_1988', 20],
      ['1989_2000', 0],
      ['2001_2012', 0],
      ['apres_2012', 0],
    ]);
  });

  it('gives equal texts for equal inputs and no comparison for France', () => {
    const again = sidebarQueries({ filters: { ...FILTERS }, selection: DEPARTEMENT_36, columns });
    expect(again).toEqual(queries);
    expect(sidebarQueries({ filters: FILTERS, selection: null, columns }).comparison).toBeNull();
  });
});

describe('comparison of a commune with its EPCI and the similar EPCI', () => {
  const selection = { level: 'commune', code: '36001' } as const;
  const queries = sidebarQueries({ filters: FILTERS, selection, columns: [] });

  it('finds the EPCI of the commune and compares it with its peers', async () => {
    const sql = queries.comparison;
    expect(sql).not.toBeNull();
    const rows = (await queryRows(connection, sql ?? '')) as {
      scope: string;
      code: string | null;
      name: string | null;
      dwellings: number;
    }[];
    expect(rows.map((row) => [row.scope, row.code, row.name, row.dwellings])).toEqual([
      ['territory', '36001', null, 30],
      ['epci', 'E36A', 'EPCI E36A', 30],
      ['departement', '36', null, 60],
      ['region', '24', null, 70],
      ['france', null, null, 83],
    ]);
    const code = peerEpciCode(selection, rows);
    expect(code).toBe('E36A');
    // E36A is a CC of 20 000: peers E36B, E36D, E37, E99; only E36D (30) and E37 (10) have data.
    const peers = await queryRows(connection, peerQuery(code, FILTERS, []) ?? '');
    expect(
      peers.map((row) => [row.statistic, row.peers, row.peers_with_data, row.dwellings]),
    ).toEqual([
      ['median', 4, 2, 20],
      ['mean', 4, 2, 20],
    ]);
  });

  it('has no peers for a département or France', () => {
    expect(peerEpciCode(DEPARTEMENT_36, [])).toBeNull();
    expect(peerEpciCode(null, null)).toBeNull();
    expect(peerEpciCode({ level: 'epci', code: 'E37' }, null)).toBe('E37');
    expect(peerQuery(null, FILTERS, [])).toBeNull();
  });
});
