import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeBudget,
  computeCallsForFunds,
  computeFundingEnvelope,
  splitBetweenFunders,
  splitCents,
} from '../../src/domain/programme-budget.ts';
import { type ProgrammeConfig, parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import { toCents } from '../../src/domain/programme-money.ts';

function casba(): ProgrammeConfig {
  const json = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../data/programme/casba.json'), 'utf8'),
  );
  const result = parseProgrammeConfig(json);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

/** CaSBa with invoices entered on the fixed lines, in line order. */
function withSpend(spend: readonly number[]): ProgrammeConfig {
  const config = casba();
  return {
    ...config,
    fixed_costs: config.fixed_costs.map((line, i) => ({ ...line, spent_to_date: spend[i] ?? 0 })),
  };
}

describe('computeBudget: the convention figures', () => {
  it('reproduces 106 × 6,750 + 80,000 × 9.80 = 1,499,500 € at target, under the 1,500,000 cap', () => {
    const p = computeBudget(casba(), { territories: 106, carnets: 80_000 }).proportional;
    expect(p.territories_amount).toBe(715_500);
    expect(p.carnets_amount).toBe(784_000);
    expect(p.uncapped).toBe(1_499_500);
    expect(p.spent).toBe(1_499_500);
    expect(p.cap).toBe(1_500_000);
    expect(p.remaining).toBe(500);
    expect(p.excess).toBe(0);
  });

  it('splits the per-territory cost into its four parts', () => {
    const p = computeBudget(casba(), { territories: 106, carnets: 0 }).proportional;
    expect(p.parts.map((part) => [part.id, part.amount])).toEqual([
      ['initialisation', 238_500],
      ['formation', 159_000],
      ['animation', 159_000],
      ['retour_experience', 159_000],
    ]);
    expect(p.parts.reduce((s, part) => s + part.amount, 0)).toBe(106 * 6_750);
  });

  it.each<[number, number, number, number]>([
    // territories, carnets, uncapped, excess
    [106, 80_052, 1_500_009.6, 9.6],
    [120, 90_000, 1_692_000, 192_000],
    [0, 153_062, 1_500_007.6, 7.6],
  ])(
    'caps the proportional spend: %i territories, %i carnets → uncapped %s, excess %s',
    (t, c, uncapped, excess) => {
      const p = computeBudget(casba(), { territories: t, carnets: c }).proportional;
      expect(p.uncapped).toBe(uncapped);
      expect(p.spent).toBe(1_500_000);
      expect(p.excess).toBe(excess);
      expect(p.remaining).toBe(0);
    },
  );

  it('counts 9.80 € per carnet exactly (no float drift over many carnets)', () => {
    const p = computeBudget(casba(), { territories: 0, carnets: 12_345 }).proportional;
    expect(p.carnets_amount).toBe(120_981);
  });

  it('sums the fixed lines, each within its own cap, and reports the excess', () => {
    const b = computeBudget(withSpend([100_000, 70_000, 0, 0, 0, 0, 0, 12_345.67]), {
      territories: 0,
      carnets: 0,
    });
    expect(b.fixed.lines[0]).toMatchObject({ spent: 100_000, remaining: 30_000, excess: 0 });
    expect(b.fixed.lines[1]).toMatchObject({ spent: 60_000, excess: 10_000, remaining: 0 });
    expect(b.fixed.uncapped).toBe(182_345.67);
    expect(b.fixed.spent).toBe(172_345.67);
    expect(b.fixed.excess).toBe(10_000);
    expect(b.fixed.remaining).toBe(1_027_654.33);
  });

  it('adds fixed and proportional within the total cap', () => {
    const config = withSpend([
      130_000, 60_000, 210_000, 260_000, 50_000, 250_000, 140_000, 100_000,
    ]);
    const b = computeBudget(config, { territories: 106, carnets: 80_000 });
    expect(b.fixed.spent).toBe(1_200_000);
    expect(b.total).toEqual({
      spent: 2_699_500,
      cap: 2_700_000,
      uncapped: 2_699_500,
      excess: 0,
      remaining: 500,
    });
  });

  it('gives the spend per work package', () => {
    const b = computeBudget(withSpend([10_000, 0, 0, 0, 0, 0, 5_000, 0]), {
      territories: 2,
      carnets: 100,
    });
    const byId = Object.fromEntries(
      b.work_packages.map((wp) => [wp.id, [wp.fixed, wp.proportional]]),
    );
    expect(byId).toEqual({
      casbad: [10_000, 0],
      casbadev: [0, 0],
      casbagile: [0, 4_500],
      casbacom: [0, 0],
      casbanim: [5_000, 9_000 + 980],
    });
  });

  it.each([
    [-1, 0],
    [1.5, 0],
    [0, Number.NaN],
  ])('rejects impossible counts (%s territories, %s carnets)', (territories, carnets) => {
    expect(() => computeBudget(casba(), { territories, carnets })).toThrow(RangeError);
  });
});

describe('calls for funds', () => {
  it('splits the first call 822,300 € into 411,150 / 411,150 (Séolis, Sorégies)', () => {
    const calls = computeCallsForFunds(casba());
    expect(calls.calls[0]?.parts).toEqual([
      { funder_id: 'seolis', funder: 'Séolis', amount: 411_150 },
      { funder_id: 'soregies', funder: 'Sorégies', amount: 411_150 },
    ]);
    expect(calls.by_funder.map((p) => p.amount)).toEqual([411_150, 411_150]);
    expect(calls.total).toBe(822_300);
  });

  it.each<[number, number[]]>([
    [0.01, [0.01, 0]],
    [0.03, [0.02, 0.01]],
    [822_300.01, [411_150.01, 411_150]],
    [1_499_500, [749_750, 749_750]],
    [9.8, [4.9, 4.9]],
    [0, [0, 0]],
  ])('splits %s € 50/50 with the odd cent to the first funder: %j', (amount, parts) => {
    expect(splitBetweenFunders(amount, casba().funders).map((p) => p.amount)).toEqual(parts);
  });

  it.each<[number, number[], number[]]>([
    [100, [1, 1, 1], [34, 33, 33]],
    [200, [1, 1, 1], [67, 67, 66]],
    [10, [0.7, 0.3], [7, 3]],
    [1, [0.3, 0.7], [0, 1]],
    [5, [0.25, 0.25, 0.5], [1, 1, 3]],
  ])(
    'splitCents(%i, %j) = %j (largest remainder, ties to the earlier holder)',
    (cents, shares, parts) => {
      expect(
        splitCents(
          cents,
          shares.map((share) => ({ share })),
        ),
      ).toEqual(parts);
    },
  );

  it('refuses to split between nobody or by negative shares', () => {
    expect(() => splitCents(100, [])).toThrow(RangeError);
    expect(() => splitCents(100, [{ share: -1 }, { share: 2 }])).toThrow(RangeError);
    expect(() => splitCents(1.5, [{ share: 1 }])).toThrow(RangeError);
  });

  it('compares spend with calls per funder', () => {
    const config = casba();
    const budget = computeBudget(withSpend([130_000, 0, 0, 0, 0, 0, 0, 0]), {
      territories: 100,
      carnets: 63_200,
    });
    const envelope = computeFundingEnvelope(config, budget);
    expect(envelope.spent).toBe(130_000 + 675_000 + 619_360);
    expect(envelope.called).toBe(822_300);
    expect(envelope.remaining_to_spend).toBe(2_700_000 - 1_424_360);
    expect(envelope.remaining_to_call).toBe(1_877_700);
    expect(envelope.spend_not_called).toBe(1_424_360 - 822_300);
    expect(
      envelope.funders.map((f) => [f.called, f.share_of_spend, f.remaining_commitment]),
    ).toEqual([
      [411_150, 712_180, 938_850],
      [411_150, 712_180, 938_850],
    ]);
  });
});

describe('properties', () => {
  const spendArb = fc.array(
    fc.integer({ min: 0, max: 50_000_000 }).map((c) => c / 100),
    {
      minLength: 8,
      maxLength: 8,
    },
  );

  it('never counts spend beyond a cap, and spent + excess = uncapped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500_000 }),
        spendArb,
        (territories, carnets, spend) => {
          const config = withSpend(spend);
          const b = computeBudget(config, { territories, carnets });
          for (const a of [b.fixed, b.proportional, b.total, ...b.fixed.lines]) {
            expect(a.spent).toBeLessThanOrEqual(a.cap);
            expect(a.spent).toBeGreaterThanOrEqual(0);
            expect(toCents(a.spent) + toCents(a.excess)).toBe(toCents(a.uncapped));
            expect(toCents(a.spent) + toCents(a.remaining)).toBe(toCents(a.cap));
          }
          expect(b.total.spent).toBeLessThanOrEqual(2_700_000);
          expect(toCents(b.proportional.uncapped)).toBe(territories * 675_000 + carnets * 980);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('splits any amount so that the parts sum exactly to it, each within a cent of its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 }),
        (cents, weights) => {
          const total = weights.reduce((a, b) => a + b, 0);
          const parts = splitCents(
            cents,
            weights.map((w) => ({ share: w / total })),
          );
          expect(parts.reduce((a, b) => a + b, 0)).toBe(cents);
          parts.forEach((part, i) => {
            expect(Number.isInteger(part)).toBe(true);
            expect(Math.abs(part - (cents * (weights[i] ?? 0)) / total)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('splits any call in euros between the CaSBa funders exactly to the cent', () => {
    const funders = casba().funders;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 270_000_000 }), (cents) => {
        const parts = splitBetweenFunders(cents / 100, funders);
        expect(parts.reduce((s, p) => s + toCents(p.amount), 0)).toBe(cents);
        expect(
          Math.abs(toCents(parts[0]?.amount ?? 0) - toCents(parts[1]?.amount ?? 0)),
        ).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
