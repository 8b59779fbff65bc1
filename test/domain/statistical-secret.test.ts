import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditPublishedTable, cellId } from '../../src/domain/published-counts.ts';
import {
  auditSuppressedTree,
  type CountRow,
  type CountTable,
  type SuppressedTable,
  suppressSmallCounts,
  toPublishedTable,
  trueCellValues,
} from '../../src/domain/secret-publication.ts';
import {
  type CountColumn,
  type CountTreeNode,
  SECRET_THRESHOLD,
  suppressTree,
} from '../../src/domain/statistical-secret.ts';

const CARNETS: CountColumn[] = [{ id: 'carnets' }];
const BOTH: CountColumn[] = [{ id: 'carnets' }, { id: 'travaux', population: 'carnets' }];

/** One-column table from `{ epci: [[code, value], …] }`; the key `null` holds communes without EPCI. */
function table(groups: Record<string, [string, number][]>): CountTable {
  const rows: CountRow[] = Object.entries(groups).flatMap(([parent, cells]) =>
    cells.map(([code, value]) => ({
      code,
      parent: parent === 'null' ? null : parent,
      values: [value],
    })),
  );
  return { columns: CARNETS, rows };
}

function audit(suppressed: SuppressedTable) {
  const truth = trueCellValues(suppressed);
  return auditPublishedTable(toPublishedTable(suppressed), (id) => truth.get(id), SECRET_THRESHOLD);
}

const reasonOf = (s: SuppressedTable, code: string, column = 0) =>
  (s.rows.find((r) => r.code === code) ?? s.parents.find((r) => r.code === code))?.cells[column]
    ?.suppressed;

const interval = (a: ReturnType<typeof audit>, id: string) => {
  const found = a.intervals.find((i) => i.id === id);
  return found && [found.min, found.max];
};

describe('suppressSmallCounts: primary suppression', () => {
  it('hides every count from 1 to 10, publishes zeros and counts of 11 or more, keeps the values', () => {
    const s = suppressSmallCounts(
      table({
        e1: [
          ['a', 0],
          ['b', 5],
          ['c', 11],
          ['d', 40],
        ],
        e2: [
          ['f', 100],
          ['g', 200],
        ],
      }),
    );
    expect(s.rows.map((r) => [r.code, r.cells[0]])).toEqual([
      ['a', { value: 0, suppressed: null }],
      ['b', { value: 5, suppressed: 'primary' }],
      // b alone would be recovered from e1 (56): the smallest positive neighbour is hidden too.
      ['c', { value: 11, suppressed: 'secondary' }],
      ['d', { value: 40, suppressed: null }],
      ['f', { value: 100, suppressed: null }],
      ['g', { value: 200, suppressed: null }],
    ]);
    expect(s.parents.map((p) => [p.code, p.cells[0]?.value, p.cells[0]?.suppressed])).toEqual([
      ['e1', 56, null],
      ['e2', 300, null],
    ]);
    expect(s.total).toEqual([{ value: 356, suppressed: null }]);
    expect(s.summary).toEqual({ cells: 9, primary: 1, secondary: 1 });
    expect(audit(s).passed).toBe(true);
  });

  it('hides « 0 travaux » among 1 to 10 carnets, unless an ancestor already shows 0 over 11 or more', () => {
    const s = suppressSmallCounts({
      columns: BOTH,
      rows: [
        { code: 'a', parent: 'e1', values: [3, 0] },
        { code: 'b', parent: 'e1', values: [20, 0] },
        { code: 'c', parent: 'e1', values: [30, 15] },
        { code: 'd', parent: 'e2', values: [4, 0] },
        { code: 'e', parent: 'e2', values: [30, 0] },
      ],
    });
    expect(reasonOf(s, 'a', 1)).toBe('primary');
    expect(reasonOf(s, 'b', 1)).toBeNull();
    expect(reasonOf(s, 'c', 1)).toBe('secondary');
    // e2 publishes 0 travaux over 34 carnets: d's zero is implied by that legitimate figure.
    expect(reasonOf(s, 'd', 1)).toBeNull();
    expect(reasonOf(s, 'e2', 1)).toBeNull();
    expect(reasonOf(s, 'd', 0)).toBe('primary');
    expect(reasonOf(s, 'e', 0)).toBe('secondary');
    expect(audit(s).passed).toBe(true);
  });

  it('hides the whole table, total included, when it counts fewer than 11 units', () => {
    const s = suppressSmallCounts(
      table({
        e1: [
          ['a', 3],
          ['b', 4],
        ],
        null: [['z', 0]],
      }),
    );
    expect(s.total[0]?.suppressed).toBe('primary');
    expect(s.parents[0]?.cells[0]?.suppressed).toBe('primary');
    expect(reasonOf(s, 'z')).toBeNull();
    const a = audit(s);
    expect(a.passed).toBe(true);
    expect(interval(a, cellId('commune', 'a', 'carnets'))).toEqual([0, Number.POSITIVE_INFINITY]);
  });
});

