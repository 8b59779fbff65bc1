/**
 * The two-level table form of the statistical secret (communes → EPCI → total) and what a
 * suppressed tree or table publishes, with its disclosure audit (statistical-secret.ts owns the
 * suppression itself).
 */
import {
  auditPublishedTree,
  cellId,
  type PublishedCountTable,
  type PublishedCountTree,
  type PublishedValue,
  type TableAudit,
  TOTAL_LEVEL,
} from './published-counts.ts';
import {
  type CountColumn,
  compareCodes,
  type SuppressedCell,
  type SuppressedNode,
  type SuppressedTree,
  type SuppressionOptions,
  type SuppressionSummary,
  suppressTree,
} from './statistical-secret.ts';

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

/** A row of the suppressed table. */
export interface SuppressedRow {
  code: string;
  parent: string | null;
  cells: SuppressedCell[];
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
