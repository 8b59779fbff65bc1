import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PRIORITY_CRITERIA,
  type PriorityCandidate,
  type PriorityCriterionId,
  type PriorityWeights,
  priorityValues,
  scoreTerritories,
} from '../../src/domain/priority-score.ts';

const territory = (code: string, values: PriorityCandidate['values']): PriorityCandidate => ({
  code,
  values,
});

// fg_count: more is urgent; carnet_penetration: less is urgent.
const THREE = [
  territory('A', { fg_count: 100, carnet_penetration: 10, fossil_heating_share: 0.2 }),
  territory('B', { fg_count: 300, carnet_penetration: 30, fossil_heating_share: 0.2 }),
  territory('C', { fg_count: 200, carnet_penetration: 20, fossil_heating_share: 0.2 }),
];

const summary = (ranking: ReturnType<typeof scoreTerritories>) =>
  ranking.scores.map((s) => [
    s.rank,
    s.code,
    s.score === null ? null : Math.round(s.score * 100) / 100,
  ]);

describe('scoreTerritories', () => {
  it.each([
    [
      'weights 2 (F/G count) and 1 (low penetration)',
      { fg_count: 2, carnet_penetration: 1 },
      // A = 100 × (2 × 0 + 1 × 1) / 3, B = 100 × (2 × 1 + 1 × 0) / 3, C = 100 × (2 × 0.5 + 0.5) / 3
      [
        [1, 'B', 66.67],
        [2, 'C', 50],
        [3, 'A', 33.33],
      ],
    ],
    [
      'low penetration only (inverted)',
      { carnet_penetration: 4 },
      [
        [1, 'A', 100],
        [2, 'C', 50],
        [3, 'B', 0],
      ],
    ],
    [
      'a constant criterion, whatever its weight, changes nothing',
      { fg_count: 2, carnet_penetration: 1, fossil_heating_share: 5 },
      [
        [1, 'B', 66.67],
        [2, 'C', 50],
        [3, 'A', 33.33],
      ],
    ],
    [
      'no weight at all: no score, ranked by code',
      {},
      [
        [1, 'A', null],
        [2, 'B', null],
        [3, 'C', null],
      ],
    ],
  ] as [string, PriorityWeights, unknown[]][])('%s', (_, weights, expected) => {
    expect(summary(scoreTerritories(THREE, weights))).toEqual(expected);
  });

  it('gives each criterion its points, flags, and the ranges it normalised with', () => {
    const ranking = scoreTerritories(THREE, {
      fg_count: 2,
      carnet_penetration: 1,
      fossil_heating_share: 5,
    });
    const c = ranking.scores.find((s) => s.code === 'C');
    const parts = Object.fromEntries(
      (c?.contributions ?? []).map((p) => [p.criterion, [p.normalised, p.weight, p.flag]]),
    );
    expect(parts).toMatchObject({
      fg_count: [0.5, 2, null],
      carnet_penetration: [0.5, 1, null],
      fossil_heating_share: [null, 5, 'constant'],
      fg_share: [null, 0, 'missing'],
    });
    const points = (c?.contributions ?? []).reduce((s, p) => s + p.points, 0);
    expect(points).toBeCloseTo(c?.score ?? Number.NaN, 10);
    expect(c?.weight_used).toBe(3);
    expect(ranking.ranges.fg_count).toEqual({ min: 100, max: 300 });
    expect(ranking.ranges.fg_share).toBeNull();
  });

  it('leaves a missing value out of that territory’s weights and flags it', () => {
    const ranking = scoreTerritories(
      [...THREE, territory('D', { fg_count: 300, carnet_penetration: null })],
      { fg_count: 2, carnet_penetration: 1, g_plus_count: 1 },
    );
    const d = ranking.scores.find((s) => s.code === 'D');
    // D: only the F/G count is usable: 100 × 2 × 1 / 2.
    expect(d?.score).toBe(100);
    expect(d?.missing).toEqual(['g_plus_count', 'carnet_penetration']);
    expect(d?.weight_used).toBe(2);
    // A mean over fewer criteria can rank first: that is what the flag warns about.
    expect(summary(ranking).map(([rank, code]) => `${rank}${code}`)).toEqual([
      '1D',
      '2B',
      '3C',
      '4A',
    ]);
  });

  it('is not monotone in the weights for a territory with missing values (hence the flag)', () => {
    // X and Y pin every range to [0, 1]; A lacks three criteria that B has.
    const candidates = [
      territory('X', {
        fg_count: 0,
        fg_share: 0,
        g_plus_count: 0,
        fossil_heating_share: 0,
        owner_occupied_share: 0,
      }),
      territory('Y', {
        fg_count: 1,
        fg_share: 1,
        g_plus_count: 1,
        fossil_heating_share: 1,
        owner_occupied_share: 1,
      }),
      territory('A', { fg_count: 0.5, fg_share: 0.9 }),
      territory('B', {
        fg_count: 0.4,
        fg_share: 0.69,
        g_plus_count: 0.69,
        fossil_heating_share: 0.69,
        owner_occupied_share: 0.69,
      }),
    ];
    const weights = {
      fg_count: 1,
      fg_share: 1,
      g_plus_count: 5,
      fossil_heating_share: 5,
      owner_occupied_share: 5,
    };
    const score = (w: PriorityWeights, code: string) =>
      scoreTerritories(candidates, w).scores.find((s) => s.code === code)?.score ?? 0;
    expect(score(weights, 'A')).toBeGreaterThan(score(weights, 'B'));
    const raised = { ...weights, fg_count: 5 }; // A beats B on the F/G count…
    expect(score(raised, 'A')).toBeLessThan(score(raised, 'B')); // …and yet falls behind.
  });

  it('breaks ties by code, in code-point order', () => {
    const ranking = scoreTerritories(
      [
        territory('59350', { fg_share: 0.2 }),
        territory('2A004', { fg_share: 0.1 }),
        territory('01001', { fg_share: 0.2 }),
      ],
      { fg_share: 1 },
    );
    expect(ranking.scores.map((s) => s.code)).toEqual(['01001', '59350', '2A004']);
  });

  it.each([
    ['a weight above 5', { fg_count: 6 }],
    ['a negative weight', { fg_count: -1 }],
    ['a NaN weight', { fg_count: Number.NaN }],
  ] as [string, PriorityWeights][])('rejects %s', (_, weights) => {
    expect(() => scoreTerritories(THREE, weights)).toThrow(RangeError);
  });

  it('rejects a duplicate territory', () => {
    expect(() =>
      scoreTerritories([THREE[0] as PriorityCandidate, THREE[0] as PriorityCandidate], {}),
    ).toThrow(/Duplicate/);
  });
});

