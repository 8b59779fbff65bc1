/**
 * Disclosure audit of a published table of counts: what can an attacker who reads the published
 * figures (with suppressed cells marked) and knows how they add up deduce about each hidden cell?
 *
 * The attacker's knowledge is modelled as a linear system: every published cell is a constant,
 * every hidden cell an unknown non-negative integer, and every published sum an equation
 * (Σ coefficient × cell = 0). The feasible interval [min, max] of each hidden cell is computed by
 * interval constraint propagation (bounds consistency) iterated to a fixed point, with integer
 * rounding since counts are whole.
 *
 * Propagation always gives intervals that CONTAIN the true feasible range (it is sound). It is also
 * EXACT when the system restricted to hidden cells is Berge-acyclic, i.e. the bipartite graph
 * "hidden cell — equation" is a forest: on such systems bounds consistency is global consistency
 * (Freuder 1982, for tree-structured networks; for sums of unit coefficients every integer inside
 * a bound is supported). A hierarchical table (communes → EPCI → total, or any tree of sums such as
 * communes → EPCI → partner region → total, each count column on its own) is Berge-acyclic: each
 * inner cell appears in exactly two equations, its own and its parent's.
 * For a cyclic system (e.g. a two-way table with row and column totals) the audit reports
 * `exact: false` and cannot certify the table.
 *
 * What the attacker is NOT assumed to know: which hidden cells are primary (only `s` is published)
 * and any relation between different count columns. The one cross-column fact that always holds
 * (no carnet in a commune ⇒ no work there) only gives lower bounds of 1, which can neither
 * determine a cell nor lower an upper bound.
 *
 * Criterion (see {@link findDisclosures}): a hidden cell whose true value is below the threshold
 * (11) must (1) not be determined (min < max) and (2) have max ≥ threshold, so that the attacker
 * cannot even prove that the cell holds a small count. Determined cells of 11 or more are counted
 * but are not disclosures.
 */

/** A cell of the table as the attacker sees it: its published value, or null when hidden. */
export interface AuditVariable {
  id: string;
  published: number | null;
}

/** One term of an equation. */
export interface EquationTerm {
  /** Index into {@link LinearSystem.variables}. */
  variable: number;
  /** Non-zero coefficient (±1 for sums). */
  coefficient: number;
}

/** Σ coefficient × variable = 0. */
export interface LinearEquation {
  terms: readonly EquationTerm[];
}

/** What the attacker knows. */
export interface LinearSystem {
  variables: readonly AuditVariable[];
  equations: readonly LinearEquation[];
}

/** Feasible values of one hidden cell; `max` may be Infinity. */
export interface FeasibleInterval {
  variable: number;
  id: string;
  min: number;
  max: number;
}

/** Outcome of {@link computeFeasibleIntervals}. */
export interface IntervalAudit {
  /** One interval per hidden variable, in variable order. */
  intervals: FeasibleInterval[];
  /** Whether the hidden part of the system is Berge-acyclic, so that the intervals are exact. */
  exact: boolean;
  /** Whether propagation reached its fixed point within the step limit. */
  converged: boolean;
}

/** Options of {@link computeFeasibleIntervals}. */
export interface IntervalOptions {
  /** Maximum number of equation evaluations (default 50 × equations + 10 000). */
  maxSteps?: number;
}

/** Raised when the published figures cannot all be true (a sum does not add up). */
export class InconsistentTableError extends Error {
  readonly variable: string;

  constructor(variable: string, min: number, max: number) {
    super(`Inconsistent published table: no feasible value for ${variable} (${min} > ${max})`);
    this.name = 'InconsistentTableError';
    this.variable = variable;
  }
}

const EPSILON = 1e-9;

/** Range of `coefficient × x` for x in [lo, hi] (lo finite, hi finite or +∞). */
function termRange(coefficient: number, lo: number, hi: number): [number, number] {
  return coefficient > 0
    ? [coefficient * lo, coefficient * hi]
    : [coefficient * hi, coefficient * lo];
}

/** Whether the bipartite graph hidden variable — equation has no cycle (union–find). */
function isBergeAcyclic(system: LinearSystem, hidden: (index: number) => boolean): boolean {
  const n = system.variables.length;
  const parent = Array.from({ length: n + system.equations.length }, (_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] ?? root;
    let node = x;
    while (parent[node] !== root) {
      const next = parent[node] ?? root;
      parent[node] = root;
      node = next;
    }
    return root;
  };
  for (const [e, equation] of system.equations.entries()) {
    for (const term of equation.terms) {
      if (!hidden(term.variable)) continue;
      const a = find(term.variable);
      const b = find(n + e);
      if (a === b) return false;
      parent[a] = b;
    }
  }
  return true;
}

