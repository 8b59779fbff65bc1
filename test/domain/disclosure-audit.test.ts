import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeFeasibleIntervals,
  findDisclosures,
  InconsistentTableError,
  type LinearSystem,
} from '../../src/domain/disclosure-audit.ts';
import {
  auditPublishedTable,
  auditPublishedTree,
  buildHierarchicalSystem,
  buildTreeSystem,
  cellId,
  type PublishedCountTable,
} from '../../src/domain/published-counts.ts';

/** Σ of the variables named by `plus` − Σ of those named by `minus` = 0. */
function equation(plus: number[], minus: number[]) {
  return {
    terms: [
      ...plus.map((variable) => ({ variable, coefficient: 1 })),
      ...minus.map((variable) => ({ variable, coefficient: -1 })),
    ],
  };
}

const intervalsOf = (system: LinearSystem) =>
  computeFeasibleIntervals(system).intervals.map((i) => [i.id, i.min, i.max]);

describe('computeFeasibleIntervals', () => {
  it('bounds two hidden cells of a published sum by that sum', () => {
    const system: LinearSystem = {
      variables: [
        { id: 'total', published: 10 },
        { id: 'x', published: null },
        { id: 'y', published: null },
      ],
      equations: [equation([0], [1, 2])],
    };
    expect(intervalsOf(system)).toEqual([
      ['x', 0, 10],
      ['y', 0, 10],
    ]);
  });

  it('determines a lone hidden cell by difference', () => {
    const system: LinearSystem = {
      variables: [
        { id: 'total', published: 10 },
        { id: 'x', published: null },
        { id: 'y', published: 4 },
      ],
      equations: [equation([0], [1, 2])],
    };
    expect(intervalsOf(system)).toEqual([['x', 6, 6]]);
  });

  it('leaves the upper bound open when no published sum bounds a cell', () => {
    const system: LinearSystem = {
      variables: [
        { id: 'total', published: null },
        { id: 'x', published: 3 },
        { id: 'y', published: null },
      ],
      equations: [equation([0], [1, 2])],
    };
    const result = computeFeasibleIntervals(system);
    expect(result.intervals.map((i) => [i.id, i.min, i.max])).toEqual([
      ['total', 3, Number.POSITIVE_INFINITY],
      ['y', 0, Number.POSITIVE_INFINITY],
    ]);
    expect(result.exact).toBe(true);
    expect(result.converged).toBe(true);
  });

  it('says when intervals are only outer bounds (cyclic two-way table)', () => {
    // a b | 10      a + b = 10, c + d = 10, a + c = 10, b + d = 10: a cycle of four equations.
    // c d | 10
    // 10 10
    const system: LinearSystem = {
      variables: ['a', 'b', 'c', 'd', 'r1', 'r2', 'c1', 'c2'].map((id, i) => ({
        id,
        published: i < 4 ? null : 10,
      })),
      equations: [
        equation([4], [0, 1]),
        equation([5], [2, 3]),
        equation([6], [0, 2]),
        equation([7], [1, 3]),
      ],
    };
    expect(computeFeasibleIntervals(system).exact).toBe(false);
  });

  it('rejects published figures that do not add up', () => {
    const system: LinearSystem = {
      variables: [
        { id: 'total', published: 5 },
        { id: 'x', published: 4 },
        { id: 'y', published: 3 },
        { id: 'z', published: null },
      ],
      equations: [equation([0], [1, 2, 3])],
    };
    expect(() => computeFeasibleIntervals(system)).toThrow(InconsistentTableError);
  });

  it.each([
    ['a negative published value', { variables: [{ id: 'x', published: -1 }], equations: [] }],
    [
      'a zero coefficient',
      {
        variables: [{ id: 'x', published: null }],
        equations: [{ terms: [{ variable: 0, coefficient: 0 }] }],
      },
    ],
    [
      'an unknown variable',
      { variables: [], equations: [{ terms: [{ variable: 3, coefficient: 1 }] }] },
    ],
  ])('rejects %s', (_, system) => {
    expect(() => computeFeasibleIntervals(system)).toThrow(RangeError);
  });
});

