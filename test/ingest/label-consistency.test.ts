import { describe, expect, it } from 'vitest';
import {
  admissibleLabels,
  countInconsistentLabels,
  highAltitudeOf,
  isLabelConsistent,
  smallDwellingBoundsOf,
} from '../../src/ingest/label-consistency.ts';

const known = { highAltitude: false, smallDwellingBounds: false } as const;

describe('isLabelConsistent', () => {
  it('accepts the label of the values and refuses another', () => {
    const input = { epKwhM2: 200, ghgKgM2: 40, surfaceM2: 70, ...known };
    expect(isLabelConsistent('D', input)).toBe(true);
    expect(isLabelConsistent('C', input)).toBe(false);
  });

  it('admits a value published at a bound as rounded from just below it', () => {
    // The Lyon sample labels GHG 11.0 as B and 6.0 as A, although the bounds are strict.
    expect([...admissibleLabels({ epKwhM2: 60.2, ghgKgM2: 11, surfaceM2: 63, ...known })]).toEqual([
      'C',
      'B',
    ]);
    expect(isLabelConsistent('A', { epKwhM2: 63.9, ghgKgM2: 6, surfaceM2: 65, ...known })).toBe(
      true,
    );
    expect(isLabelConsistent('B', { epKwhM2: 84.2, ghgKgM2: 10.8, surfaceM2: 64, ...known })).toBe(
      true,
    );
    expect(isLabelConsistent('C', { epKwhM2: 84.2, ghgKgM2: 10.8, surfaceM2: 64, ...known })).toBe(
      false,
    );
  });

  it('uses the small-dwelling bounds only when they apply, both when unknown', () => {
    const input = { epKwhM2: 190, ghgKgM2: 5, surfaceM2: 30, highAltitude: false };
    expect(isLabelConsistent('C', { ...input, smallDwellingBounds: true })).toBe(true);
    expect(isLabelConsistent('C', { ...input, smallDwellingBounds: false })).toBe(false);
    expect([...admissibleLabels({ ...input, smallDwellingBounds: null })].sort()).toEqual([
      'C',
      'D',
    ]);
  });

  it('uses the altitude bounds only when they apply, both when unknown', () => {
    const input = { epKwhM2: 350, ghgKgM2: 20, surfaceM2: 100, smallDwellingBounds: false };
    expect(isLabelConsistent('E', { ...input, highAltitude: true })).toBe(true);
    expect(isLabelConsistent('E', { ...input, highAltitude: false })).toBe(false);
    expect(isLabelConsistent('F', { ...input, highAltitude: null })).toBe(true);
  });
});

describe('rule inputs', () => {
  it.each<[string, string, boolean | null]>([
    ['supérieur à 800m', 'H1b', true],
    ['supérieur à 800m', 'H2d', true],
    ['supérieur à 800m', 'H1a', false],
    ['400-800m', 'H1b', false],
    ['inférieur à 400m', '', false],
    ['supérieur à 800m', '', null],
    ['', 'H1c', null],
    ['', '', null],
  ])('altitude %j, zone %j → %s', (altitude, zone, high) => {
    expect(highAltitudeOf(altitude, zone)).toBe(high);
  });

  it.each<[string, boolean | null]>([
    ['2024-07-01', true],
    ['2024-06-30', false],
    ['2025-01-15T10:00:00Z', true],
    ['01/07/2024', true],
    ['30/06/2024', false],
    ['', null],
    ['hier', null],
  ])('DPE of %j → small-dwelling bounds %s', (date, applies) => {
    expect(smallDwellingBoundsOf(date)).toBe(applies);
  });
});

describe('countInconsistentLabels', () => {
  it('counts the labels the values cannot lead to, unknown rule inputs (NaN) admitting both', () => {
    const rows = {
      // D of its values; C refused; C of a small dwelling whose bounds may apply; no values; no label.
      label: ['D', 'C', 'C', 'B', null],
      ep: Float64Array.of(200, 200, 190, Number.NaN, 500),
      ghg: Float64Array.of(40, 40, 5, 10, 90),
      surface: Float64Array.of(70, 70, 30, 50, 80),
      small: Float64Array.of(0, 0, Number.NaN, 0, 0),
      high: Float64Array.of(0, 0, 0, Number.NaN, 0),
    };
    expect(countInconsistentLabels(rows)).toBe(1);
    expect(countInconsistentLabels({ ...rows, small: Float64Array.of(0, 0, 0, 0, 0) })).toBe(2);
  });
});
