/**
 * Layers of the programme's coverage map: the EPCI fill (adoption, or a programme rate of the
 * adopting EPCI), the outline of the adopting EPCI, and carnets or works per EPCI as proportional
 * symbols at each EPCI's representative point. Factories have stable ids; colours and radii
 * change through `updateTriggers`, so switching a metric never rebuilds the polygons.
 */
import type { PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { area, pointOnFeature } from '@turf/turf';
import { schemeGnBu } from 'd3-scale-chromatic';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { formatDecimal, formatInteger, formatPercent } from '../domain/format.ts';
import type { EpciBreakdown } from '../domain/programme-kpis.ts';
import type { EpciCollection, EpciFeature, EpciProperties } from '../domain/territory.ts';
import { type ClassedScale, hexToRgba, NO_DATA_COLOUR, type Rgba } from './colour-scale.ts';

/** Stable id of the EPCI fill of the coverage map. */
export const COVERAGE_FILL_LAYER_ID = 'programme-epci-fill';
/** Stable id of the outline of the adopting EPCI. */
export const ADOPTING_OUTLINE_LAYER_ID = 'programme-adopting-outline';
/** Stable id of the proportional symbols. */
export const PROGRAMME_SYMBOL_LAYER_ID = 'programme-symbols';

/** What the EPCI fill shows. */
export type CoverageFillId = 'adoption' | 'penetration' | 'conversion';
/** What the symbols count. */
export type CoverageSymbolId = 'carnets' | 'works' | 'none';

/** A mappable programme rate of an EPCI. */
export interface CoverageRate {
  id: Exclude<CoverageFillId, 'adoption'>;
  label: string;
  /** Legend title, with the unit. */
  title: string;
  value: (row: EpciBreakdown) => number | null;
  format: (value: number | null) => string;
  /** Rounds a class break to what the legend shows. */
  roundBreak: (value: number) => number;
}

/** The two mappable rates: penetration in the F/G stock and conversion of carnets into works. */
export const COVERAGE_RATES: Readonly<Record<CoverageRate['id'], CoverageRate>> = {
  penetration: {
    id: 'penetration',
    label: 'Pénétration (carnets pour 1 000 logements F/G)',
    title: 'Carnets pour 1 000 logements F/G',
    value: (row) => row.penetration,
    format: (value) => formatDecimal(value, 1),
    roundBreak: (value) => Math.round(value * 10) / 10,
  },
  conversion: {
    id: 'conversion',
    label: 'Conversion (travaux / carnets)',
    title: 'Taux de conversion (travaux / carnets)',
    value: (row) => row.conversion,
    format: (value) => formatPercent(value, 1),
    roundBreak: (value) => Math.round(value * 1000) / 1000,
  },
};

/** Fill choices, in the order of the selector. */
export const COVERAGE_FILLS: readonly { id: CoverageFillId; label: string }[] = [
  { id: 'adoption', label: 'Adhésion au programme' },
  { id: 'penetration', label: COVERAGE_RATES.penetration.label },
  { id: 'conversion', label: COVERAGE_RATES.conversion.label },
];

/** Symbol choices, in the order of the selector. */
export const COVERAGE_SYMBOLS: readonly { id: CoverageSymbolId; label: string }[] = [
  { id: 'carnets', label: 'Carnets ouverts' },
  { id: 'works', label: 'Travaux recensés' },
  { id: 'none', label: 'Aucun symbole' },
];

/** Categorical colours of the adoption fill (hex, for the map and the legend). */
export const ADOPTION_COLOURS = {
  adopting: '#8fb9dc',
  /** Carnets opened in an EPCI that did not adopt the programme. */
  carnetsWithoutAdoption: '#f3c98b',
  notAdopting: '#f1f3f5',
} as const;

/** Sequential palette of the rates (light to dark blue-green, ColorBrewer GnBu 5). */
export const RATE_PALETTE: readonly string[] = schemeGnBu[5] ?? [];

/** Colours of the symbols: carnets and works must not be mistaken for each other. */
export const SYMBOL_COLOURS: Readonly<Record<Exclude<CoverageSymbolId, 'none'>, string>> = {
  carnets: '#c2410c',
  works: '#6d28d9',
};

/** Outline of the adopting EPCI (dark, so that it reads over every fill). */
export const ADOPTING_OUTLINE_COLOUR = '#16324f';

/** One entry of a categorical or classed legend. */
export interface CoverageLegendEntry {
  colour: string;
  label: string;
  /** Drawn as an outline swatch rather than a fill. */
  outline?: boolean;
}

/** Fill colours of the adoption view: adopting, carnets without adoption, not adopting. */
export function adoptionFillColour(row: EpciBreakdown | undefined): Rgba {
  if (row?.adopting) return hexToRgba(ADOPTION_COLOURS.adopting);
  if (row !== undefined && row.carnets > 0)
    return hexToRgba(ADOPTION_COLOURS.carnetsWithoutAdoption);
  return hexToRgba(ADOPTION_COLOURS.notAdopting);
}

/**
 * Fill colour of a rate view: the class colour for an adopting EPCI with a value, the no-data grey
 * for an adopting EPCI without one (no F/G dwelling known, no carnet), and the pale « not
 * adopting » colour elsewhere, so that the rate classes describe the adopting EPCI only.
 */
export function rateFillColour(
  row: EpciBreakdown | undefined,
  rate: CoverageRate,
  scale: ClassedScale,
): Rgba {
  if (row === undefined || !row.adopting) return hexToRgba(ADOPTION_COLOURS.notAdopting);
  return scale.colourFor(rate.value(row));
}

/** Legend of the adoption fill, with the counts of EPCI in each category. */
export function adoptionLegend(rows: readonly EpciBreakdown[]): CoverageLegendEntry[] {
  const adopting = rows.filter((r) => r.adopting).length;
  const outside = rows.filter((r) => !r.adopting && r.carnets > 0).length;
  const entries: CoverageLegendEntry[] = [
    { colour: ADOPTION_COLOURS.adopting, label: `EPCI adhérent (${formatInteger(adopting)})` },
  ];
  if (outside > 0) {
    entries.push({
      colour: ADOPTION_COLOURS.carnetsWithoutAdoption,
      label: `Carnets hors territoire adhérent (${formatInteger(outside)} EPCI)`,
    });
  }
  entries.push({ colour: ADOPTION_COLOURS.notAdopting, label: 'EPCI non adhérent' });
  return entries;
}

/** Legend of a rate fill: one entry per class (French bounds), no data, not adopting. */
export function rateLegend(rate: CoverageRate, scale: ClassedScale): CoverageLegendEntry[] {
  const entries: CoverageLegendEntry[] = [];
  const extent = scale.extent;
  if (extent !== null) {
    const bounds = [extent[0], ...scale.breaks, extent[1]];
    scale.colours.forEach((colour, i) => {
      const from = bounds[i] ?? extent[0];
      const to = bounds[i + 1] ?? extent[1];
      const last = i === scale.colours.length - 1;
      entries.push({
        colour,
        label:
          from === to
            ? rate.format(from)
            : `${rate.format(from)} à ${last ? '' : 'moins de '}${rate.format(to)}`,
      });
    });
  }
  entries.push({ colour: NO_DATA_COLOUR, label: 'Adhérent, sans valeur' });
  entries.push({ colour: ADOPTION_COLOURS.notAdopting, label: 'EPCI non adhérent' });
  return entries;
}

type PolygonFeature = Feature<Polygon | MultiPolygon>;

function largestPart(feature: EpciFeature): PolygonFeature | null {
  const geometry = feature.geometry;
  if (geometry.type === 'Polygon') return feature as PolygonFeature;
  if (geometry.type !== 'MultiPolygon') return null;
  let best: PolygonFeature | null = null;
  let bestArea = -1;
  for (const coordinates of geometry.coordinates) {
    const part: PolygonFeature = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates },
    };
    const size = area(part);
    if (size > bestArea) {
      best = part;
      bestArea = size;
    }
  }
  return best;
}

