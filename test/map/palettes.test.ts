import { describe, expect, it } from 'vitest';
import { DEFAULT_PALETTE_ID, isPaletteId } from '../../src/domain/classification.ts';
import { MAP_BACKGROUND } from '../../src/map/offline-style.ts';
import { getPalette, MAX_CLASSES, PALETTES, paletteColours } from '../../src/map/palettes.ts';

/** CIELAB (D65) of a `#rrggbb` colour. */
function lab(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map((channel) => {
    const s = channel / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function deltaE(a: string, b: string): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

const counts = Array.from({ length: MAX_CLASSES }, (_, i) => i + 1);

describe('paletteColours', () => {
  it('gives the requested number of distinct hex colours, light to dark', () => {
    for (const palette of PALETTES) {
      for (const count of counts) {
        const colours = paletteColours(palette.id, count);
        expect(colours).toHaveLength(count);
        expect(colours.every((colour) => /^#[0-9a-f]{6}$/.test(colour))).toBe(true);
        expect(new Set(colours).size).toBe(count);
        const lightness = colours.map((colour) => lab(colour)[0]);
        expect(lightness).toEqual([...lightness].sort((a, b) => b - a));
      }
    }
  });

  it('keeps the published ColorBrewer schemes and the continuous ends', () => {
    const blues = getPalette('blues').colours as Readonly<Record<number, readonly string[]>>;
    for (const count of [3, 4, 5, 6, 7, 8, 9]) {
      expect(paletteColours('blues', count)).toEqual(blues[count]);
    }
    expect(paletteColours('blues', 2)).toEqual([blues[3]?.[0], blues[3]?.[2]]);
    expect(paletteColours('blues', 1)).toEqual([blues[3]?.[1]]);
    const stops = getPalette('viridis').colours as readonly string[];
    expect(stops).toHaveLength(9);
    expect(paletteColours('viridis', 2)).toEqual([stops[0], stops[8]]);
    expect(paletteColours('viridis', 9)).toEqual(stops);
  });

  it('gives each class the same colour whatever the count, where the stops coincide', () => {
    // 3 and 5 classes fall on the stops of 9: a class keeps its colour when the count changes.
    const nine = paletteColours('cividis', 9);
    expect(paletteColours('cividis', 3)).toEqual([nine[0], nine[4], nine[8]]);
    expect(paletteColours('cividis', 5)).toEqual([nine[0], nine[2], nine[4], nine[6], nine[8]]);
  });

  it('refuses a class count it cannot colour', () => {
    expect(() => paletteColours('viridis', 0)).toThrow(RangeError);
    expect(() => paletteColours('blues', 10)).toThrow(RangeError);
    expect(() => paletteColours('blues', 2.5)).toThrow(RangeError);
  });
});

describe('PALETTES', () => {
  it('have a no-data grey far from every class colour and from the map background', () => {
    for (const palette of PALETTES) {
      const colours = counts.flatMap((count) => paletteColours(palette.id, count));
      const nearest = Math.min(...colours.map((colour) => deltaE(colour, palette.noDataColour)));
      expect(nearest).toBeGreaterThanOrEqual(20);
      expect(deltaE(palette.noDataColour, MAP_BACKGROUND)).toBeGreaterThanOrEqual(15);
    }
  });

  it('are named in French and found by id', () => {
    expect(PALETTES.map((palette) => palette.label)).toEqual([
      'Jaune-orange-rouge',
      'Bleus',
      'Viridis',
      'Cividis',
    ]);
    expect(DEFAULT_PALETTE_ID).toBe('ylorrd');
    expect(getPalette('cividis').kind).toBe('stops');
    expect(isPaletteId('viridis')).toBe(true);
    expect(isPaletteId('rainbow')).toBe(false);
  });
});