describe('priorityValues', () => {
  it('derives shares and rates as the programme KPIs do', () => {
    expect(
      priorityValues({
        labelledDwellings: 1000,
        fg: 200,
        gPlus: 30,
        fossilHeatingShare: 0.12,
        ownerOccupiedShare: 0.6,
        carnets: 50,
        works: 5,
      }),
    ).toEqual({
      fg_count: 200,
      fg_share: 0.2,
      g_plus_count: 30,
      fossil_heating_share: 0.12,
      owner_occupied_share: 0.6,
      carnet_penetration: 250,
      works_conversion: 0.1,
    });
  });

  it('gives null rates without a denominator', () => {
    const v = priorityValues({
      labelledDwellings: 0,
      fg: 0,
      gPlus: null,
      fossilHeatingShare: null,
      ownerOccupiedShare: null,
      carnets: 0,
      works: 0,
    });
    expect([v.fg_share, v.carnet_penetration, v.works_conversion]).toEqual([null, null, null]);
  });
});

const IDS = PRIORITY_CRITERIA.map((c) => c.id);
const completeValues = fc
  .tuple(...IDS.map(() => fc.integer({ min: 0, max: 20 })))
  .map(
    (vs) =>
      Object.fromEntries(IDS.map((id, i) => [id, vs[i] ?? 0])) as Record<
        PriorityCriterionId,
        number
      >,
  );
const partialValues = fc
  .tuple(...IDS.map(() => fc.option(fc.integer({ min: 0, max: 20 }), { nil: null })))
  .map((vs) => Object.fromEntries(IDS.map((id, i) => [id, vs[i] ?? null])));
const weightsArb = fc
  .tuple(...IDS.map(() => fc.integer({ min: 0, max: 5 })))
  .map(
    (ws) =>
      Object.fromEntries(IDS.map((id, i) => [id, ws[i] ?? 0])) as Record<
        PriorityCriterionId,
        number
      >,
  );

describe('scoreTerritories: property', () => {
  it('raising the weight of a criterion where A beats B never lets B overtake A', () => {
    fc.assert(
      fc.property(
        completeValues,
        completeValues,
        fc.array(partialValues, { maxLength: 5 }),
        weightsArb,
        fc.constantFrom(...IDS),
        fc.integer({ min: 1, max: 5 }),
        (a, b, others, weights, criterion, raise) => {
          const candidates = [
            territory('A', a),
            territory('B', b),
            ...others.map((values, i) => territory(`X${i}`, values)),
          ];
          const before = scoreTerritories(candidates, weights);
          const norm = (code: string) =>
            before.scores
              .find((s) => s.code === code)
              ?.contributions.find((p) => p.criterion === criterion)?.normalised ?? null;
          const nA = norm('A');
          const nB = norm('B');
          fc.pre(nA !== null && nB !== null && nA > nB);
          const scoreOf = (r: typeof before, code: string) =>
            r.scores.find((s) => s.code === code)?.score ?? 0;
          fc.pre(scoreOf(before, 'A') >= scoreOf(before, 'B'));
          const raised = { ...weights, [criterion]: Math.min(5, weights[criterion] + raise) };
          const after = scoreTerritories(candidates, raised);
          expect(scoreOf(after, 'A')).toBeGreaterThanOrEqual(scoreOf(after, 'B') - 1e-9);
          const rank = (r: typeof before, code: string) =>
            r.scores.find((s) => s.code === code)?.rank ?? 0;
          if (scoreOf(before, 'A') > scoreOf(before, 'B') + 1e-9) {
            expect(rank(after, 'A')).toBeLessThan(rank(after, 'B'));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
