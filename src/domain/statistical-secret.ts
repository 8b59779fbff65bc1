/**
 * Statistical-secret suppression of a tree of counts (domain reference §5): cells (communes)
 * grouped by parents (EPCI), themselves grouped by grand-parents (partner regions), and so on to
 * the overall total, at any depth; several count columns (carnets, travaux…). No row total across
 * columns is published (the columns count different things), so each column is an independent
 * hierarchy of sums: every inner node = Σ its children, the total = Σ the nodes without parent.
 * A "group" is one such sum: a parent cell and its children, for one column. Everything that is
 * published anywhere (several screens, open-data files) must come from ONE pattern over the whole
 * tree: two patterns of overlapping sums, each safe alone, can together reveal a hidden cell.
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
 * Secondary suppression, iterated to a fixed point over every group of every column (the children
 * of the total are a group like the communes of an EPCI):
 * - R1 (difference): a group with exactly one hidden cell gets a second one: the smallest published
 *   child with a positive value (ties: smallest code, code-point order, then level); a zero child
 *   only when no positive child is left; the parent itself when no child is left (it then moves the problem one level up).
 * - R2 (small hidden sum): when the parent of a group is published, the "hidden mass" below it must
 *   be 0 (nothing hidden) or at least T. The hidden mass of a hidden leaf is its value; that of a
 *   hidden inner node is the hidden mass of its children (its published children are known, so
 *   only its hidden part is uncertain), recursively. Otherwise the attacker learns that the hidden
 *   cells together hold fewer than T units, i.e. each of them is small. More cells are suppressed (same order as R1)
 *   until the mass reaches T.
 * Together R1 and R2 give every hidden cell a feasible interval [known part, known part + mass]
 * with mass ≥ T, so no hidden cell is determined and none can be proven below T; the independent
 * check is `auditPublishedTree` (disclosure-audit.ts), exact on trees.
 *
 * If the overall total itself is suppressed (a table of fewer than T units), it must not be
 * published anywhere else either.
 */
import type {
  NodeKey,
  PublishedCountTable,
  PublishedCountTree,
  PublishedValue,
  TableAudit,
} from './disclosure-audit.ts';
import { auditPublishedTree, cellId, TOTAL_LEVEL } from './disclosure-audit.ts';

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

/** A node of a {@link CountTree} below the total; `parent` null hangs it under the total. */
export interface CountTreeNode extends NodeKey {
  parent: NodeKey | null;
  /**
   * Counts of a leaf, one per column; null for an inner node, whose counts are the sums of its
   * children (0 without any).
   */
  values: readonly number[] | null;
}

/**
 * A tree of counts of any depth: every node is the sum of its children, the total the sum of the
 * nodes without parent. Codes of different levels may be equal (a node is its level and code).
 */
export interface CountTree {
  columns: readonly CountColumn[];
  nodes: readonly CountTreeNode[];
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

/** A node of the suppressed tree, in input order. */
export interface SuppressedNode extends NodeKey {
  parent: NodeKey | null;
  cells: SuppressedCell[];
}

/** A tree with its suppression pattern. */
export interface SuppressedTree {
  columns: readonly CountColumn[];
  threshold: number;
  nodes: SuppressedNode[];
  total: SuppressedCell[];
  summary: SuppressionSummary;
}

/** Counts of published cells (every node and the totals). */
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
  /** Node 0 is the total, then the nodes in input order. */
  codes: string[];
  levels: string[];
  parentOf: Int32Array;
  children: number[][];
  /** values[column][node]. */
  values: Float64Array[];
}

const keyOf = (level: string, code: string) => `${level}\u0000${code}`;

function checkCounts(node: CountTreeNode, columns: number): void {
  if (node.values === null) return;
  if (node.values.length !== columns) {
    throw new RangeError(
      `${node.level} ${node.code} has ${node.values.length} values, ${columns} expected`,
    );
  }
  for (const v of node.values) {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new RangeError(
        `${node.level} ${node.code}: counts must be non-negative integers (got ${v})`,
      );
    }
  }
}