function validate(system: LinearSystem): void {
  for (const variable of system.variables) {
    const v = variable.published;
    if (v !== null && !(Number.isFinite(v) && v >= 0)) {
      throw new RangeError(`Published value of ${variable.id} must be a non-negative number: ${v}`);
    }
  }
  for (const [e, equation] of system.equations.entries()) {
    const seen = new Set<number>();
    for (const term of equation.terms) {
      if (system.variables[term.variable] === undefined) {
        throw new RangeError(`Equation ${e} refers to unknown variable ${term.variable}`);
      }
      if (!Number.isFinite(term.coefficient) || term.coefficient === 0) {
        throw new RangeError(`Equation ${e} has an invalid coefficient ${term.coefficient}`);
      }
      if (seen.has(term.variable)) {
        throw new RangeError(`Equation ${e} names variable ${term.variable} twice`);
      }
      seen.add(term.variable);
    }
  }
}

/**
 * Feasible interval of every hidden variable: non-negative integers satisfying all equations.
 * Throws {@link InconsistentTableError} when the published values contradict the equations.
 */
export function computeFeasibleIntervals(
  system: LinearSystem,
  options: IntervalOptions = {},
): IntervalAudit {
  validate(system);
  const n = system.variables.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  system.variables.forEach((variable, i) => {
    lo[i] = variable.published ?? 0;
    hi[i] = variable.published ?? Number.POSITIVE_INFINITY;
  });
  const equationsOf: number[][] = Array.from({ length: n }, () => []);
  system.equations.forEach((equation, e) => {
    for (const term of equation.terms) equationsOf[term.variable]?.push(e);
  });

  const queue: number[] = system.equations.map((_, e) => e);
  const queued = new Uint8Array(system.equations.length).fill(1);
  const maxSteps = options.maxSteps ?? 50 * system.equations.length + 10_000;
  let steps = 0;
  let head = 0;
  while (head < queue.length && steps < maxSteps) {
    const e = queue[head++] ?? 0;
    queued[e] = 0;
    steps++;
    const terms = system.equations[e]?.terms ?? [];
    // Sums of the term ranges; infinite parts are counted apart so that ∞ − ∞ never occurs.
    let minFinite = 0;
    let minInfinite = 0;
    let maxFinite = 0;
    let maxInfinite = 0;
    const ranges = terms.map((t) =>
      termRange(t.coefficient, lo[t.variable] ?? 0, hi[t.variable] ?? 0),
    );
    for (const [low, high] of ranges) {
      if (low === Number.NEGATIVE_INFINITY) minInfinite++;
      else minFinite += low;
      if (high === Number.POSITIVE_INFINITY) maxInfinite++;
      else maxFinite += high;
    }
    for (const [k, term] of terms.entries()) {
      const [low, high] = ranges[k] ?? [0, 0];
      const restMinInfinite = minInfinite - (low === Number.NEGATIVE_INFINITY ? 1 : 0);
      const restMaxInfinite = maxInfinite - (high === Number.POSITIVE_INFINITY ? 1 : 0);
      const restMin =
        restMinInfinite > 0
          ? Number.NEGATIVE_INFINITY
          : minFinite - (Number.isFinite(low) ? low : 0);
      const restMax =
        restMaxInfinite > 0
          ? Number.POSITIVE_INFINITY
          : maxFinite - (Number.isFinite(high) ? high : 0);
      // coefficient × x = −(rest) ∈ [−restMax, −restMin]
      const a = term.coefficient;
      const bounds = a > 0 ? [-restMax / a, -restMin / a] : [-restMin / a, -restMax / a];
      const newLo = Math.ceil((bounds[0] ?? 0) - EPSILON);
      const newHi = Math.floor((bounds[1] ?? 0) + EPSILON);
      const v = term.variable;
      let changed = false;
      if (newLo > (lo[v] ?? 0)) {
        lo[v] = newLo;
        changed = true;
      }
      if (newHi < (hi[v] ?? 0)) {
        hi[v] = newHi;
        changed = true;
      }
      if ((lo[v] ?? 0) > (hi[v] ?? 0)) {
        throw new InconsistentTableError(
          system.variables[v]?.id ?? String(v),
          lo[v] ?? 0,
          hi[v] ?? 0,
        );
      }
      if (!changed) continue;
      for (const other of equationsOf[v] ?? []) {
        if (queued[other] === 0) {
          queued[other] = 1;
          queue.push(other);
        }
      }
    }
  }
  const hidden = (i: number) => system.variables[i]?.published === null;
  const intervals: FeasibleInterval[] = [];
  system.variables.forEach((variable, i) => {
    if (variable.published === null) {
      intervals.push({ variable: i, id: variable.id, min: lo[i] ?? 0, max: hi[i] ?? 0 });
    }
  });
  return { intervals, exact: isBergeAcyclic(system, hidden), converged: head >= queue.length };
}

