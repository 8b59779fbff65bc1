import { describe, expect, it } from 'vitest';
import type { TerritoryCollection } from '../../../src/map/territory-layer.ts';
import { closeRing, territoriesInPolygon } from '../../../src/views/targeting/polygon-selection.ts';

const square = (code: string, x: number, y: number, size = 1) => ({
  type: 'Feature' as const,
  properties: { code, nom: `Commune ${code}` },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  },
});

// Centroids (turf.centroid: mean of the vertices, the closing one left out): A (0.5, 0.5),
// B (2.5, 0.5), C (2, 4), D (10.5, 10.5).
const COLLECTION: TerritoryCollection = {
  type: 'FeatureCollection',
  features: [square('A', 0, 0), square('B', 2, 0), square('C', 0, 2, 4), square('D', 10, 10)],
};

describe('closeRing', () => {
  it('closes the ring and drops repeated clicks (a double-click adds the last vertex twice)', () => {
    expect(
      closeRing([
        [0, 0],
        [3, 0],
        [3, 3],
        [3, 3],
      ]),
    ).toEqual([
      [0, 0],
      [3, 0],
      [3, 3],
      [0, 0],
    ]);
  });

  it('refuses fewer than three distinct vertices, in French', () => {
    expect(() =>
      closeRing([
        [0, 0],
        [1, 1],
        [1, 1],
      ]),
    ).toThrow('Un polygone demande au moins 3 sommets distincts (2 cliqués).');
  });
});

describe('territoriesInPolygon', () => {
  it('keeps a territory when its centroid is inside, even if its contour overflows', () => {
    // C overlaps the polygon (y 2..3.2) but its centroid (2, 4) is outside.
    const ring: [number, number][] = [
      [0, 0],
      [3.2, 0],
      [3.2, 3.2],
      [0, 3.2],
      [0, 0],
    ];
    expect(territoriesInPolygon(COLLECTION, ring)).toEqual(['A', 'B']);
  });

  it('counts a centroid on the boundary as inside', () => {
    const ring: [number, number][] = [
      [0.5, 0],
      [1, 0],
      [1, 1],
      [0.5, 1],
      [0.5, 0],
    ];
    expect(territoriesInPolygon(COLLECTION, ring)).toEqual(['A']);
  });
});
