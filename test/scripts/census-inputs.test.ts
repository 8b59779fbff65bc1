import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CensusFileError, parseCommuneCensus } from '../../scripts/lib/census-commune-csv.ts';
import {
  binsFromGroupShares,
  groupsOfBins,
  parseEpciCensus,
  periodsOfBins,
} from '../../scripts/lib/census-periods.ts';
import { buildCogTerritory, loadCogInput } from '../../scripts/lib/cog-territory.ts';
import { generateDemoStock } from '../../scripts/lib/demo-stock.ts';
import { loadModelInputs, spreadOverCommunes } from '../../scripts/lib/model-inputs.ts';
import { pearson, validateTerritory } from '../../scripts/lib/territorial-validation.ts';
import type { TerritoryCommune } from '../../src/domain/territory.ts';

const FIXTURE = join(__dirname, '../fixtures/census/base-cc-logement-fixture.csv');

describe('census periods', () => {
  it('turns published group shares into bins, the rest going to after the census', () => {
    const bins = binsFromGroupShares([10, 10, 50, 20, 5]) ?? [];
    expect(bins).toHaveLength(7);
    expect(bins.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(bins[6]).toBeCloseTo(0.05, 12);
    expect(groupsOfBins(bins)).toEqual([10, 10, 50, 20, 5].map((x) => expect.closeTo(x, 9)));
    expect(binsFromGroupShares([10, 10, 50, 20, 15])).toBeNull();
    expect(binsFromGroupShares([10, Number.NaN, 50, 20, 5])).toBeNull();
  });

  it('splits census bins into the regulation periods without losing weight', () => {
    const periods = periodsOfBins([0.1, 0.1, 0.2, 0.3, 0.2, 0.05, 0.05]);
    expect(periods.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(periods[0]).toBeCloseTo(0.2 + 0.2 * 0.02, 12);
  });

  it('reads the EPCI file, padding numeric SIREN and rejecting bad rows', () => {
    const census = parseEpciCensus(
      JSON.stringify([
        {
          code_epci: 200000172,
          part_rp_ach19: 8,
          part_rp_ach1945: 4,
          part_rp_ach4690: 45,
          part_rp_ach9105: 22,
          part_rp_ach06p: 17,
        },
        { code_epci: 'x', part_rp_ach19: 8 },
        {
          code_epci: 200000438,
          part_rp_ach19: 80,
          part_rp_ach1945: 40,
          part_rp_ach4690: 45,
          part_rp_ach9105: 22,
          part_rp_ach06p: 17,
        },
      ]),
    );
    expect([...census.bins.keys()]).toEqual(['200000172']);
    expect(census.rows).toBe(3);
    expect(census.rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(() => parseEpciCensus('{}')).toThrow(/tableau JSON/);
  });
});

describe('per-commune census file (base-cc-logement layout)', () => {
  it('counts every line, adds arrondissements to their commune and rejects bad lines', () => {
    const file = parseCommuneCensus(readFileSync(FIXTURE, 'utf8'));
    expect(file.year).toBe(2020);
    expect(file.read).toBe(7);
    expect(file.accepted + file.rejected.length).toBe(file.read);
    expect(file.rejected).toEqual([
      { line: 7, reason: 'code commune invalide : « 3600X »' },
      { line: 8, reason: 'valeur absente ou invalide en P20_RP' },
    ]);
    const paris = file.communes.get('75056');
    expect(paris?.mainResidences).toBe(17500);
    expect(paris?.bins).toEqual([9000, 3100, 2200, 1800, 800, 400, 200]);
    expect(file.communes.get('36002')?.tenure).toEqual([90, 15, 0, 5.25]);
    expect(file.optionalColumns).toContain('APPART');
  });

  it('refuses a file without the census columns, in French', () => {
    expect(() => parseCommuneCensus('CODGEO;P20_RP\n36044;1\n')).toThrow(CensusFileError);
    expect(() => parseCommuneCensus('CODGEO;P20_RP;P20_RP_ACH19\n36044;1;1\n')).toThrow(
      /P20_RP_ACHTOT/,
    );
  });
});

describe('spreading EPCI shares over communes', () => {
  it('keeps the EPCI totals while denser communes get more post-war dwellings', () => {
    const target = [0.2, 0.1, 0.25, 0.25, 0.1, 0.08, 0.02];
    const weights = [1000, 200, 50];
    const rows = spreadOverCommunes(target, weights, [3, 2, 1.2]);
    const total = weights.reduce((a, b) => a + b, 0);
    target.forEach((t, k) => {
      const sum = rows.reduce((acc, row, i) => acc + (row[k] ?? 0) * (weights[i] ?? 0), 0);
      expect(sum / total).toBeCloseTo(t, 6);
    });
    for (const row of rows) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(rows[0]?.[2]).toBeGreaterThan(rows[2]?.[2] ?? 1);
    expect(rows[2]?.[0]).toBeGreaterThan(rows[0]?.[0] ?? 1);
  });
});

describe('modelling Indre from the per-commune census file', () => {
  let communes: TerritoryCommune[];
  beforeAll(() => {
    communes = buildCogTerritory(loadCogInput()).communes.filter(
      (c) => c.code_departement === '36' || c.code_commune === '75056',
    );
  }, 60_000);

  it('takes periods, occupancy and flats from the file and reports what it matched', () => {
    const inputs = loadModelInputs(communes, { communeCensusPath: FIXTURE });
    const file = inputs.report.communeFile;
    expect(file?.accepted).toBe(5);
    expect(inputs.report.periodSources.commune).toBe(4);
    expect(inputs.report.periodSources.departement).toBe(communes.length - 4);
    const index = communes.findIndex((c) => c.code_commune === '36044');
    expect(inputs.communes[index]?.bins[0]).toBeCloseTo(3000 / 23000, 9);

    const stock = generateDemoStock(communes, { seed: 3, inputs: inputs.communes });
    let main = 0;
    let old = 0;
    let flats = 0;
    let all = 0;
    for (let i = 0; i < stock.rowCount; i++) {
      if (stock.commune[i] !== index) continue;
      const w = stock.weight[i] ?? 0;
      all += w;
      if (stock.housingType[i] === 1) flats += w;
      if (stock.occupancy[i] !== 0) continue;
      main += w;
      if (stock.censusBin[i] === 0) old += w;
    }
    expect(all).toBeCloseTo(28000, 3);
    // Systematic sampling of √28,000 ≈ 167 cells: main residences within 3 %.
    expect(Math.abs(main / 23000 - 1)).toBeLessThan(0.03);
    expect(old / main).toBeCloseTo(3000 / 23000, 1);
    expect(flats / all).toBeCloseTo(16800 / 27800, 1);
  }, 60_000);
});

describe('territorial validation', () => {
  it('computes Pearson correlations', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBe(0);
  });

  it('compares a stock with the census per EPCI and reports the départements', () => {
    const communes: TerritoryCommune[] = [
      {
        code_commune: '36044',
        nom_commune: 'A',
        code_epci: 'E1',
        code_departement: '36',
        code_region: '24',
        population: 10,
      },
      {
        code_commune: '11069',
        nom_commune: 'B',
        code_epci: 'E2',
        code_departement: '11',
        code_region: '76',
        population: 10,
      },
    ];
    const stock = {
      dataset: 'demo' as const,
      seed: 0,
      communes,
      rowCount: 3,
      commune: Uint32Array.from([0, 0, 1]),
      housingType: Uint8Array.from([0, 0, 0]),
      constructionPeriod: Uint8Array.from([0, 1, 1]),
      censusBin: Uint8Array.from([0, 2, 3]),
      periodSource: ['epci' as const, 'epci' as const],
      heatingEnergy: Uint8Array.from([0, 0, 0]),
      occupancy: Uint8Array.from([0, 0, 0]),
      tenure: Uint8Array.from([0, 0, 0]),
      dpeLabel: Uint8Array.from([6, 2, 5]),
      surfaceM2: Float64Array.from([50, 50, 50]),
      epKwhM2: Float64Array.from([500, 150, 350]),
      efKwhM2: Float64Array.from([500, 150, 350]),
      ghgKgM2: Float64Array.from([10, 10, 10]),
      weight: Float64Array.from([25, 75, 10]),
    };
    const census = new Map([
      ['E1', [25, 0, 75, 0, 0]],
      ['E2', [0, 0, 90, 10, 0]],
    ]);
    const t = validateTerritory(stock, census, 'essai');
    expect(t.periods.epci_compared).toBe(2);
    expect(t.periods.mean_abs_gap_points).toBeCloseTo(20 / 10, 9);
    expect(t.departements).toEqual([
      {
        code_departement: '11',
        climate_zone: 'H3',
        model_fg_pct: 100,
        model_built_before_1946_pct: 0,
      },
      {
        code_departement: '36',
        climate_zone: 'H2b',
        model_fg_pct: 25,
        model_built_before_1946_pct: 25,
      },
    ]);
    const centre = t.regions.find((r) => r.code_region === '24');
    expect(centre?.published[0]).toMatchObject({ indicator: 'efg', value_pct: 40.8 });
    expect(centre?.published[0]?.gap_points).toBeCloseTo(25 - 40.8, 9);
  });
});

describe('model inputs from a sources directory', () => {
  it('measures areas from the geometry when the contours carry none, and reports unmatched EPCI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-inputs-'));
    mkdirSync(join(dir, 'geo'));
    mkdirSync(join(dir, 'stats'));
    mkdirSync(join(dir, 'cog'));
    // 36004 belonged in 2023 to an EPCI of the census file; its current EPCI is not in it.
    writeFileSync(
      join(dir, 'cog/epci-2023.json'),
      JSON.stringify([{ code: '200000001', nom: 'CC', type: 'CC', membres: [{ code: '36004' }] }]),
    );
    // Two squares of 0.1° near 46° N: about 86 km² each.
    const square = (lon: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [lon, 46],
          [lon + 0.1, 46],
          [lon + 0.1, 46.1],
          [lon, 46.1],
          [lon, 46],
        ],
      ],
    });
    writeFileSync(
      join(dir, 'geo/communes-2025-metropole.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: '36001' }, geometry: square(1) },
          { type: 'Feature', properties: { code: '36002', area_m2: 5e6 }, geometry: square(2) },
        ],
      }),
    );
    writeFileSync(
      join(dir, 'stats/insee-rp-construction-period-by-epci.json'),
      JSON.stringify([
        {
          code_epci: 200000001,
          part_rp_ach19: 30,
          part_rp_ach1945: 10,
          part_rp_ach4690: 40,
          part_rp_ach9105: 10,
          part_rp_ach06p: 8,
        },
        {
          code_epci: 200000009,
          part_rp_ach19: 30,
          part_rp_ach1945: 10,
          part_rp_ach4690: 40,
          part_rp_ach9105: 10,
          part_rp_ach06p: 8,
        },
      ]),
    );
    const commune = (code: string, epci: string | null, population: number): TerritoryCommune => ({
      code_commune: code,
      nom_commune: code,
      code_epci: epci,
      code_departement: '36',
      code_region: '24',
      population,
    });
    const inputs = loadModelInputs(
      [
        commune('36001', '200000001', 860),
        commune('36002', '200000001', 500),
        commune('36003', null, 10),
        commune('36004', '200000099', 100),
      ],
      { sourcesDir: dir },
    );
    expect(inputs.communes[0]?.density).toBeGreaterThan(9);
    expect(inputs.communes[0]?.density).toBeLessThan(11);
    expect(inputs.communes[1]?.density).toBeCloseTo(100, 9);
    expect(inputs.communes[2]?.density).toBeNull();
    expect(inputs.report.area).toMatchObject({ matched: 2, missing: 2 });
    expect(inputs.report.epciFile?.remapped).toEqual([
      { code_epci: '200000099', from: ['200000001'] },
    ]);
    expect(inputs.report.epciFile?.withoutCensus).toEqual([]);
    expect(inputs.report.epciFile?.notInTerritory).toEqual(['200000009']);
    expect(inputs.report.periodSources).toEqual({ commune: 0, epci: 3, departement: 1 });
    // The commune outside any EPCI takes its département's periods.
    expect(inputs.communes[2]?.bins[0]).toBeCloseTo(0.3, 9);
  });
});
