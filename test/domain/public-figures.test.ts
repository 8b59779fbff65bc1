import { describe, expect, it } from 'vitest';
import type { BreakdownCounts, MonthlyPoint } from '../../src/domain/programme-kpis.ts';
import {
  figureText,
  numericFigure,
  publicMonthlySeries,
  shownCounts,
  WITHHELD_PAIR,
  withholdEverything,
} from '../../src/domain/public-figures.ts';

const row: BreakdownCounts = {
  territories: 1,
  carnets: 40,
  works: 7,
  conversion: 7 / 40,
  fg_dwellings: 2000,
  penetration: 20,
};

describe('shownCounts', () => {
  it('shows the true figures outside public mode', () => {
    expect(shownCounts(row, null)).toEqual({
      carnets: 40,
      works: 7,
      conversion: 7 / 40,
      penetration: 20,
    });
  });

  it('withholds the conversion with the works, the penetration only with the carnets', () => {
    expect(shownCounts(row, { carnets: 40, works: null })).toEqual({
      carnets: 40,
      works: 'secret',
      conversion: 'secret',
      penetration: 20,
    });
  });

  it('withholds every rate when the carnets are withheld', () => {
    const shown = shownCounts(row, { carnets: null, works: 0 });
    expect(shown).toEqual({
      carnets: 'secret',
      works: 0,
      conversion: 'secret',
      penetration: 'secret',
    });
    expect(figureText(shown.carnets)).toBe('s');
    expect(numericFigure(shown.carnets)).toBeNull();
    expect(figureText(shown.works)).toBe('0');
  });

  it('withholds everything for a territory missing from the public counts', () => {
    const fallback = withholdEverything(11);
    const pair = fallback.epcis.get('200000000') ?? WITHHELD_PAIR;
    expect(Object.values(shownCounts(row, pair))).toEqual(['secret', 'secret', 'secret', 'secret']);
    expect(fallback.total).toEqual({ carnets: null, works: null });
  });
});

describe('publicMonthlySeries', () => {
  const point = (carnets: number, works: number): MonthlyPoint => ({
    month: '2020-01',
    date: '2020-01-31',
    territories: 3,
    carnets,
    works,
    target: { territories: 1, carnets: 1, works: 1 },
  });

  it('withholds national cumulative counts from 1 to 10, keeps zeros and larger counts', () => {
    const series = publicMonthlySeries(
      [point(0, 0), point(4, 0), point(11, 10), point(50, 12)],
      11,
    );
    expect(series.map((p) => p.carnets)).toEqual([0, Number.NaN, 11, 50]);
    expect(series.map((p) => p.works)).toEqual([0, 0, Number.NaN, 12]);
    expect(series.map((p) => p.territories)).toEqual([3, 3, 3, 3]);
  });
});
