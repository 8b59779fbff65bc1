import { type IndicatorId, indicatorValue } from '../../domain/indicators.ts';
import type { TerritoryTableRow } from '../../export/territory-table-csv.ts';

/** Column a table is sorted by. */
export type SortKey = 'name' | 'code' | IndicatorId;

/** Sort order of the table. */
export interface TableSort {
  key: SortKey;
  descending: boolean;
}

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/**
 * Rows sorted by one column: names in French collation, numbers numerically; missing values always
 * last, whichever the direction, so that they never hide the extremes.
 */
export function sortTableRows(
  rows: readonly TerritoryTableRow[],
  sort: TableSort,
): TerritoryTableRow[] {
  const sign = sort.descending ? -1 : 1;
  const { key } = sort;
  if (key === 'name' || key === 'code') {
    return [...rows].sort(
      (a, b) => sign * collator.compare(String(a[key] ?? ''), String(b[key] ?? '')),
    );
  }
  return [...rows].sort((a, b) => {
    const x = indicatorValue(a, key);
    const y = indicatorValue(b, key);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y);
  });
}

/**
 * Indicator columns of the table: the mapped indicator first, right after the name and code, so
 * that the column the table is sorted by is in view however wide the table; the others in their
 * usual order.
 */
export function indicatorColumns(
  indicators: readonly IndicatorId[],
  metric: IndicatorId,
): IndicatorId[] {
  return indicators.includes(metric)
    ? [metric, ...indicators.filter((id) => id !== metric)]
    : [...indicators];
}
