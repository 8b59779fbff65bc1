/**
 * Whether a published DPE label agrees with its own values. Some inputs of the classification
 * are not always in the file (altitude class, climate zone, date of the DPE): when one is unknown,
 * every label it could lead to is admissible, so that only certain disagreements are counted.
 */
import { classifyDpe } from '../domain/dpe.ts';
import { type DpeLabel, isDpeLabel } from '../domain/stock-schema.ts';
import { normaliseCategory } from './ademe-categories.ts';

/** Values a label is checked against; null marks an unknown rule input. */
export interface LabelCheckInput {
  epKwhM2: number;
  ghgKgM2: number;
  surfaceM2: number | null;
  /** Above 800 m in climate zone H1b, H1c or H2d. */
  highAltitude: boolean | null;
  /** Whether the small-dwelling bounds apply (DPE established from 1 July 2024). */
  smallDwellingBounds: boolean | null;
}

/** Climate zones where the raised bounds apply above 800 m (arrêté du 31 mars 2021). */
const MOUNTAIN_ZONES = new Set(['h1b', 'h1c', 'h2d']);

/**
 * Whether the altitude rule applies, from the ADEME altitude class (`inférieur à 400m`,
 * `400-800m`, `supérieur à 800m`) and climate zone (`H1a`…`H3`); null when it cannot be told.
 */
export function highAltitudeOf(altitudeClass: string, climateZone: string): boolean | null {
  const altitude = normaliseCategory(altitudeClass);
  const zone = normaliseCategory(climateZone);
  const above800 = altitude === '' ? null : altitude.startsWith('superieur');
  const mountainZone = /^h[123][a-d]?$/.test(zone) ? MOUNTAIN_ZONES.has(zone) : null;
  if (above800 === false || mountainZone === false) return false;
  return above800 === true && mountainZone === true ? true : null;
}

/** First day of the small-dwelling bounds (arrêté du 25 mars 2024). */
const SMALL_DWELLING_BOUNDS_FROM = '2024-07-01';

/**
 * Whether a DPE established on `date` (`2024-07-01`, `01/07/2024` or `20240701`) uses the small-dwelling
 * bounds; null when the date is missing or unreadable.
 */
export function smallDwellingBoundsOf(date: string): boolean | null {
  const day = isoDayOf(date);
  return day === null ? null : day >= SMALL_DWELLING_BOUNDS_FROM;
}

/**
 * A date as `YYYY-MM-DD` from the forms DPE exports and spreadsheets write: `2023-05-01` (with or
 * without a time), `01/05/2023` (French day first), `20230501`. Null when unreadable or when the
 * month or day is out of range.
 */
function isoDayOf(date: string): string | null {
  const text = date.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(text);
  const french = /^(\d{2})\/(\d{2})\/(\d{4})(?:$| )/.exec(text);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const parts =
    iso !== null
      ? [iso[1], iso[2], iso[3]]
      : french !== null
        ? [french[3], french[2], french[1]]
        : compact !== null
          ? [compact[1], compact[2], compact[3]]
          : null;
  if (parts === null) return null;
  const [year = '', month = '', day = ''] = parts;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${year}-${month}-${day}`;
}

/**
 * Half the last published decimal: ADEME exports round the values to 0.1, so a published 11.0 may
 * be a 10.96 that the DPE software classed below the bound of 11 (the Lyon sample has such
 * labels at exactly 6 and 11 kgCO2eq/m²). Whether the bounds are strict is not settled either
 * (domain.md §2); a value this close to a bound is given the benefit of the doubt.
 */
export const ROUNDING_TOLERANCE = 0.05;

/** Labels the values can lead to, over the unknown rule inputs and the rounding of the values. */
export function admissibleLabels(input: LabelCheckInput): Set<DpeLabel> {
  const labels = new Set<DpeLabel>();
  forEachClassification(input, (label) => {
    labels.add(label);
    return false;
  });
  return labels;
}

/** Whether a published label is one its values can lead to. */
export function isLabelConsistent(label: DpeLabel, input: LabelCheckInput): boolean {
  return forEachClassification(input, (candidate) => candidate === label);
}

/** Calls `visit` with each admissible classification until it returns true; returns whether it did. */
function forEachClassification(
  input: LabelCheckInput,
  visit: (label: DpeLabel) => boolean,
): boolean {
  const altitudes = input.highAltitude === null ? [false, true] : [input.highAltitude];
  const smallBounds =
    input.smallDwellingBounds === null ? [true, false] : [input.smallDwellingBounds];
  const energies = [input.epKwhM2, input.epKwhM2 - ROUNDING_TOLERANCE];
  const climates = [input.ghgKgM2, input.ghgKgM2 - ROUNDING_TOLERANCE];
  for (const highAltitude of altitudes) {
    for (const small of smallBounds) {
      for (const epKwhM2 of energies) {
        for (const ghgKgM2 of climates) {
          const surfaceM2 = small ? input.surfaceM2 : null;
          if (visit(classifyDpe({ epKwhM2, ghgKgM2, surfaceM2, highAltitude }))) return true;
        }
      }
    }
  }
  return false;
}

/** Columns of rows to check, as an import engine answers them (`flaggedLabelsSql`). */
export interface FlaggedLabelRows {
  label: readonly (string | null)[];
  ep: Float64Array;
  ghg: Float64Array;
  surface: Float64Array;
  /** 1, 0, or NaN when unknown. */
  small: Float64Array;
  high: Float64Array;
}

function knownFlag(value: number | undefined): boolean | null {
  return value === undefined || Number.isNaN(value) ? null : value === 1;
}

/**
 * Rows whose published label their values cannot lead to. A row without a published label or
 * without both values is not counted: there is nothing to disagree with.
 */
export function countInconsistentLabels(rows: FlaggedLabelRows): number {
  let count = 0;
  for (const [k, label] of rows.label.entries()) {
    const epKwhM2 = rows.ep[k] ?? Number.NaN;
    const ghgKgM2 = rows.ghg[k] ?? Number.NaN;
    if (label === null || !isDpeLabel(label) || Number.isNaN(epKwhM2) || Number.isNaN(ghgKgM2)) {
      continue;
    }
    const surface = rows.surface[k] ?? Number.NaN;
    const input = {
      epKwhM2,
      ghgKgM2,
      surfaceM2: Number.isNaN(surface) ? null : surface,
      highAltitude: knownFlag(rows.high[k]),
      smallDwellingBounds: knownFlag(rows.small[k]),
    };
    if (!isLabelConsistent(label, input)) count++;
  }
  return count;
}
