/**
 * Statistical-secret suppression of a hierarchical table of counts (domain reference §5):
 * communes (cells) grouped by EPCI (parents), several count columns (carnets, travaux…), published
 * with the EPCI totals and the overall totals. No row total across columns is published (the
 * columns count different things), so each column is an independent hierarchy of sums:
 * total = Σ EPCI + Σ communes without EPCI, and EPCI = Σ its communes. A "group" is one such sum:
 * a parent cell and its children, for one column.
 *
 * Primary suppression (threshold T = 11, the DGFiP/INSEE rule for data about households):
 * - every cell with 0 < value < T;
 * - ZEROS are published, as INSEE and DGFiP do: a zero counts no household. One exception, for a
 *   column that describes a population counted in another column (travaux among carnets): a zero
 *   there is suppressed when its population is itself a small count (1 to 10 carnets), because
 *   « 0 travaux » then tells something about each of those few households. It stays published when
 *   an ancestor already shows 0 for the same column over a population of T or more (the zero is
 *   then implied by a legitimate figure, hiding it would protect nothing).
 *
 * Secondary suppression, iterated to a fixed point over every group of every column (the EPCI of
 * the total are a group like the communes of an EPCI):
 * - R1 (difference): a group with exactly one hidden cell gets a second one: the smallest published
 *   child with a positive value (ties: smallest code, code-point order); a zero child only when no positive child is
 *   left; the parent itself when no child is left (it then moves the problem one level up).
 * - R2 (small hidden sum): when the parent of a group is published, the "hidden mass" below it must
 *   be 0 (nothing hidden) or at least T. The hidden mass of a hidden commune is its value; that of
 *   a hidden EPCI is the hidden mass of its communes (its published communes are known, so only its
 *   hidden part is uncertain). Otherwise the attacker learns that the hidden cells together hold
 *   fewer than T units, i.e. each of them is small. More cells are suppressed (same order as R1)
 *   until the mass reaches T.
 * Together R1 and R2 give every hidden cell a feasible interval [known part, known part + mass]
 * with mass ≥ T, so no hidden cell is determined and none can be proven below T; the independent
 * check is `auditPublishedTable` (disclosure-audit.ts).
 *
 * If the overall total itself is suppressed (a table of fewer than T units), it must not be
 * published anywhere else either.
 */
import type { PublishedCountTable, PublishedValue } from './disclosure-audit.ts';
import { cellId } from './disclosure-audit.ts';

/** Smallest count that may be published (DGFiP: no cell of fewer than 11 units). */
export const SECRET_THRESHOLD = 11;

/** One count column. */
export interface CountColumn {
  id: string;
  /**
   * Id of the column counting the population this column describes (`travaux` → `carnets`):
   * enables the zero rule of the module documentation.
   */
  population?: string;
}

/** One commune (cell row) with its EPCI (or null) and one count per column. */
export interface CountRow {
  code: string;
  parent: string | null;
  values: readonly number[];
}

/** The table to publish; EPCI and overall totals are the sums of the rows. */
export interface CountTable {
  columns: readonly CountColumn[];
  rows: readonly CountRow[];
}

/** Why a cell is suppressed. */
export type SuppressionReason = 'primary' | 'secondary';

/** A cell with its true value and, when suppressed, why (the value is kept, never zeroed). */
export interface SuppressedCell {
  value: number;
  suppressed: SuppressionReason | null;
}

/** A row of the suppressed table. */
export interface SuppressedRow {
  code: string;
  parent: string | null;
  cells: SuppressedCell[];
}

/** Counts of published cells (communes, EPCI and totals). */
export interface SuppressionSummary {
  cells: number;
  primary: number;
  secondary: number;
}

/** The table with its suppression pattern. */
export interface SuppressedTable {
  columns: readonly CountColumn[];
  threshold: number;
  /** Communes, in input order. */
  rows: SuppressedRow[];
  /** EPCI totals (parent null), sorted by code. */
  parents: SuppressedRow[];
  /** Overall totals. */
  total: SuppressedCell[];
  summary: SuppressionSummary;
}

/** Options of {@link suppressSmallCounts}. */
export interface SuppressionOptions {
  threshold?: number;
}

const NONE = 0;
const PRIMARY = 1;
const SECONDARY = 2;

