/**
 * Published tables and trees of counts as an attacker reads them (values, `s` for suppressed
 * cells), the linear system of their sums, and their disclosure audit (disclosure-audit.ts
 * solves the system; see its documentation for the criterion).
 */
import {
  type AuditVariable,
  computeFeasibleIntervals,
  type Disclosure,
  type EquationTerm,
  type FeasibleInterval,
  findDisclosures,
  type LinearEquation,
  type LinearSystem,
} from './disclosure-audit.ts';

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
