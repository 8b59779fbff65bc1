import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Table } from 'apache-arrow';
import { DPE_COLOURS } from '../domain/dpe.ts';
import { DPE_LABELS, type DpeLabel } from '../domain/stock-schema.ts';
import type { TerritoryFeature, TerritoryProperties } from './territory-layer.ts';

/** Stable id of the dwelling points. */
export const DWELLING_POINTS_LAYER_ID = 'dwelling-points';
/** Stable id of the light veil drawn over the commune under its points. */
export const DWELLING_POINTS_VEIL_LAYER_ID = 'dwelling-points-veil';

/** Points as typed arrays: interleaved lon/lat and RGBA per point, as deck.gl binary attributes. */
export interface DwellingPoints {
  length: number;
  positions: Float64Array;
  colours: Uint8Array;
}

const UNLABELLED: readonly number[] = [120, 120, 120, 200];

function labelColour(label: unknown): readonly number[] {
  if (typeof label === 'string' && (DPE_LABELS as readonly string[]).includes(label)) {
    const [r, g, b] = DPE_COLOURS[label as DpeLabel].rgb;
    return [r, g, b, 230];
  }
  return UNLABELLED;
}

/**
 * Reads the `lon`, `lat` and `dpe_label` columns of an Arrow result into typed arrays, without one
 * object per row.
 */
export function readDwellingPoints(table: Table): DwellingPoints {
  const length = table.numRows;
  const lon = table.getChild('lon')?.toArray() as Float64Array | undefined;
  const lat = table.getChild('lat')?.toArray() as Float64Array | undefined;
  const labels = table.getChild('dpe_label');
  const positions = new Float64Array(length * 2);
  const colours = new Uint8Array(length * 4);
  for (let i = 0; i < length; i++) {
    positions[i * 2] = lon?.[i] ?? 0;
    positions[i * 2 + 1] = lat?.[i] ?? 0;
    colours.set(labelColour(labels?.get(i)), i * 4);
  }
  return { length, positions, colours };
}

/** One dot per located stock row, in the official colour of its DPE label. */
export function createDwellingPointsLayer(points: DwellingPoints): ScatterplotLayer {
  return new ScatterplotLayer({
    id: DWELLING_POINTS_LAYER_ID,
    data: {
      length: points.length,
      attributes: {
        getPosition: { value: points.positions, size: 2 },
        getFillColor: { value: points.colours, size: 4, normalized: true },
      },
    },
    radiusUnits: 'pixels',
    getRadius: 3,
    stroked: true,
    // A dark rim keeps light labels (C, D) visible on the veil and every label on any fill.
    getLineColor: [30, 30, 30, 220],
    lineWidthUnits: 'pixels',
    getLineWidth: 0.75,
    pickable: false,
  });
}

/**
 * A light veil over the commune whose points are drawn: without it, points of labels F and G
 * vanish into a red choropleth fill (and D into a yellow one). The fill stays faintly visible.
 */
export function createPointsVeilLayer(
  commune: TerritoryFeature | null,
): GeoJsonLayer<TerritoryProperties> {
  return new GeoJsonLayer<TerritoryProperties>({
    id: DWELLING_POINTS_VEIL_LAYER_ID,
    data: commune ? [commune] : [],
    filled: true,
    stroked: false,
    getFillColor: [255, 255, 255, 190],
    pickable: false,
  });
}
