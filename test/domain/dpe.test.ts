import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyClimate,
  classifyDpe,
  classifyEnergy,
  DPE_COLOURS,
  type DpeLabel,
  dpeThresholds,
  isGPlus,
  isPassoire,
  LABEL_MIDPOINTS,
  labelIndex,
  worseLabel,
} from '../../src/domain/dpe.ts';
import { DPE_LABELS } from '../../src/domain/stock-schema.ts';

describe('classifyEnergy, ordinary bounds', () => {
  it.each<[number, DpeLabel]>([
    [0, 'A'],
    [69.9, 'A'],
    [70, 'B'],
    [109.99, 'B'],
    [110, 'C'],
    [179.99, 'C'],
    [180, 'D'],
    [249.99, 'D'],
    [250, 'E'],
    [329.99, 'E'],
    [330, 'F'],
    [419.99, 'F'],
    [420, 'G'],
    [2000, 'G'],
  ])('%s kWhEP/m² → %s', (ep, label) => {
    expect(classifyEnergy({ epKwhM2: ep, ghgKgM2: 0 })).toBe(label);
  });
});

describe('classifyClimate, ordinary bounds', () => {
  it.each<[number, DpeLabel]>([
    [0, 'A'],
    [5.99, 'A'],
    [6, 'B'],
    [10.99, 'B'],
    [11, 'C'],
    [29.99, 'C'],
    [30, 'D'],
    [49.99, 'D'],
    [50, 'E'],
    [69.99, 'E'],
    [70, 'F'],
    [99.99, 'F'],
    [100, 'G'],
  ])('%s kgCO2eq/m² → %s', (ghg, label) => {
    expect(classifyClimate({ epKwhM2: 0, ghgKgM2: ghg })).toBe(label);
  });
});

describe('classifyDpe takes the worse of the two classes', () => {
  it.each<[number, number, DpeLabel]>([
    [100, 60, 'E'],
    [60, 5, 'A'],
    [400, 5, 'F'],
    [50, 120, 'G'],
    [250, 29, 'E'],
    [69.9, 6, 'B'],
  ])('ep %s, ghg %s → %s', (ep, ghg, label) => {
    expect(classifyDpe({ epKwhM2: ep, ghgKgM2: ghg })).toBe(label);
  });
});

describe('high altitude (above 800 m in H1b, H1c, H2d)', () => {
  it.each<[number, number, boolean, DpeLabel]>([
    [69.9, 0, true, 'A'],
    [249.9, 0, true, 'D'],
    [250, 0, true, 'E'],
    [389.9, 0, true, 'E'],
    [389.9, 0, false, 'F'],
    [390, 0, true, 'F'],
    [499.9, 0, true, 'F'],
    [499.9, 0, false, 'G'],
    [500, 0, true, 'G'],
    [0, 79.9, true, 'E'],
    [0, 79.9, false, 'F'],
    [0, 80, true, 'F'],
    [0, 109.9, true, 'F'],
    [0, 109.9, false, 'G'],
    [0, 110, true, 'G'],
  ])('ep %s, ghg %s, altitude %s → %s', (ep, ghg, highAltitude, label) => {
    expect(classifyDpe({ epKwhM2: ep, ghgKgM2: ghg, highAltitude })).toBe(label);
  });

  it('keeps A..D and raises E and F', () => {
    expect(dpeThresholds({ highAltitude: true })).toEqual({
      energy: [70, 110, 180, 250, 390, 500],
      climate: [6, 11, 30, 50, 80, 110],
    });
  });
});

