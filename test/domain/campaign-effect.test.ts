import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  drawPoisson,
  type EffectInput,
  type EffectUnit,
  estimateEffect,
  quantile,
} from '../../src/domain/campaign-effect.ts';
import { createPrng } from '../../src/domain/prng.ts';

const PRE = ['2020-07', '2020-08', '2020-09'];
const POST = ['2020-10', '2020-11', '2020-12'];

/** A unit whose carnets are `monthly` (6 months) and works a third of them, rounded down. */
function unit(code: string, group: EffectUnit['group'], fg: number, monthly: number[]): EffectUnit {
  return {
    code,
    group,
    fgDwellings: fg,
    carnets: monthly,
    works: monthly.map((n) => Math.floor(n / 3)),
  };
}

const input = (units: EffectUnit[]): EffectInput => ({ months: { pre: PRE, post: POST }, units });

describe('estimateEffect on data whose answer is known', () => {
  it('finds no effect when targets and comparison territories do not move', () => {
    const flat = [4, 4, 4, 4, 4, 4];
    const result = estimateEffect(
      input([
        unit('36001', 'target', 800, flat),
        unit('36002', 'target', 800, flat),
        unit('36003', 'control', 800, flat),
        unit('36004', 'control', 800, flat),
        unit('36005', 'control', 800, flat),
      ]),
    );
    expect(result.carnets.estimate).toBe(0);
    expect(result.carnets.beforeAfter).toBe(0);
    const [low, high] = result.carnets.interval ?? [Number.NaN, Number.NaN];
    expect(low).toBeLessThan(0);
    expect(high).toBeGreaterThan(0);
  });

  it('recovers a known uplift: 10 more carnets a month in each of two targets of 500 F/G', () => {
    const base = [5, 5, 5, 5, 5, 5];
    const uplifted = [5, 5, 5, 15, 15, 15];
    const result = estimateEffect(
      input([
        unit('36001', 'target', 500, uplifted),
        unit('36002', 'target', 500, uplifted),
        ...['36003', '36004', '36005', '36006'].map((code) => unit(code, 'control', 500, base)),
      ]),
    );
    // Targets: 30 carnets before, 90 after, over 1,000 F/G: +60 per 1,000; comparison: +0.
    expect(result.target.carnets.before).toEqual({ count: 30, rate: 30 });
    expect(result.target.carnets.after).toEqual({ count: 90, rate: 90 });
    expect(result.carnets.estimate).toBeCloseTo(60, 10);
    const [low, high] = result.carnets.interval ?? [0, 0];
    expect(low).toBeGreaterThan(0);
    expect(low).toBeLessThan(60);
    expect(high).toBeGreaterThan(60);
  });

  it('does not mistake a trend shared with the comparison for an effect', () => {
    // Carnets rise by 2 a month per 1,000 F/G everywhere: a before/after reading sees +18.
    const rising = (fg: number) => [1, 2, 3, 4, 5, 6].map((m) => (2 * m * fg) / 1000);
    const result = estimateEffect(
      input([
        unit('36001', 'target', 1000, rising(1000)),
        unit('36002', 'control', 1500, rising(1500)),
        unit('36003', 'control', 500, rising(500)),
      ]),
    );
    expect(result.carnets.beforeAfter).toBeCloseTo(18, 10);
    expect(result.carnets.comparisonChange).toBeCloseTo(18, 10);
    expect(result.carnets.estimate).toBeCloseTo(0, 10);
  });

  it('separates a trend from an uplift on top of it', () => {
    const trend = [10, 20, 30, 40, 50, 60];
    const result = estimateEffect(
      input([
        unit('36001', 'target', 1000, [10, 20, 30, 45, 55, 65]),
        unit('36002', 'control', 1000, trend),
        unit(
          '36003',
          'control',
          2000,
          trend.map((n) => 2 * n),
        ),
      ]),
    );
    expect(result.carnets.beforeAfter).toBeCloseTo(105, 10);
    expect(result.carnets.estimate).toBeCloseTo(15, 10);
  });

  it('gives no estimate when a group has no F/G dwellings, and refuses unequal periods', () => {
    const result = estimateEffect(
      input([
        unit('36001', 'target', 0, [1, 1, 1, 1, 1, 1]),
        unit('36002', 'control', 10, [1, 1, 1, 1, 1, 1]),
      ]),
    );
    expect(result.carnets).toEqual({
      estimate: null,
      interval: null,
      beforeAfter: null,
      comparisonChange: 0,
    });
    expect(() => estimateEffect({ months: { pre: PRE, post: POST.slice(1) }, units: [] })).toThrow(
      RangeError,
    );
  });

  it('gives the same interval whatever the order of the territories (seeded bootstrap)', () => {
    const units = [
      unit('36001', 'target', 400, [3, 1, 4, 1, 5, 9]),
      unit('36002', 'target', 900, [2, 6, 5, 3, 5, 8]),
      unit('36003', 'control', 700, [9, 7, 9, 3, 2, 3]),
      unit('36004', 'control', 300, [8, 4, 6, 2, 6, 4]),
    ];
    const once = estimateEffect(input(units));
    expect(estimateEffect(input([...units].reverse()))).toEqual(once);
    expect(once.carnets.interval?.[0]).toBeLessThan(once.carnets.interval?.[1] ?? 0);
  });
});

