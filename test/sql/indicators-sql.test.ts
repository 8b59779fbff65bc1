import { describe, expect, it } from 'vitest';
import {
  completeDistribution,
  distributionSql,
  indicatorSelectList,
  overallIndicatorsSql,
  parentClause,
  scopeClause,
  territoryIndicatorsSql,
} from '../../src/sql/indicators-sql.ts';
import { openAnalysisFixture, queryRows } from './analysis-stock-fixture.ts';

const SELECT_LIST = `  count(*)::DOUBLE AS records,
  (coalesce(sum(weight), 0))::DOUBLE AS dwellings,
  (sum(weight * (dpe_label IN ('F', 'G'))::DOUBLE))::DOUBLE AS fg_count,
  (sum(weight * (dpe_label IN ('F', 'G'))::DOUBLE)
    / nullif(sum(weight) FILTER (WHERE dpe_label IS NOT NULL), 0))::DOUBLE AS fg_share,
  (sum(weight * (dpe_label IN ('E', 'F', 'G'))::DOUBLE)
    / nullif(sum(weight) FILTER (WHERE dpe_label IS NOT NULL), 0))::DOUBLE AS eg_share,
  (sum(weight * (ef_kwh_m2 >= 450)::DOUBLE))::DOUBLE AS g_plus_count,
  (sum(ep_kwh_m2 * weight)
    / nullif(sum(weight) FILTER (WHERE ep_kwh_m2 IS NOT NULL), 0))::DOUBLE AS mean_ep,
  (sum(ef_kwh_m2 * weight)
    / nullif(sum(weight) FILTER (WHERE ef_kwh_m2 IS NOT NULL), 0))::DOUBLE AS mean_ef,
  (sum(ef_kwh_m2 * surface_m2 * weight) / 1e6)::DOUBLE AS total_ef_gwh,
  (sum(ghg_kg_m2 * surface_m2 * weight) / 1e3)::DOUBLE AS ghg_t`;

describe('indicatorSelectList', () => {
  it('builds the weighted indicators of the canonical stock', () => {
    expect(indicatorSelectList()).toBe(SELECT_LIST);
  });

  it('adds consumption by use only for the columns the stock has', () => {
    expect(indicatorSelectList({ availableColumns: ['ef_heating_kwh_m2', 'ef_lighting'] })).toBe(
      `${SELECT_LIST},
  (sum(ef_heating_kwh_m2 * surface_m2 * weight) / 1e6)::DOUBLE AS heating_ef_gwh`,
    );
  });
});

describe('scope and parent clauses', () => {
  it('select a territory by the code column of its level', () => {
    expect(scopeClause('france')).toBeNull();
    expect(scopeClause({ level: 'departement', code: '2A' })).toBe("code_departement = '2A'");
    expect(scopeClause({ level: 'commune', code: "36'1" })).toBe("code_commune = '36''1'");
    expect(parentClause('commune', { level: 'epci', code: '200000172' })).toBe(
      "code_epci = '200000172'",
    );
    expect(parentClause('epci', { level: 'region', code: '24' })).toBe(
      "code_epci IN (SELECT code_epci FROM stock.main.territory_epci WHERE code_region = '24')",
    );
  });
});

