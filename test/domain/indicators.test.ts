import { describe, expect, it } from 'vitest';
import { G_PLUS_FINAL_ENERGY_KWH_M2 } from '../../src/domain/dpe.ts';
import {
  availableIndicators,
  DEFAULT_INDICATOR_ID,
  getIndicator,
  INDICATORS,
  type IndicatorRow,
  indicatorValue,
  isIndicatorId,
  isSmallCount,
  SMALL_COUNT_THRESHOLD,
  USE_COLUMNS,
} from '../../src/domain/indicators.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('INDICATORS', () => {
  it('lists the issue 4 indicators once each, in the switch order', () => {
    expect(INDICATORS.map((indicator) => indicator.id)).toEqual([
      'dwellings',
      'fg_count',
      'fg_share',
      'eg_share',
      'g_plus_count',
      'mean_ep',
      'mean_ef',
      'total_ef_gwh',
      'ghg_t',
      'heating_ef_gwh',
      'hot_water_ef_gwh',
      'cooling_ef_gwh',
      'lighting_ef_gwh',
      'auxiliaries_ef_gwh',
    ]);
  });

  it('gives each a French label, a unit and a one-line definition', () => {
    for (const indicator of INDICATORS) {
      expect(indicator.label).not.toBe('');
      expect(indicator.unit).not.toBe('');
      expect(indicator.definition).toMatch(/^[A-ZÉ][^\n]+\.$/u);
    }
    expect(new Set(INDICATORS.map((indicator) => indicator.label)).size).toBe(INDICATORS.length);
    expect(getIndicator('ghg_t').unit).toBe('tCO2e/an');
    expect(getIndicator('total_ef_gwh').unit).toBe('GWh/an');
  });

  it('states the G+ threshold from the decency rule', () => {
    expect(getIndicator('g_plus_count').definition).toContain(
      `au moins ${G_PLUS_FINAL_ENERGY_KWH_M2} kWh`,
    );
  });

  it('formats in French with units, and a dash for missing values', () => {
    expect(getIndicator('fg_share').format(0.157)).toBe(`15,7${NBSP}%`);
    expect(getIndicator('dwellings').format(12_345)).toBe(`12${NNBSP}345${NBSP}logements`);
    expect(getIndicator('fg_count').format(1)).toBe(`1${NBSP}logement`);
    expect(getIndicator('fg_count').format(0)).toBe(`0${NBSP}logement`);
    expect(getIndicator('mean_ef').format(197.37)).toBe(`197${NBSP}kWhEF/m²/an`);
    expect(getIndicator('ghg_t').format(766.55)).toBe(`766,6${NBSP}tCO2e/an`);
    expect(getIndicator('heating_ef_gwh').format(null)).toBe('–');
    expect(getIndicator('fg_share').roundBreak(0.15749)).toBe(0.157);
  });

  it('keeps the ids of the first view metrics, so that shared links keep working', () => {
    const firstViewMetrics = ['fg_share', 'fg_count', 'dwellings', 'mean_ep', 'total_ef_gwh'];
    expect(firstViewMetrics.every((id) => isIndicatorId(id))).toBe(true);
    expect(DEFAULT_INDICATOR_ID).toBe('fg_share');
    expect(isIndicatorId('fg')).toBe(false);
  });

  it('marks consumption by use as needing columns the canonical stock lacks', () => {
    const byUse = INDICATORS.filter((indicator) => indicator.requiresColumns.length > 0);
    expect(byUse.map((indicator) => indicator.requiresColumns)).toEqual(
      Object.values(USE_COLUMNS).map((column) => [column]),
    );
    expect(availableIndicators().map((indicator) => indicator.id)).not.toContain('heating_ef_gwh');
    expect(availableIndicators().length).toBe(9);
    const withHeating = availableIndicators(['ef_heating_kwh_m2', 'weight']);
    expect(withHeating.map((indicator) => indicator.id).slice(9)).toEqual(['heating_ef_gwh']);
  });
});

describe('indicatorValue', () => {
  it('reads a value, null for missing or non-finite ones', () => {
    const row = { records: 2, dwellings: 10, fg_share: Number.NaN, mean_ep: 250 } as IndicatorRow;
    expect(indicatorValue(row, 'mean_ep')).toBe(250);
    expect(indicatorValue(row, 'fg_share')).toBeNull();
    expect(indicatorValue(row, 'heating_ef_gwh')).toBeNull();
  });
});

describe('isSmallCount', () => {
  it('flags fewer than 11 dwellings, and fewer than 11 records for observed data only', () => {
    expect(SMALL_COUNT_THRESHOLD).toBe(11);
    expect(isSmallCount({ records: 50, dwellings: 10.9 }, { observed: false })).toBe(true);
    expect(isSmallCount({ records: 3, dwellings: 800 }, { observed: false })).toBe(false);
    expect(isSmallCount({ records: 10, dwellings: 10 }, { observed: true })).toBe(true);
    expect(isSmallCount({ records: 10, dwellings: 800 }, { observed: true })).toBe(true);
    expect(isSmallCount({ records: 11, dwellings: 11 }, { observed: true })).toBe(false);
    expect(isSmallCount({ records: 4, dwellings: 20 }, { observed: true, threshold: 3 })).toBe(
      false,
    );
    expect(isSmallCount({ records: null, dwellings: null }, { observed: false })).toBe(true);
  });
});
