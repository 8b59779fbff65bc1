/**
 * Column names of the stock view, so that the panel computes the indicators beyond the canonical
 * model (consumption by use) only when an imported dataset brought their columns.
 */
import { STOCK_TABLE } from './tables.ts';

/** One row of {@link stockColumnsSql}. */
export interface StockColumnRow {
  column_name: string;
}

/** The column names of the stock view, in table order. */
export function stockColumnsSql(): string {
  return `SELECT column_name FROM (DESCRIBE ${STOCK_TABLE})`;
}