describe('suppressSmallCounts: secondary suppression (adversarial cases)', () => {
  it('protects an EPCI with a single commune through the level above', () => {
    const s = suppressSmallCounts(
      table({
        e1: [['x', 7]],
        e2: [
          ['y', 30],
          ['z', 25],
        ],
      }),
    );
    expect(reasonOf(s, 'x')).toBe('primary');
    expect(reasonOf(s, 'e1')).toBe('primary');
    // e1 alone would be the total minus e2: e2 is hidden, then one of its communes (the smallest).
    expect(reasonOf(s, 'e2')).toBe('secondary');
    expect(reasonOf(s, 'z')).toBe('secondary');
    expect(reasonOf(s, 'y')).toBeNull();
    const a = audit(s);
    expect(a.passed).toBe(true);
    // total 62 = x + (30 + z): x can be anything from 0 to 32.
    expect(interval(a, cellId('commune', 'x', 'carnets'))).toEqual([0, 32]);
    expect(interval(a, cellId('epci', 'e2', 'carnets'))).toEqual([30, 62]);
  });

  it('protects a group where every cell is small', () => {
    const s = suppressSmallCounts(
      table({
        e1: [
          ['a', 3],
          ['b', 4],
          ['c', 2],
        ],
        e2: [
          ['d', 50],
          ['f', 60],
        ],
      }),
    );
    expect(['a', 'b', 'c', 'e1'].map((code) => reasonOf(s, code))).toEqual([
      'primary',
      'primary',
      'primary',
      'primary',
    ]);
    expect(['e2', 'd', 'f'].map((code) => reasonOf(s, code))).toEqual([
      'secondary',
      'secondary',
      null,
    ]);
    const a = audit(s);
    expect(a.passed).toBe(true);
    // The hidden mass under the total is 3 + 4 + 2 + 50 = 59.
    for (const code of ['a', 'b', 'c']) {
      expect(interval(a, cellId('commune', code, 'carnets'))).toEqual([0, 59]);
    }
  });

  it('protects a commune that equals its EPCI total', () => {
    const s = suppressSmallCounts(
      table({
        e1: [
          ['x', 8],
          ['y', 0],
          ['w', 0],
        ],
        e2: [
          ['u', 12],
          ['v', 30],
        ],
      }),
    );
    expect(reasonOf(s, 'x')).toBe('primary');
    expect(reasonOf(s, 'e1')).toBe('primary');
    expect(reasonOf(s, 'y')).toBeNull();
    expect(reasonOf(s, 'u')).toBe('secondary');
    const a = audit(s);
    expect(a.passed).toBe(true);
    expect(interval(a, cellId('commune', 'x', 'carnets'))).toEqual([0, 20]);
  });

  it('adds cells until the hidden mass of a group reaches 11, and breaks ties by code', () => {
    const s = suppressSmallCounts(
      table({
        e1: [
          ['m', 1],
          ['n', 2],
          ['b', 20],
          ['a', 20],
          ['k', 0],
        ],
      }),
    );
    // Two hidden cells holding 3 units would tell that both are tiny: a (20, before b) joins them.
    expect(['m', 'n', 'a', 'b', 'k'].map((code) => reasonOf(s, code))).toEqual([
      'primary',
      'primary',
      'secondary',
      null,
      null,
    ]);
    expect(audit(s).passed).toBe(true);
  });

  it('protects a small EPCI through the communes without EPCI', () => {
    // e1 (5) is small itself; next to it under the total are only communes without EPCI.
    const s = suppressSmallCounts(
      table({
        e1: [
          ['x', 5],
          ['y', 0],
        ],
        null: [
          ['o', 40],
          ['p', 15],
        ],
      }),
    );
    expect(reasonOf(s, 'e1')).toBe('primary');
    expect(reasonOf(s, 'p')).toBe('secondary');
    expect(audit(s).passed).toBe(true);
  });
});