/**
 * A point inside each EPCI where its symbol is drawn: turf `pointOnFeature` of its largest part
 * (the bounding-box centre when it falls inside, else a vertex), so that a symbol never sits in
 * the sea next to an EPCI with islands. Computed once per contour file.
 */
export function computeRepresentativePoints(
  collection: EpciCollection,
): Map<string, [number, number]> {
  const points = new Map<string, [number, number]>();
  for (const feature of collection.features) {
    const part = largestPart(feature);
    if (part === null) continue;
    const [lon, lat] = pointOnFeature(part).geometry.coordinates;
    if (lon !== undefined && lat !== undefined) points.set(feature.properties.code, [lon, lat]);
  }
  return points;
}

/** A reference circle of the symbol legend. */
export interface SymbolReference {
  value: number;
  radius: number;
  label: string;
}

/** Radius of a count, and the legend's reference circles. */
export interface SymbolScale {
  /** Largest count drawn (0 when there is none). */
  maxCount: number;
  maxRadius: number;
  /** Radius in pixels: area proportional to the count (radius ∝ √count); 0 for 0. */
  radius: (count: number) => number;
  /** Two or three round values, largest first, each with its radius. */
  references: SymbolReference[];
}

const NICE_MANTISSAS = [1, 2, 3, 5] as const;

/** The largest of 1, 2, 3, 5 × 10ᵏ not above `x` (x ≥ 1); 0 below 1. */
export function niceFloor(x: number): number {
  if (!(x >= 1)) return 0;
  const power = 10 ** Math.floor(Math.log10(x));
  let best = power;
  for (const m of NICE_MANTISSAS) if (m * power <= x * (1 + 1e-12)) best = m * power;
  return best;
}

/**
 * Proportional symbols whose area is proportional to the count: `radius = maxRadius × √(count /
 * maxCount)`. The legend's references are round values (1, 2, 3, 5 × 10ᵏ) near the largest
 * count, a fifth and a twenty-fifth of it, so they span the sizes on the map.
 */
