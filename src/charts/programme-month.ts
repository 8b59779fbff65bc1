/**
 * French month labels for the programme charts. Months are `YYYY-MM` strings; charts place them
 * at UTC dates so that no time zone can move a point to the neighbouring month.
 */

const LONG = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const SHORT = new Intl.DateTimeFormat('fr-FR', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2024-08` → the UTC date of the 1st of that month. */
export function monthDate(month: string): Date {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
}

/** `2024-08` → « août 2024 ». */
export function formatMonthLong(month: string): string {
  return LONG.format(monthDate(month));
}

/** A date → « janv. 2020 », for axis ticks. */
export function formatMonthTick(date: Date): string {
  return SHORT.format(date);
}
