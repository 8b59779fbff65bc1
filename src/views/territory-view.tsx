import type { PickingInfo } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorScreen } from '../components/error-screen.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { MapLegend } from '../components/map-legend.tsx';
import { MapTooltip } from '../components/map-tooltip.tsx';
import { MapView } from '../components/map-view.tsx';
import { MetricSelect } from '../components/metric-select.tsx';
import { isObservedDataset } from '../db/dataset-kind.ts';
import type { DatasetInfo } from '../db/manifest.ts';
import { createQuantileScale, type Rgba } from '../map/colour-scale.ts';
import {
  createEpciLayer,
  createEpciSelectionLayer,
  EPCI_LAYER_ID,
  type EpciFeature,
} from '../map/epci-layer.ts';
import { buildLegendModel } from '../map/legend-model.ts';
import { getMetric, type MetricId } from '../map/metrics.ts';
import { createDepartementLayer, createRegionLayer } from '../map/outline-layers.ts';
import { type EpciAggregateRow, epciAggregatesSql } from '../sql/epci-aggregates-sql.ts';
import { EpciPanel } from './epci-panel.tsx';
import { useQuery } from './use-query.ts';
import type { TerritoryAssets } from './use-territory-assets.ts';

/** Props of {@link TerritoryView}. */
export interface TerritoryViewProps {
  assets: TerritoryAssets;
  dataset: DatasetInfo;
  /** Every dataset shown (manifest and imports), for the observed-versus-modelled comparison. */
  datasets: readonly DatasetInfo[];
  metricId: MetricId;
  onMetricChange: (metric: MetricId) => void;
  /** SIREN of the selected EPCI. */
  selectedCode: string | null;
  onSelect: (code: string | null) => void;
}

const OBSERVED_TOOLTIP_LINE = {
  label: 'DPE observés',
  value: 'non représentatifs du parc',
};

interface Hover {
  x: number;
  y: number;
  width: number;
  height: number;
  code: string;
  nom: string;
}

/**
 * The territory view: the EPCI choropleth of one metric over département and région outlines,
 * its legend and metric switch, a hover tooltip, and the panel of the selected EPCI.
 */
export function TerritoryView(props: TerritoryViewProps) {
  const { assets, dataset, datasets, metricId, onMetricChange, selectedCode, onSelect } = props;
  const aggregates = useQuery<EpciAggregateRow>(epciAggregatesSql({ dataset: dataset.id }));
  const [hover, setHover] = useState<Hover | null>(null);
  const [drawn, setDrawn] = useState(false);
  // Which dataset the map shows once drawn, so that a test can wait for the map of a new import.
  const [drawnDataset, setDrawnDataset] = useState<string | null>(null);
  const layersDataset = useRef<string | null>(null);
  const metric = getMetric(metricId);

  const rowsByCode = useMemo(() => {
    const rows = aggregates.status === 'ready' ? aggregates.rows : [];
    return new Map(rows.map((row) => [row.code_epci, row]));
  }, [aggregates]);

  const featuresByCode = useMemo(
    () => new Map(assets.epci.features.map((feature) => [feature.properties.code, feature])),
    [assets.epci],
  );

  // Classes are computed over the EPCI that are on the map, so the legend describes what is drawn.
  const scale = useMemo(() => {
    const values = assets.epci.features.map((feature) => {
      const row = rowsByCode.get(feature.properties.code);
      return row ? metric.accessor(row) : null;
    });
    return createQuantileScale(values, { roundBreak: metric.roundBreak });
  }, [assets.epci, rowsByCode, metric]);

  const fillColours = useMemo(() => {
    const colours = new Map<string, Rgba>();
    for (const [code, row] of rowsByCode) colours.set(code, scale.colourFor(metric.accessor(row)));
    return colours;
  }, [rowsByCode, scale, metric]);

  const legend = useMemo(() => buildLegendModel(metric, scale), [metric, scale]);

  const onHover = useCallback((info: PickingInfo<EpciFeature>) => {
    const feature = info.object;
    setHover(
      feature
        ? {
            x: info.x,
            y: info.y,
            width: info.viewport?.width ?? 0,
            height: info.viewport?.height ?? 0,
            code: feature.properties.code,
            nom: feature.properties.nom,
          }
        : null,
    );
  }, []);

  const clearHover = useCallback(() => setHover(null), []);

  const onClick = useCallback(
    (info: PickingInfo<EpciFeature>) => {
      if (info.object) {
        // The panel narrows the map, so the tooltip would point at another place.
        setHover(null);
        onSelect(info.object.properties.code);
      }
    },
    [onSelect],
  );

  const selectedFeature = selectedCode === null ? null : (featuresByCode.get(selectedCode) ?? null);
  const ready = aggregates.status === 'ready';

  const contextLayers = useMemo(
    () => [createDepartementLayer(assets.departements), createRegionLayer(assets.regions)],
    [assets.departements, assets.regions],
  );

  const layers = useMemo(() => {
    if (!ready) return contextLayers;
    const choropleth = createEpciLayer({
      data: assets.epci,
      fillColours,
      metric: metricId,
      version: dataset.id,
      onHover,
      onClick,
    });
    return [choropleth, ...contextLayers, createEpciSelectionLayer(selectedFeature)];
  }, [
    ready,
    contextLayers,
    assets.epci,
    fillColours,
    metricId,
    dataset.id,
    onHover,
    onClick,
    selectedFeature,
  ]);

  useEffect(() => {
    layersDataset.current = ready ? dataset.id : null;
  }, [ready, dataset.id]);

  const onLayersDrawn = useCallback((ids: string[]) => {
    if (!ids.includes(EPCI_LAYER_ID)) return;
    setDrawn(true);
    setDrawnDataset(layersDataset.current);
  }, []);

  useEffect(() => {
    if (selectedCode === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onSelect(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selectedCode, onSelect]);

  const hoveredRow = hover ? rowsByCode.get(hover.code) : undefined;

  return (
    <div className="territory-view">
      <div className="map-column">
        <MapView layers={layers} onLayersDrawn={onLayersDrawn} onHoverLost={clearHover}>
          <div className="map-controls">
            <MetricSelect value={metricId} onChange={onMetricChange} />
          </div>
          {ready && (
            <MapLegend
              model={legend}
              note="Classes par quantiles : autant d’EPCI dans chaque classe."
            />
          )}
          {hover && (
            <MapTooltip
              x={hover.x}
              y={hover.y}
              bounds={{ width: hover.width, height: hover.height }}
              title={hover.nom}
              lines={[
                {
                  label: metric.label,
                  value: hoveredRow ? metric.format(metric.accessor(hoveredRow)) : 'Pas de données',
                },
                ...(isObservedDataset(dataset) ? [OBSERVED_TOOLTIP_LINE] : []),
              ]}
            />
          )}
          {aggregates.status === 'error' && (
            <div className="map-error">
              <ErrorScreen error={aggregates.error} />
            </div>
          )}
          {aggregates.status !== 'error' && !drawn && (
            <LoadingStatus message={ready ? 'Dessin de la carte…' : 'Calcul des agrégats…'} />
          )}
          {drawn && (
            <span
              data-testid="app-ready"
              data-dataset={drawnDataset ?? ''}
              className="visually-hidden"
            />
          )}
        </MapView>
      </div>
      {selectedFeature && (
        <EpciPanel
          key={`${dataset.id}:${selectedFeature.properties.code}`}
          epci={selectedFeature.properties}
          aggregates={rowsByCode.get(selectedFeature.properties.code)}
          dataset={dataset}
          datasets={datasets}
          onClose={() => onSelect(null)}
        />
      )}
    </div>
  );
}