describe('dpeThresholds for small dwellings (arrêté du 25 mars 2024)', () => {
  const ordinary = { energy: [70, 110, 180, 250, 330, 420], climate: [6, 11, 30, 50, 70, 100] };

  it.each<[string, number | null | undefined, { energy: number[]; climate: number[] }]>([
    ['no surface', undefined, ordinary],
    ['null surface', null, ordinary],
    ['NaN surface', Number.NaN, ordinary],
    ['zero surface', 0, ordinary],
    ['negative surface', -3, ordinary],
    ['40 m²', 40, ordinary],
    ['39.9 m² (rounds to 40)', 39.9, ordinary],
    ['39.5 m² (rounds to 40)', 39.5, ordinary],
    ['120 m²', 120, ordinary],
    [
      '39.4 m² (rounds to 39)',
      39.4,
      { energy: [71, 111, 182, 252, 332, 422], climate: [7, 12, 31, 51, 71, 101] },
    ],
    ['39 m²', 39, { energy: [71, 111, 182, 252, 332, 422], climate: [7, 12, 31, 51, 71, 101] }],
    ['30 m²', 30, { energy: [76, 116, 197, 267, 349, 439], climate: [7, 12, 32, 52, 72, 102] }],
    ['20 m²', 20, { energy: [88, 128, 230, 300, 385, 476], climate: [8, 13, 34, 54, 74, 104] }],
    ['15 m²', 15, { energy: [100, 140, 263, 333, 421, 514], climate: [8, 13, 36, 56, 76, 107] }],
    ['9 m²', 9, { energy: [134, 174, 355, 464, 574, 685], climate: [11, 16, 42, 65, 87, 118] }],
    ['8 m²', 8, { energy: [146, 186, 386, 505, 622, 739], climate: [11, 16, 44, 68, 90, 122] }],
    [
      '5 m² (8 m² row)',
      5,
      { energy: [146, 186, 386, 505, 622, 739], climate: [11, 16, 44, 68, 90, 122] },
    ],
  ])('%s', (_name, surfaceM2, expected) => {
    expect(dpeThresholds({ surfaceM2 })).toEqual(expected);
  });

  it.each<[number, { energy: number[]; climate: number[] }]>([
    [20, { energy: [88, 128, 230, 300, 445, 556], climate: [8, 13, 34, 54, 84, 114] }],
    [8, { energy: [146, 186, 386, 505, 682, 819], climate: [11, 16, 44, 68, 100, 132] }],
    [39, { energy: [71, 111, 182, 252, 392, 502], climate: [7, 12, 31, 51, 81, 111] }],
  ])('%s m² at high altitude', (surfaceM2, expected) => {
    expect(dpeThresholds({ surfaceM2, highAltitude: true })).toEqual(expected);
  });

  it.each<[number, number, number | null, DpeLabel]>([
    [421, 0, 39, 'F'],
    [421, 0, 39.9, 'G'],
    [421, 0, 40, 'G'],
    [421, 0, null, 'G'],
    [262, 35, 15, 'C'],
    [263, 35, 15, 'D'],
    [262, 36, 15, 'D'],
    [738, 121, 8, 'F'],
    [739, 0, 6, 'G'],
  ])('ep %s, ghg %s, %s m² → %s', (ep, ghg, surfaceM2, label) => {
    expect(classifyDpe({ epKwhM2: ep, ghgKgM2: ghg, surfaceM2 })).toBe(label);
  });

  // Guards the transcribed tables: bounds rise along a row, never fall below the ordinary ones
  // and never rise with the surface.
  it('gives ordered bounds, relaxed for small surfaces, non-increasing with surface', () => {
    for (const highAltitude of [false, true]) {
      const base = dpeThresholds({ highAltitude });
      let previous = dpeThresholds({ surfaceM2: 1, highAltitude });
      for (let surfaceM2 = 1; surfaceM2 <= 45; surfaceM2 += 0.5) {
        const current = dpeThresholds({ surfaceM2, highAltitude });
        for (const axis of ['energy', 'climate'] as const) {
          const bounds = current[axis];
          expect(bounds).toHaveLength(6);
          for (let i = 1; i < bounds.length; i++) {
            expect(bounds[i]).toBeGreaterThan(bounds[i - 1] ?? Number.POSITIVE_INFINITY);
          }
          bounds.forEach((bound, i) => {
            expect(bound).toBeGreaterThanOrEqual(base[axis][i] ?? Number.POSITIVE_INFINITY);
            expect(bound).toBeLessThanOrEqual(previous[axis][i] ?? Number.NEGATIVE_INFINITY);
          });
        }
        previous = current;
      }
    }
  });
});