describe('estimateEffect properties', () => {
  const counts = fc.array(fc.nat({ max: 30 }), { minLength: 3, maxLength: 3 });
  /** A unit whose after months are its before months reversed: no change. */
  const steady = (group: EffectUnit['group']) =>
    fc
      .record({ fg: fc.integer({ min: 1, max: 5000 }), pre: counts })
      .map(({ fg, pre }) => ({ fg, monthly: [...pre, ...[...pre].reverse()], group }));

  it('keeps a zero effect at zero when unchanged untargeted territories are added', () => {
    fc.assert(
      fc.property(
        fc.array(steady('target'), { minLength: 1, maxLength: 5 }),
        fc.array(steady('control'), { minLength: 1, maxLength: 5 }),
        fc.array(steady('control'), { minLength: 1, maxLength: 8 }),
        (targets, controls, added) => {
          const units = (list: typeof targets, prefix: string) =>
            list.map((u, i) => unit(`${prefix}${i}`, u.group, u.fg, u.monthly));
          const before = estimateEffect(input([...units(targets, 'T'), ...units(controls, 'C')]), {
            resamples: 20,
            seed: 1,
            level: 0.95,
          });
          const after = estimateEffect(
            input([...units(targets, 'T'), ...units(controls, 'C'), ...units(added, 'A')]),
            { resamples: 20, seed: 1, level: 0.95 },
          );
          expect(before.carnets.estimate).toBeCloseTo(0, 9);
          expect(after.carnets.estimate).toBeCloseTo(0, 9);
          expect(after.works.estimate).toBeCloseTo(0, 9);
        },
      ),
    );
  });

  it('makes the counts behind the rates add up', () => {
    const anyUnit = fc.record({
      group: fc.constantFrom<EffectUnit['group']>('target', 'control'),
      fg: fc.integer({ min: 0, max: 3000 }),
      monthly: fc.array(fc.nat({ max: 40 }), { minLength: 6, maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(anyUnit, { minLength: 1, maxLength: 12 }), (list) => {
        const units = list.map((u, i) => unit(`U${i}`, u.group, u.fg, u.monthly));
        const result = estimateEffect(input(units), { resamples: 10, seed: 7, level: 0.9 });
        for (const [group, figures] of [
          ['target', result.target],
          ['control', result.control],
        ] as const) {
          const members = units.filter((u) => u.group === group);
          expect(figures.units).toBe(members.length);
          expect(figures.fgDwellings).toBe(members.reduce((s, u) => s + u.fgDwellings, 0));
          for (const key of ['carnets', 'works'] as const) {
            const o = figures[key];
            const total = members.reduce((s, u) => s + u[key].reduce((a, b) => a + b, 0), 0);
            expect(o.before.count + o.after.count).toBe(total);
            expect(o.monthly.reduce((a, b) => a + b, 0)).toBe(total);
            expect(o.monthly.slice(0, 3).reduce((a, b) => a + b, 0)).toBe(o.before.count);
            const rate = (n: number) =>
              figures.fgDwellings > 0 ? (1000 * n) / figures.fgDwellings : null;
            expect(o.before.rate).toBe(rate(o.before.count));
            expect(o.after.rate).toBe(rate(o.after.count));
          }
        }
        const t = result.target.carnets;
        const c = result.control.carnets;
        if (result.carnets.estimate !== null) {
          const expected =
            (t.after.rate ?? 0) -
            (t.before.rate ?? 0) -
            ((c.after.rate ?? 0) - (c.before.rate ?? 0));
          expect(result.carnets.estimate).toBeCloseTo(expected, 9);
        }
      }),
    );
  });
});

describe('bootstrap helpers', () => {
  it('draws Poisson deviates with the right mean and variance, small and large means', () => {
    const prng = createPrng(42);
    for (const mean of [0.5, 4, 29, 30, 400]) {
      const draws = Array.from({ length: 20_000 }, () => drawPoisson(prng, mean));
      const m = draws.reduce((s, x) => s + x, 0) / draws.length;
      const v = draws.reduce((s, x) => s + (x - m) ** 2, 0) / draws.length;
      expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(mean / draws.length) + 0.01);
      expect(v / mean).toBeGreaterThan(0.93);
      expect(v / mean).toBeLessThan(1.07);
      expect(draws.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    }
    expect(drawPoisson(prng, 0)).toBe(0);
  });

  it('interpolates quantiles between order statistics', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20], 0.975)).toBeCloseTo(19.75, 10);
  });
});
