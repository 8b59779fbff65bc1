import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAssets } from '../../scripts/prepare-assets.ts';
import {
  TERRITORY_LEVELS,
  type TerritoryLevel,
  type TerritoryRef,
} from '../../src/domain/territory.ts';
import {
  FILTER_DIMENSIONS,
  FILTER_KEYS,
  type FilterKey,
  type StockFilters,
} from '../../src/sql/filters.ts';
import { territoryIndicatorsSql } from '../../src/sql/indicators-sql.ts';
import {
  activeDimensions,
  coversFilters,
  createPreaggregateSql,
  dimensionColumn,
  type PreaggregateSpec,
  preaggregatedIndicatorsSql,
  preaggregateSpecFor,
  preaggregateTableName,
  supportsParent,
} from '../../src/sql/preaggregate-sql.ts';
import { STOCK_TABLE } from '../../src/sql/tables.ts';
import { openAnalysisFixture, queryRows } from './analysis-stock-fixture.ts';

type Row = Record<string, unknown>;

/**
 * Whether two results hold the same territories with the same figures. Sums of doubles taken in
 * another order (per group, then over groups) may differ in the last bits, as two parallel runs of
 * the same query may: values are compared to 1e-9 relative, nulls exactly.
 */
function expectSameRows(actual: readonly Row[], expected: readonly Row[]): void {
  expect(actual.map((row) => row.code)).toEqual(expected.map((row) => row.code));
  const mismatches: string[] = [];
  expected.forEach((row, index) => {
    const other = actual[index] ?? {};
    if (Object.keys(other).join() !== Object.keys(row).join()) {
      mismatches.push(`${String(row.code)}: columns ${Object.keys(other).join()}`);
    }
    for (const [key, value] of Object.entries(row)) {
      const got = other[key];
      const same =
        typeof value === 'number' && typeof got === 'number'
          ? Math.abs(got - value) / Math.max(Math.abs(value), Math.abs(got), 1) < 1e-9
          : got === value;
      if (!same) mismatches.push(`${String(row.code)} ${key}: ${String(got)} ≠ ${String(value)}`);
    }
  });
  expect(mismatches.slice(0, 10)).toEqual([]);
}

async function comparePaths(
  connection: DuckDBConnection,
  spec: PreaggregateSpec,
  filters: StockFilters,
  parent: TerritoryRef | null,
): Promise<Row[]> {
  const raw = await queryRows(
    connection,
    territoryIndicatorsSql({
      level: spec.level,
      filters,
      ...(parent === null ? {} : { parent }),
      ...(spec.availableColumns === undefined ? {} : { availableColumns: spec.availableColumns }),
    }),
  );
  const fast = await queryRows(connection, preaggregatedIndicatorsSql(spec, filters, parent));
  expectSameRows(fast, raw);
  return fast;
}

