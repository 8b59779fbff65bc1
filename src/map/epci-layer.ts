import type { PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { hexToRgba, NO_DATA_COLOUR, type Rgba } from './colour-scale.ts';
import type { MetricId } from './metrics.ts';

/** Properties of an EPCI contour in `epci.geojson`. */
export interface EpciProperties {
  /** SIREN of the EPCI. */
  code: string;
  nom: string;
  /** CA, CC, CU, ME, METLYON. */
  type: string;
}

/** One EPCI contour. */
export type EpciFeature = Feature<Geometry, EpciProperties>;

/** The EPCI contours. */
export type EpciCollection = FeatureCollection<Geometry, EpciProperties>;

/** Stable id of the choropleth layer. */
export const EPCI_LAYER_ID = 'epci-choropleth';

/** Stable id of the selected-EPCI outline layer. */
export const EPCI_SELECTION_LAYER_ID = 'epci-selection';

/** Inputs of {@link createEpciLayer}. */
export interface EpciLayerOptions {
  data: EpciCollection;
  /** Fill colour per EPCI code; codes absent from the map get the no-data grey. */
  fillColours: ReadonlyMap<string, Rgba>;
  /** The metric the colours show. */
  metric: MetricId;
  /** Changes whenever `fillColours` changes for the same metric (e.g. the dataset id). */
  version: number | string;
  onHover?: (info: PickingInfo<EpciFeature>) => void;
  onClick?: (info: PickingInfo<EpciFeature>) => void;
}

const NO_DATA = hexToRgba(NO_DATA_COLOUR);
const BORDER: Rgba = [255, 255, 255, 170];

/**
 * The EPCI choropleth. Its id is stable and its colours depend on `[metric, version]` only, so
 * recolouring updates one attribute without tessellating the polygons again.
 */
export function createEpciLayer(options: EpciLayerOptions): GeoJsonLayer<EpciProperties> {
  const { data, fillColours, metric, version, onHover, onClick } = options;
  return new GeoJsonLayer<EpciProperties>({
    id: EPCI_LAYER_ID,
    data,
    filled: true,
    stroked: true,
    getFillColor: (feature: EpciFeature) => fillColours.get(feature.properties.code) ?? NO_DATA,
    getLineColor: BORDER,
    getLineWidth: 0.6,
    lineWidthUnits: 'pixels',
    pickable: true,
    autoHighlight: true,
    highlightColor: [20, 40, 60, 70],
    updateTriggers: { getFillColor: [metric, version] },
    ...(onHover ? { onHover } : {}),
    ...(onClick ? { onClick } : {}),
  });
}

/** Outline of the selected EPCI, drawn above the choropleth and the context outlines. */
export function createEpciSelectionLayer(
  selected: EpciFeature | null,
): GeoJsonLayer<EpciProperties> {
  return new GeoJsonLayer<EpciProperties>({
    id: EPCI_SELECTION_LAYER_ID,
    data: selected ? [selected] : [],
    filled: false,
    stroked: true,
    getLineColor: [16, 24, 40, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
