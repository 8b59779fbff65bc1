/**
 * SQL of the indicator formulas (`src/domain/indicator-formula.ts`): over the stock rows, or over
 * a pre-aggregated table whose columns are the formulas' sums. Both texts come from the same
 * declaration, so that the two paths compute the same figures.
 */
import type { Formula, NamedSum, RowSum, RowTest } from '../domain/indicator-formula.ts';
import { sqlString } from './sql-string.ts';

/** The condition of a row test, null when its column is null. */
export function rowTestSql(test: RowTest): string {
  switch (test.op) {
    case 'in':
      return `${test.column} IN (${test.values.map(sqlString).join(', ')})`;
    case 'atLeast':
      return `${test.column} >= ${test.value}`;
    case 'known':
      return `${test.column} IS NOT NULL`;
  }
}

/** The aggregate of a sum over stock rows. */
export function rowSumSql(row: RowSum): string {
  switch (row.kind) {
    case 'rows':
      return 'count(*)';
    case 'weight':
      return row.where === undefined
        ? 'sum(weight)'
        : `sum(weight) FILTER (WHERE ${rowTestSql(row.where)})`;
    case 'weightIf':
      // `weight * (test)::DOUBLE` is null when the test is unknown, so that the sum is null, not
      // 0, when nothing in the group says whether dwellings qualify.
      return `sum(weight * (${rowTestSql(row.test)})::DOUBLE)`;
    case 'weighted':
      return `sum(${[...row.columns, 'weight'].join(' * ')})`;
  }
}

// 1e6 rather than 1000000: the unit change reads as such.
const numberSql = (value: number) => {
  const exponent = Math.log10(value);
  return Number.isInteger(exponent) && exponent > 0 ? `1e${exponent}` : String(value);
};

function formulaSql(formula: Formula, sumSql: (sum: NamedSum) => string): string {
  switch (formula.op) {
    case 'sum':
      return sumSql(formula.sum);
    case 'orZero':
      return `coalesce(${formulaSql(formula.of, sumSql)}, 0)`;
    case 'ratio':
      return `${formulaSql(formula.numerator, sumSql)}
    / nullif(${formulaSql(formula.denominator, sumSql)}, 0)`;
    case 'divide':
      return `${formulaSql(formula.of, sumSql)} / ${numberSql(formula.by)}`;
  }
}

/** A formula aggregated over stock rows (in a `GROUP BY` or over a whole scope). */
export function stockFormulaSql(formula: Formula): string {
  return formulaSql(formula, (sum) => rowSumSql(sum.row));
}

/** A formula re-aggregated from a pre-aggregated table that holds each sum in a column. */
export function summedFormulaSql(formula: Formula): string {
  return formulaSql(formula, (sum) => `sum(${sum.name})`);
}

/** A formula over the stock rows of a group, as one select line: a DOUBLE column named `alias`. */
export function formulaColumnSql(formula: Formula, alias: string): string {
  return `  (${stockFormulaSql(formula)})::DOUBLE AS ${alias}`;
}
