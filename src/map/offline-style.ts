import type { StyleSpecification } from 'maplibre-gl';

/** Background of the map, outside the territories (a pale blue-grey, read as sea and abroad). */
export const MAP_BACKGROUND = '#dde6ee';

/**
 * A MapLibre style with a background only: no tiles, glyphs or sprites, so the map makes no
 * request. Territories, outlines and labels come from local GeoJSON through deck.gl.
 */
export function createOfflineStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': MAP_BACKGROUND } },
    ],
  };
}

/** West, south, east, north bounds of metropolitan France (with Corsica). */
export const METROPOLE_BOUNDS: [number, number, number, number] = [-5.2, 41.3, 9.6, 51.15];
