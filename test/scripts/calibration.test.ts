import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeCalibration } from '../../scripts/lib/calibration.ts';
import { type DemoStock, NO_TENURE } from '../../scripts/lib/demo-stock.ts';
import { SECONDARY_TARGET, VACANT_TARGET } from '../../scripts/lib/demo-stock-model.ts';
import {
  ONRE_2023_MAIN_FG,
  ONRE_2023_MAIN_RESIDENCES,
  ONRE_2023_SECONDARY_FG,
  ONRE_2023_VACANT_FG,
  ONRE_2023_WHOLE_STOCK_FG,
  parseOnreCsv,
  selectLabelShares,
} from '../../scripts/lib/onre-reference.ts';
import { MissingSourceError, resolveSource } from '../../scripts/lib/sources.ts';
import { DPE_LABELS } from '../../src/domain/stock-schema.ts';
import type { TerritoryCommune } from '../../src/domain/territory.ts';

const commune = (code: string, region: string, population: number): TerritoryCommune => ({
  code_commune: code,
  nom_commune: code,
  code_epci: 'E1',
  code_departement: code.slice(0, 2),
  code_region: region,
  population,
});

/**
 * Four rows worked out by hand: main residences 10 (C, 20 m², Creuse, owner) + 30 (G, 120 m²,
 * Gironde, social tenant), a secondary home 5 (F) and a vacant dwelling 5 (B).
 */
function tinyStock(): DemoStock {
  return {
    dataset: 'demo',
    seed: 0,
    communes: [commune('23001', '75', 100), commune('33063', '75', 200)],
    rowCount: 4,
    commune: Uint32Array.from([0, 1, 0, 1]),
    housingType: Uint8Array.from([1, 0, 0, 1]),
    constructionPeriod: Uint8Array.from([0, 5, 0, 2]),
    censusBin: Uint8Array.from([0, 5, 0, 3]),
    periodSource: ['epci', 'epci'],
    heatingEnergy: Uint8Array.from([2, 1, 0, 0]),
    occupancy: Uint8Array.from([0, 0, 1, 2]),
    tenure: Uint8Array.from([0, 2, NO_TENURE, NO_TENURE]),
    dpeLabel: Uint8Array.from([2, 6, 5, 1]),
    surfaceM2: Float64Array.from([20, 120, 50, 60]),
    epKwhM2: Float64Array.from([150, 600, 350, 100]),
    efKwhM2: Float64Array.from([150, 500, 152, 43]),
    ghgKgM2: Float64Array.from([20, 40, 12, 3]),
    weight: Float64Array.from([10, 30, 5, 5]),
  };
}

describe('computeCalibration', () => {
  it('computes label shares of main residences and F+G shares by occupancy', () => {
    const c = computeCalibration(tinyStock());
    expect(c.rows).toBe(4);
    expect(c.dwellings).toBe(50);
    expect(c.main_residences).toBe(40);
    expect(c.population).toBe(300);
    expect(c.dwellings_per_inhabitant).toBeCloseTo(50 / 300, 10);
    expect(c.occupancy_pct).toEqual({
      residence_principale: 80,
      residence_secondaire: 10,
      vacant: 10,
    });
    const byLabel = Object.fromEntries(c.labels.map((l) => [l.label, l.generated_pct]));
    expect(byLabel).toEqual({ A: 0, B: 0, C: 25, D: 0, E: 0, F: 0, G: 75 });
    const c0 = c.labels.find((l) => l.label === 'C');
    expect(c0?.diff_points).toBeCloseTo(25 - ONRE_2023_MAIN_RESIDENCES.C, 10);
    expect(c.fg_main_pct).toBe(75);
    expect(c.fg_secondary_pct).toBe(100);
    expect(c.fg_vacant_pct).toBe(0);
    expect(c.fg_whole_stock_pct).toBe(70);
    expect(c.g_plus_main_pct).toBe(75);
  });

  it('groups the F+G share of main residences along each gradient', () => {
    const { gradients: g } = computeCalibration(tinyStock());
    expect(g.surface).toEqual({ '100_m2_et_plus': 100, moins_de_30_m2: 0 });
    expect(g.heating_energy).toEqual({ fioul: 0, gaz: 100 });
    expect(g.construction_period).toEqual({ apres_2012: 100, avant_1948: 0 });
    expect(g.tenure).toEqual({ locataire_social: 100, proprietaire_occupant: 0 });
    expect(g.housing_type).toEqual({ appartement: 0, maison: 100 });
    expect(g.region).toEqual({ '75': 75 });
    expect(g.departement).toEqual({ '23': 0, '33': 100 });
  });
});

