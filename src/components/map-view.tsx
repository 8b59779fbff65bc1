import type { LayersList } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type ReactNode, useEffect, useRef } from 'react';
import { createOfflineStyle, METROPOLE_BOUNDS } from '../map/offline-style.ts';

declare global {
  interface Window {
    /** Test hook: the MapLibre map, so browser tests can project coordinates to pixels. */
    __casba?: { map: maplibregl.Map };
  }
}

/** Props of {@link MapView}. */
export interface MapViewProps {
  /** deck.gl layers drawn over the map, bottom to top. */
  layers: LayersList;
  /** Called once after the first frame that drew a new `layers` list, with their ids. */
  onLayersDrawn?: (layerIds: string[]) => void;
  /** Called when the pointer leaves the map, and when the map moves or resizes under it. */
  onHoverLost?: () => void;
  /** Overlays positioned over the map (tooltip, legend, controls). */
  children?: ReactNode;
}

// MapLibre looks for its worker next to its own module, which is not where a bundle puts it.
maplibregl.setWorkerUrl(maplibreWorkerUrl);

const FRENCH_LOCALE = {
  'Map.Title': 'Carte',
  'NavigationControl.ZoomIn': 'Zoom avant',
  'NavigationControl.ZoomOut': 'Zoom arrière',
  'NavigationControl.ResetBearing': 'Réorienter vers le nord',
  'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources',
  'AttributionControl.MapFeedback': 'Signaler un problème de carte',
};

function layerIds(layers: LayersList): string[] {
  const ids: string[] = [];
  const visit = (entry: unknown) => {
    if (Array.isArray(entry)) entry.forEach(visit);
    else if (entry && typeof entry === 'object' && 'id' in entry) ids.push(String(entry.id));
  };
  visit(layers);
  return ids;
}

/**
 * A MapLibre map with an offline style, fitted to metropolitan France, with deck.gl layers in a
 * MapboxOverlay. The overlay is not interleaved: deck.gl draws in its own canvas, which renders
 * reliably under software WebGL (SwiftShader) too.
 */
export function MapView({ layers, onLayersDrawn, onHoverLost, children }: MapViewProps) {
  const container = useRef<HTMLElement>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const pendingIds = useRef<string[] | null>(null);
  const onDrawn = useRef(onLayersDrawn);
  const onLeave = useRef(onHoverLost);

  useEffect(() => {
    onDrawn.current = onLayersDrawn;
    onLeave.current = onHoverLost;
  }, [onLayersDrawn, onHoverLost]);

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const map = new maplibregl.Map({
      container: element,
      style: createOfflineStyle(),
      bounds: METROPOLE_BOUNDS,
      fitBoundsOptions: { padding: 16 },
      minZoom: 3.5,
      maxZoom: 12,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      renderWorldCopies: false,
      locale: FRENCH_LOCALE,
      attributionControl: {
        compact: true,
        customAttribution:
          'Contours : IGN Admin Express, INSEE COG (Licence Ouverte 2.0) · Rendu : MapLibre, deck.gl',
      },
    });
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    const deckOverlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      getCursor: ({ isHovering, isDragging }) =>
        isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab',
      onAfterRender: () => {
        const ids = pendingIds.current;
        if (ids === null) return;
        pendingIds.current = null;
        onDrawn.current?.(ids);
      },
    });
    map.addControl(deckOverlay);
    // What was under the pointer is somewhere else once the map has moved or resized.
    const leave = () => onLeave.current?.();
    map.on('movestart', leave);
    map.on('resize', leave);
    overlay.current = deckOverlay;
    window.__casba = { map };
    return () => {
      overlay.current = null;
      map.removeControl(deckOverlay);
      deckOverlay.finalize();
      map.remove();
      if (window.__casba?.map === map) delete window.__casba;
    };
  }, []);

  useEffect(() => {
    const deckOverlay = overlay.current;
    if (deckOverlay === null) return;
    deckOverlay.setProps({ layers });
    pendingIds.current = layerIds(layers);
  }, [layers]);

  return (
    <div className="map-area">
      <section
        ref={container}
        className="map-container"
        data-testid="map"
        onPointerLeave={onHoverLost}
        aria-label="Carte des EPCI"
      />
      {children}
    </div>
  );
}
