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
 * check is `auditPublishedTree` (published-counts.ts), exact on trees.
 *
 * If the overall total itself is suppressed (a table of fewer than T units), it must not be
 * published anywhere else either.
 */
import { type NodeKey, TOTAL_LEVEL } from './published-counts.ts';

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

/** Options of {@link suppressTree}. */
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
export const compareCodes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