export function createSymbolScale(counts: Iterable<number>, maxRadius = 26): SymbolScale {
  let maxCount = 0;
  for (const count of counts) if (Number.isFinite(count) && count > maxCount) maxCount = count;
  const radius = (count: number) =>
    maxCount > 0 && count > 0 ? maxRadius * Math.sqrt(Math.min(count, maxCount) / maxCount) : 0;
  const values = [niceFloor(maxCount), niceFloor(maxCount / 5), niceFloor(maxCount / 25)];
  const references = [...new Set(values)]
    .filter((value) => value > 0)
    .map((value) => ({ value, radius: radius(value), label: formatInteger(value) }));
  return { maxCount, maxRadius, radius, references };
}

/** One symbol: an EPCI's representative point and its count. */
export interface SymbolDatum {
  code: string;
  position: [number, number];
  count: number;
}

/**
 * The symbols of `rows` that have a representative point and a positive count, largest first so
 * that small circles are drawn on top of large ones.
 */
export function buildSymbolData(
  rows: readonly EpciBreakdown[],
  points: ReadonlyMap<string, [number, number]>,
  symbol: Exclude<CoverageSymbolId, 'none'>,
): SymbolDatum[] {
  const data: SymbolDatum[] = [];
  for (const row of rows) {
    const position = points.get(row.siren_epci);
    const count = symbol === 'carnets' ? row.carnets : row.works;
    if (position !== undefined && count > 0) data.push({ code: row.siren_epci, position, count });
  }
  return data.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** Inputs of {@link createCoverageFillLayer}. */
export interface CoverageFillLayerOptions {
  data: EpciCollection;
  fillColours: ReadonlyMap<string, Rgba>;
  /** Changes whenever `fillColours` changes (fill id + data version). */
  version: string;
  onHover?: (info: PickingInfo<EpciFeature>) => void;
}

const NOT_ADOPTING = hexToRgba(ADOPTION_COLOURS.notAdopting);

/** The EPCI fill of the coverage map (stable id; colours through `updateTriggers`). */
export function createCoverageFillLayer(
  options: CoverageFillLayerOptions,
): GeoJsonLayer<EpciProperties> {
  const { data, fillColours, version, onHover } = options;
  return new GeoJsonLayer<EpciProperties>({
    id: COVERAGE_FILL_LAYER_ID,
    data,
    filled: true,
    stroked: true,
    getFillColor: (feature: EpciFeature) =>
      fillColours.get(feature.properties.code) ?? NOT_ADOPTING,
    getLineColor: [255, 255, 255, 200],
    getLineWidth: 0.5,
    lineWidthUnits: 'pixels',
    pickable: true,
    autoHighlight: true,
    highlightColor: [20, 40, 60, 60],
    updateTriggers: { getFillColor: [version] },
    ...(onHover ? { onHover } : {}),
  });
}

/** Dark outline of the adopting EPCI, above the fill and the context outlines. */
export function createAdoptingOutlineLayer(
  features: readonly EpciFeature[],
  version: string,
): GeoJsonLayer<EpciProperties> {
  return new GeoJsonLayer<EpciProperties>({
    id: ADOPTING_OUTLINE_LAYER_ID,
    data: [...features],
    filled: false,
    stroked: true,
    getLineColor: hexToRgba(ADOPTING_OUTLINE_COLOUR),
    getLineWidth: 1.4,
    lineWidthUnits: 'pixels',
    pickable: false,
    updateTriggers: { getLineColor: [version] },
  });
}

/** Inputs of {@link createProgrammeSymbolLayer}. */
export interface ProgrammeSymbolLayerOptions {
  data: readonly SymbolDatum[];
  scale: SymbolScale;
  symbol: Exclude<CoverageSymbolId, 'none'>;
  /** Changes whenever the data or the scale change. */
  version: string;
  onHover?: (info: PickingInfo<SymbolDatum>) => void;
}

/** Carnets or works per EPCI as circles sized in screen pixels (the legend holds at any zoom). */
export function createProgrammeSymbolLayer(
  options: ProgrammeSymbolLayerOptions,
): ScatterplotLayer<SymbolDatum> {
  const { data, scale, symbol, version, onHover } = options;
  return new ScatterplotLayer<SymbolDatum>({
    id: PROGRAMME_SYMBOL_LAYER_ID,
    data: [...data],
    getPosition: (d: SymbolDatum) => d.position,
    getRadius: (d: SymbolDatum) => scale.radius(d.count),
    radiusUnits: 'pixels',
    radiusMinPixels: 1.5,
    stroked: true,
    filled: true,
    getFillColor: hexToRgba(SYMBOL_COLOURS[symbol], 185),
    getLineColor: [255, 255, 255, 230],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    // No auto-highlight: it keeps an index, which would light another circle once the data change.
    pickable: true,
    updateTriggers: { getRadius: [version], getFillColor: [symbol] },
    ...(onHover ? { onHover } : {}),
  });
}
