import { describe, expect, it } from 'vitest';
import { LABEL_MIDPOINTS } from '../../src/domain/dpe.ts';
import {
  DEFAULT_SAVINGS_PARAMETERS,
  estimateSavings,
  estimateWorkSavings,
  FINAL_PER_PRIMARY,
  GHG_KG_PER_FINAL_KWH,
  type WorkEnergy,
} from '../../src/domain/savings.ts';

const EMPTY: WorkEnergy = {
  surface_m2: null,
  etiquette_avant: null,
  etiquette_apres: null,
  conso_ep_avant: null,
  conso_ep_apres: null,
  conso_ef_avant: null,
  conso_ef_apres: null,
};
const work = (w: Partial<WorkEnergy>): WorkEnergy => ({ ...EMPTY, ...w });

describe('estimateWorkSavings', () => {
  it('uses (before − after) × surface for both energies when consumptions are recorded', () => {
    const s = estimateWorkSavings(
      work({
        surface_m2: 100,
        conso_ep_avant: 400,
        conso_ep_apres: 150,
        conso_ef_avant: 300,
        conso_ef_apres: 120,
      }),
    );
    expect(s).toMatchObject({
      method: 'consommations',
      primary_kwh: 25_000,
      final_kwh: 18_000,
      final_derived: false,
      primary_derived: false,
    });
    expect(s.kg_co2e).toBeCloseTo(18_000 * GHG_KG_PER_FINAL_KWH, 9);
  });

  it('derives final energy from primary energy with the documented ratio when EF is missing', () => {
    const s = estimateWorkSavings(
      work({ surface_m2: 80, conso_ep_avant: 300, conso_ep_apres: 200 }),
    );
    expect(s.method).toBe('consommations');
    expect(s.primary_kwh).toBe(8_000);
    expect(s.final_kwh).toBeCloseTo(8_000 * FINAL_PER_PRIMARY, 9);
    expect(s.final_derived).toBe(true);
  });

  it('derives primary energy from final energy when only EF is recorded', () => {
    const s = estimateWorkSavings(
      work({ surface_m2: 50, conso_ef_avant: 200, conso_ef_apres: 128 }),
    );
    expect(s.final_kwh).toBe(3_600);
    expect(s.primary_kwh).toBeCloseTo(3_600 / FINAL_PER_PRIMARY, 9);
    expect(s.primary_derived).toBe(true);
  });

  it('prefers consumptions to labels when both are given', () => {
    const s = estimateWorkSavings(
      work({
        surface_m2: 10,
        etiquette_avant: 'G',
        etiquette_apres: 'A',
        conso_ep_avant: 300,
        conso_ep_apres: 290,
      }),
    );
    expect([s.method, s.primary_kwh]).toEqual(['consommations', 100]);
  });

  it.each<['F' | 'G' | 'E', 'C' | 'D' | 'B', number]>([
    ['G', 'D', (500 - 215) * 90],
    ['F', 'C', (375 - 145) * 90],
    ['E', 'B', (290 - 90) * 90],
  ])('uses the label midpoints when only labels are known: %s → %s', (before, after, primary) => {
    const s = estimateWorkSavings(
      work({ surface_m2: 90, etiquette_avant: before, etiquette_apres: after }),
    );
    expect(s.method).toBe('etiquettes');
    expect(s.primary_kwh).toBe(primary);
    expect(primary).toBe((LABEL_MIDPOINTS[before] - LABEL_MIDPOINTS[after]) * 90);
    expect(s.final_kwh).toBeCloseTo(primary * FINAL_PER_PRIMARY, 9);
  });

  it.each<[string, Partial<WorkEnergy>]>([
    [
      'no surface',
      { etiquette_avant: 'G', etiquette_apres: 'C', conso_ep_avant: 500, conso_ep_apres: 100 },
    ],
    ['zero surface', { surface_m2: 0, etiquette_avant: 'G', etiquette_apres: 'C' }],
    ['labels half known', { surface_m2: 80, etiquette_avant: 'G' }],
    ['consumption half known', { surface_m2: 80, conso_ep_avant: 400 }],
  ])('does not estimate with %s', (_, w) => {
    expect(estimateWorkSavings(work(w))).toMatchObject({
      method: 'non_estime',
      primary_kwh: 0,
      final_kwh: 0,
      kg_co2e: 0,
    });
  });

  it('takes other parameters', () => {
    const s = estimateWorkSavings(
      work({ surface_m2: 100, conso_ep_avant: 200, conso_ep_apres: 100 }),
      {
        finalPerPrimary: 0.5,
        ghgKgPerFinalKwh: 0.2,
      },
    );
    expect([s.final_kwh, s.kg_co2e]).toEqual([5_000, 1_000]);
  });
});

describe('estimateSavings', () => {
  const works = [
    work({
      surface_m2: 100,
      conso_ep_avant: 400,
      conso_ep_apres: 150,
      conso_ef_avant: 300,
      conso_ef_apres: 120,
    }),
    work({ surface_m2: 100, etiquette_avant: 'G', etiquette_apres: 'E' }),
    work({ surface_m2: null, etiquette_avant: 'F', etiquette_apres: 'D' }),
  ];

  it('sums MWh/yr and tCO2e/yr and counts works per method', () => {
    const s = estimateSavings(works);
    const labelPrimary = (500 - 290) * 100;
    expect(s.primary_mwh_per_year).toBe(Math.round((25_000 + labelPrimary) / 100) / 10);
    expect(s.final_mwh_per_year).toBe(
      Math.round((18_000 + labelPrimary * FINAL_PER_PRIMARY) / 100) / 10,
    );
    expect(s.tco2e_per_year).toBe(
      Math.round(((18_000 + labelPrimary * FINAL_PER_PRIMARY) * GHG_KG_PER_FINAL_KWH) / 100) / 10,
    );
    expect(s.works_by_method).toEqual({ consommations: 1, etiquettes: 1, non_estime: 1 });
    expect(s.final_derived).toBe(1);
    expect(s.parameters).toEqual(DEFAULT_SAVINGS_PARAMETERS);
  });

  it('says in French which method each work used, with the midpoints and factors', () => {
    const text = estimateSavings(works).method.replaceAll('\u202f', ' ');
    expect(text).toContain(
      "sur 3 travaux recensés : 1 d'après les consommations avant et après travaux × surface, 1 d'après les étiquettes seules",
    );
    expect(text).toContain('A 35, B 90, C 145, D 215, E 290, F 375, G 500');
    expect(text).toContain('1 non estimés');
    expect(text).toContain("énergie finale déduite de l'énergie primaire pour 1 travaux (× 0,72)");
    expect(text).toContain('0,15 kgCO2e/kWh');
    expect(text).toContain('pas des kWh cumac');
  });

  it('gives zeros for no works', () => {
    const s = estimateSavings([]);
    expect([s.final_mwh_per_year, s.primary_mwh_per_year, s.tco2e_per_year]).toEqual([0, 0, 0]);
  });
});
