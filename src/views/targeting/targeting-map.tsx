import type { LayersList, PickingInfo } from '@deck.gl/core';
import { bbox } from '@turf/turf';
import type * as maplibregl from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MapLegend } from '../../components/map-legend.tsx';
import { MapView } from '../../components/map-view.tsx';
import type { TerritoryLevel } from '../../domain/territory.ts';
import type { Rgba } from '../../map/colour-scale.ts';
import type { LegendModel } from '../../map/legend-model.ts';
import {
  createTerritoryLayers,
  type TerritoryCollection,
  type TerritoryFeature,
  territoryLayerId,
} from '../../map/territory-layer.ts';
import { createDrawLayers, createTargetSelectionLayer } from './draw-layers.ts';
import { closeRing } from './polygon-selection.ts';

type LonLat = [number, number];

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
  /** The map of the territories of this key drew the scores of `colourKey`. */
  onDrawn: (colourKey: string) => void;
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
  const { onToggle, onPolygon, polygon, onDrawn, onMap } = props;
  const [drawing, setDrawing] = useState(false);
  const [vertices, setVertices] = useState<LonLat[]>([]);
  const [drawError, setDrawError] = useState<string | null>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const drawingRef = useRef(false);
  drawingRef.current = drawing;
  const verticesRef = useRef<LonLat[]>([]);
  verticesRef.current = vertices;

  const handleMap = useCallback(
    (instance: maplibregl.Map | null) => {
      setMap(instance);
      onMap(instance);
    },
    [onMap],
  );

  const finish = useCallback(() => {
    try {
      const ring = closeRing(verticesRef.current);
      setDrawError(null);
      onPolygon(ring);
    } catch (error) {
      setDrawError(error instanceof Error ? error.message : String(error));
      return;
    }
    setDrawing(false);
    setVertices([]);
  }, [onPolygon]);

  const cancel = useCallback(() => {
    setDrawing(false);
    setVertices([]);
    setDrawError(null);
  }, []);

  useEffect(() => {
    if (map === null || !drawing) return;
    map.doubleClickZoom.disable();
    const onClick = (event: maplibregl.MapMouseEvent) => {
      const { lng, lat } = event.lngLat;
      setVertices((current) => [...current, [lng, lat]]);
    };
    const onDouble = (event: maplibregl.MapMouseEvent) => {
      event.preventDefault();
      finish();
    };
    map.on('click', onClick);
    map.on('dblclick', onDouble);
    const canvas = map.getCanvas();
    const cursor = canvas.style.cursor;
    canvas.style.cursor = 'crosshair';
    return () => {
      map.off('click', onClick);
      map.off('dblclick', onDouble);
      map.doubleClickZoom.enable();
      canvas.style.cursor = cursor;
    };
  }, [map, drawing, finish]);

  // Capture phase: Escape must not also reach the analysis screen's « leave the selection ».
  useEffect(() => {
    if (!drawing) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        cancel();
      } else if (event.key === 'Enter') {
        event.preventDefault();
        event.stopPropagation();
        finish();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [drawing, cancel, finish]);

  const onClick = useCallback(
    (info: PickingInfo<TerritoryFeature>) => {
      if (drawingRef.current || !info.object) return;
      onToggle(info.object.properties.code);
    },
    [onToggle],
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

  const keyRef = useRef(colourKey);
  keyRef.current = colourKey;
  const onLayersDrawn = useCallback(
    (ids: string[]) => {
      if (ids.includes(territoryLayerId(level))) onDrawn(keyRef.current);
    },
    [level, onDrawn],
  );

  const fit = useMemo(
    () => ({
      bounds: bbox(features) as [number, number, number, number],
      key: features.features.map((f) => f.properties.code).join(','),
    }),
    [features],
  );

  return (
    <div className="targeting-map">
      <div className="targeting-draw-bar">
        {drawing ? (
          <>
            <button type="button" className="button button-primary" onClick={finish}>
              Fermer le polygone
            </button>
            <button type="button" className="button" onClick={cancel}>
              Annuler
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button"
            data-testid="draw-polygon"
            onClick={() => {
              setDrawError(null);
              setVertices([]);
              setDrawing(true);
            }}
          >
            Dessiner un polygone
          </button>
        )}
        <p role="status" className="small" data-testid="draw-status">
          {drawing
            ? `Tracé en cours (${vertices.length} sommet${vertices.length > 1 ? 's' : ''}) : cliquez les sommets sur la carte ; double-clic ou Entrée pour fermer, Échap pour annuler.`
            : 'Cliquez un territoire pour l’ajouter à la liste cible ou l’en retirer.'}
          {drawError ? ` ${drawError}` : ''}
        </p>
      </div>
      <div className="targeting-map-frame">
        <MapView
          layers={layers}
          onLayersDrawn={onLayersDrawn}
          label={props.label}
          fit={fit}
          onMap={handleMap}
          preserveDrawingBuffer
        />
      </div>
      {/* Below the map rather than over it: the score classes must not hide territories. */}
      <MapLegend model={legend} note="Classes fixes de 20 points" />
    </div>
  );
}
