import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DpeNumberSet } from '../../src/ingest/dpe-number-set.ts';

const ademeNumber = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 9_999_999 }),
    fc.integer({ min: 0, max: 25 }),
  )
  .map(
    ([year, letter, serial, check]) =>
      `${String(year).padStart(4, '0')}${String.fromCharCode(65 + letter)}${String(serial).padStart(7, '0')}${String.fromCharCode(65 + check)}`,
  );

describe('DpeNumberSet', () => {
  it('behaves as a set of strings, ADEME-shaped or not, through growth (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(ademeNumber, ademeNumber, fc.string({ maxLength: 18 })), {
          maxLength: 3000,
        }),
        (numbers) => {
          const set = new DpeNumberSet();
          const reference = new Set<string>();
          for (const numero of numbers) {
            expect(set.add(numero)).toBe(!reference.has(numero));
            reference.add(numero);
          }
          expect(set.size).toBe(reference.size);
          for (const numero of numbers) expect(set.has(numero)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('tells apart numbers that differ in one place only', () => {
    const set = new DpeNumberSet();
    expect(set.add('2469N0892797M')).toBe(true);
    for (const other of ['2469N0892797N', '2469M0892797M', '2468N0892797M', '2469N0892798M']) {
      expect(set.has(other)).toBe(false);
    }
    expect(set.add('2469N0892797M')).toBe(false);
    expect(set.has('2469n0892797M')).toBe(false);
  });
});
