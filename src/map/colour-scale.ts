/** An RGBA colour with 0–255 channels, as deck.gl accessors return it. */
export type Rgba = [number, number, number, number];

/**
 * ColorBrewer YlOrRd, 6 classes (Cynthia Brewer, colorbrewer2.org): sequential, colour-blind
 * safe, print friendly. Light = low, dark red = high.
 */
export const SEQUENTIAL_PALETTE: readonly string[] = [
  '#ffffb2',
  '#fed976',
  '#feb24c',
  '#fd8d3c',
  '#f03b20',
  '#bd0026',
];

/** Grey for territories without a value: no hue, so it cannot be read as a class. */
export const NO_DATA_COLOUR = '#b4b9bf';

/** Options of {@link createQuantileScale}. */
export interface QuantileScaleOptions {
  /** Number of classes wanted (fewer when the values have fewer distinct quantiles). */
  classes?: number;
  /** Palette from low to high; at least as many colours as classes. */
  palette?: readonly string[];
  /** Rounds each break to the precision the legend shows. */
  roundBreak?: (value: number) => number;
}

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
}

/** Parses `#rrggbb` into an opaque RGBA colour. */
export function hexToRgba(hex: string, alpha = 255): Rgba {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff, alpha];
}

/** Quantile `p` (0–1) of sorted values, linear interpolation between order statistics (R type 7). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const last = sorted.length - 1;
  const h = last * p;
  const lo = Math.floor(h);
  const low = sorted[lo] ?? Number.NaN;
  const high = sorted[Math.min(lo + 1, last)] ?? low;
  return low + (h - lo) * (high - low);
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

/**
 * Classes values by quantiles (equal counts per class), dropping breaks that would leave a class
 * empty, e.g. when many values are equal. Missing values (null, NaN) are coloured as no data.
 */
export function createQuantileScale(
  values: Iterable<number | null | undefined>,
  options: QuantileScaleOptions = {},
): ClassedScale {
  const { classes = 6, palette = SEQUENTIAL_PALETTE, roundBreak = (value) => value } = options;
  const sorted = Array.from(values)
    .filter(isValue)
    .sort((a, b) => a - b);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const breaks: number[] = [];
  if (min !== undefined && max !== undefined) {
    for (let k = 1; k < classes; k++) {
      const limit = roundBreak(quantileSorted(sorted, k / classes));
      const previous = breaks[breaks.length - 1] ?? min;
      if (limit > previous && limit <= max) breaks.push(limit);
    }
  }
  const extent: [number, number] | null =
    min !== undefined && max !== undefined ? [min, max] : null;
  const colours = extent === null ? [] : pickColours(palette, breaks.length + 1);
  const rgba = colours.map((hex) => hexToRgba(hex));
  const noData = hexToRgba(NO_DATA_COLOUR);
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
  };
}
