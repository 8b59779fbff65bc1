import { describe, expect, it } from 'vitest';
import { labelDistributionSql } from '../../src/sql/label-distribution-sql.ts';
import { openStockFixture } from './stock-fixture.ts';

describe('labelDistributionSql', () => {
  it('builds the expected text', () => {
    expect(labelDistributionSql({ dataset: 'd1', codeEpci: "E'1" })).toBe(`SELECT
  dpe_label AS label,
  sum(weight)::DOUBLE AS dwellings
FROM memory.main.all_stock
WHERE dataset = 'd1' AND code_epci = 'E''1'
GROUP BY dpe_label
ORDER BY dpe_label NULLS LAST`);
  });

  it('counts weighted dwellings per label, unlabelled last', async () => {
    const connection = await openStockFixture();
    const reader = await connection.runAndReadAll(
      labelDistributionSql({ dataset: 'd1', codeEpci: 'E1' }),
    );
    expect(reader.getRowObjectsJS()).toEqual([
      { label: 'C', dwellings: 20 },
      { label: 'F', dwellings: 10 },
      { label: 'G', dwellings: 5 },
      { label: null, dwellings: 5 },
    ]);
  });

  it('returns no row for an unknown EPCI', async () => {
    const connection = await openStockFixture();
    const reader = await connection.runAndReadAll(
      labelDistributionSql({ dataset: 'd1', codeEpci: 'E9' }),
    );
    expect(reader.getRowObjectsJS()).toEqual([]);
  });
});
