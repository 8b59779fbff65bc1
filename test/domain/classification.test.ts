import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLASSIFICATION_METHOD,
  DEFAULT_PALETTE_ID,
  isClassificationMethod,
  isPaletteId,
} from '../../src/domain/classification.ts';
import { CLASSIFICATION_METHODS } from '../../src/map/class-breaks.ts';
import { PALETTES } from '../../src/map/palettes.ts';

describe('classification vocabulary', () => {
  it('knows exactly the methods and palettes that map/ names and draws', () => {
    expect(
      CLASSIFICATION_METHODS.map((method) => method.id).filter(isClassificationMethod),
    ).toEqual(['quantile', 'jenks', 'fixed']);
    expect(PALETTES.map((palette) => palette.id).filter(isPaletteId)).toEqual([
      'ylorrd',
      'blues',
      'viridis',
      'cividis',
    ]);
    expect(isClassificationMethod('equal')).toBe(false);
    expect(isPaletteId('rainbow')).toBe(false);
    expect(isPaletteId('__proto__')).toBe(false);
  });

  it('defaults to quantiles on the first view palette', () => {
    expect(DEFAULT_CLASSIFICATION_METHOD).toBe('quantile');
    expect(DEFAULT_PALETTE_ID).toBe(PALETTES[0]?.id);
  });
});
