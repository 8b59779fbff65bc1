import { GeoJsonLayer } from '@deck.gl/layers';
import type { FeatureCollection, Geometry } from 'geojson';

/** Properties of a département or région outline. */
export interface OutlineProperties {
  code: string;
  nom: string;
}

/** Département or région outlines. */
export type OutlineCollection = FeatureCollection<Geometry, OutlineProperties>;

/** Stable id of the département outlines. */
const DEPARTEMENT_LAYER_ID = 'departement-outlines';

/** Stable id of the région outlines. */
const REGION_LAYER_ID = 'region-outlines';

/** Département outlines, thin, for context above the choropleth. */
export function createDepartementLayer(data: OutlineCollection): GeoJsonLayer<OutlineProperties> {
  return new GeoJsonLayer<OutlineProperties>({
    id: DEPARTEMENT_LAYER_ID,
    data,
    filled: false,
    stroked: true,
    getLineColor: [70, 80, 92, 150],
    getLineWidth: 0.8,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}

/** Région outlines, thicker, drawn above the départements. */
export function createRegionLayer(data: OutlineCollection): GeoJsonLayer<OutlineProperties> {
  return new GeoJsonLayer<OutlineProperties>({
    id: REGION_LAYER_ID,
    data,
    filled: false,
    stroked: true,
    getLineColor: [35, 42, 52, 220],
    getLineWidth: 1.6,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