describe('findDisclosures', () => {
  const intervals = [
    { variable: 0, id: 'determined-small', min: 4, max: 4 },
    { variable: 1, id: 'determined-large', min: 40, max: 40 },
    { variable: 2, id: 'bounded-small', min: 0, max: 7 },
    { variable: 3, id: 'protected-small', min: 0, max: 11 },
    { variable: 4, id: 'unknown-truth', min: 0, max: 3 },
  ];
  const truth = new Map([
    ['determined-small', 4],
    ['determined-large', 40],
    ['bounded-small', 2],
    ['protected-small', 2],
  ]);

  it('flags small hidden counts that are determined or provably below the threshold', () => {
    expect(findDisclosures(intervals, (id) => truth.get(id), 11)).toEqual([
      { id: 'determined-small', value: 4, min: 4, max: 4, kind: 'determined' },
      { id: 'bounded-small', value: 2, min: 0, max: 7, kind: 'bounded_below_threshold' },
      { id: 'unknown-truth', value: null, min: 0, max: 3, kind: 'bounded_below_threshold' },
    ]);
  });
});

describe('auditPublishedTable', () => {
  const table = (
    cells: [string, string | null, number | null][],
    parents: [string, number | null][],
    total: number | null,
  ): PublishedCountTable => ({
    columns: ['carnets'],
    cells: cells.map(([code, parent, v]) => ({ code, parent, values: [v] })),
    parents: parents.map(([code, v]) => ({ code, values: [v] })),
    total: [total],
  });

  it('recovers a hidden EPCI whose communes are all published', () => {
    const published = table(
      [
        ['a', 'e1', 20],
        ['b', 'e1', 30],
        ['c', 'e2', 40],
      ],
      [
        ['e1', null],
        ['e2', null],
      ],
      90,
    );
    const result = auditPublishedTable(published, () => 5, 11);
    expect(result.passed).toBe(false);
    expect(result.determined).toBe(2);
    expect(result.disclosures.map((d) => [d.id, d.kind])).toEqual([
      [cellId('epci', 'e1', 'carnets'), 'determined'],
      [cellId('epci', 'e2', 'carnets'), 'determined'],
    ]);
  });

  it('recovers a small commune from its EPCI and the other communes', () => {
    const published = table(
      [
        ['a', 'e1', null],
        ['b', 'e1', 30],
      ],
      [['e1', 35]],
      35,
    );
    const truth = new Map([[cellId('commune', 'a', 'carnets'), 5]]);
    const result = auditPublishedTable(published, (id) => truth.get(id), 11);
    expect(result.disclosures).toEqual([
      { id: cellId('commune', 'a', 'carnets'), value: 5, min: 5, max: 5, kind: 'determined' },
    ]);
  });

  it('passes a table whose hidden cells are wide enough', () => {
    const published = table(
      [
        ['a', 'e1', null],
        ['b', 'e1', null],
        ['c', 'e1', 40],
      ],
      [['e1', 55]],
      55,
    );
    const truth = new Map([
      [cellId('commune', 'a', 'carnets'), 3],
      [cellId('commune', 'b', 'carnets'), 12],
    ]);
    const result = auditPublishedTable(published, (id) => truth.get(id), 11);
    expect(result.passed).toBe(true);
    expect(result.intervals.map((i) => [i.min, i.max])).toEqual([
      [0, 15],
      [0, 15],
    ]);
  });

  it('refuses a commune whose EPCI has no row', () => {
    expect(() => buildHierarchicalSystem(table([['a', 'e9', 12]], [], 12))).toThrow(/e9/);
  });
});

describe('auditPublishedTree', () => {
  const node = (
    level: string,
    code: string,
    parent: [string, string] | null,
    v: number | null,
  ) => ({
    level,
    code,
    parent: parent && { level: parent[0], code: parent[1] },
    values: [v],
  });

  it('recovers a small EPCI from its region total when its sibling EPCI is published', () => {
    // Region 75 = C + D; the same code "75" at another level is another cell.
    const tree = {
      columns: ['carnets'],
      nodes: [
        node('region', '75', null, 45),
        node('epci', 'C', ['region', '75'], null),
        node('epci', 'D', ['region', '75'], 40),
        node('commune', '75', ['epci', 'C'], null),
      ],
      total: [45],
    };
    const system = buildTreeSystem(tree);
    expect(system.equations).toHaveLength(3);
    const result = auditPublishedTree(tree, () => 5, 11);
    expect(result.exact).toBe(true);
    expect(result.disclosures.map((d) => [d.id, d.min, d.max])).toEqual([
      [cellId('epci', 'C', 'carnets'), 5, 5],
      [cellId('commune', '75', 'carnets'), 5, 5],
    ]);
  });

  it('refuses a node whose parent has no row, and a duplicate node', () => {
    expect(() =>
      buildTreeSystem({
        columns: ['n'],
        nodes: [node('epci', 'e', ['region', 'r'], 1)],
        total: [1],
      }),
    ).toThrow(/region r/);
    expect(() =>
      buildTreeSystem({
        columns: ['n'],
        nodes: [node('epci', 'e', null, 1), node('epci', 'e', null, 1)],
        total: [2],
      }),
    ).toThrow(RangeError);
  });
});

