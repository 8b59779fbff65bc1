import { describe, expect, it } from 'vitest';
import { datasetTotalsSql } from '../../src/sql/dataset-totals-sql.ts';
import { openStockFixture } from './stock-fixture.ts';

describe('datasetTotalsSql', () => {
  it('builds the expected text', () => {
    expect(datasetTotalsSql()).toBe(`SELECT
  dataset,
  count(*)::DOUBLE AS rows,
  sum(weight)::DOUBLE AS dwellings
FROM memory.main.all_stock
GROUP BY dataset
ORDER BY dataset`);
  });

  it('counts rows and dwellings of attached and imported datasets', async () => {
    const connection = await openStockFixture();
    await connection.run(
      "INSERT INTO memory.main.imported_stock (dataset, code_commune, weight) VALUES ('imp', '36001', 1), ('imp', '36001', 1)",
    );
    const reader = await connection.runAndReadAll(datasetTotalsSql());
    expect(reader.getRowObjectsJS()).toEqual([
      { dataset: 'd1', rows: 8, dwellings: 154 },
      { dataset: 'd2', rows: 1, dwellings: 1000 },
      { dataset: 'imp', rows: 2, dwellings: 2 },
      { dataset: "l'autre", rows: 1, dwellings: 2 },
    ]);
  });
});
