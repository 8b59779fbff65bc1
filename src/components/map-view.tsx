import { Layer, type LayersList } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type ReactNode, useEffect, useRef } from 'react';
import { createOfflineStyle, METROPOLE_BOUNDS } from '../map/offline-style.ts';

declare global {
  interface Window {
    /**
     * Test hook: the MapLibre map, so browser tests can project coordinates to pixels, and the
     * deck.gl layers last given to it, so they can count what a layer draws.
     */
    __casba?: { map: maplibregl.Map; layers?: LayersList };
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
  /** Accessible name of the map. */
  label?: string;
  /** Centre and zoom at start, instead of fitting metropolitan France. */
  initialView?: { lon: number; lat: number; zoom: number } | null;
  /**
   * Bounds to fit (west, south, east, north); the map fits them again whenever `key` changes, so
   * that the same bounds can be asked for twice (e.g. after a pan, the same territory again).
   */
  fit?: {
    bounds: [number, number, number, number];
    key: string;
    /**
     * Room kept free on each side (pixels), e.g. on the left for the legend; dropped for the
     * default 40 px when it would take more than half of the map’s width.
     */
    padding?: { top: number; right: number; bottom: number; left: number };
  } | null;
  /** Called after the user moved the map (drag, zoom), with its centre and zoom. */
  onUserMove?: (view: { lon: number; lat: number; zoom: number }) => void;
  /**
   * URL of a MapLibre style for the basemap (an online user's setting); null for the offline
   * background only, which makes no request.
   */
  styleUrl?: string | null;
  /** Called when the basemap style cannot be loaded. */
  onStyleError?: (message: string) => void;
  /**
   * Called with the map once created (and with null when it is removed), for views that listen to
   * map events (polygon drawing) or read its canvas (image export).
   */
  onMap?: (map: maplibregl.Map | null) => void;
  /** Keeps the map's drawing buffer so that its canvas can be read after a frame (PNG export). */
  preserveDrawingBuffer?: boolean;
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
 * `layers` with their hover highlight switched off. deck.gl keeps the last hovered territory
 * highlighted when the pointer leaves the map (it skips picking outside its viewports,
 * visgl/deck.gl#9667): its colour would then no longer be its legend's. An integer
 * `highlightedObjectIndex` (here none, -1) overrides the automatic highlight until it is removed.
 */
function withoutHoverHighlight(layers: LayersList): LayersList {
  return layers.map((entry) =>
    entry instanceof Layer && entry.props.autoHighlight
      ? entry.clone({ highlightedObjectIndex: -1 })
      : Array.isArray(entry)
        ? withoutHoverHighlight(entry)
        : entry,
  );
}

/** The layers to give deck.gl: without hover highlight while the pointer is outside the map. */
function overlayLayers(layers: LayersList, pointerOutside: boolean): LayersList {
  return pointerOutside ? withoutHoverHighlight(layers) : layers;
}

interface MapCallbacks {
  onAfterRender: () => void;
  onLeave: () => void;
  onUserMove: (view: { lon: number; lat: number; zoom: number }) => void;
  onError: (message: string) => void;
}

/** The MapLibre map with its offline style, controls and deck.gl overlay, wired to `callbacks`. */
function createMap(
  element: HTMLElement,
  start: { lon: number; lat: number; zoom: number } | null,
  preserveDrawingBuffer: boolean,
  callbacks: MapCallbacks,
): { map: maplibregl.Map; deckOverlay: MapboxOverlay } {
  const map = new maplibregl.Map({
    container: element,
    style: createOfflineStyle(),
    ...(start === null
      ? { bounds: METROPOLE_BOUNDS, fitBoundsOptions: { padding: 16 } }
      : { center: [start.lon, start.lat] as [number, number], zoom: start.zoom }),
    minZoom: 3.5,
    maxZoom: 12,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    renderWorldCopies: false,
    locale: FRENCH_LOCALE,
    ...(preserveDrawingBuffer ? { canvasContextAttributes: { preserveDrawingBuffer: true } } : {}),
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
    onAfterRender: callbacks.onAfterRender,
  });
  map.addControl(deckOverlay);
  map.on('movestart', callbacks.onLeave);
  map.on('resize', callbacks.onLeave);
  // Only user gestures carry an original event: fitting a territory is not a user position.
  map.on('moveend', (event) => {
    if (!('originalEvent' in event) || event.originalEvent === undefined) return;
    const centre = map.getCenter();
    callbacks.onUserMove({ lon: centre.lng, lat: centre.lat, zoom: map.getZoom() });
  });
  map.on('error', (event) => {
    callbacks.onError(event.error instanceof Error ? event.error.message : String(event.error));
  });
  return { map, deckOverlay };
}

/**
 * A MapLibre map with an offline style, fitted to metropolitan France, with deck.gl layers in a
 * MapboxOverlay. The overlay is not interleaved: deck.gl draws in its own canvas, which renders
 * reliably under software WebGL (SwiftShader) too.
 */
export function MapView(props: MapViewProps) {
  const { layers, onLayersDrawn, onHoverLost, children, fit, styleUrl = null } = props;
  const { label = 'Carte des territoires', initialView = null } = props;
  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const onMove = useRef(props.onUserMove);
  const onStyleError = useRef(props.onStyleError);
  const startView = useRef(initialView);
  const overlay = useRef<MapboxOverlay | null>(null);
  const pendingIds = useRef<string[] | null>(null);
  const onDrawn = useRef(onLayersDrawn);
  const onLeave = useRef(onHoverLost);
  const onMap = useRef(props.onMap);
  const preserve = useRef(props.preserveDrawingBuffer === true);

  useEffect(() => {
    onDrawn.current = onLayersDrawn;
    onLeave.current = onHoverLost;
    onMove.current = props.onUserMove;
    onStyleError.current = props.onStyleError;
  }, [onLayersDrawn, onHoverLost, props.onUserMove, props.onStyleError]);

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const { map, deckOverlay } = createMap(element, startView.current, preserve.current, {
      onAfterRender: () => {
        const ids = pendingIds.current;
        if (ids === null) return;
        pendingIds.current = null;
        onDrawn.current?.(ids);
      },
      // What was under the pointer is somewhere else once the map has moved or resized.
      onLeave: () => onLeave.current?.(),
      onUserMove: (view) => onMove.current?.(view),
      onError: (message) => onStyleError.current?.(message),
    });
    overlay.current = deckOverlay;
    mapRef.current = map;
    window.__casba = { map };
    onMap.current?.(map);
    return () => {
      onMap.current?.(null);
      overlay.current = null;
      mapRef.current = null;
      map.removeControl(deckOverlay);
      deckOverlay.finalize();
      map.remove();
      if (window.__casba?.map === map) delete window.__casba;
    };
  }, []);

  const pointerOutside = useRef(true);
  const shownLayers = useRef(layers);
  shownLayers.current = layers;
  const showLayers = () =>
    overlay.current?.setProps({
      layers: overlayLayers(shownLayers.current, pointerOutside.current),
    });
  const onPointerEnter = () => {
    pointerOutside.current = false;
    showLayers();
  };
  const onPointerLeave = () => {
    pointerOutside.current = true;
    showLayers();
    onHoverLost?.();
  };

  useEffect(() => {
    const deckOverlay = overlay.current;
    if (deckOverlay === null) return;
    deckOverlay.setProps({ layers: overlayLayers(layers, pointerOutside.current) });
    pendingIds.current = layerIds(layers);
    if (window.__casba !== undefined && window.__casba.map === mapRef.current) {
      window.__casba.layers = layers;
    }
  }, [layers]);

  const fitKey = fit?.key ?? null;
  const fitTarget = useRef(fit);
  fitTarget.current = fit;
  useEffect(() => {
    const map = mapRef.current;
    const target = fitTarget.current;
    if (map === null || fitKey === null || !target) return;
    const { padding } = target;
    const roomy =
      padding !== undefined && padding.left + padding.right <= map.getContainer().clientWidth / 2;
    map.fitBounds(target.bounds, { padding: roomy ? padding : 40, duration: 0, maxZoom: 11 });
  }, [fitKey]);

  const firstStyle = useRef(true);
  useEffect(() => {
    const map = mapRef.current;
    if (map === null) return;
    if (firstStyle.current && styleUrl === null) {
      firstStyle.current = false;
      return;
    }
    firstStyle.current = false;
    map.setStyle(styleUrl ?? createOfflineStyle());
  }, [styleUrl]);

  return (
    <div className="map-area">
      <section
        ref={container}
        className="map-container"
        data-testid="map"
        onPointerEnter={onPointerEnter}
        onPointerLeave={onPointerLeave}
        aria-label={label}
      />
      {children}
    </div>
  );
}
