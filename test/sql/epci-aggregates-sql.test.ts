import { describe, expect, it } from 'vitest';
import { epciAggregatesSql } from '../../src/sql/epci-aggregates-sql.ts';
import { openStockFixture } from './stock-fixture.ts';

describe('epciAggregatesSql', () => {
  it('builds the expected text', () => {
    expect(epciAggregatesSql({ dataset: "l'autre" })).toBe(`SELECT
  code_epci,
  (coalesce(sum(weight), 0))::DOUBLE AS dwellings,
  (coalesce(sum(weight * (dpe_label IN ('F', 'G'))::DOUBLE), 0))::DOUBLE AS fg_count,
  (sum(weight * (dpe_label IN ('F', 'G'))::DOUBLE)
    / nullif(sum(weight) FILTER (WHERE dpe_label IS NOT NULL), 0))::DOUBLE AS fg_share,
  (sum(ep_kwh_m2 * weight)
    / nullif(sum(weight) FILTER (WHERE ep_kwh_m2 IS NOT NULL), 0))::DOUBLE AS mean_ep,
  (sum(ef_kwh_m2 * surface_m2 * weight) / 1e6)::DOUBLE AS total_ef_gwh
FROM memory.main.all_stock
WHERE dataset = 'l''autre' AND code_epci IS NOT NULL
GROUP BY code_epci
ORDER BY code_epci`);
  });

  it('computes the hand-checked indicators on DuckDB', async () => {
    const connection = await openStockFixture();
    const reader = await connection.runAndReadAll(epciAggregatesSql({ dataset: 'd1' }));
    const rows = reader.getRowObjectsJS();
    expect(rows.map((row) => row.code_epci)).toEqual(['E1', 'E2', 'E4']);
    const [e1, e2, e4] = rows;
    // E1: 10 F + 5 G + 20 C + 5 unlabelled; the d2 row and the row without EPCI are left out.
    expect(e1?.dwellings).toBe(40);
    expect(e1?.fg_count).toBe(15);
    expect(e1?.fg_share).toBeCloseTo(15 / 35, 12);
    expect(e1?.mean_ep).toBeCloseTo((400 * 10 + 500 * 5 + 150 * 20) / 35, 9);
    expect(e1?.total_ef_gwh).toBeCloseTo((250 * 50 * 10 + 300 * 80 * 5 + 100 * 100 * 20) / 1e6, 12);
    // E2: no F/G gives a share of 0, not null; the row without consumption is out of the mean.
    expect(e2).toEqual({
      code_epci: 'E2',
      dwellings: 10,
      fg_count: 0,
      fg_share: 0,
      mean_ep: 60,
      total_ef_gwh: (50 * 70 * 3) / 1e6,
    });
    // E4: nothing labelled, nothing measured.
    expect(e4).toEqual({
      code_epci: 'E4',
      dwellings: 4,
      fg_count: 0,
      fg_share: null,
      mean_ep: null,
      total_ef_gwh: null,
    });
  });

  it('selects a dataset whose id holds a quote, and nothing for an injection attempt', async () => {
    const connection = await openStockFixture();
    const quoted = await connection.runAndReadAll(epciAggregatesSql({ dataset: "l'autre" }));
    expect(quoted.getRowObjectsJS()).toEqual([
      {
        code_epci: 'E3',
        dwellings: 2,
        fg_count: 0,
        fg_share: 0,
        mean_ep: 300,
        total_ef_gwh: 0.016,
      },
    ]);
    const hostile = await connection.runAndReadAll(epciAggregatesSql({ dataset: "d1' OR '1'='1" }));
    expect(hostile.getRowObjectsJS()).toEqual([]);
  });
});