describe('suppressSmallCounts: input', () => {
  it.each([
    ['a negative count', [{ code: 'a', parent: null, values: [-1] }]],
    ['a fractional count', [{ code: 'a', parent: null, values: [1.5] }]],
    ['a missing value', [{ code: 'a', parent: null, values: [] }]],
    [
      'a duplicate commune',
      [
        { code: 'a', parent: null, values: [1] },
        { code: 'a', parent: 'e', values: [1] },
      ],
    ],
  ])('rejects %s', (_, rows) => {
    expect(() => suppressSmallCounts({ columns: CARNETS, rows })).toThrow(RangeError);
  });

  it('rejects a population column that does not exist', () => {
    expect(() =>
      suppressSmallCounts({ columns: [{ id: 'travaux', population: 'carnets' }], rows: [] }),
    ).toThrow(/population/);
  });
});

// Many zeros and small counts, a few large ones: the hard case for secondary suppression.
const count = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 10 }), weight: 4 },
  { arbitrary: fc.integer({ min: 11, max: 60 }), weight: 2 },
  { arbitrary: fc.integer({ min: 61, max: 500 }), weight: 1 },
);
// travaux mostly within the carnets (a share of them), sometimes unrelated.
const row = fc
  .tuple(count, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), count)
  .map(([carnets, share, related, other]) => [
    carnets,
    related ? Math.round(carnets * share) : other,
  ]);
const hierarchicalTable = fc
  .record({
    epcis: fc.array(fc.array(row, { minLength: 1, maxLength: 15 }), { minLength: 1, maxLength: 8 }),
    orphans: fc.array(row, { maxLength: 2 }),
  })
  .map(
    ({ epcis, orphans }): CountTable => ({
      columns: BOTH,
      rows: [
        ...epcis.flatMap((communes, e) =>
          communes.map((values, c) => ({ code: `${e}-${c}`, parent: `epci-${e}`, values })),
        ),
        ...orphans.map((values, o) => ({ code: `sans-epci-${o}`, parent: null, values })),
      ],
    }),
  );

