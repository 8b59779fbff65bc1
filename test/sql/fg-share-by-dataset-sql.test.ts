import { describe, expect, it } from 'vitest';
import { fgShareByDatasetSql } from '../../src/sql/fg-share-by-dataset-sql.ts';
import { openStockFixture } from './stock-fixture.ts';

describe('fgShareByDatasetSql', () => {
  it('builds the expected text', () => {
    expect(
      fgShareByDatasetSql({ datasets: ['obs', "l'autre"], codeEpci: '200046977' }),
    ).toBe(`SELECT
  dataset,
  count(*)::DOUBLE AS records,
  count(*) FILTER (WHERE dpe_label IS NOT NULL)::DOUBLE AS labelled_records,
  (coalesce(sum(weight) FILTER (WHERE dpe_label IS NOT NULL), 0))::DOUBLE AS labelled_dwellings,
  (coalesce(sum(weight * (dpe_label IN ('F', 'G'))::DOUBLE), 0))::DOUBLE AS fg_dwellings,
  (sum(weight * (dpe_label IN ('F', 'G'))::DOUBLE)
    / nullif(sum(weight) FILTER (WHERE dpe_label IS NOT NULL), 0))::DOUBLE AS fg_share
FROM memory.main.all_stock
WHERE code_epci = '200046977' AND dataset IN ('obs', 'l''autre')
GROUP BY dataset
ORDER BY dataset`);
  });

  it('refuses an empty list of datasets', () => {
    expect(() => fgShareByDatasetSql({ datasets: [], codeEpci: 'E1' })).toThrow();
  });

  it('sets observed records next to the modelled stock, each with its base', async () => {
    const connection = await openStockFixture();
    await connection.run(`INSERT INTO memory.main.imported_stock (dataset, code_commune, code_epci, dpe_label, weight)
      VALUES ('obs', '36001', 'E1', 'F', 1), ('obs', '36001', 'E1', 'C', 1),
             ('obs', '36001', 'E1', NULL, 1), ('obs', '36001', 'E2', 'G', 1)`);
    const reader = await connection.runAndReadAll(
      fgShareByDatasetSql({ datasets: ['obs', 'd1', 'd9'], codeEpci: 'E1' }),
    );
    // d1 in E1: F 10 + G 5 + C 20 labelled, 5 unlabelled; d9 has no row, hence no result row.
    expect(reader.getRowObjectsJS()).toEqual([
      {
        dataset: 'd1',
        records: 4,
        labelled_records: 3,
        labelled_dwellings: 35,
        fg_dwellings: 15,
        fg_share: 15 / 35,
      },
      {
        dataset: 'obs',
        records: 3,
        labelled_records: 2,
        labelled_dwellings: 2,
        fg_dwellings: 1,
        fg_share: 0.5,
      },
    ]);
  });

  it('gives a share of 0 without F/G and null without any label', async () => {
    const connection = await openStockFixture();
    const reader = await connection.runAndReadAll(
      fgShareByDatasetSql({ datasets: ['d1'], codeEpci: 'E4' }),
    );
    expect(reader.getRowObjectsJS()[0]?.fg_share).toBeNull();
    const e2 = await connection.runAndReadAll(
      fgShareByDatasetSql({ datasets: ['d1'], codeEpci: 'E2' }),
    );
    expect(e2.getRowObjectsJS()[0]?.fg_share).toBe(0);
  });
});