describe('preaggregate SQL text', () => {
  const spec: PreaggregateSpec = {
    dataset: "l'autre",
    level: 'epci',
    dimensions: ['labels', 'surfaceBands', 'labels'],
  };

  it('names tables after their inputs, whatever the order of the dimensions', () => {
    const name = preaggregateTableName(spec);
    expect(name).toMatch(/^memory\.main\.preagg_epci_[0-9a-f]{8}$/);
    expect(preaggregateTableName({ ...spec, dimensions: ['surfaceBands', 'labels'] })).toBe(name);
    expect(preaggregateTableName({ ...spec, dimensions: ['labels'] })).not.toBe(name);
    expect(preaggregateTableName({ ...spec, dataset: 'autre' })).not.toBe(name);
    expect(preaggregateTableName({ ...spec, level: 'commune' })).not.toBe(name);
    expect(preaggregateTableName({ ...spec, availableColumns: ['ef_heating_kwh_m2'] })).not.toBe(
      name,
    );
  });

  it('groups by the level code and the categories of the dimensions', () => {
    const sql = createPreaggregateSql(spec);
    expect(sql).toContain(`CREATE OR REPLACE TABLE ${preaggregateTableName(spec)} AS`);
    expect(sql).toContain(`  ${FILTER_DIMENSIONS.surfaceBands.categorySql} AS cat_surface_bands`);
    expect(sql).toContain('  dpe_label AS cat_labels');
    expect(sql).toContain("WHERE dataset = 'l''autre'\n  AND code_epci IS NOT NULL");
    expect(sql).toContain('GROUP BY code_epci, cat_surface_bands, cat_labels');
    expect(createPreaggregateSql({ ...spec, level: 'commune' })).toContain(
      'GROUP BY code_commune, code_epci, code_departement, code_region, cat_surface_bands',
    );
  });

  it('selects the filtered categories and the parent', () => {
    const sql = preaggregatedIndicatorsSql(
      spec,
      { dataset: "l'autre", labels: ['G', 'F'], surfaceBands: ['moins_30'] },
      { level: 'departement', code: '36' },
    );
    expect(sql).toContain(`FROM ${preaggregateTableName(spec)}
WHERE cat_surface_bands IN ('moins_30')
  AND cat_labels IN ('F', 'G')
  AND code_epci IN (SELECT code_epci FROM stock.main.territory_epci WHERE code_departement = '36')
GROUP BY code_epci
ORDER BY code_epci`);
    expect(sql).toContain(
      '  sum(n)::DOUBLE AS records,\n  (coalesce(sum(w), 0))::DOUBLE AS dwellings,',
    );
  });

  it('refuses what the table cannot answer', () => {
    expect(() => preaggregatedIndicatorsSql(spec, { dataset: 'autre' })).toThrow(RangeError);
    expect(() =>
      preaggregatedIndicatorsSql(spec, { dataset: "l'autre", periods: ['avant_1948'] }),
    ).toThrow(RangeError);
    expect(() =>
      preaggregatedIndicatorsSql(spec, { dataset: "l'autre" }, { level: 'commune', code: '1' }),
    ).toThrow(RangeError);
  });

  it('restricts a table to its parent', () => {
    const parent: TerritoryRef = { level: 'epci', code: 'E36A' };
    const restricted: PreaggregateSpec = { ...spec, level: 'commune', parent };
    expect(preaggregateTableName(restricted)).not.toBe(
      preaggregateTableName({ ...restricted, parent: { level: 'epci', code: 'E36B' } }),
    );
    expect(createPreaggregateSql(restricted)).toContain(
      "  AND code_commune IS NOT NULL\n  AND code_epci = 'E36A'\nGROUP BY",
    );
    const sql = preaggregatedIndicatorsSql(restricted, { dataset: "l'autre" }, parent);
    expect(sql).not.toContain('WHERE');
    expect(() =>
      preaggregatedIndicatorsSql(restricted, { dataset: "l'autre" }, { level: 'epci', code: 'X' }),
    ).toThrow(RangeError);
    expect(() => preaggregatedIndicatorsSql(restricted, { dataset: "l'autre" })).toThrow(
      RangeError,
    );
  });

  it('builds tables only where they pay off', () => {
    const filters: StockFilters = { dataset: 'd', labels: ['G'] };
    const epci: TerritoryRef = { level: 'epci', code: 'E' };
    expect(preaggregateSpecFor({ level: 'epci', filters: { dataset: 'd' }, parent: null })).toBe(
      null,
    );
    expect(preaggregateSpecFor({ level: 'commune', filters, parent: null })).toBe(null);
    expect(preaggregateSpecFor({ level: 'epci', filters, parent: epci })).toBe(null);
    expect(preaggregateSpecFor({ level: 'commune', filters, parent: epci })).toEqual({
      dataset: 'd',
      level: 'commune',
      dimensions: ['labels'],
      parent: epci,
    });
    expect(
      preaggregateSpecFor({ level: 'epci', filters, parent: { level: 'region', code: '24' } }),
    ).toEqual({ dataset: 'd', level: 'epci', dimensions: ['labels'] });
  });

  it('tells active dimensions, coverage and supported parents', () => {
    const filters = { labels: ['F' as const], periods: [], energies: ['gaz' as const] };
    expect(activeDimensions(filters)).toEqual(['energies', 'labels']);
    expect(coversFilters(['labels', 'energies', 'tenures'], filters)).toBe(true);
    expect(coversFilters(['labels'], filters)).toBe(false);
    expect(dimensionColumn('housingTypes')).toBe('cat_housing_types');
    expect(supportsParent('commune', { level: 'epci', code: 'E' })).toBe(true);
    expect(supportsParent('epci', { level: 'epci', code: 'E' })).toBe(false);
    expect(supportsParent('region', null)).toBe(true);
  });
});