function buildTree(input: CountTree): Tree {
  const columns = input.columns.length;
  const size = 1 + input.nodes.length;
  const index = new Map<string, number>();
  input.nodes.forEach((node, i) => {
    if (node.level === TOTAL_LEVEL) throw new RangeError(`Level ${TOTAL_LEVEL} is the root's`);
    const key = keyOf(node.level, node.code);
    if (index.has(key)) throw new RangeError(`Duplicate ${node.level} ${node.code}`);
    index.set(key, i + 1);
    checkCounts(node, columns);
  });
  const parentOf = new Int32Array(size).fill(-1);
  const children: number[][] = Array.from({ length: size }, () => []);
  input.nodes.forEach((node, i) => {
    const p = node.parent;
    const parent = p === null ? 0 : index.get(keyOf(p.level, p.code));
    if (parent === undefined) {
      throw new RangeError(`${node.level} ${node.code}: unknown parent ${p?.level} ${p?.code}`);
    }
    parentOf[i + 1] = parent;
    children[parent]?.push(i + 1);
  });
  input.nodes.forEach((node, i) => {
    let steps = 0;
    for (let a = i + 1; a > 0; a = parentOf[a] ?? 0) {
      if (++steps > size) throw new RangeError(`${node.level} ${node.code}: cyclic parents`);
    }
  });
  const values = input.columns.map(() => new Float64Array(size));
  input.nodes.forEach((node, i) => {
    if (node.values === null) return;
    if ((children[i + 1]?.length ?? 0) > 0) {
      throw new RangeError(`${node.level} ${node.code} has children: its counts are their sums`);
    }
    for (const [c, v] of node.values.entries()) {
      const column = values[c];
      if (column === undefined) continue;
      for (let a = i + 1; a >= 0; a = parentOf[a] ?? -1) column[a] = (column[a] ?? 0) + v;
    }
  });
  return {
    codes: ['', ...input.nodes.map((n) => n.code)],
    levels: [TOTAL_LEVEL, ...input.nodes.map((n) => n.level)],
    parentOf,
    children,
    values,
  };
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
    (value[a] ?? 0) - (value[b] ?? 0) ||
    compareCodes(tree.codes[a] ?? '', tree.codes[b] ?? '') ||
    compareCodes(tree.levels[a] ?? '', tree.levels[b] ?? '');

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
      throw new Error(
        `Secondary suppression found no cell to hide in group ${tree.levels[p]} ${tree.codes[p]}`,
      );
    }
    state[candidate] = SECONDARY;
    enqueue(p);
    enqueue(candidate);
    enqueue(tree.parentOf[candidate] ?? -1);
  }
}