describe('ONRE 2023 reference', () => {
  it('has main-residence shares that sum to 100 and match the published F+G', () => {
    const values = DPE_LABELS.map((label) => ONRE_2023_MAIN_RESIDENCES[label]);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
    expect(ONRE_2023_MAIN_RESIDENCES.F + ONRE_2023_MAIN_RESIDENCES.G).toBeCloseTo(
      ONRE_2023_MAIN_FG,
      6,
    );
  });

  it('gives secondary and vacant dwellings assumed distributions that carry ONRE F+G', () => {
    const sum = (shares: readonly number[]) => shares.reduce((a, b) => a + b, 0);
    const fg = (shares: readonly number[]) => (shares[5] ?? 0) + (shares[6] ?? 0);
    expect(sum(SECONDARY_TARGET)).toBeCloseTo(100, 6);
    expect(sum(VACANT_TARGET)).toBeCloseTo(100, 6);
    expect(fg(SECONDARY_TARGET)).toBeCloseTo(ONRE_2023_SECONDARY_FG, 6);
    expect(fg(VACANT_TARGET)).toBeCloseTo(ONRE_2023_VACANT_FG, 6);
  });

  it('parses the mirror format and rejects a file without the value column', () => {
    const csv =
      '\uFEFFdate_reference,publication,champ,indicateur,classe,valeur,unite\n' +
      '2023-01-01,x,residences_principales,part_logements,A,1.9,pct\n' +
      '2023-01-01,x,residences_principales,nombre_logements,A,570000,logements\n' +
      '2022-01-01,x,residences_principales,part_logements,A,2,pct\n';
    const records = parseOnreCsv(csv);
    expect(records).toHaveLength(3);
    expect(selectLabelShares(records, '2023-01-01', 'residences_principales')).toEqual({ A: 1.9 });
    expect(() => parseOnreCsv('date_reference,champ\n2023-01-01,x\n')).toThrow(/indicateur/);
    expect(() => parseOnreCsv(csv.replace('1.9', 'n/a'))).toThrow(/ligne 2/);
  });

  let onrePath: string | null = null;
  try {
    onrePath = resolveSource('onre-parc-dpe-national');
  } catch (error) {
    if (!(error instanceof MissingSourceError)) throw error;
  }
  const hasFile = onrePath !== null && existsSync(onrePath);

  it.skipIf(!hasFile)(
    'equals the values of stats/onre-parc-dpe-national.csv (skipped when the sources directory is absent)',
    () => {
      const records = parseOnreCsv(readFileSync(onrePath ?? '', 'utf8'));
      expect(selectLabelShares(records, '2023-01-01', 'residences_principales')).toEqual(
        ONRE_2023_MAIN_RESIDENCES,
      );
      const fg = (champ: string) =>
        records.find(
          (r) =>
            r.date_reference === '2023-01-01' &&
            r.champ === champ &&
            r.indicateur === 'part_logements' &&
            r.classe === 'F+G',
        )?.valeur;
      expect(fg('residences_principales')).toBe(ONRE_2023_MAIN_FG);
      expect(fg('ensemble_parc')).toBe(ONRE_2023_WHOLE_STOCK_FG);
      expect(fg('residences_secondaires')).toBe(ONRE_2023_SECONDARY_FG);
      expect(fg('logements_vacants')).toBe(ONRE_2023_VACANT_FG);
    },
  );
});
