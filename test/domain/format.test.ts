import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCompact,
  formatCount,
  formatDecimal,
  formatInteger,
  formatPercent,
  formatRowAccount,
  MISSING_VALUE,
} from '../../src/domain/format.ts';

// Exact strings produced by Node's ICU (74+): U+202F narrow no-break space groups thousands,
// U+00A0 no-break space precedes '%' and the compact units.
const missing: [string, number | null | undefined][] = [
  ['null', null],
  ['undefined', undefined],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
];

describe('formatInteger', () => {
  it.each<[number, string]>([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1234, '1\u202f234'],
    [12345, '12\u202f345'],
    [1234567, '1\u202f234\u202f567'],
    [12345.6, '12\u202f346'],
    [-1234, '-1\u202f234'],
    [-0.2, '0'],
  ])('%s → %j', (n, expected) => {
    expect(formatInteger(n)).toBe(expected);
  });

  it.each(missing)('%s → en dash', (_name, n) => {
    expect(formatInteger(n)).toBe('–');
  });
});

describe('formatDecimal', () => {
  it.each<[number, number | undefined, string]>([
    [15.66, undefined, '15,7'],
    [15, undefined, '15,0'],
    [0.05, 2, '0,05'],
    [1234.5678, 2, '1\u202f234,57'],
    [3.4, 0, '3'],
    [-2.25, 1, '-2,3'],
  ])('%s with %s digits → %j', (n, digits, expected) => {
    expect(formatDecimal(n, digits)).toBe(expected);
  });

  it.each(missing)('%s → en dash', (_name, n) => {
    expect(formatDecimal(n)).toBe(MISSING_VALUE);
  });
});

describe('formatPercent', () => {
  it.each<[number, number | undefined, string]>([
    [0.157, undefined, '15,7\u00a0%'],
    [0, undefined, '0,0\u00a0%'],
    [1, undefined, '100,0\u00a0%'],
    [0.1234, 2, '12,34\u00a0%'],
    [0.5, 0, '50\u00a0%'],
    [12.5, 0, '1\u202f250\u00a0%'],
  ])('%s with %s digits → %j', (share, digits, expected) => {
    expect(formatPercent(share, digits)).toBe(expected);
  });

  it.each(missing)('%s → en dash', (_name, n) => {
    expect(formatPercent(n)).toBe(MISSING_VALUE);
  });
});

describe('formatCompact', () => {
  it.each<[number, string]>([
    [999, '999'],
    [1500, '1,5\u00a0k'],
    [12345, '12,3\u00a0k'],
    [1234567, '1,2\u00a0M'],
    [2.5e9, '2,5\u00a0Md'],
    [-1200, '-1,2\u00a0k'],
  ])('%s → %j', (n, expected) => {
    expect(formatCompact(n)).toBe(expected);
  });

  it.each(missing)('%s → en dash', (_name, n) => {
    expect(formatCompact(n)).toBe(MISSING_VALUE);
  });
});

describe('MISSING_VALUE', () => {
  it('is an en dash (U+2013)', () => {
    expect(MISSING_VALUE).toBe('\u2013');
  });
});

describe('formatCount', () => {
  it('puts the noun in the singular below 2, judged on the whole number shown', () => {
    expect(formatCount(0, 'carnet', 'carnets')).toBe('0 carnet');
    expect(formatCount(1, 'carnet', 'carnets')).toBe('1 carnet');
    expect(formatCount(1.4, 'logement', 'logements')).toBe('1 logement');
    expect(formatCount(1.6, 'logement', 'logements')).toBe('2 logements');
    expect(formatCount(2, 'carnet', 'carnets')).toBe('2 carnets');
  });
});

describe('formatRowAccount', () => {
  it('says rows read, accepted and rejected with their French agreement', () => {
    expect(formatRowAccount(3, 2, 1)).toBe('3 lignes lues, 2 acceptées, 1 rejetée');
    expect(formatRowAccount(1, 1, 0)).toBe('1 ligne lue, 1 acceptée, 0 rejetée');
  });
});

describe('formatBytes', () => {
  it('picks the unit under which the size stays below 1 000, one decimal under 10', () => {
    expect(formatBytes(60)).toBe('60\u00a0o');
    expect(formatBytes(12_345)).toBe('12\u00a0ko');
    expect(formatBytes(999_600)).toBe('1,0\u00a0Mo');
    expect(formatBytes(2_580_000)).toBe('2,6\u00a0Mo');
    expect(formatBytes(310_055_202)).toBe('310\u00a0Mo');
    expect(formatBytes(2_576_980_378)).toBe('2,6\u00a0Go');
    expect(formatBytes(12e12)).toBe('12\u202f000\u00a0Go');
    expect(formatBytes(null)).toBe(MISSING_VALUE);
  });
});