describe('territoryIndicatorsSql', () => {
  it('builds the expected text', () => {
    const sql = territoryIndicatorsSql({
      level: 'epci',
      filters: { dataset: 'd1', labels: ['F', 'G'] },
      parent: { level: 'departement', code: '36' },
    });
    expect(sql).toBe(`SELECT
  code_epci AS code,
${SELECT_LIST}
FROM memory.main.all_stock
WHERE dataset = 'd1' AND dpe_label IN ('F', 'G')
  AND code_epci IS NOT NULL
  AND code_epci IN (SELECT code_epci FROM stock.main.territory_epci WHERE code_departement = '36')
GROUP BY code_epci
ORDER BY code_epci`);
  });

  it('computes every indicator of each département, by hand', async () => {
    const connection = await openAnalysisFixture();
    const rows = await queryRows(
      connection,
      territoryIndicatorsSql({ level: 'departement', filters: { dataset: 'd1' } }),
    );
    expect(rows.map((row) => row.code)).toEqual(['29', '36', '37', '86']);
    // 36: rows #1–#6, #8, #9, #10; #6 has no label nor consumption.
    expect(rows[1]).toEqual({
      code: '36',
      records: 9,
      dwellings: 160,
      fg_count: 60, // #1 G 10, #2 F 20, #9 G 30
      fg_share: 60 / 155,
      eg_share: 90 / 155, // + #3 E 30
      g_plus_count: 10, // #1 (460 kWhEF/m²); #9 has 300
      mean_ep: (5000 + 8000 + 9000 + 4000 + 1000 + 1500 + 13500 + 1200) / 155,
      mean_ef: (4600 + 4000 + 7500 + 1600 + 900 + 1000 + 9000 + 1000) / 155,
      // Σ ef × surface × weight / 1e6
      total_ef_gwh:
        (460_000 + 320_000 + 262_500 + 80_000 + 135_000 + 70_000 + 900_000 + 45_000) / 1e6,
      // Σ ghg × surface × weight / 1e3
      ghg_t: (100_000 + 32_000 + 52_500 + 10_000 + 7_500 + 7_000 + 270_000 + 6_750) / 1e3,
    });
    // 86: #11 C 50, #12 G 10 with exactly 450 kWhEF/m²: G+ (the bound is included).
    expect(rows[3]).toMatchObject({ code: '86', dwellings: 60, fg_count: 10, g_plus_count: 10 });
  });

  it('counts an EPCI whole in the département of its main commune only', async () => {
    const connection = await openAnalysisFixture();
    const epciIn = async (code: string) =>
      queryRows(
        connection,
        territoryIndicatorsSql({
          level: 'epci',
          filters: { dataset: 'd1' },
          parent: { level: 'departement', code },
        }),
      );
    // E37 has row #8 in département 36, but its main département is 37.
    const in36 = await epciIn('36');
    expect(in36.map((row) => [row.code, row.dwellings])).toEqual([
      ['E36A', 100],
      ['E36B', 10],
      ['E36D', 40],
    ]);
    const in37 = await epciIn('37');
    expect(in37.map((row) => [row.code, row.dwellings, row.fg_share])).toEqual([['E37', 20, 0.5]]);
  });

  it('leaves out rows without a code at the level, and other datasets', async () => {
    const connection = await openAnalysisFixture();
    const epci = await queryRows(
      connection,
      territoryIndicatorsSql({ level: 'epci', filters: { dataset: 'd1' } }),
    );
    // Ouessant (#13) has no EPCI; d2's 1000 dwellings in E36A are another dataset.
    expect(epci.map((row) => [row.code, row.dwellings])).toEqual([
      ['E36A', 100],
      ['E36B', 10],
      ['E36D', 40],
      ['E37', 20],
      ['E86', 60],
    ]);
    const communes = await queryRows(
      connection,
      territoryIndicatorsSql({
        level: 'commune',
        filters: { dataset: 'd1' },
        parent: { level: 'epci', code: 'E37' },
      }),
    );
    expect(communes.map((row) => [row.code, row.dwellings])).toEqual([
      ['36004', 10],
      ['37001', 10],
    ]);
  });

  it('gives null counts, not zero, where nothing is known', async () => {
    const connection = await openAnalysisFixture();
    const rows = await queryRows(
      connection,
      territoryIndicatorsSql({ level: 'commune', filters: { dataset: 'd1' } }),
    );
    // 36003: #5 D and #6 without label nor consumption.
    expect(rows.find((row) => row.code === '36003')).toMatchObject({
      dwellings: 10,
      fg_count: 0,
      fg_share: 0,
      mean_ep: 200,
    });
    // No filter selects unlabelled rows: add the condition to the text to keep #6 alone.
    const unknown = await queryRows(
      connection,
      territoryIndicatorsSql({
        level: 'commune',
        filters: { dataset: 'd1' },
        parent: { level: 'epci', code: 'E36B' },
      }).replace("dataset = 'd1'", "dataset = 'd1' AND dpe_label IS NULL"),
    );
    expect(unknown).toEqual([
      {
        code: '36003',
        records: 1,
        dwellings: 5,
        fg_count: null,
        fg_share: null,
        eg_share: null,
        g_plus_count: null,
        mean_ep: null,
        mean_ef: null,
        total_ef_gwh: null,
        ghg_t: null,
      },
    ]);
  });
});

