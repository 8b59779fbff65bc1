import { useEffect, useMemo, useState } from 'react';
import type { DatasetInfo } from '../../db/manifest.ts';
import { territoryIndicatorsCache } from '../../db/preaggregate-queries.ts';
import { tableRows } from '../../db/table-rows.ts';
import type { IndicatorRow } from '../../domain/indicators.ts';
import type { TerritoryLevel, TerritoryRef } from '../../domain/territory.ts';
import { type AnalysisFilters, toStockFilters } from '../../state/analysis-url-state.ts';

/** One territory of the level with its indicators (`code`: INSEE code or SIREN). */
export type TerritoryRow = IndicatorRow & { code: string };

/**
 * The rows of the map and the table. `key` identifies the inputs the rows were computed for
 * (dataset, level, filters, parent), so that a consumer can tell stale rows from current ones.
 */
export type TerritoryRowsState =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; rows: readonly TerritoryRow[]; key: string };

/** The key of {@link TerritoryRowsState} for these inputs. */
function territoryRowsKey(
  dataset: DatasetInfo,
  level: TerritoryLevel,
  filters: AnalysisFilters,
  parent: TerritoryRef | null,
): string {
  return JSON.stringify([
    dataset.id,
    level,
    filters,
    parent === null ? null : [parent.level, parent.code],
  ]);
}

type Settled = { key: string; rows: readonly TerritoryRow[] } | { key: string; error: Error };

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Indicators per territory of `level` (inside `parent` when given) for the active filters, one row
 * per territory that has stock rows, as `territoryIndicatorsSql` computes them. Once a filter
 * dimension has been used, they come from its pre-aggregated table. While new rows are computed the
 * state is `loading`: rows of older inputs are never returned under the current key.
 */
export function useTerritoryRows(
  dataset: DatasetInfo,
  level: TerritoryLevel,
  filters: AnalysisFilters,
  parent: TerritoryRef | null,
): TerritoryRowsState {
  const key = territoryRowsKey(dataset, level, filters, parent);
  const [result, setResult] = useState<Settled | null>(null);

  // The key holds every input, so the query runs again only when one of them changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the inputs.
  useEffect(() => {
    let current = true;
    territoryIndicatorsCache
      .query({ level, filters: toStockFilters(filters, dataset.id), parent })
      .then(
        ({ result }) => {
          if (current) setResult({ key, rows: tableRows<TerritoryRow>(result) });
        },
        (error: unknown) => {
          if (current) setResult({ key, error: asError(error) });
        },
      );
    return () => {
      current = false;
    };
  }, [key]);

  return useMemo((): TerritoryRowsState => {
    if (result === null || result.key !== key) return { status: 'loading' };
    if ('error' in result) return { status: 'error', error: result.error };
    return { status: 'ready', rows: result.rows, key };
  }, [result, key]);
}