/** Suppression of every column of a tree (see the module documentation). */
function suppressColumns(input: CountTree, tree: Tree, threshold: number): Uint8Array[] {
  const columnIndex = new Map(input.columns.map((c, i) => [c.id, i]));
  if (columnIndex.size !== input.columns.length) throw new RangeError('Duplicate column id');
  return input.columns.map((column, c) => {
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
}

/**
 * Applies primary and secondary suppression to a tree of counts of any depth (see the module
 * documentation). Cells keep their true value and say why they are suppressed.
 */
export function suppressTree(input: CountTree, options: SuppressionOptions = {}): SuppressedTree {
  const threshold = options.threshold ?? SECRET_THRESHOLD;
  const tree = buildTree(input);
  const states = suppressColumns(input, tree, threshold);
  const summary: SuppressionSummary = { cells: 0, primary: 0, secondary: 0 };
  const cellsOf = (node: number): SuppressedCell[] =>
    input.columns.map((_, c) => {
      const state = states[c]?.[node] ?? NONE;
      summary.cells++;
      if (state === PRIMARY) summary.primary++;
      if (state === SECONDARY) summary.secondary++;
      return {
        value: tree.values[c]?.[node] ?? 0,
        suppressed: state === PRIMARY ? 'primary' : state === SECONDARY ? 'secondary' : null,
      };
    });
  return {
    columns: input.columns,
    threshold,
    nodes: input.nodes.map((node, i) => ({
      level: node.level,
      code: node.code,
      parent: node.parent,
      cells: cellsOf(i + 1),
    })),
    total: cellsOf(0),
    summary,
  };
}

/** Level names of the two-level table. */
const EPCI = 'epci';
const COMMUNE = 'commune';

/**
 * Applies primary and secondary suppression to a two-level table (communes → EPCI → total): the
 * table as a tree, EPCI sorted by code before the communes.
 */
export function suppressSmallCounts(
  table: CountTable,
  options: SuppressionOptions = {},
): SuppressedTable {
  const rowCodes = new Set<string>();
  for (const row of table.rows) {
    if (rowCodes.has(row.code)) throw new RangeError(`Duplicate row ${row.code}`);
    rowCodes.add(row.code);
  }
  const parentCodes = [
    ...new Set(table.rows.flatMap((r) => (r.parent === null ? [] : [r.parent]))),
  ].sort(compareCodes);
  const tree = suppressTree(
    {
      columns: table.columns,
      nodes: [
        ...parentCodes.map((code) => ({ level: EPCI, code, parent: null, values: null })),
        ...table.rows.map((row) => ({
          level: COMMUNE,
          code: row.code,
          parent: row.parent === null ? null : { level: EPCI, code: row.parent },
          values: row.values,
        })),
      ],
    },
    options,
  );
  const rowOf = (node: SuppressedNode, parent: string | null): SuppressedRow => ({
    code: node.code,
    parent,
    cells: node.cells,
  });
  return {
    columns: tree.columns,
    threshold: tree.threshold,
    rows: tree.nodes
      .slice(parentCodes.length)
      .map((node, i) => rowOf(node, table.rows[i]?.parent ?? null)),
    parents: tree.nodes.slice(0, parentCodes.length).map((node) => rowOf(node, null)),
    total: tree.total,
    summary: tree.summary,
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

/** What the suppressed tree publishes: values, and null for every suppressed cell. */
function toPublishedTree(tree: SuppressedTree): PublishedCountTree {
  return {
    columns: tree.columns.map((c) => c.id),
    nodes: tree.nodes.map((node) => ({
      level: node.level,
      code: node.code,
      parent: node.parent,
      values: publish(node.cells),
    })),
    total: publish(tree.total),
  };
}

/** True value of every cell of a tree, keyed by `cellId` (for the disclosure audit). */
export function trueTreeValues(tree: SuppressedTree): Map<string, number> {
  const out = new Map<string, number>();
  tree.columns.forEach((column, c) => {
    for (const node of tree.nodes)
      out.set(cellId(node.level, node.code, column.id), node.cells[c]?.value ?? 0);
    out.set(cellId(TOTAL_LEVEL, '', column.id), tree.total[c]?.value ?? 0);
  });
  return out;
}

/** True value of every cell, keyed by `cellId` (for the disclosure audit). */
export function trueCellValues(table: SuppressedTable): Map<string, number> {
  const out = new Map<string, number>();
  table.columns.forEach((column, c) => {
    for (const row of table.rows)
      out.set(cellId(COMMUNE, row.code, column.id), row.cells[c]?.value ?? 0);
    for (const row of table.parents)
      out.set(cellId(EPCI, row.code, column.id), row.cells[c]?.value ?? 0);
    out.set(cellId(TOTAL_LEVEL, '', column.id), table.total[c]?.value ?? 0);
  });
  return out;
}

/** Audits what a suppressed tree publishes against its true values. */
export function auditSuppressedTree(tree: SuppressedTree): TableAudit {
  const truth = trueTreeValues(tree);
  return auditPublishedTree(toPublishedTree(tree), (id) => truth.get(id), tree.threshold);
}