/** Why a hidden cell counts as disclosed. */
export type DisclosureKind = 'determined' | 'bounded_below_threshold';

/** A hidden small count that the attacker can pin down. */
export interface Disclosure {
  id: string;
  /** True value (null when the caller did not know it: then it is treated as small). */
  value: number | null;
  min: number;
  max: number;
  kind: DisclosureKind;
}

/**
 * The disclosures among the intervals: a hidden cell whose true value is below `threshold` (or
 * unknown) is disclosed when it is determined (min = max) or when max < threshold.
 */
export function findDisclosures(
  intervals: readonly FeasibleInterval[],
  trueValue: (id: string) => number | undefined,
  threshold: number,
): Disclosure[] {
  const out: Disclosure[] = [];
  for (const interval of intervals) {
    const value = trueValue(interval.id) ?? null;
    if (value !== null && value >= threshold) continue;
    const kind: DisclosureKind | null =
      interval.min === interval.max
        ? 'determined'
        : interval.max < threshold
          ? 'bounded_below_threshold'
          : null;
    if (kind !== null)
      out.push({ id: interval.id, value, min: interval.min, max: interval.max, kind });
  }
  return out;
}

/** A published value, or null for a suppressed cell (`s`). */
export type PublishedValue = number | null;

/** One published row: a commune (with its EPCI, or null) or an EPCI. */
export interface PublishedRow {
  code: string;
  values: readonly PublishedValue[];
}

/**
 * A published hierarchical table, as an attacker reads it: communes grouped by EPCI (communes
 * without EPCI add up directly to the total), the EPCI totals, and the overall totals. Every
 * column is an independent hierarchy of sums.
 */
export interface PublishedCountTable {
  columns: readonly string[];
  cells: readonly (PublishedRow & { parent: string | null })[];
  parents: readonly PublishedRow[];
  /** Overall totals per column; null when not published at all (then they are unknowns). */
  total: readonly PublishedValue[] | null;
}

/** Levels of the programme hierarchy; a generic tree may use other level names. */
export type CellLevel = 'commune' | 'epci' | 'region' | 'total';

/** Level of the root of every tree: the overall total, whose code is empty. */
export const TOTAL_LEVEL = 'total';

/** Identifier of one cell of a hierarchical table: `commune:59350:carnets`, `total::travaux`. */
export function cellId(level: CellLevel | (string & {}), code: string, column: string): string {
  return `${level}:${code}:${column}`;
}

/** A node of a tree of counts: codes of different levels may be equal, so both identify it. */
export interface NodeKey {
  level: string;
  code: string;
}

/** A published node below the total; `parent` null hangs it directly under the total. */
export interface PublishedTreeNode extends NodeKey {
  parent: NodeKey | null;
  values: readonly PublishedValue[];
}

/**
 * A published tree of counts of any depth, as an attacker reads it: every node equals the sum of
 * its children, for each column independently.
 */
export interface PublishedCountTree {
  columns: readonly string[];
  nodes: readonly PublishedTreeNode[];
  /** Overall totals per column; null when not published at all (then they are unknowns). */
  total: readonly PublishedValue[] | null;
}

const nodeKey = (level: string, code: string) => `${level}\u0000${code}`;

/**
 * The attacker's linear system of a published tree: for each column, one equation per node that
 * has children (the total first, then the nodes in input order): node − Σ children = 0.
 * Throws a RangeError on a duplicate node, a missing value, or a parent that has no node.
 */