describe('preaggregated indicators on the hand-made fixture', () => {
  const cases: {
    level: TerritoryLevel;
    filters: Omit<StockFilters, 'dataset'>;
    parent?: TerritoryRef;
    restricted?: boolean;
  }[] = [
    { level: 'region', filters: {} },
    { level: 'departement', filters: { labels: ['F', 'G'] } },
    // Row #6 has no label, no tenure: unknown categories never match a filter.
    { level: 'commune', filters: { tenures: ['proprietaire_occupant'] } },
    { level: 'commune', filters: { surfaceBands: ['moins_30', '30_40', '100_150'] } },
    {
      level: 'epci',
      filters: { housingTypes: ['maison'], periods: ['avant_1948'] },
      parent: { level: 'departement', code: '36' },
    },
    // E37 straddles 36 and 37: counted whole in its main département, as the raw query does.
    {
      level: 'epci',
      filters: { energies: ['electricite'] },
      parent: { level: 'departement', code: '37' },
    },
    { level: 'commune', filters: { labels: ['A'] }, parent: { level: 'epci', code: 'E36A' } },
    // Restricted to the parent: the table holds the parent's communes only.
    {
      level: 'commune',
      filters: { labels: ['E', 'F', 'G'], tenures: ['locataire_prive'] },
      parent: { level: 'departement', code: '36' },
      restricted: true,
    },
    {
      level: 'commune',
      filters: { periods: ['avant_1948'] },
      parent: { level: 'epci', code: 'E37' },
      restricted: true,
    },
  ];

  for (const { level, filters, parent, restricted } of cases) {
    const name = `${level} ${JSON.stringify(filters)}${restricted ? ` in ${parent?.code}` : ''}`;
    it(`returns the raw rows for ${name}`, async () => {
      const connection = await openAnalysisFixture({ heatingColumn: true });
      const spec: PreaggregateSpec = {
        dataset: 'd1',
        level,
        dimensions: [...activeDimensions(filters), 'tenures'],
        availableColumns: ['ef_heating_kwh_m2'],
        ...(restricted && parent !== undefined ? { parent } : {}),
      };
      await connection.run(createPreaggregateSql(spec));
      await comparePaths(connection, spec, { ...filters, dataset: 'd1' }, parent ?? null);
    });
  }

  it('keeps nulls and small counts as the raw query does', async () => {
    const connection = await openAnalysisFixture();
    const spec: PreaggregateSpec = { dataset: 'd1', level: 'commune', dimensions: ['tenures'] };
    await connection.run(createPreaggregateSql(spec));
    const rows = await queryRows(connection, preaggregatedIndicatorsSql(spec, { dataset: 'd1' }));
    // 36003: #5 (5 dwellings, D) and #6 (5 dwellings, nothing known).
    expect(rows.find((row) => row.code === '36003')).toMatchObject({
      records: 2,
      dwellings: 10,
      fg_count: 0,
      fg_share: 0,
      mean_ep: 200,
    });
    // d2's 1000 dwellings in 36001 stay out of d1; Ouessant (#13, no EPCI) is a commune row.
    expect(rows.find((row) => row.code === '36001')).toMatchObject({ records: 2, dwellings: 30 });
    expect(rows.find((row) => row.code === '29155')).toMatchObject({ records: 1, dwellings: 3 });
    const none = await queryRows(
      connection,
      preaggregatedIndicatorsSql(spec, { dataset: 'd1', tenures: ['locataire_social'] }),
    );
    expect(none).toEqual([expect.objectContaining({ code: '36002', records: 1, dwellings: 30 })]);
  });
});

