import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SMALL_DWELLING_LIMIT_M2 } from '../../src/domain/dpe.ts';
import {
  getSurfaceBand,
  isSurfaceBandId,
  SURFACE_BAND_IDS,
  SURFACE_BANDS,
  surfaceBandOf,
} from '../../src/domain/surface-bands.ts';

describe('SURFACE_BANDS', () => {
  it('are contiguous, open at both ends, and split at the 40 m² DPE rule', () => {
    expect(SURFACE_BANDS[0].min).toBeNull();
    expect(SURFACE_BANDS.at(-1)?.max).toBeNull();
    for (let i = 1; i < SURFACE_BANDS.length; i++) {
      expect(SURFACE_BANDS[i]?.min).toBe(SURFACE_BANDS[i - 1]?.max);
    }
    const limits = SURFACE_BANDS.map((band) => band.min);
    expect(limits).toEqual([null, 30, 40, 60, 80, 100, 150]);
    expect(limits).toContain(SMALL_DWELLING_LIMIT_M2);
  });

  it('have distinct French labels', () => {
    expect(SURFACE_BANDS.map((band) => band.label)).toEqual([
      'Moins de 30 m²',
      '30 à 40 m²',
      '40 à 60 m²',
      '60 à 80 m²',
      '80 à 100 m²',
      '100 à 150 m²',
      '150 m² ou plus',
    ]);
    expect(getSurfaceBand('150_plus').label).toBe('150 m² ou plus');
  });
});

describe('surfaceBandOf', () => {
  it.each<[number | null, string | null]>([
    [0.5, 'moins_30'],
    [29.99, 'moins_30'],
    [30, '30_40'],
    [39.99, '30_40'],
    [40, '40_60'],
    [60, '60_80'],
    [99.9, '80_100'],
    [100, '100_150'],
    [149.9, '100_150'],
    [150, '150_plus'],
    [2000, '150_plus'],
    [0, null],
    [-3, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [null, null],
  ])('puts %s m² in %s', (surface, band) => {
    expect(surfaceBandOf(surface)).toBe(band);
  });

  it('puts every positive surface in exactly the one band whose [min, max) holds it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e5, noNaN: true }), (surface) => {
        const holding = SURFACE_BANDS.filter(
          (band) => (band.min ?? 0) <= surface && (band.max === null || surface < band.max),
        );
        expect(holding.map((band) => band.id)).toEqual([surfaceBandOf(surface)]);
      }),
    );
  });
});

describe('isSurfaceBandId', () => {
  it('accepts the band ids only', () => {
    expect(SURFACE_BAND_IDS.every(isSurfaceBandId)).toBe(true);
    expect(isSurfaceBandId('30-40')).toBe(false);
    expect(isSurfaceBandId(30)).toBe(false);
  });
});
