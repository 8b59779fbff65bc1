import { describe, expect, it } from 'vitest';
import { type EpciIndicators, getMetric, isMetricId, METRICS } from '../../src/map/metrics.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

const ROW: EpciIndicators = {
  dwellings: 12_345,
  fg_count: 2_100,
  fg_share: 0.1701,
  mean_ep: 243.6,
  total_ef_gwh: 187.26,
};

describe('METRICS', () => {
  it('lists the five metrics in French, in the switch order', () => {
    expect(METRICS.map((metric) => metric.label)).toEqual([
      'Part de passoires F/G',
      'Nombre de passoires F/G',
      'Logements',
      'Consommation moyenne en énergie primaire',
      'Consommation totale en énergie finale',
    ]);
  });

  it('reads and formats each indicator with its unit', () => {
    const formatted = METRICS.map((metric) => metric.format(metric.accessor(ROW)));
    expect(formatted).toEqual([
      `17,0${NBSP}%`,
      `2${NNBSP}100${NBSP}logements`,
      `12${NNBSP}345${NBSP}logements`,
      `244${NBSP}kWhEP/m²/an`,
      `187,3${NBSP}GWh/an`,
    ]);
  });

  it('prints a dash without unit for a missing value', () => {
    expect(getMetric('mean_ep').format(null)).toBe('–');
    expect(getMetric('fg_share').format(null)).toBe('–');
  });

  it('rounds breaks to the precision shown', () => {
    expect(getMetric('fg_share').roundBreak(0.123456)).toBe(0.123);
    expect(getMetric('total_ef_gwh').roundBreak(12.345)).toBeCloseTo(12.3, 10);
    expect(getMetric('fg_count').roundBreak(10.5)).toBe(11);
  });

  it('recognises metric ids', () => {
    expect(isMetricId('fg_share')).toBe(true);
    expect(isMetricId('nope')).toBe(false);
    expect(isMetricId(undefined)).toBe(false);
  });
});
