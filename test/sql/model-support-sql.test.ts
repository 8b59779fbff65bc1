import { describe, expect, it } from 'vitest';
import { modelSupportSql } from '../../src/sql/model-support-sql.ts';
import { openStockFixture } from './stock-fixture.ts';

describe('modelSupportSql', () => {
  it('builds the expected text', () => {
    expect(modelSupportSql({ dataset: 'demo', scope: { level: 'epci', code: "E'1" } })).toBe(`SELECT
  count(*)::DOUBLE AS communes,
  count(*) FILTER (WHERE m.period_source IN ('commune', 'epci'))::DOUBLE AS census_communes
FROM stock.main.model_support m
JOIN stock.main.territory_commune t ON t.code_commune = m.code_commune
WHERE m.dataset = 'demo'
  AND t.code_epci = 'E''1'`);
  });

  it('counts the communes of a scope and those with census periods', async () => {
    const connection = await openStockFixture();
    await connection.run(
      'CREATE TABLE stock.main.model_support (dataset VARCHAR, code_commune VARCHAR, period_source VARCHAR)',
    );
    await connection.run(`INSERT INTO stock.main.model_support VALUES
      ('demo', '36001', 'departement'), ('demo', '69123', 'epci'), ('autre', '36001', 'commune')`);
    const read = async (scope: Parameters<typeof modelSupportSql>[0]['scope']) =>
      (
        await connection.runAndReadAll(modelSupportSql({ dataset: 'demo', scope }))
      ).getRowObjectsJS();
    expect(await read('france')).toEqual([{ communes: 2, census_communes: 1 }]);
    expect(await read({ level: 'epci', code: 'E1' })).toEqual([
      { communes: 1, census_communes: 0 },
    ]);
    expect(await read({ level: 'region', code: '84' })).toEqual([
      { communes: 1, census_communes: 1 },
    ]);
  });
});
