import { schemeYlOrRd } from 'd3-scale-chromatic';
import type { ClassificationMethod, PaletteId } from '../domain/classification.ts';
import { DEFAULT_PALETTE_ID } from '../domain/classification.ts';
import { cleanBreaks, fixedBreaks, jenksBreaks, quantileBreaks } from './class-breaks.ts';
import { getPalette, MAX_CLASSES, paletteColours } from './palettes.ts';

/** An RGBA colour with 0–255 channels, as deck.gl accessors return it. */
export type Rgba = [number, number, number, number];

/**
 * Colours of a scale given none: ColorBrewer YlOrRd, 6 classes, picked evenly for fewer classes
 * (the app names its palette; scripts and the bench use this default).
 */
const DEFAULT_COLOURS: readonly string[] = schemeYlOrRd[6] ?? [];

/** Grey for territories without a value (that of the default palette): no hue, so it cannot be read as a class. */
export const NO_DATA_COLOUR = getPalette(DEFAULT_PALETTE_ID).noDataColour;

/** Options of {@link createQuantileScale} and {@link createClassedScale}. */
export interface QuantileScaleOptions {
  /** Number of classes wanted (fewer when the values have fewer distinct quantiles). */
  classes?: number;
  /**
   * Palette from low to high: colours (at least as many as classes, picked evenly), or the id of
   * a palette of `palettes.ts` (its scheme for the number of classes drawn).
   */
  palette?: readonly string[] | PaletteId;
  /** Rounds each break to the precision the legend shows (not applied to fixed thresholds). */
  roundBreak?: (value: number) => number;
  /** How values are cut into classes; quantiles by default. */
  method?: ClassificationMethod;
  /**
   * Inner breaks of the `fixed` method. Without any, the scale falls back to quantiles (and says
   * so in its `method`).
   */
  thresholds?: readonly number[];
}

/** Options of {@link createClassedScale}. */
export type ClassedScaleOptions = QuantileScaleOptions;

/** A classed colour scale: class `i` holds values in `[breaks[i-1], breaks[i])`. */
export interface ClassedScale {
  /** Inner class limits, strictly increasing; `classes - 1` of them. */
  breaks: number[];
  /** One hex colour per class, low to high. */
  colours: string[];
  /** Smallest and largest value, or null without any value. */
  extent: [number, number] | null;
  /** Class of a value, or -1 for a missing value. */
  classOf: (value: number | null | undefined) => number;
  /** Fill colour of a value; the no-data grey for a missing value. */
  colourFor: (value: number | null | undefined) => Rgba;
  /** The method the breaks come from (absent means quantiles). */
  method?: ClassificationMethod;
  /** Colour of missing values (absent means {@link NO_DATA_COLOUR}). */
  noDataColour?: string;
}

/** Parses `#rrggbb` into an opaque RGBA colour. */
export function hexToRgba(hex: string, alpha = 255): Rgba {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff, alpha];
}

function isValue(value: number | null | undefined): value is number {
  return value != null && Number.isFinite(value);
}

function pickColours(palette: readonly string[], count: number): string[] {
  if (count === 1) return [palette[Math.floor((palette.length - 1) / 2)] ?? NO_DATA_COLOUR];
  return Array.from(
    { length: count },
    (_, i) => palette[Math.round((i * (palette.length - 1)) / (count - 1))] ?? NO_DATA_COLOUR,
  );
}

function coloursFor(palette: readonly string[] | PaletteId, count: number): string[] {
  return typeof palette === 'string' ? paletteColours(palette, count) : pickColours(palette, count);
}

/**
 * A classed colour scale: quantiles (equal counts per class), natural breaks (Jenks) or fixed
 * thresholds. Quantile and Jenks breaks are rounded by `roundBreak` and dropped when they would
 * leave a class empty, e.g. when many values are equal; fixed thresholds are kept as given, so the
 * classes stay the same whatever the filters. Missing values (null, NaN) are coloured as no data.
 */
export function createClassedScale(
  values: Iterable<number | null | undefined>,
  options: ClassedScaleOptions = {},
): ClassedScale {
  const { palette = DEFAULT_COLOURS, roundBreak = (value) => value } = options;
  // Named palettes are published for up to MAX_CLASSES classes.
  const wanted = options.classes ?? 6;
  const classes = typeof palette === 'string' ? Math.min(Math.max(wanted, 1), MAX_CLASSES) : wanted;
  const sorted = Array.from(values)
    .filter(isValue)
    .sort((a, b) => a - b);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const extent: [number, number] | null =
    min !== undefined && max !== undefined ? [min, max] : null;
  const thresholds = fixedBreaks(options.thresholds ?? []).slice(0, MAX_CLASSES - 1);
  const method: ClassificationMethod =
    options.method === 'fixed' && thresholds.length === 0
      ? 'quantile'
      : (options.method ?? 'quantile');
  let breaks: number[] = [];
  if (method === 'fixed') breaks = thresholds;
  else if (extent !== null) {
    // Never more quantile classes than distinct values: the others would be empty in the legend.
    const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]).length;
    const raw =
      method === 'jenks'
        ? jenksBreaks(sorted, classes)
        : quantileBreaks(sorted, Math.min(classes, distinct));
    breaks = cleanBreaks(raw, extent, roundBreak);
  }
  const colours =
    extent === null && method !== 'fixed' ? [] : coloursFor(palette, breaks.length + 1);
  const rgba = colours.map((hex) => hexToRgba(hex));
  const noDataColour =
    typeof palette === 'string' ? getPalette(palette).noDataColour : NO_DATA_COLOUR;
  const noData = hexToRgba(noDataColour);
  const classOf = (value: number | null | undefined): number => {
    if (!isValue(value) || extent === null) return -1;
    let index = 0;
    while (index < breaks.length && value >= (breaks[index] ?? Number.POSITIVE_INFINITY)) index++;
    return index;
  };
  return {
    breaks,
    colours,
    extent,
    classOf,
    colourFor: (value) => rgba[classOf(value)] ?? noData,
    method,
    noDataColour,
  };
}

/** A quantile scale (see {@link createClassedScale}, whose options it takes). */
export function createQuantileScale(
  values: Iterable<number | null | undefined>,
  options: QuantileScaleOptions = {},
): ClassedScale {
  return createClassedScale(values, options);
}
