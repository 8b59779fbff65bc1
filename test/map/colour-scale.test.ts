import { describe, expect, it } from 'vitest';
import {
  createQuantileScale,
  hexToRgba,
  NO_DATA_COLOUR,
  quantileSorted,
} from '../../src/map/colour-scale.ts';
import { paletteColours } from '../../src/map/palettes.ts';

/** The default palette of the scales: ColorBrewer YlOrRd, 6 classes. */
const SEQUENTIAL_PALETTE = paletteColours('ylorrd', 6);

describe('quantileSorted', () => {
  it('interpolates between order statistics (type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([10, 20, 30], 0)).toBe(10);
    expect(quantileSorted([10, 20, 30], 1)).toBe(30);
    expect(quantileSorted([7], 0.3)).toBe(7);
  });
});

describe('createQuantileScale', () => {
  it('cuts 1..12 into 6 classes of two values each', () => {
    const values = Array.from({ length: 12 }, (_, i) => i + 1);
    const scale = createQuantileScale(values, { roundBreak: Math.round });
    // Quantiles k/6 of 1..12: 2.83, 4.67, 6.5, 8.33, 10.17 → rounded 3, 5, 7 (6.5 rounds up), 8, 10.
    expect(scale.breaks).toEqual([3, 5, 7, 8, 10]);
    expect(scale.colours).toEqual([...SEQUENTIAL_PALETTE]);
    expect(scale.extent).toEqual([1, 12]);
    expect(values.map(scale.classOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 4, 4, 5, 5, 5]);
  });

  it('puts a value equal to a break in the upper class, and the maximum in the last', () => {
    const scale = createQuantileScale([0, 10, 20, 30], { classes: 2 });
    expect(scale.breaks).toEqual([15]);
    expect(scale.classOf(15)).toBe(1);
    expect(scale.classOf(14.999)).toBe(0);
    expect(scale.classOf(30)).toBe(1);
    expect(scale.colourFor(30)).toEqual(hexToRgba(SEQUENTIAL_PALETTE[5] ?? ''));
    expect(scale.colourFor(0)).toEqual(hexToRgba(SEQUENTIAL_PALETTE[0] ?? ''));
  });

  it('colours missing values grey and ignores them when computing breaks', () => {
    const scale = createQuantileScale([null, 1, Number.NaN, 2, undefined, 3, 4], { classes: 2 });
    expect(scale.breaks).toEqual([2.5]);
    expect(scale.classOf(null)).toBe(-1);
    expect(scale.colourFor(null)).toEqual(hexToRgba(NO_DATA_COLOUR));
    expect(scale.colourFor(Number.NaN)).toEqual(hexToRgba(NO_DATA_COLOUR));
    expect(NO_DATA_COLOUR).not.toBe(SEQUENTIAL_PALETTE[0]);
  });

  it('drops breaks that would leave a class empty', () => {
    const scale = createQuantileScale([0, 0, 0, 0, 0, 0, 0, 5, 9, 10]);
    expect(scale.breaks.every((b, i, all) => i === 0 || b > (all[i - 1] ?? 0))).toBe(true);
    expect(scale.breaks[0]).toBeGreaterThan(0);
    expect(scale.colours).toHaveLength(scale.breaks.length + 1);
    // The low and high ends of the palette stay at the ends.
    expect(scale.colours[0]).toBe(SEQUENTIAL_PALETTE[0]);
    expect(scale.colours.at(-1)).toBe(SEQUENTIAL_PALETTE.at(-1));
  });

  it('has no more classes than distinct values, each holding one of them', () => {
    const scale = createQuantileScale([12.5, null, 80]);
    expect(scale.colours).toHaveLength(2);
    expect(scale.classOf(12.5)).toBe(0);
    expect(scale.classOf(80)).toBe(1);
  });

  it('has one class for a constant series and none without values', () => {
    const constant = createQuantileScale([4, 4, 4]);
    expect(constant.breaks).toEqual([]);
    expect(constant.colours).toHaveLength(1);
    expect(constant.classOf(4)).toBe(0);
    const empty = createQuantileScale([null, null]);
    expect(empty.extent).toBeNull();
    expect(empty.colours).toEqual([]);
    expect(empty.colourFor(3)).toEqual(hexToRgba(NO_DATA_COLOUR));
  });

  it('defines six distinct palette colours, light to dark', () => {
    expect(new Set(SEQUENTIAL_PALETTE).size).toBe(6);
    const luminance = SEQUENTIAL_PALETTE.map((hex) => {
      const [r, g, b] = hexToRgba(hex);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    });
    expect(luminance).toEqual([...luminance].sort((a, b) => b - a));
  });
});