describe('isGPlus (décret n° 2021-19: decent below 450 kWhEF/m²/yr)', () => {
  it.each<[number, boolean]>([
    [0, false],
    [449.9, false],
    [450, true],
    [450.1, true],
    [900, true],
    [Number.NaN, false],
  ])('%s kWhEF/m² → %s', (ef, expected) => {
    expect(isGPlus(ef)).toBe(expected);
  });
});

describe('label helpers', () => {
  it.each<[DpeLabel, number, boolean]>([
    ['A', 0, false],
    ['B', 1, false],
    ['C', 2, false],
    ['D', 3, false],
    ['E', 4, false],
    ['F', 5, true],
    ['G', 6, true],
  ])('%s: index %s, passoire %s', (label, index, passoire) => {
    expect(labelIndex(label)).toBe(index);
    expect(isPassoire(label)).toBe(passoire);
  });

  it.each<[DpeLabel, DpeLabel, DpeLabel]>([
    ['A', 'G', 'G'],
    ['G', 'A', 'G'],
    ['C', 'D', 'D'],
    ['E', 'B', 'E'],
    ['F', 'F', 'F'],
  ])('worseLabel(%s, %s) = %s', (a, b, expected) => {
    expect(worseLabel(a, b)).toBe(expected);
  });
});

describe('DPE_COLOURS', () => {
  it.each<[DpeLabel, string, [number, number, number]]>([
    ['A', '#009C6D', [0, 156, 109]],
    ['D', '#F4E70F', [244, 231, 15]],
    ['G', '#D7221F', [215, 34, 31]],
  ])('%s is %s', (label, hex, rgb) => {
    expect(DPE_COLOURS[label]).toEqual({ hex, rgb });
  });

  it.each(DPE_LABELS)('%s has matching hex and rgb', (label) => {
    const { hex, rgb } = DPE_COLOURS[label];
    expect(hex).toMatch(/^#[0-9A-F]{6}$/);
    const fromRgb = `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    expect(fromRgb.toUpperCase()).toBe(hex);
  });
});

describe('LABEL_MIDPOINTS', () => {
  it.each(DPE_LABELS)('%s is classified as itself', (label) => {
    expect(classifyEnergy({ epKwhM2: LABEL_MIDPOINTS[label], ghgKgM2: 0 })).toBe(label);
  });

  it.each<[DpeLabel, number]>([
    ['A', 35],
    ['B', 90],
    ['C', 145],
    ['D', 215],
    ['E', 290],
    ['F', 375],
    ['G', 500],
  ])('%s is %s', (label, value) => {
    expect(LABEL_MIDPOINTS[label]).toBe(value);
  });
});

describe('properties', () => {
  const amount = fc.double({ min: 0, max: 1500, noNaN: true });
  const options = fc.record({
    surfaceM2: fc.option(fc.double({ min: 1, max: 200, noNaN: true }), { nil: undefined }),
    highAltitude: fc.boolean(),
  });

  it('never improves the label when energy or emissions rise', () => {
    fc.assert(
      fc.property(amount, amount, amount, amount, options, (ep, ghg, dEp, dGhg, opts) => {
        const before = classifyDpe({ epKwhM2: ep, ghgKgM2: ghg, ...opts });
        const after = classifyDpe({ epKwhM2: ep + dEp, ghgKgM2: ghg + dGhg, ...opts });
        expect(labelIndex(after)).toBeGreaterThanOrEqual(labelIndex(before));
      }),
    );
  });

  it('is the worse of the energy and climate classes', () => {
    fc.assert(
      fc.property(amount, amount, options, (ep, ghg, opts) => {
        const input = { epKwhM2: ep, ghgKgM2: ghg, ...opts };
        expect(classifyDpe(input)).toBe(worseLabel(classifyEnergy(input), classifyClimate(input)));
      }),
    );
  });
});
