import { useMemo } from 'react';
import { DPE_COLOURS } from '../../../domain/dpe.ts';
import type { DpeLabel } from '../../../domain/stock-schema.ts';
import type { FilterKey, FilterValues } from '../../../sql/filters.ts';
import { completeDistribution, type DistributionRow } from '../../../sql/indicators-sql.ts';
import type { AnalysisFilters } from '../../../state/analysis-url-state.ts';
import { useQuery } from '../../use-query.ts';
import { FilterChart } from './filter-chart.tsx';
import { clearFilter, selectFilterRange, toggleFilterValue } from './filter-selection.ts';

/** Props of {@link DimensionChart}. */
export interface DimensionChartProps {
  dimension: FilterKey;
  /** Its distribution query (`sidebarQueries(…).distributions[dimension]`). */
  sql: string;
  filters: AnalysisFilters;
  onFiltersChange: (filters: AnalysisFilters) => void;
  units: string;
}

// Dimensions whose categories are ordered, so that a dragged run of bars means a range.
const RANGE_DIMENSIONS: ReadonlySet<FilterKey> = new Set(['periods', 'surfaceBands', 'labels']);

const dpeColour = (value: FilterValues[FilterKey]) => DPE_COLOURS[value as DpeLabel].hex;

/**
 * The chart of one filter dimension: its distribution in the scope, filtered by every other
 * dimension but not by its own selection (cross-filtering), one SQL query per chart.
 */
export function DimensionChart(props: DimensionChartProps) {
  const { dimension, sql, filters, onFiltersChange, units } = props;
  // Deferred, and the last rows kept while the next ones run: a chart does not blink on a click.
  const result = useQuery<DistributionRow>(sql, { defer: true });
  const last = result.last?.rows ?? null;
  const rows = useMemo(
    () => (last === null ? null : completeDistribution(dimension, last)),
    [dimension, last],
  );
  return (
    <FilterChart<FilterKey>
      dimension={dimension}
      rows={rows}
      selected={filters[dimension]}
      units={units}
      stale={result.status === 'pending'}
      failed={result.status === 'error'}
      onToggle={(value) => onFiltersChange(toggleFilterValue(filters, dimension, value))}
      onClear={() => onFiltersChange(clearFilter(filters, dimension))}
      onRange={
        RANGE_DIMENSIONS.has(dimension)
          ? (from, to) => onFiltersChange(selectFilterRange(filters, dimension, from, to))
          : undefined
      }
      colour={dimension === 'labels' ? dpeColour : undefined}
    />
  );
}
