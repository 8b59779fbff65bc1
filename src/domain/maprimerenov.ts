/**
 * MaPrimeRénov' counts: the monthly cumulative series read by `src/ingest/maprimerenov.ts`, the
 * asset (`maprimerenov.json`, written by scripts/lib/programme-assets.ts) and the pure reads the
 * overlay makes of it: the latest month, each département's cumulative count at that month, the
 * national total and the series of a selection.
 */

/** Which file a point comes from. */
export type MaprimerenovSource = 'barometre' | 'ditp';

/** Cumulative count of validated files at the end of a month. */
export interface MaprimerenovPoint {
  /** `YYYY-MM`. */
  month: string;
  cumulative: number;
  source: MaprimerenovSource;
}

/** One territory's series, months ascending. */
export interface MaprimerenovSeries {
  /** Département code (`01`, `2A`, `971`), région code, or `FR`. */
  code: string;
  name: string | null;
  points: MaprimerenovPoint[];
}

/** Row counts of one file read. `rows_read = accepted + rejected + ignored`. */
export interface MaprimerenovReadCounts {
  rows_read: number;
  accepted: number;
  rejected: number;
  /** Rows of other indicators (the baromètre files mix several) or other zone levels. */
  ignored: number;
}

/** The merged dataset: one cumulative monthly series per département and for France. */
export interface MaprimerenovDataset {
  /** What is counted, in French. */
  indicator: string;
  /** Every month with at least one point, ascending. */
  months: string[];
  national: MaprimerenovSeries;
  departements: MaprimerenovSeries[];
  target: { month: string; value: number } | null;
  /** Series whose count drops where one source follows the other (département assignment differs). */
  junction_drops: { code: string; before: MaprimerenovPoint; after: MaprimerenovPoint }[];
  /** French notes to show with the overlay (sources, break between them). */
  notes: string[];
}

/** The cumulative count of a series at a month, or null when the month has no point. */
export function cumulativeAt(series: MaprimerenovSeries, month: string): number | null {
  return series.points.find((p) => p.month === month)?.cumulative ?? null;
}

/** One source file of the asset, as the page cites it. */
export interface MaprimerenovAssetSource {
  file: string;
  title: string;
  producer: string;
  /** SPDX id (`etalab-2.0`). */
  licence: string;
  /** French name of the licence. */
  licence_name: string;
  url: string;
  vintage: string;
}

/** Content of `maprimerenov.json`: the merged dataset, its sources and the read counts. */
export interface MaprimerenovAsset extends MaprimerenovDataset {
  sources: MaprimerenovAssetSource[];
  reports: Record<'departemental' | 'national' | 'ditp', MaprimerenovReadCounts>;
}

/** A département's cumulative count at a month (null when the month has no point). */
export interface DepartementCount {
  code: string;
  name: string | null;
  value: number | null;
}

/** Latest month of the national series (the national total is shown at this month). */
export function latestMonth(dataset: MaprimerenovDataset): string | null {
  return dataset.national.points[dataset.national.points.length - 1]?.month ?? null;
}

/** Every département's cumulative count at `month`, in code order. */
export function departementCountsAt(
  dataset: MaprimerenovDataset,
  month: string,
): DepartementCount[] {
  return dataset.departements.map((series) => ({
    code: series.code,
    name: series.name,
    value: cumulativeAt(series, month),
  }));
}

/** The series of a département code, or the national series for `FR` / unknown codes. */
export function seriesOf(dataset: MaprimerenovDataset, code: string | null): MaprimerenovSeries {
  return dataset.departements.find((series) => series.code === code) ?? dataset.national;
}

/** Whether a département code is overseas (971–976): not drawn on the metropolitan map. */
export function isOverseasDepartement(code: string): boolean {
  return code.startsWith('97');
}
