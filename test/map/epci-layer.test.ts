import { describe, expect, it } from 'vitest';
import { hexToRgba, NO_DATA_COLOUR, type Rgba } from '../../src/map/colour-scale.ts';
import {
  createEpciLayer,
  createEpciSelectionLayer,
  EPCI_LAYER_ID,
  type EpciCollection,
  type EpciFeature,
} from '../../src/map/epci-layer.ts';

const square = (code: string, x: number): EpciFeature => ({
  type: 'Feature',
  properties: { code, nom: `EPCI ${code}`, type: 'CC' },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, 45],
        [x + 1, 45],
        [x + 1, 46],
        [x, 46],
        [x, 45],
      ],
    ],
  },
});

const DATA: EpciCollection = {
  type: 'FeatureCollection',
  features: [square('200000001', 0), square('200000002', 1)],
};

describe('createEpciLayer', () => {
  it('has a stable id and colours features from the code map, grey when absent', () => {
    const red: Rgba = [200, 0, 0, 255];
    const layer = createEpciLayer({
      data: DATA,
      fillColours: new Map([['200000001', red]]),
      metric: 'fg_share',
      version: 1,
    });
    expect(layer.id).toBe(EPCI_LAYER_ID);
    expect(layer.props.pickable).toBe(true);
    const getFillColor = layer.props.getFillColor as (feature: EpciFeature) => Rgba;
    expect(getFillColor(DATA.features[0] as EpciFeature)).toEqual(red);
    expect(getFillColor(DATA.features[1] as EpciFeature)).toEqual(hexToRgba(NO_DATA_COLOUR));
  });

  it('recolours through updateTriggers on metric and version, keeping the same data', () => {
    const first = createEpciLayer({
      data: DATA,
      fillColours: new Map(),
      metric: 'fg_share',
      version: 1,
    });
    const second = createEpciLayer({
      data: DATA,
      fillColours: new Map(),
      metric: 'mean_ep',
      version: 2,
    });
    expect(first.props.updateTriggers).toEqual({ getFillColor: ['fg_share', 1] });
    expect(second.props.updateTriggers).toEqual({ getFillColor: ['mean_ep', 2] });
    expect(second.props.data).toBe(first.props.data);
    expect(second.id).toBe(first.id);
  });
});

describe('createEpciSelectionLayer', () => {
  it('outlines only the selected EPCI', () => {
    const selected = DATA.features[1] as EpciFeature;
    expect(createEpciSelectionLayer(selected).props.data).toEqual([selected]);
    expect(createEpciSelectionLayer(null).props.data).toEqual([]);
  });
});
