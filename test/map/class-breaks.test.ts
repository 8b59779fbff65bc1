import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isClassificationMethod } from '../../src/domain/classification.ts';
import { dpeThresholds } from '../../src/domain/dpe.ts';
import { getIndicator } from '../../src/domain/indicators.ts';
import {
  CLASSIFICATION_METHODS,
  cleanBreaks,
  DEFAULT_FIXED_BREAKS,
  fixedBreaks,
  jenksBreaks,
  quantileBreaks,
} from '../../src/map/class-breaks.ts';
import {
  createClassedScale,
  createQuantileScale,
  hexToRgba,
  NO_DATA_COLOUR,
} from '../../src/map/colour-scale.ts';
import { buildLegendModel, SMALL_COUNT_OUTLINE } from '../../src/map/legend-model.ts';
import { getPalette, paletteColours } from '../../src/map/palettes.ts';

const NBSP = '\u00a0';

/** Within-class sum of squared deviations of sorted values cut at the breaks ([b[i-1], b[i])). */
function withinSse(sorted: readonly number[], breaks: readonly number[]): number {
  const classes: number[][] = Array.from({ length: breaks.length + 1 }, () => []);
  for (const value of sorted) {
    const index = breaks.filter((limit) => value >= limit).length;
    classes[index]?.push(value);
  }
  return classes.reduce((total, members) => {
    const mean = members.reduce((a, b) => a + b, 0) / (members.length || 1);
    return total + members.reduce((a, v) => a + (v - mean) ** 2, 0);
  }, 0);
}

/** Least SSE over every cut of sorted values into exactly `k` non-empty contiguous classes. */
function bruteForceSse(sorted: readonly number[], k: number): number {
  const n = sorted.length;
  let best = Number.POSITIVE_INFINITY;
  const search = (start: number, left: number, cuts: number[]) => {
    if (left === 1) {
      const breaks = cuts.map((i) => sorted[i] ?? 0);
      best = Math.min(best, withinSse(sorted, breaks));
      return;
    }
    for (let cut = start + 1; cut <= n - left + 1; cut++) {
      // A cut between equal values is no cut: skip it.
      if (sorted[cut] === sorted[cut - 1]) continue;
      search(cut, left - 1, [...cuts, cut]);
    }
  };
  search(0, k, []);
  return best;
}

describe('quantileBreaks', () => {
  it('gives the type-7 quantiles k/classes', () => {
    expect(quantileBreaks([1, 2, 3, 4, 5], 4)).toEqual([2, 3, 4]);
    expect(quantileBreaks([1, 2, 3, 4], 2)).toEqual([2.5]);
    expect(quantileBreaks([10, 20, 30], 4)).toEqual([15, 20, 25]);
    expect(quantileBreaks([7], 3)).toEqual([7, 7]);
    expect(quantileBreaks([], 4)).toEqual([]);
  });
});

describe('jenksBreaks', () => {
  it('finds the obvious groups, breaking midway between them', () => {
    expect(jenksBreaks([1, 2, 3, 10, 11, 12, 20, 21, 22], 3)).toEqual([6.5, 16]);
    expect(jenksBreaks([0, 0, 0, 0, 100], 2)).toEqual([50]);
  });

  it('never makes more classes than distinct values, nor splits equal values', () => {
    expect(jenksBreaks([5, 5, 5, 7, 7], 6)).toEqual([6]);
    expect(jenksBreaks([4, 4, 4], 3)).toEqual([]);
    expect(jenksBreaks([], 3)).toEqual([]);
  });

  it('reaches the least within-class variance (checked against an exhaustive search)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 11 }),
        fc.integer({ min: 2, max: 5 }),
        (values, classes) => {
          const sorted = [...values].sort((a, b) => a - b);
          const distinct = new Set(sorted).size;
          const breaks = jenksBreaks(sorted, classes);
          expect(breaks).toHaveLength(Math.min(classes, distinct) - 1);
          expect(withinSse(sorted, breaks)).toBeCloseTo(
            bruteForceSse(sorted, Math.min(classes, distinct)),
            9,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles a few thousand values quickly enough for the commune level', () => {
    const values = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 1000) / 10).sort(
      (a, b) => a - b,
    );
    const breaks = jenksBreaks(values, 6);
    expect(breaks).toHaveLength(5);
    expect(breaks).toEqual([...breaks].sort((a, b) => a - b));
  });
});

describe('cleanBreaks and fixedBreaks', () => {
  it('round breaks and drop those leaving a class empty', () => {
    expect(cleanBreaks([0.2, 0.4, 0.45, 1.2], [0, 1], (v) => Math.round(v * 10) / 10)).toEqual([
      0.2, 0.4, 0.5,
    ]);
    expect(cleanBreaks([0, 0, 3], [0, 5])).toEqual([3]);
  });

  it('sort fixed thresholds and drop duplicates and non-finite values', () => {
    expect(fixedBreaks([0.3, 0.1, Number.NaN, 0.1, 0.2])).toEqual([0.1, 0.2, 0.3]);
  });
});

