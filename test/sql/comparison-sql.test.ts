import { describe, expect, it } from 'vitest';
import { populationBandOf } from '../../src/domain/similar-territories.ts';
import type { TerritoryRef } from '../../src/domain/territory.ts';
import {
  COMPARISON_SCOPE_LABELS,
  comparisonSql,
  populationBandSql,
  similarTerritoriesSql,
} from '../../src/sql/comparison-sql.ts';
import type { StockFilters } from '../../src/sql/filters.ts';
import { indicatorSelectList } from '../../src/sql/indicators-sql.ts';
import { openAnalysisFixture, queryRows } from './analysis-stock-fixture.ts';

const D1: StockFilters = { dataset: 'd1' };

async function compare(territory: TerritoryRef, filters: StockFilters = D1) {
  const connection = await openAnalysisFixture();
  const rows = await queryRows(connection, comparisonSql({ territory, filters }));
  return rows.map((row) => [row.scope, row.code, row.dwellings, row.fg_share]);
}

describe('comparisonSql', () => {
  it('builds the expected text for an EPCI', () => {
    const select = indicatorSelectList();
    const part = (scope: string, code: string, where: string | null) =>
      `SELECT '${scope}' AS scope, ${code} AS code,\n${select}\nFROM filtered${where === null ? '' : `\nWHERE ${where}`}`;
    expect(
      comparisonSql({ territory: { level: 'epci', code: '200000172' }, filters: D1 }),
    ).toBe(`WITH parent AS (
  SELECT code_departement, code_region FROM stock.main.territory_epci WHERE code_epci = '200000172'
),
filtered AS (
  SELECT * FROM memory.main.all_stock WHERE dataset = 'd1'
)
SELECT * FROM (
${[
  part('territory', "'200000172'", "code_epci = '200000172'"),
  part(
    'departement',
    '(SELECT code_departement FROM parent)',
    'code_departement = (SELECT code_departement FROM parent)',
  ),
  part(
    'region',
    '(SELECT code_region FROM parent)',
    'code_region = (SELECT code_region FROM parent)',
  ),
  part('france', 'NULL', null),
].join('\nUNION ALL\n')}
) AS comparison
ORDER BY list_position(['territory', 'departement', 'region', 'france'], scope)`);
  });

  it('compares a commune with its EPCI, département, région and France', async () => {
    expect(await compare({ level: 'commune', code: '36001' })).toEqual([
      ['territory', '36001', 30, 1], // #1 G 10, #2 F 20
      ['epci', 'E36A', 100, 0.3],
      ['departement', '36', 160, 60 / 155],
      ['region', '24', 170, 70 / 165],
      ['france', null, 233, 83 / 228],
    ]);
  });

  it("takes an EPCI's département and région from its main commune", async () => {
    // E37 also has row #8 in département 36; its main département is 37 (row #7 only).
    expect(await compare({ level: 'epci', code: 'E37' })).toEqual([
      ['territory', 'E37', 20, 0.5],
      ['departement', '37', 10, 1],
      ['region', '24', 170, 70 / 165],
      ['france', null, 233, 83 / 228],
    ]);
  });

  it('compares a département with its région, and a région with France', async () => {
    expect(await compare({ level: 'departement', code: '86' })).toEqual([
      ['territory', '86', 60, 10 / 60],
      ['region', '75', 60, 10 / 60],
      ['france', null, 233, 83 / 228],
    ]);
    expect(await compare({ level: 'region', code: '24' })).toEqual([
      ['territory', '24', 170, 70 / 165],
      ['france', null, 233, 83 / 228],
    ]);
  });

  it('applies the filters to every scope', async () => {
    const filters: StockFilters = { dataset: 'd1', periods: ['avant_1948'] };
    expect(await compare({ level: 'commune', code: '36001' }, filters)).toEqual([
      ['territory', '36001', 10, 1],
      ['epci', 'E36A', 10, 1],
      ['departement', '36', 50, 40 / 45], // #1, #5, #6 (unlabelled), #9
      ['region', '24', 50, 40 / 45],
      ['france', null, 63, 53 / 58], // + #12 and #13
    ]);
  });

  it('keeps one row per scope, with null codes, for a commune missing from the COG', async () => {
    expect(await compare({ level: 'commune', code: "99'999" })).toEqual([
      ['territory', "99'999", 0, null],
      ['epci', null, 0, null],
      ['departement', null, 0, null],
      ['region', null, 0, null],
      ['france', null, 233, 83 / 228],
    ]);
  });

  it('labels the scopes in French', () => {
    expect(Object.values(COMPARISON_SCOPE_LABELS)).toEqual([
      'Territoire',
      'EPCI',
      'Département',
      'Région',
      'France',
    ]);
  });
});

