import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  endOfMonth,
  formatFrenchDate,
  isIsoDate,
  monthsBetween,
  parseProgrammeDate,
  parseQuarter,
  quarterOf,
} from '../../src/domain/programme-dates.ts';

describe('parseProgrammeDate', () => {
  it.each<[string, string | null]>([
    ['2020-07-14', '2020-07-14'],
    [' 2020-07-14 ', '2020-07-14'],
    ['14/07/2020', '2020-07-14'],
    ['1/7/2020', '2020-07-01'],
    ['29/02/2020', '2020-02-29'],
    ['29/02/2021', null],
    ['2021-02-29', null],
    ['31/04/2020', null],
    ['2020-13-01', null],
    ['07/14/2020', null],
    ['2020/07/14', null],
    ['14-07-2020', null],
    ['20200714', null],
    ['', null],
  ])('%j → %j', (raw, expected) => {
    expect(parseProgrammeDate(raw)).toBe(expected);
  });

  it('checks ISO dates strictly', () => {
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2020-7-14')).toBe(false);
  });
});

describe('day and month arithmetic', () => {
  it('counts days across a leap day and the calendar span of CaSBa', () => {
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysBetween('2019-03-11', '2021-06-30')).toBe(842);
    expect(daysBetween('2021-06-30', '2019-03-11')).toBe(-842);
    expect(addDays('2019-03-11', 842)).toBe('2021-06-30');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
  });

  it('lists months inclusively and gives month ends', () => {
    expect(monthsBetween('2019-11', '2020-02')).toEqual([
      '2019-11',
      '2019-12',
      '2020-01',
      '2020-02',
    ]);
    expect(monthsBetween('2020-02', '2020-01')).toEqual([]);
    expect(monthsBetween('2019-03', '2021-06')).toHaveLength(28);
    expect(endOfMonth('2020-02')).toBe('2020-02-29');
    expect(endOfMonth('2021-06')).toBe('2021-06-30');
    expect(() => endOfMonth('2021-6')).toThrow(RangeError);
  });

  it('writes dates the French way', () => {
    expect(formatFrenchDate('2020-07-04')).toBe('04/07/2020');
  });
});

describe('quarters', () => {
  it.each<[string, string | null, string | null, string | null]>([
    ['2020-Q3', '2020-Q3', '2020-07-01', '2020-09-30'],
    ['2020-T1', '2020-Q1', '2020-01-01', '2020-03-31'],
    ['2020-q4', '2020-Q4', '2020-10-01', '2020-12-31'],
    ['2020-2', '2020-Q2', '2020-04-01', '2020-06-30'],
    ['2020-Q5', null, null, null],
    ['Q3-2020', null, null, null],
    ['', null, null, null],
  ])('%j → %s %s..%s', (raw, label, start, end) => {
    const q = parseQuarter(raw);
    expect(q === null ? [null, null, null] : [q.label, q.start, q.end]).toEqual([
      label,
      start,
      end,
    ]);
  });

  it('finds the quarter of a date', () => {
    expect(quarterOf('2020-09-30')).toBe('2020-Q3');
    expect(quarterOf('2020-10-01')).toBe('2020-Q4');
  });
});