describe('DEFAULT_FIXED_BREAKS', () => {
  it('cuts the F/G share at 10, 15, 20, 25, 30 % and primary energy at the DPE bounds', () => {
    expect(DEFAULT_FIXED_BREAKS.fg_share).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(DEFAULT_FIXED_BREAKS.mean_ep).toEqual(dpeThresholds().energy);
    expect(DEFAULT_FIXED_BREAKS.dwellings).toBeUndefined();
  });

  it('names the methods in French', () => {
    expect(CLASSIFICATION_METHODS.map((method) => method.label)).toEqual([
      'Quantiles (effectifs égaux)',
      'Seuils naturels (Jenks)',
      'Seuils fixes',
    ]);
    expect(isClassificationMethod('jenks')).toBe(true);
    expect(isClassificationMethod('equal')).toBe(false);
  });
});

describe('createClassedScale', () => {
  const values = [1, 2, 3, 10, 11, 12, 20, 21, 22, null];

  it('keeps quantiles, the first view palette and grey as defaults', () => {
    const classed = createClassedScale(values, { classes: 3 });
    const quantile = createQuantileScale(values, { classes: 3 });
    expect(classed.breaks).toEqual(quantile.breaks);
    expect(classed.colours).toEqual(quantile.colours);
    expect(classed.method).toBe('quantile');
    expect(classed.noDataColour).toBe(NO_DATA_COLOUR);
  });

  it('cuts at natural breaks, then rounds them', () => {
    const scale = createClassedScale(values, {
      method: 'jenks',
      classes: 3,
      roundBreak: Math.round,
    });
    expect(scale.breaks).toEqual([7, 16]);
    expect(scale.method).toBe('jenks');
    expect([3, 10, 12, 20].map(scale.classOf)).toEqual([0, 1, 1, 2]);
  });

  it('keeps fixed thresholds whatever the data, with the named palette for that many classes', () => {
    const scale = createClassedScale([0.12, 0.13], {
      method: 'fixed',
      thresholds: DEFAULT_FIXED_BREAKS.fg_share,
      palette: 'viridis',
    });
    expect(scale.breaks).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(scale.colours).toEqual(paletteColours('viridis', 6));
    expect(scale.classOf(0.12)).toBe(1);
    expect(scale.classOf(0.3)).toBe(5);
    expect(scale.classOf(-1)).toBe(0);
    expect(scale.colourFor(null)).toEqual(hexToRgba(getPalette('viridis').noDataColour));
    const empty = createClassedScale([], { method: 'fixed', thresholds: [1, 2] });
    expect(empty.colours).toHaveLength(3);
    expect(empty.extent).toBeNull();
  });

  it('falls back to quantiles when the fixed method has no threshold', () => {
    const scale = createClassedScale(values, { method: 'fixed', thresholds: [], classes: 3 });
    expect(scale.method).toBe('quantile');
    expect(scale.breaks).toEqual(createQuantileScale(values, { classes: 3 }).breaks);
  });

  it('caps a named palette at nine classes', () => {
    const many = Array.from({ length: 100 }, (_, i) => i);
    expect(createClassedScale(many, { classes: 12, palette: 'blues' }).colours).toHaveLength(9);
  });
});

describe('buildLegendModel with a method', () => {
  it('opens the end classes of fixed thresholds and names the method', () => {
    const metric = getIndicator('fg_share');
    const scale = createClassedScale([0.05, 0.4], { method: 'fixed', thresholds: [0.1, 0.2] });
    const legend = buildLegendModel(metric, scale);
    expect(legend.classes.map((entry) => entry.label)).toEqual([
      `moins de 10,0${NBSP}%`,
      `10,0${NBSP}% – 20,0${NBSP}%`,
      `20,0${NBSP}% ou plus`,
    ]);
    expect(legend.classes[0]?.from).toBe(Number.NEGATIVE_INFINITY);
    expect(legend.method).toBe('Seuils fixes');
    expect(legend.smallCount).toBeUndefined();
  });

  it('accepts an indicator of the catalogue and adds the small-count entry on demand', () => {
    const indicator = getIndicator('g_plus_count');
    const scale = createClassedScale([3, 40, 500], {
      method: 'jenks',
      classes: 2,
      palette: 'blues',
    });
    const legend = buildLegendModel(indicator, scale, { smallCount: true });
    expect(legend.title).toBe('Logements G+ (logements)');
    expect(legend.method).toBe('Seuils naturels (Jenks)');
    expect(legend.noData.colour).toBe(getPalette('blues').noDataColour);
    expect(legend.smallCount).toEqual({
      outlineColour: SMALL_COUNT_OUTLINE.colour,
      outlineWidthPixels: SMALL_COUNT_OUTLINE.widthPixels,
      haloColour: SMALL_COUNT_OUTLINE.haloColour,
      haloWidthPixels: SMALL_COUNT_OUTLINE.haloWidthPixels,
      label: 'Effectif faible (moins de 11 enregistrements ou logements) : valeur fragile',
    });
  });
});
