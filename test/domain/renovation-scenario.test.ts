import { describe, expect, it } from 'vitest';
import { formatInteger } from '../../src/domain/format.ts';
import {
  computeRenovationScenario,
  DEFAULT_SCENARIO_ASSUMPTIONS,
  type ScenarioInput,
} from '../../src/domain/renovation-scenario.ts';

const TARGETS = { territories: 106, carnets: 80_000, works: 12_000 };

describe('computeRenovationScenario', () => {
  // F: surface and primary consumption known; G: nothing known but the final consumption.
  const input: ScenarioInput = {
    F: { dwellings: 10, meanSurfaceM2: 80, meanPrimaryKwhM2: 400 },
    G: { dwellings: 5, meanFinalKwhM2: 450 },
    sharePercent: 40,
    target: 'C',
  };

  it('reproduces the documented formula on a small case', () => {
    const s = computeRenovationScenario(input, TARGETS);
    // 40 % of 10 F and of 5 G dwellings, rounded: 4 and 2.
    const areaF = 4 * 80;
    const areaG = 2 * 90; // default surface
    const primaryF = (areaF * (400 - 145)) / 1000; // C midpoint 145 kWhEP/m²/yr
    const primaryG = (areaG * (500 - 145)) / 1000; // G midpoint 500
    const finalF = primaryF * 0.72; // final/primary ratio of savings.ts
    const finalG = (areaG * (450 - 145 * 0.72)) / 1000; // known final consumption
    expect(s.by_label.map((l) => [l.label, l.dwellings, l.surfaceM2, l.classesGained])).toEqual([
      ['F', 4, 80, 3],
      ['G', 2, 90, 4],
    ]);
    expect(s.dwellings).toBe(6);
    expect(s.primary_mwh_per_year).toBe(Math.round((primaryF + primaryG) * 10) / 10);
    expect(s.primary_mwh_per_year).toBe(145.5);
    expect(s.final_mwh_per_year).toBe(Math.round((finalF + finalG) * 10) / 10);
    expect(s.final_mwh_per_year).toBe(121);
    expect(s.tco2e_per_year).toBe(Math.round((finalF + finalG) * 0.15 * 10) / 10);
    expect(s.tco2e_per_year).toBe(18.1);
    expect(s.investment_eur).toEqual({ low: (areaF + areaG) * 200, high: (areaF + areaG) * 350 });
    // 3 classes (F→C): 55 000 € HT; 4 classes (G→C): 70 000 € HT.
    expect(s.aid_ceiling_eur).toBe(4 * 55_000 + 2 * 70_000);
    expect(s.programme).toEqual({
      carnets: 6,
      works: 6,
      carnets_target: 80_000,
      works_target: 12_000,
      carnets_share: 6 / 80_000,
      works_share: 6 / 12_000,
    });
  });

  it('uses the class midpoints and the default surface when nothing is known (target B)', () => {
    const s = computeRenovationScenario(
      { F: { dwellings: 100 }, G: { dwellings: 0 }, sharePercent: 100, target: 'B' },
      TARGETS,
    );
    const area = 100 * 90;
    expect(s.primary_mwh_per_year).toBe((area * (375 - 90)) / 1000);
    expect(s.final_mwh_per_year).toBe(Math.round(((area * (375 - 90)) / 1000) * 0.72 * 10) / 10);
    expect(s.investment_eur).toEqual({ low: area * 350, high: area * 500 });
    expect(s.aid_ceiling_eur).toBe(100 * 70_000);
    expect(s.by_label[0]?.primaryKnown).toBe(false);
    expect(s.method.join('\n')).toContain('consommation avant : milieu de classe');
  });

  it('saves nothing where the selection is already below the target', () => {
    const s = computeRenovationScenario(
      {
        F: { dwellings: 10, meanPrimaryKwhM2: 120, meanFinalKwhM2: 60 },
        G: { dwellings: 0 },
        sharePercent: 50,
        target: 'C',
      },
      TARGETS,
    );
    expect([s.primary_mwh_per_year, s.final_mwh_per_year, s.tco2e_per_year]).toEqual([0, 0, 0]);
    expect(s.dwellings).toBe(5);
  });

  it('follows the assumptions it is given', () => {
    const s = computeRenovationScenario(input, TARGETS, {
      ...DEFAULT_SCENARIO_ASSUMPTIONS,
      costPerM2: { C: { low: 100, high: 150 }, B: { low: 1, high: 2 } },
      defaultSurfaceM2: 50,
    });
    expect(s.investment_eur).toEqual({ low: (320 + 100) * 100, high: (320 + 100) * 150 });
  });

  it('explains the method with its figures and cites the sources of its assumptions', () => {
    const s = computeRenovationScenario(input, TARGETS);
    const method = s.method.join('\n');
    expect(method).toContain('étiquette C');
    expect(method).toContain(`${formatInteger(6)} au total`);
    expect(method).toContain(`objectif de ${formatInteger(80_000)}`);
    expect(method).toContain(`objectif de ${formatInteger(12_000)}`);
    expect(method).toContain('× 0,72');
    expect(method).toContain('ni des kWh cumac');
    const assumptions = s.assumptions.join('\n');
    for (const source of [
      'hal-04442398',
      'Je rénove BBC',
      'Parcours accompagné en 2024',
      'INSEE',
    ]) {
      expect(assumptions).toContain(source);
    }
  });

  it.each([
    ['a share above 100 %', { ...input, sharePercent: 120 }],
    ['a negative count', { ...input, F: { dwellings: -1 } }],
    ['a zero surface', { ...input, G: { dwellings: 3, meanSurfaceM2: 0 } }],
    ['a NaN consumption', { ...input, G: { dwellings: 3, meanPrimaryKwhM2: Number.NaN } }],
  ])('rejects %s', (_, bad) => {
    expect(() => computeRenovationScenario(bad, TARGETS)).toThrow(RangeError);
  });
});
