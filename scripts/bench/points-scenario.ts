/**
 * The `points` scenario (issue 16): a commune of N located DPE, as an import of 1M observed DPE
 * with coordinates gives at commune level, read for the point map. `app`: the app's query
 * (`dwellingPointsSql`), its Arrow result read into deck.gl binary attributes
 * (`readDwellingPoints`, no per-row object) and the layer made (`createDwellingPointsLayer`);
 * `wasm_raw`: the same query alone; `js`: the same result as one object per point read through
 * accessors, which is what deck.gl does on the CPU for a layer whose data are objects. The GPU
 * upload is not timed (under SwiftShader it says nothing about a real GPU). Runs in Node and in
 * the Chromium page: no Node import.
 */
import type { Table } from 'apache-arrow';
import { DPE_COLOURS } from '../../src/domain/dpe.ts';
import { STOCK_COLUMN_KINDS } from '../../src/domain/stock-schema.ts';
import {
  createDwellingPointsLayer,
  readDwellingPoints,
} from '../../src/map/dwelling-points-layer.ts';
import { dwellingPointsSql } from '../../src/sql/dwelling-points-sql.ts';
import { insertImportedStockSql } from '../../src/sql/imported-stock-sql.ts';
import { IMPORTED_STOCK_TABLE } from '../../src/sql/tables.ts';
import type { PathRunners } from './scenario-core.ts';

/** Dataset of the points. */
const POINTS_DATASET = 'bench_points';
/** The commune holding them (Paris). */
const POINTS_COMMUNE = '75056';

/** Values of the generated points; `i` is the row number. */
const GENERATED: Partial<Record<string, string>> = {
  code_commune: `'${POINTS_COMMUNE}'`,
  code_departement: "'75'",
  code_region: "'11'",
  dpe_label: 'CASE WHEN i % 50 = 0 THEN NULL ELSE chr(65 + (i % 7)::INTEGER) END',
  label_source: "'observed'",
  weight: '1',
  // A deterministic scatter over Paris.
  lon: '2.25 + ((i * 7919) % 100003) / 100003 * 0.17',
  lat: '48.815 + ((i * 104729) % 99991) / 99991 * 0.085',
};

/** Statements that replace the points dataset by `points` rows of the imported datasets. */
export function pointsSetupSql(points: number): string[] {
  const columns = STOCK_COLUMN_KINDS.map(([name, kind]) => {
    const value = GENERATED[name] ?? (kind === 'number' ? 'NULL::DOUBLE' : 'NULL::VARCHAR');
    return `${name === 'dataset' ? `'${POINTS_DATASET}'` : value} AS ${name}`;
  });
  return [
    `DELETE FROM ${IMPORTED_STOCK_TABLE} WHERE dataset = '${POINTS_DATASET}'`,
    insertImportedStockSql({
      dataset: POINTS_DATASET,
      staging: `(SELECT ${columns.join(', ')} FROM range(${points}) AS r(i))`,
    }),
  ];
}

/** The app's query of the scenario. */
const POINTS_SQL = dwellingPointsSql({ dataset: POINTS_DATASET }, POINTS_COMMUNE);

/** The label colours of the plain-JS alternative, one array per label as a deck.gl accessor returns. */
const OBJECT_COLOURS: Record<string, number[]> = Object.fromEntries(
  Object.entries(DPE_COLOURS).map(([label, { rgb }]) => [label, [...rgb, 230]]),
);
const GREY = [120, 120, 120, 200];
const LETTERS = 'ABCDEFG';

/** One point as an object, as a layer fed with row objects receives it. */
interface PointObject {
  position: [number, number];
  label: string | null;
}

/** Per-row objects and accessors: what deck.gl computes on the CPU for object data. */
function objectPoints(table: Table): number {
  const points: PointObject[] = table.toArray().map((row) => {
    const position = row.position.toArray() as Float64Array;
    const index = Number(row.label_index);
    return { position: [position[0] ?? 0, position[1] ?? 0], label: LETTERS[index] ?? null };
  });
  const getPosition = (p: PointObject) => p.position;
  const getFillColor = (p: PointObject) => (p.label === null ? GREY : OBJECT_COLOURS[p.label]);
  const positions = new Float64Array(points.length * 2);
  const colours = new Uint8Array(points.length * 4);
  points.forEach((point, k) => {
    positions.set(getPosition(point), k * 2);
    colours.set(getFillColor(point) ?? GREY, k * 4);
  });
  return positions.length / 2;
}

/** The three paths; `appQuery` and `rawQuery` as in the other scenarios. */
export function pointsPaths(
  appQuery: (sql: string) => Promise<Table>,
  rawQuery: (sql: string) => Promise<unknown>,
): PathRunners {
  return {
    app: async () => {
      const points = readDwellingPoints(await appQuery(POINTS_SQL));
      return createDwellingPointsLayer(points).props.data;
    },
    wasm_raw: () => rawQuery(POINTS_SQL),
    js: async () => objectPoints(await appQuery(POINTS_SQL)),
  };
}
