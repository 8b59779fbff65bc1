import type { PickingInfo } from '@deck.gl/core';
import { bbox } from '@turf/turf';
import { useCallback, useMemo } from 'react';
import type { DatasetInfo } from '../../db/manifest.ts';
import type { TerritoryRef } from '../../domain/territory.ts';
import type { TerritoryHierarchy } from '../../domain/territory-hierarchy.ts';
import { createPointsVeilLayer } from '../../map/dwelling-points-layer.ts';
import { METROPOLE_BOUNDS } from '../../map/offline-style.ts';
import { createDepartementLayer, createRegionLayer } from '../../map/outline-layers.ts';
import {
  createLabelLayer,
  createSelectionLayer,
  createTerritoryLayers,
  type TerritoryCollection,
  type TerritoryFeature,
  territoryLabels,
  territoryLayerId,
} from '../../map/territory-layer.ts';
import type { AnalysisState } from '../../state/analysis-url-state.ts';
import type { HistoryMode } from '../../state/use-analysis-state.ts';
import { useMapHover } from '../map-screen/use-map-hover.ts';
import { useMapReadiness } from '../map-screen/use-map-readiness.ts';
import type { TerritoryAssets } from '../use-territory-assets.ts';
import { useDwellingPointsLayer } from './dwelling-points.tsx';
import type { AnalysisData } from './use-analysis-data.ts';

const LEGEND_FIT_PADDING = { top: 40, right: 60, bottom: 40, left: 310 };

function selectionFeature(
  assets: TerritoryAssets,
  contours: TerritoryCollection | null,
  selection: TerritoryRef | null,
): TerritoryFeature | null {
  if (selection === null) return null;
  const collection =
    selection.level === 'region'
      ? assets.regions
      : selection.level === 'departement'
        ? assets.departements
        : selection.level === 'epci'
          ? assets.epci
          : contours;
  return collection?.features.find((feature) => feature.properties.code === selection.code) ?? null;
}

/**
 * The layers of the analysis map, bottom to top: the choropleth with its small-count halo, the
 * context outlines, the dwelling points over a veil, the selection outline and the labels; with
 * the hover state, the map's readiness, and the bounds to fit (the selection, or France, unless
 * the URL gave a position; again on every navigation).
 */
export function useAnalysisLayers(
  assets: TerritoryAssets,
  dataset: DatasetInfo,
  state: AnalysisState,
  data: AnalysisData,
  select: (ref: TerritoryRef | null) => void,
) {
  const { level, selection, filters } = state;
  const { features, choropleth, ready } = data;
  const { hover, hoverAt, clear } = useMapHover();

  const onHover = useCallback(
    (info: PickingInfo<TerritoryFeature>) =>
      hoverAt(info, info.object?.properties.code ?? null, info.object?.properties.nom),
    [hoverAt],
  );
  const onClick = useCallback(
    (info: PickingInfo<TerritoryFeature>) => {
      if (!info.object) return;
      clear();
      select({ level, code: info.object.properties.code });
    },
    [select, level, clear],
  );

  const contextLayers = useMemo(
    () => [createDepartementLayer(assets.departements), createRegionLayer(assets.regions)],
    [assets.departements, assets.regions],
  );
  const labels = useMemo(() => (features === null ? [] : territoryLabels(features)), [features]);
  const selectedCode = selection?.level === level ? selection.code : null;
  const labelLayer = useMemo(() => createLabelLayer(labels, selectedCode), [labels, selectedCode]);
  const selected = useMemo(
    () => selectionFeature(assets, features, selection),
    [assets, features, selection],
  );
  const points = useDwellingPointsLayer(dataset, level, filters, selection);
  const pointsVeil = useMemo(() => createPointsVeilLayer(selected), [selected]);

  const { fillColour, isSmallCount, colourKey } = choropleth;
  const layers = useMemo(() => {
    if (!ready || features === null) return contextLayers;
    const territory = createTerritoryLayers({
      level,
      data: features,
      fillColour,
      isSmallCount,
      colourKey,
      onHover,
      onClick,
    });
    return [
      ...territory,
      ...contextLayers,
      ...(points.layer ? [pointsVeil, points.layer] : []),
      createSelectionLayer(selected),
      labelLayer,
    ];
  }, [
    ready,
    features,
    contextLayers,
    level,
    fillColour,
    isSmallCount,
    colourKey,
    onHover,
    onClick,
    points.layer,
    pointsVeil,
    selected,
    labelLayer,
  ]);

  const layerId = territoryLayerId(level);
  const readiness = useMapReadiness(layerId, ready ? `${layerId}|${colourKey}` : null);

  const fit = useMemo(() => {
    if (state.map !== null) return null;
    const bounds = selected
      ? (bbox(selected) as [number, number, number, number])
      : selection === null
        ? METROPOLE_BOUNDS
        : null;
    if (bounds === null) return null;
    const key = `${selection?.level}:${selection?.code}:${level}:${bounds.join(',')}`;
    // A selected territory is fitted right of the legend (bottom left), so that none of it hides.
    return selected ? { bounds, key, padding: LEGEND_FIT_PADDING } : { bounds, key };
  }, [state.map, selected, selection, level]);

  return { layers, fit, points, hover, clearHover: clear, ...readiness };
}

/** What {@link useAnalysisLayers} returns. */
export type AnalysisLayers = ReturnType<typeof useAnalysisLayers>;

/** What the parts of the analysis screen share: its inputs, its data and its map. */
export interface AnalysisScreenParts {
  assets: TerritoryAssets;
  dataset: DatasetInfo;
  hierarchy: TerritoryHierarchy;
  state: AnalysisState;
  update: (patch: Partial<AnalysisState>, mode?: HistoryMode) => void;
  select: (ref: TerritoryRef | null) => void;
  data: AnalysisData;
  map: AnalysisLayers;
}