describe('preaggregated indicators on the demo stock (property)', () => {
  let connection: DuckDBConnection;
  let instance: DuckDBInstance;
  const built = new Set<string>();
  const parents: Partial<Record<TerritoryLevel, TerritoryRef[]>> = {};

  // Two régions of the demo stock (Centre-Val de Loire, Corse: 46k rows) as the stock table, with
  // unknown labels, surfaces, energies and consumptions sprinkled in: the demo has none of those.
  beforeAll(async () => {
    // A fresh checkout has no built assets yet (the browser tests build them later): build them.
    await prepareAssets();
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(`ATTACH 'public/data/stock.duckdb' AS stock (READ_ONLY)`);
    await connection.run(`CREATE TABLE ${STOCK_TABLE} AS
      SELECT * FROM stock.main.stock WHERE code_region IN ('24', '94') ORDER BY code_commune`);
    await connection.run(`UPDATE ${STOCK_TABLE} SET
      dpe_label = CASE WHEN rowid % 17 = 0 THEN NULL ELSE dpe_label END,
      surface_m2 = CASE WHEN rowid % 23 = 0 THEN NULL WHEN rowid % 37 = 0 THEN 0 ELSE surface_m2 END,
      heating_energy = CASE WHEN rowid % 29 = 0 THEN NULL ELSE heating_energy END,
      ep_kwh_m2 = CASE WHEN rowid % 31 = 0 THEN NULL ELSE ep_kwh_m2 END`);
    parents.region = [{ level: 'region', code: '24' }];
    parents.departement = [
      { level: 'departement', code: '36' },
      { level: 'departement', code: '2A' },
    ];
    const [epci] = await queryRows(
      connection,
      `SELECT code_epci FROM ${STOCK_TABLE} WHERE code_departement = '36' AND code_epci IS NOT NULL LIMIT 1`,
    );
    parents.epci = [{ level: 'epci', code: String(epci?.code_epci) }];
  }, 900_000);

  afterAll(() => {
    instance?.closeSync();
  });

  const selection = <K extends FilterKey>(key: K) =>
    fc.subarray([...FILTER_DIMENSIONS[key].values] as string[], { minLength: 0 });

  const filtersArbitrary = fc.record(
    Object.fromEntries(FILTER_KEYS.map((key) => [key, selection(key)])) as Record<
      FilterKey,
      fc.Arbitrary<string[]>
    >,
  );

  it('returns the rows of territoryIndicatorsSql for random filters, levels and parents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TERRITORY_LEVELS),
        filtersArbitrary,
        fc.subarray([...FILTER_KEYS]),
        fc.nat(3),
        fc.boolean(),
        async (level, selected, extra, parentIndex, restrict) => {
          // Keep most dimensions empty: at most two or three active, as a user would set them.
          const filters = { ...selected, dataset: 'demo' } as StockFilters;
          for (const key of FILTER_KEYS.slice(3)) {
            if (parentIndex % 2 === 0) delete filters[key];
          }
          const coarser = TERRITORY_LEVELS.slice(0, TERRITORY_LEVELS.indexOf(level)).flatMap(
            (parentLevel) => parents[parentLevel] ?? [],
          );
          const parent =
            parentIndex === 0 ? null : (coarser[parentIndex % (coarser.length || 1)] ?? null);
          const spec: PreaggregateSpec = {
            dataset: 'demo',
            level,
            dimensions: [...activeDimensions(filters), ...extra.slice(0, 1)],
            // Restricted to the parent, as the cache builds commune tables.
            ...(parent !== null && restrict ? { parent } : {}),
          };
          const name = preaggregateTableName(spec);
          if (!built.has(name)) {
            await connection.run(createPreaggregateSql(spec));
            built.add(name);
          }
          await comparePaths(connection, spec, filters, parent);
        },
      ),
      { numRuns: 60, seed: 20231 },
    );
  }, 120_000);
});
