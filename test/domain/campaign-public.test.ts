import { describe, expect, it } from 'vitest';
import { type EffectUnit, estimateEffect } from '../../src/domain/campaign-effect.ts';
import { shownEffect } from '../../src/domain/campaign-public.ts';
import {
  effectReading,
  formatInterval,
  formatSignedRate,
} from '../../src/domain/campaign-reading.ts';

const months = { pre: ['2020-07', '2020-08', '2020-09'], post: ['2020-10', '2020-11', '2020-12'] };
const unit = (code: string, group: EffectUnit['group'], carnets: number[], works: number[]) => ({
  code,
  group,
  fgDwellings: 1000,
  carnets,
  works,
});

describe('campaign effect in public mode', () => {
  // Targets: 3 carnets before (small), 30 after; comparison: 40 and 45, works 12 / 0.
  const estimate = estimateEffect(
    {
      months,
      units: [
        unit('T', 'target', [1, 1, 1, 10, 10, 10], [0, 0, 0, 0, 0, 0]),
        unit('C', 'control', [10, 15, 15, 15, 15, 15], [4, 4, 4, 0, 0, 0]),
      ],
    },
    { resamples: 50, seed: 3, level: 0.95 },
  );

  it('shows every figure outside public mode', () => {
    const shown = shownEffect(estimate, false);
    expect(shown.withheld).toBe(false);
    expect(shown.target.carnets.before).toEqual({ count: 3, rate: 3 });
    expect(shown.carnets.estimate).toBeCloseTo(27 - 5, 10);
  });

  it('withholds small counts, their months, the other period, and the estimates using them', () => {
    const shown = shownEffect(estimate, true);
    expect(shown.withheld).toBe(true);
    // 3 carnets before (primary) → 30 after hidden too, else the group total would give it.
    expect(shown.target.carnets.before).toEqual({ count: 'secret', rate: 'secret' });
    expect(shown.target.carnets.after).toEqual({ count: 'secret', rate: 'secret' });
    expect(shown.target.carnets.monthly.slice(0, 3)).toEqual([null, null, null]);
    expect(shown.carnets.estimate).toBe('secret');
    expect(shown.carnets.interval).toBe('secret');
    expect(shown.carnets.beforeAfter).toBe('secret');
    // The comparison group is large: its periods are shown; its month of 10 is not, nor a second
    // month, else the published period total would give it.
    expect(shown.control.carnets.before).toEqual({ count: 40, rate: 40 });
    expect(shown.control.carnets.monthly).toEqual([null, null, 15, 15, 15, 15]);
    expect(shown.carnets.comparisonChange).toBeCloseTo(5, 10);
    // Works: 12 before, 0 after for the comparison, but the months of 4 are small.
    expect(shown.control.works.monthly.slice(0, 3)).toEqual([null, null, null]);
    expect(shown.control.works.before.count).toBe(12);
  });
});

describe('plain-French reading', () => {
  const context = { level: 'commune' as const, months: 6, intervalLevel: 0.95, cautions: [] };

  it('writes the estimate, its interval and what it means', () => {
    expect(
      effectReading(
        'carnets',
        { estimate: 2.14, interval: [-0.5, 4.7], beforeAfter: 3, comparisonChange: 1 },
        { ...context, cautions: ['x'] },
      ),
    ).toBe(
      '+2,1 carnets pour 1 000 passoires sur 6 mois par rapport aux communes comparables (intervalle à 95 % : de −0,5 à +4,7) ; l’intervalle contient 0 : pas d’effet démontré ; effectifs faibles ou peu de territoires : prudence.',
    );
    expect(
      effectReading(
        'works',
        { estimate: -1.26, interval: [-2, -0.4], beforeAfter: 0, comparisonChange: 1 },
        { ...context, level: 'epci' },
      ),
    ).toBe(
      '−1,3 travaux pour 1 000 passoires sur 6 mois par rapport aux EPCI comparables (intervalle à 95 % : de −2,0 à −0,4) ; baisse au-delà du hasard.',
    );
    expect(
      effectReading(
        'carnets',
        { estimate: 'secret', interval: 'secret', beforeAfter: 'secret', comparisonChange: 1 },
        context,
      ),
    ).toMatch(/masqué : effectifs soumis au secret statistique/);
    expect(formatSignedRate(-0.01)).toBe('0,0');
    expect(formatInterval([0.04, 12])).toBe('de 0,0 à +12,0');
  });
});
