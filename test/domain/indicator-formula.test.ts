import { describe, expect, it } from 'vitest';
import {
  collectSums,
  divide,
  type Formula,
  formulaValue,
  orZero,
  ratio,
  sumName,
  sumOf,
} from '../../src/domain/indicator-formula.ts';

describe('formula values in JavaScript', () => {
  it('follows the null rules of the SQL', () => {
    const share: Formula = ratio(sumOf('f', { kind: 'weight' }), sumOf('l', { kind: 'weight' }));
    expect(formulaValue(share, { f: 3, l: 4 })).toBe(0.75);
    expect(formulaValue(share, { f: 3, l: 0 })).toBeNull();
    expect(formulaValue(share, { f: null, l: 4 })).toBeNull();
    expect(formulaValue(share, { f: 3 })).toBeNull();
    expect(formulaValue(orZero(sumOf('f', { kind: 'weight' })), {})).toBe(0);
    expect(formulaValue(divide(sumOf('e', { kind: 'rows' }), 1e6), { e: 2e6 })).toBe(2);
  });

  it('refuses two different sums under one name', () => {
    const a = sumOf('w', { kind: 'weight' });
    expect(collectSums([a, ratio(a, a)]).map((sum) => sum.name)).toEqual(['w']);
    expect(() => collectSums([a, sumOf('w', { kind: 'rows' })])).toThrow(RangeError);
  });

  it('names a sum, and only a sum', () => {
    expect(sumName(sumOf('w_fg', { kind: 'weight' }))).toBe('w_fg');
    expect(() => sumName(orZero(sumOf('w', { kind: 'weight' })))).toThrow(RangeError);
  });
});
