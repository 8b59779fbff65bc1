/**
 * Pure edits of the analysis filters driven by the charts: each returns a new filters object and
 * keeps the values of a dimension in the dimension's order, so that equal selections give equal
 * SQL text and equal URLs.
 */

import { FILTER_DIMENSIONS, type FilterKey, type FilterValues } from '../../../sql/filters.ts';
import { type AnalysisFilters, emptyFilters } from '../../../state/analysis-url-state.ts';

function withValues<K extends FilterKey>(
  filters: AnalysisFilters,
  key: K,
  values: readonly FilterValues[K][],
): AnalysisFilters {
  const ordered = FILTER_DIMENSIONS[key].values.filter((value) => values.includes(value));
  return { ...filters, [key]: ordered };
}

/** Adds the value to its dimension's selection, or removes it when already selected. */
export function toggleFilterValue<K extends FilterKey>(
  filters: AnalysisFilters,
  key: K,
  value: FilterValues[K],
): AnalysisFilters {
  const current: readonly FilterValues[K][] = filters[key];
  const next = current.includes(value)
    ? current.filter((selected) => selected !== value)
    : [...current, value];
  return withValues(filters, key, next);
}

/**
 * Selects the contiguous run of values between `from` and `to` (either order, both included), as
 * when dragging over the construction-period histogram; replaces the dimension's selection.
 */
export function selectFilterRange<K extends FilterKey>(
  filters: AnalysisFilters,
  key: K,
  from: FilterValues[K],
  to: FilterValues[K],
): AnalysisFilters {
  const values: readonly FilterValues[K][] = FILTER_DIMENSIONS[key].values;
  const start = values.indexOf(from);
  const end = values.indexOf(to);
  if (start < 0 || end < 0) {
    throw new RangeError(
      `Valeur inconnue pour le filtre ${key} : ${String(start < 0 ? from : to)}`,
    );
  }
  return withValues(filters, key, values.slice(Math.min(start, end), Math.max(start, end) + 1));
}

/** Empties one dimension's selection. */
export function clearFilter(filters: AnalysisFilters, key: FilterKey): AnalysisFilters {
  return { ...filters, [key]: [] };
}

/** No filter on any dimension. */
export function resetFilters(): AnalysisFilters {
  return emptyFilters();
}
