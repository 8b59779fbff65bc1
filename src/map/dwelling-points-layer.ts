import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Table } from 'apache-arrow';
import { DPE_COLOURS } from '../domain/dpe.ts';
import { DPE_LABELS } from '../domain/stock-schema.ts';
import type { TerritoryFeature, TerritoryProperties } from './territory-layer.ts';

/** Stable id of the dwelling points. */
const DWELLING_POINTS_LAYER_ID = 'dwelling-points';
/** Stable id of the light veil drawn over the commune under its points. */
export const DWELLING_POINTS_VEIL_LAYER_ID = 'dwelling-points-veil';

/** Points as typed arrays: interleaved lon/lat and RGBA per point, as deck.gl binary attributes. */
export interface DwellingPoints {
  length: number;
  positions: Float64Array;
  colours: Uint8Array;
}

/** RGBA of each `label_index` (`dwelling-points-sql.ts`): A … G, then grey for no label. */
const PALETTE = Uint8Array.from([
  ...DPE_LABELS.flatMap((label) => [...DPE_COLOURS[label].rgb, 230]),
  120,
  120,
  120,
  200,
]);

/** The values of a column, batch after batch, as one typed array (a view when there is one batch). */
function columnValues<T extends Float64Array | Uint8Array>(
  parts: readonly (T | undefined)[],
  make: (length: number) => T,
): T {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const out = make(parts.reduce((n, part) => n + (part?.length ?? 0), 0));
  let at = 0;
  for (const part of parts) {
    if (part === undefined) continue;
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Reads the result of `dwellingPointsSql` into deck.gl's binary attributes without one object per
 * row: the interleaved positions are Arrow's own buffers (copied only to join record batches), the
 * colours one palette lookup per point in a typed-array loop.
 */
export function readDwellingPoints(table: Table): DwellingPoints {
  const length = table.numRows;
  const positions = columnValues(
    (table.getChild('position')?.data ?? []).map((data) => {
      const values = data.children[0]?.values as Float64Array | undefined;
      return values?.subarray(data.offset * 2, (data.offset + data.length) * 2);
    }),
    (n) => new Float64Array(n),
  );
  const labels = columnValues(
    (table.getChild('label_index')?.data ?? []).map((data) =>
      (data.values as Uint8Array).subarray(data.offset, data.offset + data.length),
    ),
    (n) => new Uint8Array(n),
  );
  const colours = new Uint8Array(length * 4);
  const last = PALETTE.length / 4 - 1;
  for (let i = 0; i < length; i++) {
    const from = Math.min(labels[i] ?? last, last) * 4;
    colours[i * 4] = PALETTE[from] ?? 0;
    colours[i * 4 + 1] = PALETTE[from + 1] ?? 0;
    colours[i * 4 + 2] = PALETTE[from + 2] ?? 0;
    colours[i * 4 + 3] = PALETTE[from + 3] ?? 0;
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
