import { describe, expect, it } from 'vitest';
import type { EpciBreakdown } from '../../src/domain/programme-kpis.ts';
import type { EpciCollection, EpciFeature } from '../../src/domain/territory.ts';
import { createQuantileScale, hexToRgba, NO_DATA_COLOUR } from '../../src/map/colour-scale.ts';
import {
  ADOPTING_OUTLINE_LAYER_ID,
  ADOPTION_COLOURS,
  adoptionFillColour,
  adoptionLegend,
  buildSymbolData,
  COVERAGE_FILL_LAYER_ID,
  COVERAGE_RATES,
  computeRepresentativePoints,
  createAdoptingOutlineLayer,
  createCoverageFillLayer,
  createProgrammeSymbolLayer,
  createSymbolScale,
  niceFloor,
  PROGRAMME_SYMBOL_LAYER_ID,
  RATE_PALETTE,
  rateFillColour,
  rateLegend,
} from '../../src/map/programme-layers.ts';

const ring = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

const square = (code: string, x: number): EpciFeature => ({
  type: 'Feature',
  properties: { code, nom: `EPCI ${code}`, type: 'CC' },
  geometry: { type: 'Polygon', coordinates: [ring(x, 45, 1)] },
});

/** A C-shaped polygon whose bounding-box centre (1.5, 46.5) lies outside it. */
const cShape: EpciFeature = {
  type: 'Feature',
  properties: { code: '200000003', nom: 'EPCI en C', type: 'CC' },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [0, 45],
        [3, 45],
        [3, 46],
        [1, 46],
        [1, 47],
        [3, 47],
        [3, 48],
        [0, 48],
        [0, 45],
      ],
    ],
  },
};

/** A small island far away and a large main part. */
const withIsland: EpciFeature = {
  type: 'Feature',
  properties: { code: '200000004', nom: 'EPCI insulaire', type: 'CA' },
  geometry: { type: 'MultiPolygon', coordinates: [[ring(-5, 48, 0.1)], [ring(2, 43, 2)]] },
};

const row = (siren: string, patch: Partial<EpciBreakdown> = {}): EpciBreakdown => ({
  siren_epci: siren,
  nom_epci: null,
  adopting: true,
  code_region: '24',
  date_adoption: '2019-06-01',
  operateur: 'Opérateur',
  territories: 1,
  carnets: 0,
  works: 0,
  conversion: null,
  fg_dwellings: null,
  penetration: null,
  ...patch,
});

function inside(point: [number, number], feature: EpciFeature): boolean {
  const [x, y] = point;
  const geometry = feature.geometry;
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  return polygons.some((polygon) => {
    const outer = polygon[0] ?? [];
    let crossings = 0;
    for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
      const [xi = 0, yi = 0] = outer[i] ?? [];
      const [xj = 0, yj = 0] = outer[j] ?? [];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) crossings++;
    }
    return crossings % 2 === 1;
  });
}

describe('computeRepresentativePoints', () => {
  it('puts one point inside each EPCI, in the largest part of a multipolygon', () => {
    const collection: EpciCollection = {
      type: 'FeatureCollection',
      features: [square('200000001', 0), cShape, withIsland],
    };
    const points = computeRepresentativePoints(collection);
    expect([...points.keys()]).toEqual(['200000001', '200000003', '200000004']);
    expect(points.get('200000001')).toEqual([0.5, 45.5]);
    for (const feature of collection.features) {
      const point = points.get(feature.properties.code);
      expect(point && inside(point, feature)).toBe(true);
    }
    const island = points.get('200000004');
    expect(island?.[0]).toBeGreaterThanOrEqual(2);
    expect(island?.[1]).toBeLessThanOrEqual(45);
  });
});

describe('createSymbolScale', () => {
  it('makes areas proportional to counts', () => {
    const scale = createSymbolScale([100, 400, 2500, 0], 30);
    expect(scale.maxCount).toBe(2500);
    expect(scale.radius(2500)).toBe(30);
    expect(scale.radius(625)).toBeCloseTo(15, 12);
    expect(scale.radius(100)).toBeCloseTo(6, 12);
    expect(scale.radius(0)).toBe(0);
    // Area ratio equals count ratio.
    expect((scale.radius(400) / scale.radius(100)) ** 2).toBeCloseTo(4, 12);
  });

  it('gives round reference circles near the maximum, a fifth and a twenty-fifth of it', () => {
    const scale = createSymbolScale([3412, 12]);
    expect(scale.references.map((r) => r.value)).toEqual([3000, 500, 100]);
    expect(scale.references[0]?.label).toBe('3\u202f000');
    expect(scale.references[0]?.radius).toBeCloseTo(26 * Math.sqrt(3000 / 3412), 12);
    expect(createSymbolScale([3]).references.map((r) => r.value)).toEqual([3]);
    expect(createSymbolScale([]).references).toEqual([]);
  });

  it('rounds down to 1, 2, 3 or 5 × 10^k', () => {
    expect([0.5, 1, 1.9, 2, 2.99, 4, 7, 10, 49, 120, 999, 5000].map(niceFloor)).toEqual([
      0, 1, 1, 2, 2, 3, 5, 10, 30, 100, 500, 5000,
    ]);
  });
});

