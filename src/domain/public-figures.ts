/**
 * What the steering and targeting screens show of a breakdown row in public mode: the counts the
 * statistical secret publishes (public-programme-counts.ts), and the rates computed from them,
 * withheld as soon as one of their counts is (a rate and a published denominator give the count).
 */
import type { BreakdownCounts, MonthlyPoint } from './programme-kpis.ts';
import type { PublicPair, PublicProgrammeCounts } from './public-programme-counts.ts';
import type { PublishedValue } from './published-counts.ts';

/** How a withheld figure is written, on screen as in the open-data files. */
export const SECRET_MARK = 's';

/** A figure on screen: a number, null when it cannot be computed, or withheld by the secret. */
export type ShownFigure = number | null | 'secret';

/** The figures of a breakdown row as shown. */
export interface ShownCounts {
  carnets: ShownFigure;
  works: ShownFigure;
  conversion: ShownFigure;
  penetration: ShownFigure;
}

/** The pair of a territory absent from the suppressed table: everything withheld (fail safe). */
export const WITHHELD_PAIR: PublicPair = { carnets: null, works: null };

const shown = (v: PublishedValue): ShownFigure => (v === null ? 'secret' : v);

/**
 * The figures of `row` as shown: its true figures outside public mode (`pair` null), else the
 * published counts and the rates that only depend on published counts.
 */
export function shownCounts(row: BreakdownCounts, pair: PublicPair | null): ShownCounts {
  if (pair === null) {
    return {
      carnets: row.carnets,
      works: row.works,
      conversion: row.conversion,
      penetration: row.penetration,
    };
  }
  const carnetsHidden = pair.carnets === null;
  return {
    carnets: shown(pair.carnets),
    works: shown(pair.works),
    conversion: carnetsHidden || pair.works === null ? 'secret' : row.conversion,
    penetration: carnetsHidden ? 'secret' : row.penetration,
  };
}

/** A shown figure as a number for sorting and scales: withheld and missing both give null. */
export function numericFigure(value: ShownFigure): number | null {
  return value === 'secret' ? null : value;
}

/** The shown figure as text for a data attribute or a CSV cell. */
export function figureText(value: ShownFigure): string {
  return value === 'secret' ? SECRET_MARK : value === null ? '' : String(value);
}

/**
 * The monthly national series in public mode: a cumulative count of carnets or works from 1 to
 * `threshold − 1` is withheld (NaN, drawn as a gap). Later months are national totals of at least
 * `threshold`; the monthly flows they imply are national, not per territory.
 */
export function publicMonthlySeries(
  monthly: readonly MonthlyPoint[],
  threshold: number,
): MonthlyPoint[] {
  const hide = (v: number) => (v > 0 && v < threshold ? Number.NaN : v);
  return monthly.map((point) => ({
    ...point,
    carnets: hide(point.carnets),
    works: hide(point.works),
  }));
}

/**
 * The public counts when the suppression cannot be computed (inconsistent data): every count
 * withheld, since a territory missing from the maps reads as {@link WITHHELD_PAIR}.
 */
export function withholdEverything(threshold: number): PublicProgrammeCounts {
  return {
    threshold,
    total: WITHHELD_PAIR,
    regions: new Map(),
    epcis: new Map(),
    communes: new Map(),
    summary: { cells: 0, primary: 0, secondary: 0 },
  };
}

/** The shown figures of each EPCI row, by SIREN (`counts` null outside public mode). */
export function shownEpciCounts(
  rows: readonly (BreakdownCounts & { siren_epci: string })[],
  counts: PublicProgrammeCounts | null,
): Map<string, ShownCounts> {
  return new Map(
    rows.map((row) => [
      row.siren_epci,
      shownCounts(
        row,
        counts === null ? null : (counts.epcis.get(row.siren_epci) ?? WITHHELD_PAIR),
      ),
    ]),
  );
}
