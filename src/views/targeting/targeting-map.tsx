import type { LayersList, PickingInfo } from '@deck.gl/core';
import { bbox } from '@turf/turf';
import type * as maplibregl from 'maplibre-gl';
import { useCallback, useMemo, useState } from 'react';
import { MapLegend } from '../../components/map-legend.tsx';
import { MapView } from '../../components/map-view.tsx';
import type { TerritoryLevel } from '../../domain/territory.ts';
import type { Rgba } from '../../map/colour-scale.ts';
import type { LegendModel } from '../../map/legend-model.ts';
import {
  createTerritoryLayers,
  type TerritoryCollection,
  type TerritoryFeature,
} from '../../map/territory-layer.ts';
import { createDrawLayers, createTargetSelectionLayer } from './draw-layers.ts';
import { usePolygonDrawing } from './use-polygon-drawing.ts';

type LonLat = [number, number];

/** The territories are fitted right of the legend (bottom left), so that it hides none of them. */
const LEGEND_FIT_PADDING = { top: 30, right: 30, bottom: 30, left: 240 };

/** Props of {@link TargetingMap}. */
export interface TargetingMapProps {
  level: TerritoryLevel;
  features: TerritoryCollection;
  fillColour: (code: string) => Rgba;
  /** Changes whenever the colours change (scores, weights). */
  colourKey: string;
  legend: LegendModel;
  contextLayers: LayersList;
  selected: ReadonlySet<string>;
  onToggle: (code: string) => void;
  /** Called with the closed ring of a polygon once drawn. */
  onPolygon: (ring: LonLat[]) => void;
  polygon: LonLat[] | null;
  /** Called after each frame with the ids of the layers drawn (the map-readiness hook). */
  onLayersDrawn: (layerIds: string[]) => void;
  onMap: (map: maplibregl.Map | null) => void;
  label: string;
}

/**
 * The score map: choropleth of the priority score, the target list outlined, a click adds or
 * removes a territory, and a polygon can be drawn (click the vertices; double-click or Entrée
 * closes it; Échap cancels).
 */
export function TargetingMap(props: TargetingMapProps) {
  const { level, features, fillColour, colourKey, legend, contextLayers, selected } = props;
  const { onToggle, onPolygon, polygon, onMap } = props;
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const draw = usePolygonDrawing(map, onPolygon);
  const { drawing, vertices } = draw;

  const handleMap = useCallback(
    (instance: maplibregl.Map | null) => {
      setMap(instance);
      onMap(instance);
    },
    [onMap],
  );

  const onClick = useCallback(
    (info: PickingInfo<TerritoryFeature>) => {
      if (draw.drawingRef.current || !info.object) return;
      onToggle(info.object.properties.code);
    },
    [onToggle, draw.drawingRef],
  );

  const selectedFeatures = useMemo(
    () => features.features.filter((f) => selected.has(f.properties.code)),
    [features, selected],
  );

  const layers = useMemo(
    () => [
      ...createTerritoryLayers({
        level,
        data: features,
        fillColour,
        isSmallCount: () => false,
        colourKey,
        onClick,
      }),
      ...contextLayers,
      createTargetSelectionLayer(selectedFeatures),
      ...createDrawLayers(vertices, drawing ? null : polygon),
    ],
    [
      level,
      features,
      fillColour,
      colourKey,
      onClick,
      contextLayers,
      selectedFeatures,
      vertices,
      drawing,
      polygon,
    ],
  );

  const fit = useMemo(
    () => ({
      bounds: bbox(features) as [number, number, number, number],
      key: features.features.map((f) => f.properties.code).join(','),
      padding: LEGEND_FIT_PADDING,
    }),
    [features],
  );

  return (
    <div className="targeting-map">
      <DrawBar draw={draw} />
      <div className="targeting-map-frame">
        <MapView
          layers={layers}
          onLayersDrawn={props.onLayersDrawn}
          label={props.label}
          fit={fit}
          onMap={handleMap}
          preserveDrawingBuffer
        >
          <MapLegend model={legend} note="Classes fixes de 20 points" />
        </MapView>
      </div>
    </div>
  );
}

/** The buttons and the status line of the polygon drawing. */
function DrawBar({ draw }: { draw: ReturnType<typeof usePolygonDrawing> }) {
  const { drawing, vertices, error } = draw;
  return (
    <div className="targeting-draw-bar">
      {drawing ? (
        <>
          <button type="button" className="button button-primary" onClick={draw.finish}>
            Fermer le polygone
          </button>
          <button type="button" className="button" onClick={draw.cancel}>
            Annuler
          </button>
        </>
      ) : (
        <button type="button" className="button" data-testid="draw-polygon" onClick={draw.start}>
          Dessiner un polygone
        </button>
      )}
      <p role="status" className="small" data-testid="draw-status">
        {drawing
          ? `Tracé en cours (${vertices.length} sommet${vertices.length > 1 ? 's' : ''}) : cliquez les sommets sur la carte ; double-clic ou Entrée pour fermer, Échap pour annuler.`
          : 'Cliquez un territoire pour l’ajouter à la liste cible ou l’en retirer.'}
        {error ? ` ${error}` : ''}
      </p>
    </div>
  );
}
