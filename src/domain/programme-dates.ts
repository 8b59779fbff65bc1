/**
 * Calendar helpers of the programme model, on ISO dates (`YYYY-MM-DD`), months (`YYYY-MM`) and
 * quarters (`YYYY-Qn`) as plain strings: no time zone, no `Date` object leaks out, so that the
 * same data gives the same months in every browser and in Node.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FRENCH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-T?Q?([1-4])$/i;
const DAY_MS = 86_400_000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days of a month (1-based). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether a string is an existing calendar date written `YYYY-MM-DD` (years 1900–2999). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  return isoOf(Number(match[1]), Number(match[2]), Number(match[3])) !== null;
}

/**
 * Reads a date written `YYYY-MM-DD` or `DD/MM/YYYY` (day and month may have one digit, as
 * spreadsheets write them) and returns it as `YYYY-MM-DD`, or null when the text is in neither
 * format or names a day that does not exist (31/02/2020).
 */
export function parseProgrammeDate(raw: string): string | null {
  const text = raw.trim();
  const iso = ISO_DATE.exec(text);
  if (iso !== null) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const french = FRENCH_DATE.exec(text);
  if (french !== null) return isoOf(Number(french[3]), Number(french[2]), Number(french[1]));
  return null;
}

/** `YYYY-MM-DD` → `DD/MM/YYYY`, the form French spreadsheets read as a date. */
export function formatFrenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayNumber(to) - dayNumber(from)) / DAY_MS);
}

/** The date `days` days after `iso` (before when negative). */
export function addDays(iso: string, days: number): string {
  return new Date(dayNumber(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Month of a date: `2020-07-14` → `2020-07`. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** Last day of a month: `2020-02` → `2020-02-29`. */
export function endOfMonth(month: string): string {
  const match = MONTH.exec(month);
  if (match === null) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  const year = Number(match[1]);
  const m = Number(match[2]);
  return `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`;
}

/** Every month from `first` to `last` inclusive (`YYYY-MM`); empty when `last` is earlier. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  const lastYear = Number(last.slice(0, 4));
  const lastMonth = Number(last.slice(5, 7));
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

/** The month `count` months after `month` (before when negative): `2020-11`, 3 → `2021-02`. */
export function addMonths(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const LONG_MONTH = new Intl.DateTimeFormat('fr-FR', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const LONG_DAY = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2024-08` → the UTC date of the 1st of that month. */
export function monthDate(month: string): Date {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
}

/** `2024-08` → « août 2024 ». */
export function formatMonthLong(month: string): string {
  return LONG_MONTH.format(monthDate(month));
}

/** `2020-07-15` → « 15 juillet 2020 », `2020-08-01` → « 1er août 2020 ». */
export function formatLongDate(iso: string): string {
  return LONG_DAY.format(new Date(`${iso}T00:00:00Z`)).replace(/^1 /, '1er ');
}

/** A calendar quarter with its first and last days. */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** `YYYY-Qn`. */
  label: string;
  start: string;
  end: string;
}

/**
 * Reads a quarter written `2020-Q3` (also `2020-T3`, the French spelling, and `2020-3`); null
 * when the text is not a quarter.
 */
export function parseQuarter(raw: string): Quarter | null {
  const match = QUARTER.exec(raw.trim());
  if (match === null) return null;
  const year = Number(match[1]);
  const quarter = Number(match[2]) as 1 | 2 | 3 | 4;
  if (year < 1900 || year > 2999) return null;
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = `${year}-${String(firstMonth + 2).padStart(2, '0')}`;
  return {
    year,
    quarter,
    label: `${year}-Q${quarter}`,
    start: `${year}-${String(firstMonth).padStart(2, '0')}-01`,
    end: endOfMonth(lastMonth),
  };
}

/** Quarter of a date: `2020-08-14` → `2020-Q3`. */
export function quarterOf(iso: string): string {
  return `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
}