describe('buildSymbolData', () => {
  it('keeps EPCI with a point and a positive count, largest first', () => {
    const points = new Map<string, [number, number]>([
      ['A', [1, 45]],
      ['B', [2, 45]],
      ['C', [3, 45]],
    ]);
    const rows = [
      row('A', { carnets: 10, works: 2 }),
      row('B', { carnets: 50, works: 0 }),
      row('C', { carnets: 10, works: 1 }),
      row('D', { carnets: 99, works: 9 }),
    ];
    expect(buildSymbolData(rows, points, 'carnets')).toEqual([
      { code: 'B', position: [2, 45], count: 50 },
      { code: 'A', position: [1, 45], count: 10 },
      { code: 'C', position: [3, 45], count: 10 },
    ]);
    expect(buildSymbolData(rows, points, 'works').map((d) => d.code)).toEqual(['A', 'C']);
  });
});

describe('coverage fills and legends', () => {
  it('colours adoption in three categories and counts them in the legend', () => {
    expect(adoptionFillColour(row('A'))).toEqual(hexToRgba(ADOPTION_COLOURS.adopting));
    expect(adoptionFillColour(row('B', { adopting: false, carnets: 3 }))).toEqual(
      hexToRgba(ADOPTION_COLOURS.carnetsWithoutAdoption),
    );
    expect(adoptionFillColour(undefined)).toEqual(hexToRgba(ADOPTION_COLOURS.notAdopting));
    const legend = adoptionLegend([row('A'), row('B'), row('C', { adopting: false, carnets: 2 })]);
    expect(legend.map((e) => e.label)).toEqual([
      'EPCI adhérent (2)',
      'Carnets hors territoire adhérent (1 EPCI)',
      'EPCI non adhérent',
    ]);
  });

  it('colours a rate for adopting EPCI only, grey without value', () => {
    const rate = COVERAGE_RATES.conversion;
    const rows = [
      row('A', { carnets: 10, works: 1, conversion: 0.1 }),
      row('B', { carnets: 10, works: 3, conversion: 0.3 }),
      row('C'),
    ];
    const scale = createQuantileScale(
      rows.map((r) => rate.value(r)),
      { classes: 2, palette: RATE_PALETTE, roundBreak: rate.roundBreak },
    );
    expect(rateFillColour(rows[2], rate, scale)).toEqual(hexToRgba(NO_DATA_COLOUR));
    expect(
      rateFillColour(row('D', { adopting: false, carnets: 5, conversion: 0.9 }), rate, scale),
    ).toEqual(hexToRgba(ADOPTION_COLOURS.notAdopting));
    expect(rateFillColour(rows[0], rate, scale)).not.toEqual(rateFillColour(rows[1], rate, scale));
    const legend = rateLegend(rate, scale);
    expect(legend.map((e) => e.label)).toEqual([
      '10,0\u00a0% à moins de 20,0\u00a0%',
      '20,0\u00a0% à 30,0\u00a0%',
      'Adhérent, sans valeur',
      'EPCI non adhérent',
    ]);
  });

  it('formats penetration with one decimal', () => {
    expect(COVERAGE_RATES.penetration.format(12.345)).toBe('12,3');
    expect(COVERAGE_RATES.penetration.value(row('A', { penetration: 4 }))).toBe(4);
  });
});

describe('layer factories', () => {
  it('keep stable ids and recolour through update triggers', () => {
    const data: EpciCollection = { type: 'FeatureCollection', features: [square('A', 0)] };
    const fill = createCoverageFillLayer({ data, fillColours: new Map(), version: 'adoption:1' });
    expect(fill.id).toBe(COVERAGE_FILL_LAYER_ID);
    expect(fill.props.updateTriggers).toEqual({ getFillColor: ['adoption:1'] });
    const outline = createAdoptingOutlineLayer(data.features, '1');
    expect(outline.id).toBe(ADOPTING_OUTLINE_LAYER_ID);
    expect(outline.props.filled).toBe(false);
    const scale = createSymbolScale([100]);
    const symbols = createProgrammeSymbolLayer({
      data: [{ code: 'A', position: [0.5, 45.5], count: 25 }],
      scale,
      symbol: 'works',
      version: 'works:1',
    });
    expect(symbols.id).toBe(PROGRAMME_SYMBOL_LAYER_ID);
    expect(symbols.props.radiusUnits).toBe('pixels');
    const getRadius = symbols.props.getRadius as (d: { count: number }) => number;
    expect(getRadius({ count: 25 })).toBeCloseTo(13, 12);
  });
});
