import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DPE_COLOURS } from '../../src/domain/dpe.ts';
import {
  createPointsVeilLayer,
  DWELLING_POINTS_VEIL_LAYER_ID,
  readDwellingPoints,
} from '../../src/map/dwelling-points-layer.ts';
import type { TerritoryFeature } from '../../src/map/territory-layer.ts';

const COMMUNE: TerritoryFeature = {
  type: 'Feature',
  properties: { code: '36044', nom: 'Châteauroux' },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [1.6, 46.7],
        [1.8, 46.7],
        [1.8, 46.9],
        [1.6, 46.7],
      ],
    ],
  },
};

describe('dwelling points', () => {
  it('reads positions and label colours into typed arrays, grey when unlabelled', () => {
    const table = tableFromArrays({
      lon: Float64Array.from([1.69, 1.7]),
      lat: Float64Array.from([46.81, 46.8]),
      dpe_label: ['G', null],
    });
    const points = readDwellingPoints(table);
    expect(points.length).toBe(2);
    expect([...points.positions]).toEqual([1.69, 46.81, 1.7, 46.8]);
    expect([...points.colours.subarray(0, 4)]).toEqual([...DPE_COLOURS.G.rgb, 230]);
    expect([...points.colours.subarray(4, 8)]).toEqual([120, 120, 120, 200]);
  });

  it('veils only the commune whose points are drawn', () => {
    const veil = createPointsVeilLayer(COMMUNE);
    expect(veil.id).toBe(DWELLING_POINTS_VEIL_LAYER_ID);
    expect(veil.props.data).toEqual([COMMUNE]);
    expect(createPointsVeilLayer(null).props.data).toEqual([]);
  });
});
