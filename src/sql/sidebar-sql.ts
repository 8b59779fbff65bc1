/**
 * The queries of the analysis side panel for one state (dataset, filters, selection), built in one
 * place so that the panel runs exactly what the tests run: one indicator row, one distribution per
 * filter dimension (cross-filtered), and the comparison when a territory is selected.
 */

import type { TerritoryRef } from '../domain/territory.ts';
import {
  type ComparisonOptions,
  type ComparisonRow,
  comparisonSql,
  similarTerritoriesSql,
} from './comparison-sql.ts';
import { FILTER_KEYS, type FilterKey, type StockFilters } from './filters.ts';
import { distributionSql, overallIndicatorsSql } from './indicators-sql.ts';
import { TERRITORY_EPCI_TABLE } from './tables.ts';

/** Inputs of {@link sidebarQueries}. */
export interface SidebarQueryInputs {
  filters: StockFilters;
  /** Selected territory, or null for France. */
  selection: TerritoryRef | null;
  /** Columns of the stock view (consumption by use only when present). */
  columns: readonly string[];
}

/** The SQL texts of the panel. */
export interface SidebarQueries {
  indicators: string;
  distributions: Readonly<Record<FilterKey, string>>;
  /** Null when the scope is France (nothing contains it). */
  comparison: string | null;
}

/** Every query of the panel for one state; equal inputs give equal texts (the query cache key). */
export function sidebarQueries({
  filters,
  selection,
  columns,
}: SidebarQueryInputs): SidebarQueries {
  const scope = selection ?? 'france';
  const options = { availableColumns: columns };
  const distributions = Object.fromEntries(
    FILTER_KEYS.map((key) => [key, distributionSql(key, filters, scope)]),
  ) as Record<FilterKey, string>;
  return {
    indicators: overallIndicatorsSql(filters, scope, options),
    distributions,
    comparison:
      selection === null ? null : namedComparisonSql({ territory: selection, filters, ...options }),
  };
}

/**
 * The EPCI whose similar territories are compared: the selection itself when it is an EPCI, the
 * EPCI of a commune (read from the comparison's `epci` row), otherwise none.
 */
export function peerEpciCode(
  selection: TerritoryRef | null,
  comparisonRows: readonly { scope: string; code: string | null }[] | null,
): string | null {
  if (selection?.level === 'epci') return selection.code;
  if (selection?.level !== 'commune') return null;
  return comparisonRows?.find((row) => row.scope === 'epci')?.code ?? null;
}

/** The similar-territories query of an EPCI, or null without one. */
export function peerQuery(
  codeEpci: string | null,
  filters: StockFilters,
  columns: readonly string[],
): string | null {
  if (codeEpci === null) return null;
  return similarTerritoriesSql({ codeEpci, filters, availableColumns: columns });
}

/** One row of {@link namedComparisonSql}: a comparison row and the name of its EPCI scope. */
export type NamedComparisonRow = ComparisonRow & {
  /** Name of the EPCI for the `epci` scope (a commune's EPCI); null for the other scopes. */
  name: string | null;
};

/**
 * {@link comparisonSql} with the name of the EPCI that contains a commune, so that the panel
 * writes « CA Châteauroux Métropole » rather than a SIREN number; same rows, same order.
 */
function namedComparisonSql(options: ComparisonOptions): string {
  return `SELECT comparison.*, epci.nom_epci AS name
FROM (
${comparisonSql(options)}
) AS comparison
LEFT JOIN ${TERRITORY_EPCI_TABLE} AS epci
  ON comparison.scope = 'epci' AND epci.code_epci = comparison.code
ORDER BY list_position(['territory', 'epci', 'departement', 'region', 'france'], comparison.scope)`;
}
