import type { DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { createPreaggregateCache, type RunSql } from '../../src/db/preaggregate-cache.ts';
import type { StockFilters } from '../../src/sql/filters.ts';
import { territoryIndicatorsSql } from '../../src/sql/indicators-sql.ts';
import { STOCK_TABLE } from '../../src/sql/tables.ts';
import { openAnalysisFixture, queryRows } from '../sql/analysis-stock-fixture.ts';

type Rows = Record<string, unknown>[];

/** One statement at a time, in order, like the query queue of `src/db/duckdb.ts`; logs the SQL. */
function queued(connection: DuckDBConnection, log: string[]): RunSql<Rows> {
  let queue: Promise<unknown> = Promise.resolve();
  return (sql) => {
    const result = queue.then(() => {
      log.push(sql);
      return queryRows(connection, sql);
    });
    queue = result.catch(() => undefined);
    return result;
  };
}

async function tableNames(connection: DuckDBConnection): Promise<string[]> {
  const rows = await queryRows(
    connection,
    "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'preagg_%' ORDER BY 1",
  );
  return rows.map((row) => `memory.main.${String(row.table_name)}`).sort();
}

const raw = (connection: DuckDBConnection, filters: StockFilters) =>
  queryRows(connection, territoryIndicatorsSql({ level: 'epci', filters }));

describe('createPreaggregateCache', () => {
  it('answers a new dimension raw, then reads its table for later values', async () => {
    const connection = await openAnalysisFixture();
    const log: string[] = [];
    const cache = createPreaggregateCache(queued(connection, log));
    const request = (filters: StockFilters) =>
      cache.query({ level: 'epci', filters, parent: null });

    const fg: StockFilters = { dataset: 'd1', labels: ['F', 'G'] };
    const first = await request(fg);
    expect(first.path).toBe('raw');
    expect(first.result).toEqual(await raw(connection, fg));
    const abc: StockFilters = { dataset: 'd1', labels: ['A', 'B', 'C'] };
    const second = await request(abc);
    expect(second.path).toBe('table');
    expect(second.result).toEqual(await raw(connection, abc));
    // The build was queued right after the first answer, before the second query.
    expect(log.map((sql) => sql.split('\n')[0])).toEqual([
      'SELECT',
      `CREATE OR REPLACE TABLE ${cache.tables()[0]} AS`,
      'SELECT',
    ]);
    // No filter at all: any table of the level covers it.
    const all = await request({ dataset: 'd1' });
    expect(all.path).toBe('table');
    expect(all.result).toEqual(await raw(connection, { dataset: 'd1' }));
  });

  it('builds nothing for a request without filter, nor for another dataset or level', async () => {
    const connection = await openAnalysisFixture();
    const cache = createPreaggregateCache(queued(connection, []));
    expect(
      (await cache.query({ level: 'epci', filters: { dataset: 'd1' }, parent: null })).path,
    ).toBe('raw');
    expect(cache.tables()).toEqual([]);
    await cache.prepare({ dataset: 'd1', level: 'epci', dimensions: ['labels'] });
    const d2 = await cache.query({ level: 'epci', filters: { dataset: 'd2' }, parent: null });
    const commune = await cache.query({
      level: 'commune',
      filters: { dataset: 'd1', labels: ['G'] },
      parent: { level: 'epci', code: 'E36A' },
    });
    expect([d2.path, commune.path]).toEqual(['raw', 'raw']);
    // An EPCI cannot be narrowed to a commune by a table: raw, and no table for it.
    const odd = await cache.query({
      level: 'epci',
      filters: { dataset: 'd1', periods: ['avant_1948'] },
      parent: { level: 'commune', code: '36001' },
    });
    expect(odd.path).toBe('raw');
    expect(cache.tables()).toHaveLength(2);
  });

  it('builds commune tables inside their parent only', async () => {
    const connection = await openAnalysisFixture();
    const cache = createPreaggregateCache(queued(connection, []));
    const communes = (code: string | null, labels: StockFilters['labels']) =>
      cache.query({
        level: 'commune',
        filters: { dataset: 'd1', labels },
        parent: code === null ? null : { level: 'departement', code },
      });
    expect((await communes(null, ['G'])).path).toBe('raw');
    expect(cache.tables()).toEqual([]);
    expect((await communes('36', ['G'])).path).toBe('raw');
    const in36 = await communes('36', ['F', 'G']);
    expect(in36.path).toBe('table');
    expect(in36.result).toEqual(
      await queryRows(
        connection,
        territoryIndicatorsSql({
          level: 'commune',
          filters: { dataset: 'd1', labels: ['F', 'G'] },
          parent: { level: 'departement', code: '36' },
        }),
      ),
    );
    expect(in36.result.map((row) => row.code)).toEqual(['36001', '36005']);
    // Another parent is not in that table.
    expect((await communes('37', ['F', 'G'])).path).toBe('raw');
    expect(cache.tables()).toHaveLength(2);
  });

  it('drops the least recently used table beyond the limit', async () => {
    const connection = await openAnalysisFixture();
    const cache = createPreaggregateCache(queued(connection, []), { limit: 2 });
    await cache.prepare({ dataset: 'd1', level: 'epci', dimensions: ['labels'] });
    const [labels] = cache.tables();
    await cache.prepare({ dataset: 'd1', level: 'epci', dimensions: ['periods'] });
    // Reading the labels table makes it the most recent: the periods table goes first.
    await cache.query({ level: 'epci', filters: { dataset: 'd1', labels: ['G'] }, parent: null });
    const [periods] = cache.tables();
    await cache.prepare({ dataset: 'd1', level: 'epci', dimensions: ['energies'] });
    const held = cache.tables();
    expect(held).toHaveLength(2);
    expect(held).not.toContain(periods);
    expect(held[0]).toBe(labels);
    expect(await tableNames(connection)).toEqual([...held].sort());
  });

  it('drops the tables of a dataset whose rows changed', async () => {
    const connection = await openAnalysisFixture();
    const cache = createPreaggregateCache(queued(connection, []));
    await cache.prepare({ dataset: 'd1', level: 'epci', dimensions: ['labels'] });
    await cache.prepare({ dataset: 'd2', level: 'epci', dimensions: ['labels'] });
    const [, d2Table] = cache.tables();
    await connection.run(
      `INSERT INTO ${STOCK_TABLE} (dataset, code_commune, code_epci, dpe_label, weight)
       VALUES ('d1', '36001', 'E36A', 'G', 7)`,
    );
    await cache.invalidate('d1');
    expect(cache.tables()).toEqual([d2Table]);
    expect(await tableNames(connection)).toEqual([d2Table]);
    const filters: StockFilters = { dataset: 'd1', labels: ['G'] };
    const answer = await cache.query({ level: 'epci', filters, parent: null });
    expect(answer.path).toBe('raw');
    expect(answer.result).toEqual(await raw(connection, filters));
    expect(answer.result[0]).toMatchObject({ code: 'E36A', dwellings: 17 });
  });

  it('keeps answering raw when a table cannot be built, and says so once per table', async () => {
    const connection = await openAnalysisFixture();
    const run = queued(connection, []);
    const failures: string[] = [];
    const cache = createPreaggregateCache<Rows>(
      (sql) => (sql.startsWith('CREATE') ? Promise.reject(new Error('mémoire')) : run(sql)),
      { onBuildError: (spec) => failures.push(spec.level) },
    );
    const filters: StockFilters = { dataset: 'd1', labels: ['F'] };
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await cache.query({ level: 'epci', filters, parent: null });
      expect(answer.path).toBe('raw');
      expect(answer.result).toEqual(await raw(connection, filters));
    }
    expect(failures).toEqual(['epci']);
    expect(cache.tables()).toEqual([]);
  });
});
