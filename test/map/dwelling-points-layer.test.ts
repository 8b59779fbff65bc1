import { describe, expect, it } from 'vitest';
import { startNodeWasm } from '../../scripts/lib/node-wasm.ts';
import { DPE_COLOURS } from '../../src/domain/dpe.ts';
import {
  createPointsVeilLayer,
  DWELLING_POINTS_VEIL_LAYER_ID,
  readDwellingPoints,
} from '../../src/map/dwelling-points-layer.ts';
import type { TerritoryFeature } from '../../src/map/territory-layer.ts';
import { dwellingPointsSql } from '../../src/sql/dwelling-points-sql.ts';
import { STOCK_TABLE } from '../../src/sql/tables.ts';

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
  it('reads the points query of DuckDB-WASM into typed arrays, grey when unlabelled', async () => {
    const wasm = await startNodeWasm();
    wasm.rawQuery(`CREATE TABLE ${STOCK_TABLE} AS SELECT * FROM (VALUES
      ('d', '36044', 'G', 1.69, 46.81), ('d', '36044', NULL, 1.7, 46.8),
      ('d', '36044', 'B', NULL, NULL), ('d', '36045', 'A', 1.5, 46.5), ('e', '36044', 'A', 1.5, 46.5)
    ) AS t(dataset, code_commune, dpe_label, lon, lat)`);
    // Several record batches, as DuckDB answers large results.
    wasm.rawQuery(`INSERT INTO ${STOCK_TABLE}
      SELECT 'd', '36044', 'C', 1.6 + i / 1e6, 46.6, FROM range(5000) AS r(i)`);
    const table = wasm.appQuery(
      `${dwellingPointsSql({ dataset: 'd' }, '36044')} ORDER BY position[1]`,
    );
    expect(table.batches.length).toBeGreaterThan(1);
    const points = readDwellingPoints(table);
    expect(points.length).toBe(5002);
    expect(points.positions).toBeInstanceOf(Float64Array);
    expect([...points.positions.subarray(-4)]).toEqual([1.69, 46.81, 1.7, 46.8]);
    expect([...points.colours.subarray(0, 4)]).toEqual([...DPE_COLOURS.C.rgb, 230]);
    expect([...points.colours.subarray(-8, -4)]).toEqual([...DPE_COLOURS.G.rgb, 230]);
    expect([...points.colours.subarray(-4)]).toEqual([120, 120, 120, 200]);
  });

  it('veils only the commune whose points are drawn', () => {
    const veil = createPointsVeilLayer(COMMUNE);
    expect(veil.id).toBe(DWELLING_POINTS_VEIL_LAYER_ID);
    expect(veil.props.data).toEqual([COMMUNE]);
    expect(createPointsVeilLayer(null).props.data).toEqual([]);
  });
});