interface Tree {
  /** Node 0 is the total, then the parents, then the rows. */
  codes: string[];
  parentOf: Int32Array;
  children: number[][];
  /** values[column][node]. */
  values: Float64Array[];
}

function buildTree(table: CountTable): { tree: Tree; parentCodes: string[] } {
  const columns = table.columns.length;
  const rowCodes = new Set<string>();
  for (const row of table.rows) {
    if (rowCodes.has(row.code)) throw new RangeError(`Duplicate row ${row.code}`);
    rowCodes.add(row.code);
    if (row.values.length !== columns) {
      throw new RangeError(`Row ${row.code} has ${row.values.length} values, ${columns} expected`);
    }
    for (const v of row.values) {
      if (!Number.isSafeInteger(v) || v < 0) {
        throw new RangeError(`Row ${row.code}: counts must be non-negative integers (got ${v})`);
      }
    }
  }
  const parentCodes = [
    ...new Set(table.rows.flatMap((r) => (r.parent === null ? [] : [r.parent]))),
  ].sort();
  const parentIndex = new Map(parentCodes.map((code, i) => [code, i + 1]));
  const size = 1 + parentCodes.length + table.rows.length;
  const parentOf = new Int32Array(size).fill(-1);
  const children: number[][] = Array.from({ length: size }, () => []);
  const values = table.columns.map(() => new Float64Array(size));
  const codes = ['', ...parentCodes, ...table.rows.map((r) => r.code)];
  for (const p of parentIndex.values()) {
    parentOf[p] = 0;
    children[0]?.push(p);
  }
  table.rows.forEach((row, i) => {
    const node = 1 + parentCodes.length + i;
    const parent = row.parent === null ? 0 : (parentIndex.get(row.parent) ?? 0);
    parentOf[node] = parent;
    children[parent]?.push(node);
    row.values.forEach((v, c) => {
      const column = values[c];
      if (column === undefined) return;
      column[node] = v;
      column[parent] = (column[parent] ?? 0) + v;
      if (parent !== 0) column[0] = (column[0] ?? 0) + v;
    });
  });
  return { tree: { codes, parentOf, children, values }, parentCodes };
}

/** Primary suppression of one column (see the module documentation). */
function markPrimary(
  tree: Tree,
  value: Float64Array,
  population: Float64Array | undefined,
  threshold: number,
  state: Uint8Array,
): void {
  const isSmall = (v: number) => v > 0 && v < threshold;
  const impliedZero = (node: number) => {
    for (let a = tree.parentOf[node] ?? -1; a >= 0; a = tree.parentOf[a] ?? -1) {
      if (value[a] === 0 && (population?.[a] ?? 0) >= threshold) return true;
    }
    return false;
  };
  for (let node = 0; node < state.length; node++) {
    const v = value[node] ?? 0;
    const sensitiveZero =
      v === 0 && population !== undefined && isSmall(population[node] ?? 0) && !impliedZero(node);
    if (isSmall(v) || sensitiveZero) state[node] = PRIMARY;
  }
}

/** Code-point order: the same pattern in every locale. */
const compareCodes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Secondary suppression of one column: rules R1 and R2 to a fixed point (worklist of groups). */
function markSecondary(
  tree: Tree,
  value: Float64Array,
  threshold: number,
  state: Uint8Array,
): void {
  const hidden = (node: number) => state[node] !== NONE;
  const mass = (node: number): number => {
    const kids = tree.children[node] ?? [];
    if (kids.length === 0) return value[node] ?? 0;
    return kids.reduce((sum, k) => sum + (hidden(k) ? mass(k) : 0), 0);
  };
  const byValueThenCode = (a: number, b: number) =>
    (value[a] ?? 0) - (value[b] ?? 0) || compareCodes(tree.codes[a] ?? '', tree.codes[b] ?? '');

  const groups = tree.children.flatMap((kids, node) => (kids.length > 0 ? [node] : []));
  const queue = [...groups];
  const queued = new Uint8Array(state.length);
  for (const g of groups) queued[g] = 1;
  const enqueue = (node: number) => {
    if (node >= 0 && (tree.children[node]?.length ?? 0) > 0 && queued[node] === 0) {
      queued[node] = 1;
      queue.push(node);
    }
  };
  while (queue.length > 0) {
    const p = queue.pop() ?? 0;
    queued[p] = 0;
    const kids = tree.children[p] ?? [];
    const hiddenKids = kids.filter(hidden);
    const count = hiddenKids.length + (hidden(p) ? 1 : 0);
    const smallMass =
      !hidden(p) &&
      hiddenKids.length > 0 &&
      hiddenKids.reduce((s, k) => s + mass(k), 0) < threshold;
    if (count !== 1 && !smallMass) continue;
    const published = kids.filter((k) => !hidden(k)).sort(byValueThenCode);
    // A zero child satisfies R1 but adds no mass for R2.
    let candidate = published.find((k) => (value[k] ?? 0) > 0);
    if (candidate === undefined && !smallMass) candidate = published[0];
    if (candidate === undefined && !hidden(p)) candidate = p;
    if (candidate === undefined) {
      throw new Error(`Secondary suppression found no cell to hide in group ${tree.codes[p]}`);
    }
    state[candidate] = SECONDARY;
    enqueue(p);
    enqueue(candidate);
    enqueue(tree.parentOf[candidate] ?? -1);
  }
}

