/**
 * Pure statistics of the benchmark: medians of repeated runs and ratios between paths, rounded
 * the way the results table prints them.
 */

/** Median of the samples (mean of the two middle ones for an even count); null when empty. */
export function median(samples: readonly number[]): number | null {
  const sorted = samples.filter(Number.isFinite).sort((a, b) => a - b);
  const count = sorted.length;
  if (count === 0) return null;
  const middle = Math.floor(count / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return count % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/**
 * `numerator / denominator`, rounded to 3 significant digits; null when either is missing or the
 * denominator is not positive (a ratio to nothing means nothing).
 */
export function ratio(
  numerator: number | null | undefined,
  denominator: number | null | undefined,
): number | null {
  if (numerator == null || denominator == null) return null;
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return roundSignificant(numerator / denominator, 3);
}

/** Rounds to `digits` significant digits (0 stays 0). */
export function roundSignificant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** (digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

/** Milliseconds rounded for the report: 0.01 ms below 10 ms, 0.1 ms below 1 s, else 1 ms. */
export function roundMs(value: number | null): number | null {
  if (value === null) return null;
  const step = value < 10 ? 100 : value < 1000 ? 10 : 1;
  return Math.round(value * step) / step;
}

/** Bytes to mebibytes, one decimal. */
export function toMb(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}
