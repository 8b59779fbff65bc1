/** Amounts of the programme: euros HT with at most two decimals, summed as integer cents. */
import { formatDecimal, formatInteger } from './format.ts';

/** Euros → integer cents; the validator has checked that the amount has at most two decimals. */
export function toCents(euros: number): number {
  return Math.round(euros * 100);
}

/** `1200000` → `1 200 000 €`, `9.8` → `9,80 €` (French grouping). */
export function formatEuros(euros: number): string {
  const text = Number.isInteger(euros) ? formatInteger(euros) : formatDecimal(euros, 2);
  return `${text} €`;
}
