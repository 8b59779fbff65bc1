/**
 * The months a campaign's effect is measured on, against the months the programme data covers.
 *
 * - Coverage: from the month of the programme's start (no carnet can be opened before it) to the
 *   month of the latest date recorded in the data (adoption, carnet or work), taken as complete.
 * - Window: L months from the start month (« après ») and the L months just before (« avant »),
 *   L being the campaign's `fenetre_mois`. When the data does not cover all of them, L shrinks to
 *   the months covered on BOTH sides, contiguous from the start, so that the two periods keep the
 *   same length; the months left out are listed, for the screen to say so.
 */
import { latestProgrammeDate, type ProgrammeData } from './programme-data.ts';
import { addMonths, monthOf, monthsBetween } from './programme-dates.ts';

/** First and last months (`YYYY-MM`) of the programme data. */
export interface ProgrammeCoverage {
  first: string;
  last: string;
}

/** The months compared. */
export interface CampaignWindow {
  /** Months asked for on each side (the campaign's `fenetre_mois`). */
  requested: number;
  /** Months kept on each side (0: nothing to compare). */
  length: number;
  pre: string[];
  post: string[];
  /** Months of the requested window that the data does not cover, in order. */
  uncovered: string[];
}

/** The coverage of the data (see the module documentation); null when it holds no date. */
export function programmeCoverage(
  data: ProgrammeData,
  programmeStart: string,
): ProgrammeCoverage | null {
  const latest = latestProgrammeDate(data);
  if (latest === null) return null;
  return { first: monthOf(programmeStart), last: monthOf(latest) };
}

/** The window of a campaign starting on `start` (`YYYY-MM-DD`); see the module documentation. */
export function campaignWindow(
  start: string,
  months: number,
  coverage: ProgrammeCoverage | null,
): CampaignWindow {
  const startMonth = monthOf(start);
  const requestedPre = monthsBetween(addMonths(startMonth, -months), addMonths(startMonth, -1));
  const requestedPost = monthsBetween(startMonth, addMonths(startMonth, months - 1));
  const covered = (month: string) =>
    coverage !== null && month >= coverage.first && month <= coverage.last;
  let length = 0;
  while (
    length < months &&
    covered(requestedPost[length] ?? '') &&
    covered(requestedPre[months - 1 - length] ?? '')
  ) {
    length++;
  }
  return {
    requested: months,
    length,
    pre: requestedPre.slice(months - length),
    post: requestedPost.slice(0, length),
    uncovered: [...requestedPre, ...requestedPost].filter((month) => !covered(month)),
  };
}
