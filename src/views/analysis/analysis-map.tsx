import { useState } from 'react';
import { ErrorScreen } from '../../components/error-screen.tsx';
import { LoadingStatus } from '../../components/loading-status.tsx';
import { MapLegend } from '../../components/map-legend.tsx';
import { MapTooltip } from '../../components/map-tooltip.tsx';
import { MapView } from '../../components/map-view.tsx';
import { indicatorValue } from '../../domain/indicators.ts';
import { LEVEL_NAMES } from '../../domain/territory-hierarchy.ts';
import { BasemapControl } from './basemap-control.tsx';
import { useBasemapSetting } from './basemap-setting.ts';
import { LegendControls } from './legend-controls.tsx';
import type { AnalysisScreenParts } from './use-analysis-layers.ts';
import type { LevelContoursState } from './use-level-contours.ts';

/**
 * The analysis map: the choropleth with its legend and classification controls, the basemap
 * setting, the tooltip of the territory under the pointer, and what is loading or failed.
 */
export function AnalysisMap({ screen }: { screen: AnalysisScreenParts }) {
  const { state, update, data, map } = screen;
  const { level, metric } = state;
  const { indicator, observed, choropleth, contours, rowsState, ready } = data;
  const [basemap, setBasemap] = useBasemapSetting();
  const [basemapError, setBasemapError] = useState<string | null>(null);
  const { hover } = map;
  const hoveredRow = hover ? data.rowsByCode.get(hover.code) : undefined;
  const failed = rowsState.status === 'error' || contours.status === 'error';
  return (
    <MapView
      layers={map.layers}
      onLayersDrawn={map.onLayersDrawn}
      onHoverLost={map.clearHover}
      label={`Carte : ${indicator.label} par ${LEVEL_NAMES[level].singular}`}
      initialView={state.map}
      fit={map.fit}
      onUserMove={(view) => update({ map: view }, 'replace')}
      styleUrl={basemap}
      onStyleError={(message) => setBasemapError(message)}
    >
      {ready && choropleth.legend !== null && (
        <MapLegend model={choropleth.legend} note={choropleth.legend.method}>
          <LegendControls
            method={state.method}
            palette={state.palette}
            thresholds={data.thresholds}
            indicator={indicator}
            onChange={(patch) => update(patch)}
          />
        </MapLegend>
      )}
      <BasemapControl
        url={basemap}
        error={basemapError}
        onChange={(url) => {
          setBasemapError(null);
          setBasemap(url);
        }}
      />
      {hover && (
        <MapTooltip
          x={hover.x}
          y={hover.y}
          bounds={hover.bounds}
          title={hover.name ?? hover.code}
          lines={[
            {
              label: indicator.label,
              value: hoveredRow
                ? indicator.format(indicatorValue(hoveredRow, metric))
                : 'Pas de données',
            },
            ...(hoveredRow && choropleth.smallCodes.has(hoveredRow.code)
              ? [{ label: 'Effectif faible', value: 'valeur fragile' }]
              : []),
            ...(observed ? [{ label: 'DPE observés', value: 'non représentatifs du parc' }] : []),
          ]}
        />
      )}
      {failed && (
        <div className="map-error">
          <ErrorScreen
            error={
              rowsState.status === 'error'
                ? rowsState.error
                : (contours as { error: unknown }).error
            }
          />
        </div>
      )}
      {rowsState.status !== 'error' && contours.status !== 'choose-parent' && !map.drawn && (
        <MapLoadingStatus contours={contours} ready={ready} />
      )}
    </MapView>
  );
}

/** The map's loading message: commune files (with their count), then indicators, then drawing. */
function MapLoadingStatus({ contours, ready }: { contours: LevelContoursState; ready: boolean }) {
  if (contours.status === 'loading' && contours.progress !== null) {
    const { loaded, total } = contours.progress;
    return (
      <LoadingStatus
        message={`Chargement des contours des communes${total > 1 ? ` (${loaded} fichiers sur ${total})` : ''}…`}
        progress={total > 1 ? loaded / total : null}
      />
    );
  }
  return <LoadingStatus message={ready ? 'Dessin de la carte…' : 'Calcul des indicateurs…'} />;
}
