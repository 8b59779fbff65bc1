/**
 * The vocabulary in which each indicator declares its formula once: additive sums over the stock
 * rows (weighted by dwellings) and how they combine. `src/sql/indicator-formula-sql.ts` turns a
 * formula into SQL over the stock or over a pre-aggregated table of its sums;
 * {@link formulaValue} computes it in JavaScript from the sums. Because every path reads the same
 * declaration, the F/G share (and every other figure) is defined in one place.
 */

/** A condition on one stock row; unknown when its column is null. */
export type RowTest =
  | { op: 'in'; column: string; values: readonly string[] }
  | { op: 'atLeast'; column: string; value: number }
  | { op: 'known'; column: string };

/**
 * What one stock row adds to a sum. Rows that add nothing (null) leave the sum null when no row
 * adds anything, as SQL `sum` does: a territory where nothing is known gets null, not 0.
 *
 * - `rows`: 1 per row (the record count);
 * - `weight`: the row's dwellings, only for rows passing `where` when given;
 * - `weightIf`: the row's dwellings if `test` holds, 0 if not, nothing when `test` is unknown;
 * - `weighted`: the product of `columns` times the dwellings, nothing when a column is null.
 */
export type RowSum =
  | { kind: 'rows' }
  | { kind: 'weight'; where?: RowTest }
  | { kind: 'weightIf'; test: RowTest }
  | { kind: 'weighted'; columns: readonly string[] };

/** An additive sum with the column name it has in a pre-aggregated table. */
export interface NamedSum {
  name: string;
  row: RowSum;
}

/** How an indicator's value combines its sums. */
export type Formula =
  | { op: 'sum'; sum: NamedSum }
  | { op: 'orZero'; of: Formula }
  | { op: 'ratio'; numerator: Formula; denominator: Formula }
  | { op: 'divide'; of: Formula; by: number };

/** A sum as a formula (the indicator is the sum itself). */
export function sumOf(name: string, row: RowSum): Formula {
  return { op: 'sum', sum: { name, row } };
}

/** The name of a sum declared with {@link sumOf}, e.g. to give its value to {@link formulaValue}. */
export function sumName(formula: Formula): string {
  if (formula.op !== 'sum') throw new RangeError(`Not a sum: ${formula.op}`);
  return formula.sum.name;
}

/** Zero where the formula is null (e.g. dwellings of a territory without any row). */
export function orZero(of: Formula): Formula {
  return { op: 'orZero', of };
}

/** `numerator / denominator`, null when the denominator is null or zero. */
export function ratio(numerator: Formula, denominator: Formula): Formula {
  return { op: 'ratio', numerator, denominator };
}

/** The formula divided by a constant (a change of unit: kWh → GWh is `by: 1e6`). */
export function divide(of: Formula, by: number): Formula {
  return { op: 'divide', of, by };
}

/** The sums a formula reads, each once, in the order they first appear. */
function formulaSums(formula: Formula): NamedSum[] {
  const sums: NamedSum[] = [];
  const visit = (node: Formula): void => {
    switch (node.op) {
      case 'sum':
        if (!sums.some((sum) => sum.name === node.sum.name)) sums.push(node.sum);
        return;
      case 'ratio':
        visit(node.numerator);
        visit(node.denominator);
        return;
      default:
        visit(node.of);
    }
  };
  visit(formula);
  return sums;
}

/**
 * The sums of several formulas, each name once; throws when two sums of the same name differ, as
 * they would share one column of a pre-aggregated table.
 */
export function collectSums(formulas: readonly Formula[]): NamedSum[] {
  const byName = new Map<string, NamedSum>();
  for (const sum of formulas.flatMap(formulaSums)) {
    const known = byName.get(sum.name);
    if (known === undefined) byName.set(sum.name, sum);
    else if (JSON.stringify(known.row) !== JSON.stringify(sum.row)) {
      throw new RangeError(`Two different sums are named ${sum.name}`);
    }
  }
  return [...byName.values()];
}

/**
 * The value of a formula from the values of its sums (by name; a missing sum is null), with the
 * same null rules as its SQL: a ratio over a null or zero denominator is null.
 */
export function formulaValue(
  formula: Formula,
  sums: Readonly<Record<string, number | null | undefined>>,
): number | null {
  switch (formula.op) {
    case 'sum':
      return sums[formula.sum.name] ?? null;
    case 'orZero':
      return formulaValue(formula.of, sums) ?? 0;
    case 'ratio': {
      const numerator = formulaValue(formula.numerator, sums);
      const denominator = formulaValue(formula.denominator, sums);
      return numerator === null || denominator === null || denominator === 0
        ? null
        : numerator / denominator;
    }
    case 'divide': {
      const value = formulaValue(formula.of, sums);
      return value === null ? null : value / formula.by;
    }
  }
}
