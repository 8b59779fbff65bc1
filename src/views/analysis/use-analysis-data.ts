import { useCallback, useMemo } from 'react';
import { isObservedDataset } from '../../db/dataset-kind.ts';
import type { DatasetInfo } from '../../db/manifest.ts';
import { territoryIndicatorsCache } from '../../db/preaggregate-queries.ts';
import { tableRows } from '../../db/table-rows.ts';
import {
  getIndicator,
  type IndicatorRow,
  indicatorValue,
  isSmallCount,
} from '../../domain/indicators.ts';
import type { TerritoryLevel, TerritoryRef } from '../../domain/territory.ts';
import { rowsParent, type TerritoryHierarchy } from '../../domain/territory-hierarchy.ts';
import type { TerritoryTableRow } from '../../export/territory-table-csv.ts';
import { DEFAULT_FIXED_BREAKS } from '../../map/class-breaks.ts';
import {
  type AnalysisFilters,
  type AnalysisState,
  toStockFilters,
} from '../../state/analysis-url-state.ts';
import { useChoropleth } from '../map-screen/use-choropleth.ts';
import { type QueryState, useQueryClient } from '../use-query.ts';
import type { TerritoryAssets } from '../use-territory-assets.ts';
import { useLevelContours } from './use-level-contours.ts';

const NO_THRESHOLDS: readonly number[] = [];

/** One territory of the level with its indicators (`code`: INSEE code or SIREN). */
export type TerritoryRow = IndicatorRow & { code: string };

/**
 * Indicators per territory of `level` (inside `parent` when given) for the active filters, one row
 * per territory that has stock rows, as `territoryIndicatorsSql` computes them. Once a filter
 * dimension has been used, they come from its pre-aggregated table. The key holds every input
 * (dataset, level, filters, parent), so that stale rows are told from current ones.
 */
function useTerritoryRows(
  dataset: DatasetInfo,
  level: TerritoryLevel,
  filters: AnalysisFilters,
  parent: TerritoryRef | null,
): QueryState<readonly TerritoryRow[]> {
  const key = JSON.stringify([
    dataset.id,
    level,
    filters,
    parent === null ? null : [parent.level, parent.code],
  ]);
  return useQueryClient(key, () =>
    territoryIndicatorsCache
      .query({ level, filters: toStockFilters(filters, dataset.id), parent })
      .then(({ result }) => tableRows<TerritoryRow>(result)),
  );
}

/**
 * What the analysis screen draws: the contours of the level, the indicator rows (the last ready
 * ones are kept while new ones are computed, so that a filter change never blanks the map), and
 * the choropleth of the metric over the territories drawn.
 */
export function useAnalysisData(
  assets: TerritoryAssets,
  dataset: DatasetInfo,
  state: AnalysisState,
  hierarchy: TerritoryHierarchy,
) {
  const { level, selection, metric, filters } = state;
  const observed = isObservedDataset(dataset);
  const indicator = getIndicator(metric);
  const parent = useMemo(
    () => rowsParent(hierarchy, level, selection),
    [hierarchy, level, selection],
  );
  const contours = useLevelContours(assets, hierarchy, level, parent);
  const rowsState = useTerritoryRows(dataset, level, filters, parent);
  const shown = rowsState.last;
  const features = contours.status === 'ready' ? contours.contours : null;
  const rowsByCode = useMemo(
    () => new Map((shown?.rows ?? []).map((row) => [row.code, row])),
    [shown],
  );
  const codes = useMemo(
    () => (features?.features ?? []).map((feature) => feature.properties.code),
    [features],
  );
  const valueAt = useCallback(
    (code: string) => {
      const row = rowsByCode.get(code);
      return row ? indicatorValue(row, metric) : null;
    },
    [rowsByCode, metric],
  );
  const small = useCallback(
    (code: string) => {
      const row = rowsByCode.get(code);
      return row !== undefined && isSmallCount(row, { observed });
    },
    [rowsByCode, observed],
  );
  const thresholds = state.thresholds ?? DEFAULT_FIXED_BREAKS[metric] ?? NO_THRESHOLDS;
  // Classes are computed over the territories on the map, so the legend describes what is drawn.
  const choropleth = useChoropleth({
    codes,
    valueAt,
    classes: {
      method: state.method,
      thresholds,
      palette: state.palette,
      roundBreak: indicator.roundBreak,
    },
    metric: indicator,
    isSmallCount: small,
    dataKey: `${shown?.key ?? ''}|${metric}`,
  });
  const tableRows = useMemo((): TerritoryTableRow[] => {
    if (features === null) return [];
    return features.features.flatMap((feature) => {
      const row = rowsByCode.get(feature.properties.code);
      return row ? [{ ...row, name: feature.properties.nom }] : [];
    });
  }, [features, rowsByCode]);
  return {
    observed,
    indicator,
    parent,
    contours,
    rowsState,
    shown,
    features,
    rowsByCode,
    thresholds,
    choropleth,
    tableRows,
    ready: features !== null && shown !== null,
  };
}

/** What {@link useAnalysisData} returns. */
export type AnalysisData = ReturnType<typeof useAnalysisData>;