describe('overallIndicatorsSql', () => {
  it('builds the expected text', () => {
    expect(overallIndicatorsSql({ dataset: 'd1' }, { level: 'region', code: '24' })).toBe(`SELECT
${SELECT_LIST}
FROM memory.main.all_stock
WHERE dataset = 'd1'
  AND code_region = '24'`);
    expect(overallIndicatorsSql({ dataset: 'd1' }, 'france')).toBe(`SELECT
${SELECT_LIST}
FROM memory.main.all_stock
WHERE dataset = 'd1'`);
  });

  it('computes France by hand (13 rows of d1, 233 dwellings)', async () => {
    const connection = await openAnalysisFixture();
    const rows = await queryRows(connection, overallIndicatorsSql({ dataset: 'd1' }, 'france'));
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? {};
    expect(row.records).toBe(13);
    expect(row.dwellings).toBe(233);
    expect(row.fg_count).toBe(83); // G 10 + F 20 + F 10 + G 30 + G 10 + F 3
    expect(row.fg_share).toBeCloseTo(83 / 228, 12); // 5 unlabelled dwellings (#6)
    expect(row.eg_share).toBeCloseTo(113 / 228, 12);
    expect(row.g_plus_count).toBe(20);
    expect(row.mean_ep).toBeCloseTo(60_500 / 228, 9);
    expect(row.mean_ef).toBeCloseTo(45_000 / 228, 9);
    expect(row.total_ef_gwh).toBeCloseTo(3.5415, 12);
    expect(row.ghg_t).toBeCloseTo(766.55, 9);
  });

  it('returns one row of zero dwellings when nothing matches', async () => {
    const connection = await openAnalysisFixture();
    const rows = await queryRows(
      connection,
      overallIndicatorsSql({ dataset: 'd1' }, { level: 'epci', code: "E' OR '1'='1" }),
    );
    expect(rows).toEqual([
      expect.objectContaining({ records: 0, dwellings: 0, fg_share: null, total_ef_gwh: null }),
    ]);
  });

  it('computes consumption by use when the stock has the column', async () => {
    const connection = await openAnalysisFixture({ heatingColumn: true });
    const rows = await queryRows(
      connection,
      overallIndicatorsSql({ dataset: 'd1' }, 'france', {
        availableColumns: ['ef_heating_kwh_m2'],
      }),
    );
    // Heating is 60 % of the final consumption in the fixture.
    expect(rows[0]?.heating_ef_gwh).toBeCloseTo(0.6 * 3.5415, 12);
    expect(rows[0]).not.toHaveProperty('hot_water_ef_gwh');
  });
});

describe('distributionSql', () => {
  it('builds the expected text, without its own clause', () => {
    const filters = { dataset: 'd1', labels: ['F', 'G'], periods: ['avant_1948'] } as const;
    expect(distributionSql('labels', filters, { level: 'epci', code: 'E36A' })).toBe(`SELECT
  dpe_label AS category,
  count(*)::DOUBLE AS records,
  sum(weight)::DOUBLE AS dwellings
FROM memory.main.all_stock
WHERE dataset = 'd1' AND construction_period IN ('avant_1948')
  AND code_epci = 'E36A'
GROUP BY category
ORDER BY list_position(['A', 'B', 'C', 'D', 'E', 'F', 'G'], category) NULLS LAST`);
  });

  it('cross-filters: each chart is filtered by the other dimensions only', async () => {
    const connection = await openAnalysisFixture();
    const filters = { dataset: 'd1', labels: ['F', 'G'], periods: ['avant_1948'] } as const;
    const dwellings = async (sql: string) =>
      (await queryRows(connection, sql)).map((row) => [row.category, row.dwellings]);
    // The A–G chart shows every label built before 1948 (#1, #5, #6, #9, #12, #13), not only F/G.
    expect(await dwellings(distributionSql('labels', filters, 'france'))).toEqual([
      ['D', 5],
      ['F', 3],
      ['G', 50],
      [null, 5],
    ]);
    // The period chart shows the F/G dwellings of every period, in period order.
    expect(await dwellings(distributionSql('periods', filters, 'france'))).toEqual([
      ['avant_1948', 53],
      ['1948_1974', 10],
      ['1975_1988', 20],
    ]);
    // Another dimension's chart is filtered by both selections.
    expect(await dwellings(distributionSql('energies', filters, 'france'))).toEqual([
      ['fioul', 53],
    ]);
    const overall = await queryRows(connection, overallIndicatorsSql(filters, 'france'));
    expect(overall[0]?.dwellings).toBe(53);
  });

  it('bins surfaces into the seven bands, in order', async () => {
    const connection = await openAnalysisFixture();
    const rows = await queryRows(
      connection,
      distributionSql('surfaceBands', { dataset: 'd1' }, { level: 'region', code: '24' }),
    );
    // Région 24 excludes #11, #12 (86) and #13 (29).
    expect(rows.map((row) => [row.category, row.dwellings])).toEqual([
      ['moins_30', 5],
      ['30_40', 30],
      ['40_60', 50],
      ['60_80', 10],
      ['80_100', 20],
      ['100_150', 50],
      ['150_plus', 5],
    ]);
  });
});

describe('completeDistribution', () => {
  it('fills absent categories with zero and puts unknown last', () => {
    const rows = [
      { category: null, records: 1, dwellings: 5 },
      { category: 'G', records: 3, dwellings: 50 },
    ];
    expect(
      completeDistribution('labels', rows).map((row) => [row.category, row.dwellings]),
    ).toEqual([
      ['A', 0],
      ['B', 0],
      ['C', 0],
      ['D', 0],
      ['E', 0],
      ['F', 0],
      ['G', 50],
      [null, 5],
    ]);
    expect(completeDistribution('housingTypes', []).map((row) => row.category)).toEqual([
      'maison',
      'appartement',
    ]);
  });
});