describe('populationBandSql', () => {
  it('builds the bands of the domain', () => {
    expect(populationBandSql('p')).toBe(`CASE
    WHEN p >= 0 AND p < 15000 THEN 'moins_15k'
    WHEN p >= 15000 AND p < 50000 THEN '15k_50k'
    WHEN p >= 50000 AND p < 100000 THEN '50k_100k'
    WHEN p >= 100000 AND p < 250000 THEN '100k_250k'
    WHEN p >= 250000 THEN '250k_plus'
  END`);
  });

  it('agrees with populationBandOf on DuckDB, bounds included', async () => {
    const connection = await openAnalysisFixture();
    const populations = [0, 14_999, 15_000, 49_999.5, 50_000, 100_000, 249_999, 250_000, 1e7, -1];
    const rows = await queryRows(
      connection,
      `SELECT p, ${populationBandSql('p')} AS band
FROM (VALUES ${populations.map((p) => `(${p}::DOUBLE)`).join(', ')}, (NULL)) AS t(p)`,
    );
    expect(rows).toHaveLength(populations.length + 1);
    for (const row of rows) expect(row.band).toBe(populationBandOf(row.p as number | null));
  });
});

describe('similarTerritoriesSql', () => {
  it('builds the expected text', () => {
    const sql = similarTerritoriesSql({ codeEpci: '200000172', filters: D1 });
    const band = (column: string) => populationBandSql(column);
    const stats = (statistic: string, fn: string) => `SELECT '${statistic}' AS statistic,
  (SELECT type_epci FROM target) AS type_epci,
  (SELECT band FROM target) AS population_band,
  (SELECT count(*) FROM peers)::DOUBLE AS peers,
  count(*)::DOUBLE AS peers_with_data,
${[
  'records',
  'dwellings',
  'fg_count',
  'fg_share',
  'eg_share',
  'g_plus_count',
  'mean_ep',
  'mean_ef',
  'total_ef_gwh',
  'ghg_t',
]
  .map((id) => `  ${fn}(${id})::DOUBLE AS ${id}`)
  .join(',\n')}
FROM per_peer`;
    expect(sql).toBe(`WITH bands AS (
  SELECT code_epci, type_epci, ${band('population')} AS band
  FROM stock.main.territory_epci
),
target AS (
  SELECT type_epci, band FROM bands WHERE code_epci = '200000172'
),
peers AS (
  SELECT b.code_epci
  FROM bands AS b, target AS t
  WHERE b.code_epci <> '200000172' AND b.type_epci = t.type_epci AND b.band = t.band
),
per_peer AS (
  SELECT
${indicatorSelectList()}
  FROM memory.main.all_stock
  WHERE dataset = 'd1'
    AND code_epci IN (SELECT code_epci FROM peers)
  GROUP BY code_epci
)
SELECT * FROM (
${stats('median', 'median')}
UNION ALL
${stats('mean', 'avg')}
) AS peer_statistics
ORDER BY list_position(['median', 'mean'], statistic)`);
  });

  it('summarises the CC of 15 000–50 000 inhabitants, each peer counting once', async () => {
    const connection = await openAnalysisFixture();
    const rows = await queryRows(
      connection,
      similarTerritoriesSql({ codeEpci: 'E36A', filters: D1 }),
    );
    // Peers: E36B (10 dwellings, F/G 0), E37 (20, 0.5), E36D (40, 0.75), E99 (no row). Not E36C
    // (5 000 inh.), E50 (exactly 50 000: next band), E86 (a CA).
    expect(rows).toEqual([
      expect.objectContaining({
        statistic: 'median',
        type_epci: 'CC',
        population_band: '15k_50k',
        peers: 4,
        peers_with_data: 3,
        dwellings: 20,
        fg_share: 0.5,
        mean_ep: 265, // E36B 200, E37 (3800 + 1500) / 20, E36D (13500 + 1200) / 40
      }),
      expect.objectContaining({ statistic: 'mean', peers: 4, peers_with_data: 3 }),
    ]);
    expect(rows[1]?.dwellings).toBeCloseTo(70 / 3, 12);
    expect(rows[1]?.fg_share).toBeCloseTo(1.25 / 3, 12);
    expect(rows[1]?.mean_ep).toBeCloseTo((200 + 265 + 367.5) / 3, 12);
  });

  it('applies the filters to the peers', async () => {
    const connection = await openAnalysisFixture();
    const rows = await queryRows(
      connection,
      similarTerritoriesSql({ codeEpci: 'E36A', filters: { dataset: 'd1', labels: ['F', 'G'] } }),
    );
    // E36B has no F/G dwelling: it drops out of the statistics, not of the group.
    expect(rows[0]).toMatchObject({ peers: 4, peers_with_data: 2, dwellings: 20 });
  });

  it('has null statistics without peers, and without the EPCI', async () => {
    const connection = await openAnalysisFixture();
    const alone = await queryRows(
      connection,
      similarTerritoriesSql({ codeEpci: 'E86', filters: D1 }),
    );
    expect(alone[0]).toMatchObject({
      type_epci: 'CA',
      population_band: '50k_100k',
      peers: 0,
      peers_with_data: 0,
      dwellings: null,
      fg_share: null,
    });
    const unknown = await queryRows(
      connection,
      similarTerritoriesSql({ codeEpci: "x' OR '1'='1", filters: D1 }),
    );
    expect(unknown.map((row) => [row.statistic, row.type_epci, row.peers])).toEqual([
      ['median', null, 0],
      ['mean', null, 0],
    ]);
  });
});
