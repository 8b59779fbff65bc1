import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectSums,
  divide,
  formulaValue,
  orZero,
  type RowSum,
  type RowTest,
  ratio,
  sumOf,
} from '../../src/domain/indicator-formula.ts';
import { availableIndicators, RECORDS } from '../../src/domain/indicators.ts';
import { priorityValues } from '../../src/domain/priority-score.ts';
import { epciAggregatesSql } from '../../src/sql/epci-aggregates-sql.ts';
import {
  rowSumSql,
  stockFormulaSql,
  summedFormulaSql,
} from '../../src/sql/indicator-formula-sql.ts';
import {
  LEVEL_CODE_COLUMNS,
  TERRITORY_LEVELS,
  territoryIndicatorsSql,
} from '../../src/sql/indicators-sql.ts';
import {
  createPreaggregateSql,
  type PreaggregateSpec,
  preaggregatedIndicatorsSql,
} from '../../src/sql/preaggregate-sql.ts';
import { STOCK_TABLE } from '../../src/sql/tables.ts';
import { targetingCriteriaSql } from '../../src/sql/targeting-sql.ts';
import { queryRows } from './analysis-stock-fixture.ts';

describe('formula SQL', () => {
  it('writes each sum over stock rows and over a pre-aggregated table', () => {
    const fossil: RowTest = { op: 'in', column: 'heating_energy', values: ["l'un", 'fioul'] };
    const sums: [RowSum, string][] = [
      [{ kind: 'rows' }, 'count(*)'],
      [{ kind: 'weight' }, 'sum(weight)'],
      [
        { kind: 'weight', where: fossil },
        "sum(weight) FILTER (WHERE heating_energy IN ('l''un', 'fioul'))",
      ],
      [
        { kind: 'weightIf', test: { op: 'atLeast', column: 'ef', value: 450 } },
        'sum(weight * (ef >= 450)::DOUBLE)',
      ],
      [{ kind: 'weighted', columns: ['ef', 'surface_m2'] }, 'sum(ef * surface_m2 * weight)'],
    ];
    for (const [row, sql] of sums) expect(rowSumSql(row)).toBe(sql);
    const share = divide(
      ratio(orZero(sumOf('a', { kind: 'weight' })), sumOf('b', { kind: 'rows' })),
      1e3,
    );
    expect(stockFormulaSql(share)).toBe(
      'coalesce(sum(weight), 0)\n    / nullif(count(*), 0) / 1e3',
    );
    expect(summedFormulaSql(share)).toBe('coalesce(sum(a), 0)\n    / nullif(sum(b), 0) / 1e3');
    expect(stockFormulaSql(divide(sumOf('c', { kind: 'weight' }), 2.5))).toBe('sum(weight) / 2.5');
  });
});

// Random small stocks: every path that derives from the indicator formulas gives the same figures.

type StockRow = Record<string, string | number | null>;

/** commune, EPCI, département, région: two régions, one commune outside any EPCI. */
const COMMUNES = [
  ['36001', 'E1', '36', '24'],
  ['36002', 'E1', '36', '24'],
  ['37001', 'E2', '37', '24'],
  ['86001', 'E3', '86', '75'],
  ['29155', null, '29', '53'],
] as const;

const USE_COLUMN = 'ef_heating_kwh_m2';

const COLUMNS = [
  'dataset',
  'code_commune',
  'code_epci',
  'code_departement',
  'code_region',
  'housing_type',
  'surface_m2',
  'heating_energy',
  'tenure',
  'dpe_label',
  'ep_kwh_m2',
  'ef_kwh_m2',
  'ghg_kg_m2',
  USE_COLUMN,
  'weight',
] as const;

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { freq: 4 });
const amount = (max: number) => fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true });

const rowArbitrary: fc.Arbitrary<StockRow> = fc
  .record({
    dataset: fc.constantFrom('d', 'd', 'd', 'other'),
    commune: fc.constantFrom(...COMMUNES),
    housing_type: maybe(fc.constantFrom('maison', 'appartement')),
    surface_m2: maybe(amount(300)),
    heating_energy: maybe(fc.constantFrom('fioul', 'charbon', 'gaz', 'electricite')),
    tenure: maybe(fc.constantFrom('proprietaire_occupant', 'locataire_prive')),
    dpe_label: maybe(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G')),
    ep_kwh_m2: maybe(amount(900)),
    // 450 is the G+ bound, included.
    ef_kwh_m2: maybe(fc.oneof(fc.constant(450), amount(900))),
    ghg_kg_m2: maybe(amount(150)),
    [USE_COLUMN]: maybe(amount(500)),
    weight: fc.oneof(
      fc.integer({ min: 1, max: 40 }),
      fc.double({ min: 0.01, max: 100, noNaN: true }),
    ),
  })
  .map(({ commune, ...row }) => ({
    ...row,
    code_commune: commune[0],
    code_epci: commune[1],
    code_departement: commune[2],
    code_region: commune[3],
  }));

function literal(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'number' ? String(value) : `'${value}'`;
}

// The JS path: each declared sum evaluated row by row, then the formula from the sums.
function testValue(test: RowTest, row: StockRow): boolean | null {
  const value = row[test.column] ?? null;
  if (test.op === 'known') return value !== null;
  if (value === null) return null;
  return test.op === 'in' ? test.values.includes(String(value)) : Number(value) >= test.value;
}

function contribution(sum: RowSum, row: StockRow): number | null {
  const weight = Number(row.weight);
  switch (sum.kind) {
    case 'rows':
      return 1;
    case 'weight':
      return sum.where === undefined || testValue(sum.where, row) === true ? weight : null;
    case 'weightIf': {
      const passes = testValue(sum.test, row);
      return passes === null ? null : passes ? weight : 0;
    }
    case 'weighted': {
      const values = sum.columns.map((column) => row[column] ?? null);
      if (values.some((value) => value === null)) return null;
      return values.reduce<number>((product, value) => product * Number(value), weight);
    }
  }
}

function jsIndicators(rows: readonly StockRow[], codeColumn: string) {
  const indicators = availableIndicators([USE_COLUMN]);
  const sums = collectSums([RECORDS, ...indicators.map((indicator) => indicator.value)]);
  const groups = new Map<string, StockRow[]>();
  for (const row of rows) {
    const code = row[codeColumn];
    if (row.dataset !== 'd' || typeof code !== 'string') continue;
    groups.set(code, [...(groups.get(code) ?? []), row]);
  }
  return [...groups.keys()].sort().map((code) => {
    const values: Record<string, number | null> = {};
    for (const { name, row } of sums) {
      const parts = (groups.get(code) ?? [])
        .map((stockRow) => contribution(row, stockRow))
        .filter((part): part is number => part !== null);
      values[name] = parts.length === 0 ? null : parts.reduce((total, part) => total + part, 0);
    }
    return {
      code,
      records: formulaValue(RECORDS, values),
      ...Object.fromEntries(
        indicators.map((indicator) => [indicator.id, formulaValue(indicator.value, values)]),
      ),
    };
  });
}

const close = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number'
    ? Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1)
    : a === b;

