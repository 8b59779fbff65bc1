import { describe, expect, it } from 'vitest';
import { computeRenovationScenario } from '../../../src/domain/renovation-scenario.ts';
import type { TargetingCriteriaRow } from '../../../src/sql/targeting-sql.ts';
import { scenarioStock } from '../../../src/views/targeting/scenario-stock.ts';

const TARGETS = { territories: 106, carnets: 80_000, works: 12_000 };

function row(code: string, f: Partial<TargetingCriteriaRow>): TargetingCriteriaRow {
  return {
    code,
    dwellings: 0,
    labelled: 0,
    fg: 0,
    g_plus: 0,
    fossil_share: null,
    owner_share: null,
    f_dwellings: 0,
    f_surface: null,
    f_ep: null,
    f_ef: null,
    g_dwellings: 0,
    g_surface: null,
    g_ep: null,
    g_ef: null,
    ...f,
  };
}

// Two communes of a target list: the second knows nothing about its G dwellings.
const ROWS = [
  row('36001', {
    f_dwellings: 20,
    f_surface: 80,
    f_ep: 400,
    f_ef: 300,
    g_dwellings: 10,
    g_surface: 100,
    g_ep: 500,
    g_ef: 460,
  }),
  row('36002', { f_dwellings: 30, f_surface: 60, f_ep: 350, f_ef: null, g_dwellings: 10 }),
];

describe('scenarioStock', () => {
  it('adds the dwellings and pools the means weighted by dwellings where known', () => {
    const stock = scenarioStock(ROWS);
    expect(stock.F).toEqual({
      dwellings: 50,
      meanSurfaceM2: (20 * 80 + 30 * 60) / 50,
      meanPrimaryKwhM2: (20 * 400 + 30 * 350) / 50,
      meanFinalKwhM2: 300,
    });
    expect(stock.G).toEqual({
      dwellings: 20,
      meanSurfaceM2: 100,
      meanPrimaryKwhM2: 500,
      meanFinalKwhM2: 460,
    });
  });

  it('gives null means and zero dwellings for an empty list', () => {
    expect(scenarioStock([]).F).toEqual({
      dwellings: 0,
      meanSurfaceM2: null,
      meanPrimaryKwhM2: null,
      meanFinalKwhM2: null,
    });
  });

  it('reproduces the scenario panel figures from the documented formula (50 % to C)', () => {
    const s = computeRenovationScenario(
      { ...scenarioStock(ROWS), sharePercent: 50, target: 'C' },
      TARGETS,
    );
    // 50 % of 50 F and of 20 G: 25 and 10 dwellings.
    const areaF = 25 * 68; // pooled surface (20×80 + 30×60) / 50
    const areaG = 10 * 100;
    const primary = (areaF * (370 - 145) + areaG * (500 - 145)) / 1000; // C midpoint 145
    const final = (areaF * (300 - 145 * 0.72) + areaG * (460 - 145 * 0.72)) / 1000;
    expect(s.dwellings).toBe(35);
    expect(s.primary_mwh_per_year).toBe(Math.round(primary * 10) / 10);
    expect(s.primary_mwh_per_year).toBe(737.5);
    expect(s.final_mwh_per_year).toBe(Math.round(final * 10) / 10);
    expect(s.tco2e_per_year).toBe(Math.round(final * 0.15 * 10) / 10);
    expect(s.investment_eur).toEqual({ low: (areaF + areaG) * 200, high: (areaF + areaG) * 350 });
    expect(s.programme.carnets_share).toBe(35 / 80_000);
    expect(s.programme.works_share).toBe(35 / 12_000);
  });
});