// Small random trees (total → EPCI → communes) with random hidden cells, checked against the set
// of all integer solutions: propagation must give exactly the feasible range on a hierarchy.
const tree = fc.record({
  communes: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }), {
    minLength: 1,
    maxLength: 2,
  }),
  hideCommune: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  hideEpci: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
});

function bruteForce(values: number[][], hiddenCommune: boolean[][], hiddenEpci: boolean[]) {
  const total = values.flat().reduce((s, v) => s + v, 0);
  const slots: [number, number][] = [];
  values.forEach((row, e) => {
    row.forEach((_, c) => {
      if (hiddenCommune[e]?.[c]) slots.push([e, c]);
    });
  });
  const ranges = new Map<string, [number, number]>();
  const note = (id: string, v: number) => {
    const r = ranges.get(id);
    ranges.set(id, r === undefined ? [v, v] : [Math.min(r[0], v), Math.max(r[1], v)]);
  };
  const current = values.map((row) => [...row]);
  const visit = (k: number) => {
    if (k === slots.length) {
      const sums = current.map((row) => row.reduce((s, v) => s + v, 0));
      if (sums.reduce((s, v) => s + v, 0) !== total) return;
      const epciOk = sums.every(
        (s, e) => hiddenEpci[e] || s === values[e]?.reduce((a, v) => a + v, 0),
      );
      if (!epciOk) return;
      for (const [e, c] of slots) note(cellId('commune', `${e}-${c}`, 'n'), current[e]?.[c] ?? 0);
      sums.forEach((s, e) => {
        if (hiddenEpci[e]) note(cellId('epci', `e${e}`, 'n'), s);
      });
      return;
    }
    const [e, c] = slots[k] ?? [0, 0];
    const row = current[e] ?? [];
    for (let v = 0; v <= total; v++) {
      row[c] = v;
      if (current.flat().reduce((s, x) => s + x, 0) - sumAfter(k) > total) break;
      visit(k + 1);
    }
    row[c] = values[e]?.[c] ?? 0;
  };
  // Published cells and slots not yet visited still hold their true value: exclude the latter.
  const sumAfter = (k: number) =>
    slots.slice(k + 1).reduce((s, [e, c]) => s + (values[e]?.[c] ?? 0), 0);
  visit(0);
  return ranges;
}

describe('computeFeasibleIntervals: exact on hierarchies (brute force)', () => {
  it('matches the range of every hidden cell over all integer solutions', () => {
    fc.assert(
      fc.property(tree, ({ communes, hideCommune, hideEpci }) => {
        const hiddenCommune = communes.map((row, e) =>
          row.map((_, c) => hideCommune[e * 3 + c] ?? false),
        );
        const published: PublishedCountTable = {
          columns: ['n'],
          cells: communes.flatMap((row, e) =>
            row.map((v, c) => ({
              code: `${e}-${c}`,
              parent: `e${e}`,
              values: [hiddenCommune[e]?.[c] ? null : v],
            })),
          ),
          parents: communes.map((row, e) => ({
            code: `e${e}`,
            values: [hideEpci[e] ? null : row.reduce((s, v) => s + v, 0)],
          })),
          total: [communes.flat().reduce((s, v) => s + v, 0)],
        };
        const result = computeFeasibleIntervals(buildHierarchicalSystem(published));
        expect(result.exact).toBe(true);
        const expected = bruteForce(communes, hiddenCommune, hideEpci.slice(0, communes.length));
        const actual = new Map(result.intervals.map((i) => [i.id, [i.min, i.max]]));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