/** Cells that differ between two results, keyed by code: empty when they agree. */
function differences(
  actual: readonly Record<string, unknown>[],
  expected: readonly Record<string, unknown>[],
  label: string,
): string[] {
  const found: string[] = [];
  if (actual.map((row) => row.code).join() !== expected.map((row) => row.code).join()) {
    found.push(`${label}: codes ${actual.map((row) => row.code).join()}`);
  }
  expected.forEach((row, index) => {
    for (const [key, value] of Object.entries(row)) {
      const got = actual[index]?.[key];
      if (!close(got, value)) found.push(`${label} ${String(row.code)} ${key}: ${got} ≠ ${value}`);
    }
  });
  return found;
}

describe('indicator paths on random small stocks (property)', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });

  afterAll(() => {
    instance?.closeSync();
  });

  it('gives the same figures per territory from the raw SQL, the pre-aggregated SQL and JS', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArbitrary, { minLength: 1, maxLength: 25 }),
        fc.constantFrom(...TERRITORY_LEVELS),
        async (rows, level) => {
          runs++;
          const types = COLUMNS.map((column) =>
            ['dataset', 'housing_type', 'heating_energy', 'tenure', 'dpe_label'].includes(column) ||
            column.startsWith('code_')
              ? `${column} VARCHAR`
              : `${column} DOUBLE`,
          );
          await connection.run(`CREATE OR REPLACE TABLE ${STOCK_TABLE} (${types.join(', ')})`);
          const values = rows.map(
            (row) => `(${COLUMNS.map((column) => literal(row[column])).join(', ')})`,
          );
          await connection.run(`INSERT INTO ${STOCK_TABLE} VALUES ${values.join(', ')}`);
          const filters = { dataset: 'd' };
          const availableColumns = [USE_COLUMN];
          const raw = await queryRows(
            connection,
            territoryIndicatorsSql({ level, filters, availableColumns }),
          );
          // Split by three dimensions, so that every sum is cut into parts and summed again.
          const spec: PreaggregateSpec = {
            dataset: 'd',
            level,
            dimensions: ['labels', 'housingTypes', 'tenures'],
            availableColumns,
          };
          await connection.run(createPreaggregateSql(spec));
          const summed = await queryRows(connection, preaggregatedIndicatorsSql(spec, filters));
          const js = jsIndicators(rows, LEVEL_CODE_COLUMNS[level]);
          // The priority score's F/G share, from the targeting criteria.
          const targeting = await queryRows(connection, targetingCriteriaSql({ level, filters }));
          const priority = targeting.map((row) => ({
            code: row.code,
            fg_share: priorityValues({
              labelledDwellings: row.labelled as number,
              fg: row.fg as number,
              gPlus: null,
              fossilHeatingShare: null,
              ownerOccupiedShare: null,
              carnets: null,
              works: null,
            }).fg_share,
          }));
          const found = [
            ...differences(summed, raw, 'pre-aggregated'),
            ...differences(raw, js, 'raw vs JS'),
            ...differences(
              priority,
              raw.map((row) => ({ code: row.code, fg_share: row.fg_share })),
              'priority score',
            ),
          ];
          if (level === 'epci') {
            const epci = await queryRows(connection, epciAggregatesSql({ dataset: 'd' }));
            const pick = (row: Record<string, unknown>) => ({
              code: row.code ?? row.code_epci,
              dwellings: row.dwellings,
              fg_count: row.fg_count ?? 0,
              fg_share: row.fg_share,
              mean_ep: row.mean_ep,
              total_ef_gwh: row.total_ef_gwh,
            });
            found.push(...differences(epci.map(pick), raw.map(pick), 'EPCI aggregates'));
          }
          expect(found).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
    expect(runs).toBe(60);
  });
});