export function buildTreeSystem(tree: PublishedCountTree): LinearSystem {
  const known = new Set<string>();
  for (const node of tree.nodes) {
    if (node.level === TOTAL_LEVEL) throw new RangeError(`Level ${TOTAL_LEVEL} is the root's`);
    const key = nodeKey(node.level, node.code);
    if (known.has(key)) throw new RangeError(`Duplicate node ${node.level} ${node.code}`);
    known.add(key);
  }
  for (const node of tree.nodes) {
    const p = node.parent;
    if (p !== null && !known.has(nodeKey(p.level, p.code))) {
      throw new RangeError(
        `${node.level} ${node.code} belongs to ${p.level} ${p.code}, which has no row`,
      );
    }
  }
  const variables: AuditVariable[] = [];
  const equations: LinearEquation[] = [];
  tree.columns.forEach((column, c) => {
    const root = variables.length;
    variables.push({
      id: cellId(TOTAL_LEVEL, '', column),
      published: tree.total === null ? null : (tree.total[c] ?? null),
    });
    const index = new Map<string, number>();
    for (const node of tree.nodes) {
      const v = node.values[c];
      if (v === undefined) {
        throw new RangeError(`${node.level} ${node.code} has no value for ${column}`);
      }
      index.set(nodeKey(node.level, node.code), variables.length);
      variables.push({ id: cellId(node.level, node.code, column), published: v });
    }
    // Keyed by the parent's variable index, so that equations come in node order.
    const groups = new Map<number, EquationTerm[]>([[root, [{ variable: root, coefficient: 1 }]]]);
    for (const node of tree.nodes) {
      const p = node.parent;
      const parent = p === null ? root : (index.get(nodeKey(p.level, p.code)) ?? root);
      let terms = groups.get(parent);
      if (terms === undefined) {
        terms = [{ variable: parent, coefficient: 1 }];
        groups.set(parent, terms);
      }
      terms.push({ variable: index.get(nodeKey(node.level, node.code)) ?? root, coefficient: -1 });
    }
    for (const parent of [...groups.keys()].sort((x, y) => x - y)) {
      equations.push({ terms: groups.get(parent) ?? [] });
    }
  });
  return { variables, equations };
}

/** The two levels of a {@link PublishedCountTable} as a tree: EPCI, then communes. */
function tableToTree(table: PublishedCountTable): PublishedCountTree {
  return {
    columns: table.columns,
    nodes: [
      ...table.parents.map((p) => ({
        level: 'epci',
        code: p.code,
        parent: null,
        values: p.values,
      })),
      ...table.cells.map((cell) => ({
        level: 'commune',
        code: cell.code,
        parent: cell.parent === null ? null : { level: 'epci', code: cell.parent },
        values: cell.values,
      })),
    ],
    total: table.total,
  };
}

/**
 * The attacker's linear system of a hierarchical table: for each column, each EPCI equals the sum
 * of its communes and the total equals the sum of the EPCI and of the communes without EPCI.
 * Throws a RangeError when a commune names an EPCI that has no row.
 */
export function buildHierarchicalSystem(table: PublishedCountTable): LinearSystem {
  return buildTreeSystem(tableToTree(table));
}

/** Outcome of {@link auditPublishedTable}. */
export interface TableAudit {
  /** No disclosure, and the intervals are exact and converged. */
  passed: boolean;
  exact: boolean;
  converged: boolean;
  /** Hidden cells (suppressed, plus unpublished totals). */
  hidden: number;
  /** Hidden cells whose value is determined, whatever it is. */
  determined: number;
  disclosures: Disclosure[];
  intervals: FeasibleInterval[];
}

/**
 * Audits a published tree of counts against the true values of its hidden cells (looked up by
 * {@link cellId}): see the module documentation for the criterion.
 */
export function auditPublishedTree(
  tree: PublishedCountTree,
  trueValue: (id: string) => number | undefined,
  threshold: number,
): TableAudit {
  const result = computeFeasibleIntervals(buildTreeSystem(tree));
  const disclosures = findDisclosures(result.intervals, trueValue, threshold);
  return {
    passed: disclosures.length === 0 && result.exact && result.converged,
    exact: result.exact,
    converged: result.converged,
    hidden: result.intervals.length,
    determined: result.intervals.filter((i) => i.min === i.max).length,
    disclosures,
    intervals: result.intervals,
  };
}

/** {@link auditPublishedTree} of a two-level table (communes → EPCI → total). */
export function auditPublishedTable(
  table: PublishedCountTable,
  trueValue: (id: string) => number | undefined,
  threshold: number,
): TableAudit {
  return auditPublishedTree(tableToTree(table), trueValue, threshold);
}
