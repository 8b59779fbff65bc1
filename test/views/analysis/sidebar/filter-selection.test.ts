import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../../../../src/state/analysis-url-state.ts';
import {
  clearFilter,
  resetFilters,
  selectFilterRange,
  toggleFilterValue,
} from '../../../../src/views/analysis/sidebar/filter-selection.ts';

describe('toggleFilterValue', () => {
  it('adds values in the dimension order, whatever the click order', () => {
    let filters = toggleFilterValue(emptyFilters(), 'labels', 'G');
    filters = toggleFilterValue(filters, 'labels', 'A');
    filters = toggleFilterValue(filters, 'labels', 'F');
    expect(filters.labels).toEqual(['A', 'F', 'G']);
  });

  it('removes a selected value and leaves the other dimensions alone', () => {
    const start = {
      ...emptyFilters(),
      labels: ['F' as const, 'G' as const],
      tenures: ['locataire_prive' as const],
    };
    const filters = toggleFilterValue(start, 'labels', 'F');
    expect(filters.labels).toEqual(['G']);
    expect(filters.tenures).toEqual(['locataire_prive']);
    expect(start.labels).toEqual(['F', 'G']);
  });
});

describe('selectFilterRange', () => {
  it('selects the contiguous run between two periods, in either direction', () => {
    const forward = selectFilterRange(emptyFilters(), 'periods', '1948_1974', '1989_2000');
    const backward = selectFilterRange(emptyFilters(), 'periods', '1989_2000', '1948_1974');
    expect(forward.periods).toEqual(['1948_1974', '1975_1988', '1989_2000']);
    expect(backward.periods).toEqual(forward.periods);
  });

  it('replaces the previous selection of the dimension', () => {
    const start = { ...emptyFilters(), periods: ['apres_2012' as const] };
    expect(selectFilterRange(start, 'periods', 'avant_1948', 'avant_1948').periods).toEqual([
      'avant_1948',
    ]);
  });

  it('rejects a value outside the dimension', () => {
    expect(() =>
      selectFilterRange(emptyFilters(), 'periods', 'avant_1948', '1900' as 'avant_1948'),
    ).toThrow(/1900/);
  });
});

describe('clearFilter and resetFilters', () => {
  it('empty one dimension, or all of them', () => {
    const start = { ...emptyFilters(), labels: ['G' as const], energies: ['fioul' as const] };
    expect(clearFilter(start, 'labels')).toEqual({ ...start, labels: [] });
    expect(resetFilters()).toEqual(emptyFilters());
  });
});
