/**
 * Class breaks of the choropleth: quantiles, natural breaks (Fisher–Jenks) and fixed thresholds.
 * Breaks are the inner class limits: class `i` holds values in `[breaks[i-1], breaks[i])`.
 */
import { quantileSorted } from 'd3-array';

import type { ClassificationMethod } from '../domain/classification.ts';
import { dpeThresholds } from '../domain/dpe.ts';
import type { IndicatorId } from '../domain/indicators.ts';

/** The methods with their French names, in the order of the method switch. */
export const CLASSIFICATION_METHODS: readonly { id: ClassificationMethod; label: string }[] = [
  { id: 'quantile', label: 'Quantiles (effectifs égaux)' },
  { id: 'jenks', label: 'Seuils naturels (Jenks)' },
  { id: 'fixed', label: 'Seuils fixes' },
];

/**
 * Default fixed thresholds (inner breaks) of the indicators that have meaningful ones:
 * - F/G share: 10 % … 30 % by 5 points, around the national 15.7 % (ONRE, 1 Jan 2023);
 * - E–G share: 20 % … 60 % by 10 points, around the national 37.1 %;
 * - mean primary consumption: the DPE energy class bounds (70, 110, 180, 250, 330, 420), so that
 *   the classes read as labels;
 * - mean final consumption: 100 … 300 by 50, then the G+ decency bound 450 (kWhEF/m²/yr).
 * Counts and totals depend on the territory size and have no default: the scale falls back to
 * quantiles.
 */
export const DEFAULT_FIXED_BREAKS: Readonly<Partial<Record<IndicatorId, readonly number[]>>> = {
  fg_share: [0.1, 0.15, 0.2, 0.25, 0.3],
  eg_share: [0.2, 0.3, 0.4, 0.5, 0.6],
  mean_ep: dpeThresholds().energy,
  mean_ef: [100, 150, 200, 250, 300, 450],
};

/**
 * The `classes - 1` quantile breaks of sorted values (before rounding and clean-up): d3-array's
 * quantiles, linear interpolation between order statistics (R type 7).
 */
export function quantileBreaks(sorted: readonly number[], classes: number): number[] {
  if (sorted.length === 0) return [];
  // d3's types ask for a mutable array; quantileSorted only reads it.
  const values = sorted as number[];
  return Array.from(
    { length: classes - 1 },
    (_, k) => quantileSorted(values, (k + 1) / classes) ?? Number.NaN,
  );
}

/**
 * Natural breaks: the partition of the sorted values into at most `classes` contiguous classes
 * that minimises the total within-class sum of squared deviations (Fisher 1958, "On grouping for
 * maximum homogeneity"; Jenks 1977). Solved exactly by dynamic programming over the distinct
 * values, weighted by their multiplicity, so that equal values never fall in two classes; each
 * row of the table is filled by divide and conquer, as the best split point never moves left when
 * the class end moves right (the cost obeys the quadrangle inequality). O(k·n·log n).
 *
 * Each break is the midpoint between the last value of a class and the first of the next, so that
 * rounding a break for the legend does not move a value to another class.
 */
export function jenksBreaks(sorted: readonly number[], classes: number): number[] {
  const values: number[] = [];
  const weights: number[] = [];
  for (const value of sorted) {
    if (values[values.length - 1] === value)
      weights[weights.length - 1] = (weights.at(-1) ?? 0) + 1;
    else {
      values.push(value);
      weights.push(1);
    }
  }
  const n = values.length;
  const k = Math.min(classes, n);
  if (k <= 1) return [];
  // Prefix sums of weights, values and squares; values are centred for numerical stability.
  const centre = ((values[0] ?? 0) + (values[n - 1] ?? 0)) / 2;
  const w = new Float64Array(n + 1);
  const s = new Float64Array(n + 1);
  const q = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const x = (values[i] ?? 0) - centre;
    const wi = weights[i] ?? 0;
    w[i + 1] = (w[i] ?? 0) + wi;
    s[i + 1] = (s[i] ?? 0) + wi * x;
    q[i + 1] = (q[i] ?? 0) + wi * x * x;
  }
  // Sum of squared deviations of values[j..i) (weighted).
  const cost = (j: number, i: number): number => {
    const weight = (w[i] ?? 0) - (w[j] ?? 0);
    const sum = (s[i] ?? 0) - (s[j] ?? 0);
    return Math.max(0, (q[i] ?? 0) - (q[j] ?? 0) - (sum * sum) / weight);
  };
  // best[c][i]: least cost of values[0..i) in c + 1 classes; start[c][i]: first index of the last.
  let previous = Float64Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 0 : cost(0, i)));
  const starts: Int32Array[] = [];
  for (let c = 1; c < k; c++) {
    const current = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
    const start = new Int32Array(n + 1);
    const fill = (lo: number, hi: number, optLo: number, optHi: number): void => {
      if (lo > hi) return;
      const mid = (lo + hi) >> 1;
      let bestCost = Number.POSITIVE_INFINITY;
      let bestJ = optLo;
      for (let j = optLo; j <= Math.min(optHi, mid - 1); j++) {
        const total = (previous[j] ?? 0) + cost(j, mid);
        if (total < bestCost) {
          bestCost = total;
          bestJ = j;
        }
      }
      current[mid] = bestCost;
      start[mid] = bestJ;
      fill(lo, mid - 1, optLo, bestJ);
      fill(mid + 1, hi, bestJ, optHi);
    };
    fill(c + 1, n, c, n - 1);
    starts.push(start);
    previous = current;
  }
  const breaks: number[] = [];
  let end = n;
  for (let c = k - 1; c >= 1; c--) {
    const first = starts[c - 1]?.[end] ?? 0;
    breaks.unshift(((values[first - 1] ?? 0) + (values[first] ?? 0)) / 2);
    end = first;
  }
  return breaks;
}

/**
 * Rounds breaks to the precision the legend shows and drops those that would leave a class empty
 * (not above the previous break or the minimum) or hold nothing above the maximum.
 */
export function cleanBreaks(
  raw: readonly number[],
  extent: readonly [number, number],
  roundBreak: (value: number) => number = (value) => value,
): number[] {
  const [min, max] = extent;
  const breaks: number[] = [];
  for (const value of raw) {
    const limit = roundBreak(value);
    const previous = breaks[breaks.length - 1] ?? min;
    if (limit > previous && limit <= max) breaks.push(limit);
  }
  return breaks;
}

/** Fixed thresholds as breaks: finite values only, sorted, without duplicates. */
export function fixedBreaks(thresholds: readonly number[]): number[] {
  return [...new Set(thresholds.filter(Number.isFinite))].sort((a, b) => a - b);
}
