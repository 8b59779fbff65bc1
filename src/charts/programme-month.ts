/**
 * French month labels for the programme charts. Months are `YYYY-MM` strings; charts place them
 * at UTC dates so that no time zone can move a point to the neighbouring month.
 */
export { formatMonthLong, monthDate } from '../domain/programme-dates.ts';

const SHORT = new Intl.DateTimeFormat('fr-FR', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A date → « janv. 2020 », for axis ticks. */
export function formatMonthTick(date: Date): string {
  return SHORT.format(date);
}