describe('suppressSmallCounts: property', () => {
  it('no published table lets a cell below 11 be recovered', () => {
    fc.assert(
      fc.property(hierarchicalTable, (input) => {
        const s = suppressSmallCounts(input);
        const published = toPublishedTable(s);
        for (const r of [...published.cells, ...published.parents]) {
          for (const v of r.values)
            expect(v === null || v === 0 || v >= SECRET_THRESHOLD).toBe(true);
        }
        const result = audit(s);
        expect(result.disclosures).toEqual([]);
        expect(result.exact).toBe(true);
        expect(result.passed).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('suppressTree: input', () => {
  const leaf = (level: string, code: string, parent: CountTreeNode['parent'], v: number) => ({
    level,
    code,
    parent,
    values: [v],
  });

  it('keys nodes by level and code: equal codes of different levels are different cells', () => {
    const s = suppressTree({
      columns: CARNETS,
      nodes: [
        { level: 'region', code: '1', parent: null, values: null },
        { level: 'epci', code: '1', parent: { level: 'region', code: '1' }, values: null },
        leaf('commune', '1', { level: 'epci', code: '1' }, 40),
        leaf('commune', '2', { level: 'epci', code: '1' }, 30),
        { level: 'region', code: '2', parent: null, values: null },
      ],
    });
    expect(s.nodes.map((n) => [n.level, n.code, n.cells[0]?.value])).toEqual([
      ['region', '1', 70],
      ['epci', '1', 70],
      ['commune', '1', 40],
      ['commune', '2', 30],
      ['region', '2', 0],
    ]);
    expect(s.total[0]?.value).toBe(70);
  });

  it.each([
    ['a duplicate node', [leaf('commune', 'a', null, 1), leaf('commune', 'a', null, 2)]],
    ['an unknown parent', [leaf('commune', 'a', { level: 'epci', code: 'x' }, 1)]],
    [
      'counts on a node with children',
      [leaf('epci', 'e', null, 3), leaf('commune', 'a', { level: 'epci', code: 'e' }, 1)],
    ],
    [
      'cyclic parents',
      [
        { level: 'epci', code: 'e', parent: { level: 'region', code: 'r' }, values: null },
        { level: 'region', code: 'r', parent: { level: 'epci', code: 'e' }, values: null },
      ],
    ],
    ['the level of the total', [leaf('total', '', null, 1)]],
  ])('rejects %s', (_, nodes) => {
    expect(() => suppressTree({ columns: CARNETS, nodes })).toThrow(RangeError);
  });
});

/** A random tree: a leaf holds [carnets, travaux], an inner node its children. */
type Shape = { values: number[] } | { children: Shape[] };

const shape = (depth: number): fc.Arbitrary<Shape> => {
  const leaf = row.map((values) => ({ values }));
  if (depth === 1) return leaf;
  return fc.oneof(
    { arbitrary: leaf, weight: 1 },
    {
      arbitrary: fc.array(shape(depth - 1), { maxLength: 5 }).map((children) => ({ children })),
      weight: 3,
    },
  );
};

/** Levels by depth; codes are numbered per level, so that the same code recurs at every level. */
function toTree(roots: Shape[]): { nodes: CountTreeNode[]; truth: Map<string, number[]> } {
  const nodes: CountTreeNode[] = [];
  const truth = new Map<string, number[]>();
  const next = new Map<string, number>();
  const visit = (node: Shape, depth: number, parent: CountTreeNode['parent']): number[] => {
    const level = `n${depth}`;
    const code = String(next.get(level) ?? 0);
    next.set(level, Number(code) + 1);
    const key = { level, code };
    const index = nodes.length;
    nodes.push({ ...key, parent, values: 'values' in node ? node.values : null });
    const sums =
      'values' in node
        ? node.values
        : node.children
            .map((child) => visit(child, depth + 1, key))
            .reduce((a, b) => [(a[0] ?? 0) + (b[0] ?? 0), (a[1] ?? 0) + (b[1] ?? 0)], [0, 0]);
    truth.set(`${index}`, sums);
    return sums;
  };
  const total = roots
    .map((r) => visit(r, 1, null))
    .reduce((a, b) => [(a[0] ?? 0) + (b[0] ?? 0), (a[1] ?? 0) + (b[1] ?? 0)], [0, 0]);
  truth.set('total', total);
  return { nodes, truth };
}

const randomTree = fc
  .integer({ min: 2, max: 4 })
  .chain((depth) => fc.array(shape(depth), { minLength: 1, maxLength: 6 }))
  .map(toTree);

describe('suppressTree: property on random trees of 3 to 5 levels (total included)', () => {
  it('keeps every true value, hides every count from 1 to 10, and lets none be recovered', () => {
    let deep = 0;
    fc.assert(
      fc.property(randomTree, ({ nodes, truth }) => {
        const s = suppressTree({ columns: BOTH, nodes });
        if (nodes.some((n) => n.level === 'n3')) deep++;
        const check = (cells: readonly { value: number; suppressed: unknown }[], key: string) => {
          cells.forEach((cell, c) => {
            expect(cell.value).toBe(truth.get(key)?.[c]);
            if (cell.value > 0 && cell.value < SECRET_THRESHOLD) {
              expect(cell.suppressed).not.toBeNull();
            }
          });
        };
        s.nodes.forEach((node, i) => {
          check(node.cells, `${i}`);
        });
        check(s.total, 'total');
        const result = auditSuppressedTree(s);
        expect(result.exact).toBe(true);
        for (const interval of result.intervals) {
          const [, level, code, column] = /^([^:]*):([^:]*):(.*)$/.exec(interval.id) ?? [];
          const index = s.nodes.findIndex((n) => n.level === level && n.code === code);
          const cells = index < 0 ? s.total : (s.nodes[index]?.cells ?? []);
          const value = cells[column === 'carnets' ? 0 : 1]?.value ?? 0;
          if (value < SECRET_THRESHOLD) {
            expect(interval.min).toBeLessThan(interval.max);
            expect(interval.max).toBeGreaterThanOrEqual(SECRET_THRESHOLD);
          }
        }
        expect(result.disclosures).toEqual([]);
        expect(result.passed).toBe(true);
      }),
      { numRuns: 300 },
    );
    // The generator does reach the deep trees the programme needs.
    expect(deep).toBeGreaterThan(50);
  });
});
