/**
 * The MaPrimeRénov' asset (`maprimerenov.json`, written by scripts/lib/programme-assets.ts) and
 * the pure reads the overlay makes of it: the latest month, each département's cumulative count
 * at that month, the national total and the series of a selection.
 */
import type {
  MaprimerenovDataset,
  MaprimerenovReport,
  MaprimerenovSeries,
} from '../ingest/maprimerenov.ts';
import { cumulativeAt } from '../ingest/maprimerenov.ts';

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
  reports: Record<'departemental' | 'national' | 'ditp', Omit<MaprimerenovReport, 'rejections'>>;
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
