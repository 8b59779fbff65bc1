import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../src/ingest/parse-number.ts';

describe('parseDecimal', () => {
  it.each<[string, number | null]>([
    ['69.0', 69],
    ['69,0', 69],
    [' 69 ', 69],
    ['-3,25', -3.25],
    ['+4', 4],
    ['.5', 0.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234\u202f567,25', 1234567.25],
    ['1e3', 1000],
    ['2,5E-1', 0.25],
    ['00012', 12],
    ['', null],
    ['   ', null],
  ])('%j → %s', (raw, expected) => {
    expect(parseDecimal(raw)).toBe(expected);
  });

  it.each(['abc', '12 kWh', '1.234,5', '1,234.5', '0x1A', '0b11', '0o17', 'Infinity', '-', '1 23'])(
    '%j is not a number (NaN, not null)',
    (raw) => {
      expect(parseDecimal(raw)).toBeNaN();
    },
  );

  it('reads back any finite double written with a dot or a comma (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        (value, comma) => {
          const text = comma ? String(value).replace('.', ',') : String(value);
          expect(parseDecimal(text)).toBe(value === 0 ? 0 : value);
        },
      ),
    );
  });
});