/**
 * Applies primary and secondary suppression to a hierarchical table of counts (see the module
 * documentation). Cells keep their true value and say why they are suppressed.
 */
export function suppressSmallCounts(
  table: CountTable,
  options: SuppressionOptions = {},
): SuppressedTable {
  const threshold = options.threshold ?? SECRET_THRESHOLD;
  const columnIndex = new Map(table.columns.map((c, i) => [c.id, i]));
  if (columnIndex.size !== table.columns.length) throw new RangeError('Duplicate column id');
  const { tree, parentCodes } = buildTree(table);
  const states = table.columns.map((column, c) => {
    const state = new Uint8Array(tree.codes.length);
    const value = tree.values[c] ?? new Float64Array(tree.codes.length);
    let population: Float64Array | undefined;
    if (column.population !== undefined) {
      const p = columnIndex.get(column.population);
      if (p === undefined || p === c) {
        throw new RangeError(`Column ${column.id}: invalid population column ${column.population}`);
      }
      population = tree.values[p];
    }
    markPrimary(tree, value, population, threshold, state);
    markSecondary(tree, value, threshold, state);
    return state;
  });

  const summary: SuppressionSummary = { cells: 0, primary: 0, secondary: 0 };
  const cellsOf = (node: number): SuppressedCell[] =>
    table.columns.map((_, c) => {
      const state = states[c]?.[node] ?? NONE;
      summary.cells++;
      if (state === PRIMARY) summary.primary++;
      if (state === SECONDARY) summary.secondary++;
      return {
        value: tree.values[c]?.[node] ?? 0,
        suppressed: state === PRIMARY ? 'primary' : state === SECONDARY ? 'secondary' : null,
      };
    });
  const firstRow = 1 + parentCodes.length;
  return {
    columns: table.columns,
    threshold,
    rows: table.rows.map((row, i) => ({
      code: row.code,
      parent: row.parent,
      cells: cellsOf(firstRow + i),
    })),
    parents: parentCodes.map((code, i) => ({ code, parent: null, cells: cellsOf(1 + i) })),
    total: cellsOf(0),
    summary,
  };
}

const publish = (cells: readonly SuppressedCell[]): PublishedValue[] =>
  cells.map((cell) => (cell.suppressed === null ? cell.value : null));

/** What the suppressed table publishes: values, and null for every suppressed cell. */
export function toPublishedTable(table: SuppressedTable): PublishedCountTable {
  return {
    columns: table.columns.map((c) => c.id),
    cells: table.rows.map((row) => ({
      code: row.code,
      parent: row.parent,
      values: publish(row.cells),
    })),
    parents: table.parents.map((row) => ({ code: row.code, values: publish(row.cells) })),
    total: publish(table.total),
  };
}

/** True value of every cell, keyed by `cellId` (for the disclosure audit). */
export function trueCellValues(table: SuppressedTable): Map<string, number> {
  const out = new Map<string, number>();
  table.columns.forEach((column, c) => {
    for (const row of table.rows)
      out.set(cellId('commune', row.code, column.id), row.cells[c]?.value ?? 0);
    for (const row of table.parents)
      out.set(cellId('epci', row.code, column.id), row.cells[c]?.value ?? 0);
    out.set(cellId('total', '', column.id), table.total[c]?.value ?? 0);
  });
  return out;
}
