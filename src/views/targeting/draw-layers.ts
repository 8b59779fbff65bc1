import { GeoJsonLayer, PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { TerritoryFeature, TerritoryProperties } from '../../map/territory-layer.ts';

type LonLat = [number, number];

/** Stable ids of the targeting overlays. */
const TARGET_LAYER_IDS = {
  selection: 'targeting-selection',
  polygon: 'targeting-polygon',
  path: 'targeting-draw-path',
  vertices: 'targeting-draw-vertices',
} as const;

/** Outline of the territories in the target list. */
export function createTargetSelectionLayer(selected: readonly TerritoryFeature[]) {
  return new GeoJsonLayer<TerritoryProperties>({
    id: TARGET_LAYER_IDS.selection,
    data: [...selected],
    filled: false,
    stroked: true,
    getLineColor: [13, 42, 148, 255],
    getLineWidth: 2.5,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}

/**
 * The polygon being drawn (open path and its vertices) or the closed one (translucent fill), never
 * pickable so that drawing clicks reach the map.
 */
export function createDrawLayers(vertices: readonly LonLat[], closed: readonly LonLat[] | null) {
  const layers = [];
  if (closed !== null) {
    layers.push(
      new PolygonLayer<{ ring: LonLat[] }>({
        id: TARGET_LAYER_IDS.polygon,
        data: [{ ring: [...closed] }],
        getPolygon: (d) => d.ring,
        getFillColor: [13, 42, 148, 40],
        getLineColor: [13, 42, 148, 255],
        getLineWidth: 2,
        lineWidthUnits: 'pixels',
        pickable: false,
      }),
    );
  }
  if (vertices.length > 0) {
    layers.push(
      new PathLayer<{ path: LonLat[] }>({
        id: TARGET_LAYER_IDS.path,
        data: [{ path: [...vertices] }],
        getPath: (d) => d.path,
        getColor: [13, 42, 148, 255],
        getWidth: 2,
        widthUnits: 'pixels',
        pickable: false,
      }),
      new ScatterplotLayer<LonLat>({
        id: TARGET_LAYER_IDS.vertices,
        data: [...vertices],
        getPosition: (d) => d,
        getRadius: 5,
        radiusUnits: 'pixels',
        getFillColor: [255, 255, 255, 255],
        getLineColor: [13, 42, 148, 255],
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        pickable: false,
      }),
    );
  }
  return layers;
}
