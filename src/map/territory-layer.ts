import type { PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import { area, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { TerritoryLevel } from '../domain/territory.ts';
import { hexToRgba, type Rgba } from './colour-scale.ts';
import { SMALL_COUNT_OUTLINE } from './legend-model.ts';
import { TerritoryLabelLayer } from './territory-label-layer.ts';

/** What every territory contour carries (régions, départements, EPCI, communes). */
export interface TerritoryProperties {
  code: string;
  nom: string;
}

/** One territory contour. */
export type TerritoryFeature = Feature<Geometry, TerritoryProperties>;

/** Contours of the territories of one level (possibly inside a parent). */
export type TerritoryCollection = FeatureCollection<Geometry, TerritoryProperties>;

/** Stable id of the choropleth of a level. */
export function territoryLayerId(level: TerritoryLevel): string {
  return `territory-${level}`;
}

/** Stable id of the selected-territory outline. */
const SELECTION_LAYER_ID = 'territory-selection';

/** Stable id of the small-count halo under the choropleth outlines. */
const SMALL_COUNT_LAYER_ID = 'territory-small-count';

/** Stable id of the territory labels. */
const LABEL_LAYER_ID = 'territory-labels';

/** Inputs of {@link createTerritoryLayers}. */
export interface TerritoryLayerOptions {
  level: TerritoryLevel;
  data: TerritoryCollection;
  /** Fill colour of a territory code (the no-data colour when it has no value). */
  fillColour: (code: string) => Rgba;
  /** Whether a territory's figures rest on a small count (outlined). */
  isSmallCount: (code: string) => boolean;
  /**
   * Changes whenever the colours or the small-count flags change (rows, metric, scale): the only
   * input of the accessors' update triggers, so that a new filter recolours without tessellating
   * the polygons again.
   */
  colourKey: string;
  onHover?: (info: PickingInfo<TerritoryFeature>) => void;
  onClick?: (info: PickingInfo<TerritoryFeature>, event: { srcEvent: unknown }) => void;
}

const BORDER: Rgba = [255, 255, 255, 170];
const SMALL_OUTLINE = hexToRgba(SMALL_COUNT_OUTLINE.colour);
const SMALL_HALO = hexToRgba(SMALL_COUNT_OUTLINE.haloColour);

/**
 * The choropleth of a level and, under its outlines, the white halo of the small-count mark. Both
 * keep their data for a given level and parent; colours and flags are accessors.
 */
export function createTerritoryLayers(
  options: TerritoryLayerOptions,
): [GeoJsonLayer<TerritoryProperties>, GeoJsonLayer<TerritoryProperties>] {
  const { level, data, fillColour, isSmallCount, colourKey, onHover, onClick } = options;
  const code = (feature: TerritoryFeature) => feature.properties.code;
  const fill = new GeoJsonLayer<TerritoryProperties>({
    id: territoryLayerId(level),
    data,
    filled: true,
    stroked: true,
    getFillColor: (feature: TerritoryFeature) => fillColour(code(feature)),
    getLineColor: (feature: TerritoryFeature) =>
      isSmallCount(code(feature)) ? SMALL_OUTLINE : BORDER,
    getLineWidth: (feature: TerritoryFeature) =>
      isSmallCount(code(feature)) ? SMALL_COUNT_OUTLINE.widthPixels : 0.6,
    lineWidthUnits: 'pixels',
    pickable: true,
    autoHighlight: true,
    highlightColor: [20, 40, 60, 70],
    updateTriggers: {
      getFillColor: colourKey,
      getLineColor: colourKey,
      getLineWidth: colourKey,
    },
    ...(onHover ? { onHover } : {}),
    ...(onClick ? { onClick } : {}),
  });
  const halo = new GeoJsonLayer<TerritoryProperties>({
    id: SMALL_COUNT_LAYER_ID,
    data,
    filled: false,
    stroked: true,
    getLineColor: SMALL_HALO,
    getLineWidth: (feature: TerritoryFeature) =>
      isSmallCount(code(feature)) ? SMALL_COUNT_OUTLINE.haloWidthPixels : 0,
    lineWidthUnits: 'pixels',
    pickable: false,
    updateTriggers: { getLineWidth: colourKey },
  });
  return [fill, halo];
}

/** Outline of the selected territory, above everything else. */
export function createSelectionLayer(
  selected: TerritoryFeature | null,
): GeoJsonLayer<TerritoryProperties> {
  return new GeoJsonLayer<TerritoryProperties>({
    id: SELECTION_LAYER_ID,
    data: selected ? [selected] : [],
    filled: false,
    stroked: true,
    getLineColor: [16, 24, 40, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}

/** A label: the territory name at a point inside it. */
export interface TerritoryLabel {
  position: [number, number];
  text: string;
  code: string;
  /** Area of the territory (km²): of two labels that would overlap, the larger one is drawn. */
  areaKm2: number;
}

/** Above this many territories the map draws no names: they would hide one another. */
const MAX_TERRITORY_LABELS = 150;

/** The name of each territory at a point inside it, or none above {@link MAX_TERRITORY_LABELS}. */
export function territoryLabels(collection: TerritoryCollection): TerritoryLabel[] {
  if (collection.features.length > MAX_TERRITORY_LABELS) return [];
  return collection.features.map((feature) => {
    const [lon = 0, lat = 0] = pointOnFeature(feature).geometry.coordinates;
    return {
      position: [lon, lat],
      text: feature.properties.nom,
      code: feature.properties.code,
      areaKm2: area(feature) / 1e6,
    };
  });
}

/**
 * Territory names, drawn by deck.gl from a font atlas it renders locally (no glyph server, so the
 * offline style keeps making no request), never overlapping: the selected territory's name first
 * (`preferredCode`), then the larger territories'; placed again whenever the view changes.
 */
export function createLabelLayer(
  labels: readonly TerritoryLabel[],
  preferredCode: string | null = null,
): TerritoryLabelLayer {
  return new TerritoryLabelLayer({ id: LABEL_LAYER_ID, data: labels, preferredCode });
}
