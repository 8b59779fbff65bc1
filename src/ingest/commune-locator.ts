/**
 * Commune of a point (WGS84), for rows that have coordinates but no INSEE code: point-in-polygon
 * against the commune contours, with a spatial index rather than a scan. Flatbush (a static R-tree)
 * finds the communes whose box holds the point; each commune's edges are bucketed in horizontal
 * strips, so that the ray-casting test reads only the few edges of the point's strip, even on
 * full-precision contours of thousands of vertices.
 */
import Flatbush from 'flatbush';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { departementOfCommune } from '../domain/codes.ts';
import { regionOfDepartement } from './departement-region.ts';
import { createSmallTable } from './engine-tables.ts';
import { type ImportEngine, numberColumn } from './import-engine.ts';

/** A commune contour. */
export interface CommuneShape {
  code: string;
  geometry: Polygon | MultiPolygon;
}

/** Features with a `code` property, as the contour files hold them. */
export interface CodedCollection {
  features: readonly { properties: { code?: unknown } | null; geometry: Geometry | null }[];
}

/** Shapes of the polygon features of a collection. */
export function shapesOf(collection: CodedCollection): CommuneShape[] {
  return collection.features.flatMap((feature) => {
    const code = feature.properties?.code;
    const geometry = feature.geometry;
    if (
      typeof code !== 'string' ||
      (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon')
    ) {
      return [];
    }
    return [{ code, geometry: geometry as Polygon | MultiPolygon }];
  });
}

/** Bounding box `[west, south, east, north]` of rings (infinite when they are empty). */
export function boxOfRings(rings: readonly Position[][]): [number, number, number, number] {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x = 0, y = 0] of ring) {
      west = Math.min(west, x);
      east = Math.max(east, x);
      south = Math.min(south, y);
      north = Math.max(north, y);
    }
  }
  return [west, south, east, north];
}

/** Finds the commune of points. */
export interface CommuneLocator {
  /** Code of the commune holding each point, or null outside every commune it knows. */
  locate(lon: Float64Array, lat: Float64Array): Promise<(string | null)[]>;
}

/** Average edges per strip of a commune. */
const EDGES_PER_STRIP = 8;

/** One commune's edges, bucketed by strips of latitude. */
class ShapeEdges {
  readonly code: string;
  readonly #edges: Float64Array;
  readonly #south: number;
  readonly #height: number;
  readonly #strips: number;
  readonly #offsets: Uint32Array;
  readonly #members: Uint32Array;

  constructor(code: string, rings: readonly Position[][], south: number, north: number) {
    this.code = code;
    const edges: number[] = [];
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [x1 = 0, y1 = 0] = ring[k] ?? [];
        const [x2 = 0, y2 = 0] = ring[k + 1] ?? [];
        if (y1 !== y2) edges.push(x1, y1, x2, y2);
      }
    }
    this.#edges = Float64Array.from(edges);
    const count = edges.length / 4;
    this.#south = south;
    this.#height = Math.max(north - south, 1e-12);
    this.#strips = Math.max(1, Math.ceil(count / EDGES_PER_STRIP));
    const lists: number[][] = Array.from({ length: this.#strips }, () => []);
    for (let e = 0; e < count; e++) {
      const y1 = this.#edges[4 * e + 1] ?? 0;
      const y2 = this.#edges[4 * e + 3] ?? 0;
      const first = this.#strip(Math.min(y1, y2));
      const last = this.#strip(Math.max(y1, y2));
      for (let s = first; s <= last; s++) lists[s]?.push(e);
    }
    this.#offsets = new Uint32Array(this.#strips + 1);
    lists.forEach((list, s) => {
      this.#offsets[s + 1] = (this.#offsets[s] ?? 0) + list.length;
    });
    this.#members = Uint32Array.from(lists.flat());
  }

  #strip(y: number): number {
    const s = Math.floor(((y - this.#south) / this.#height) * this.#strips);
    return Math.min(this.#strips - 1, Math.max(0, s));
  }

  /** Even-odd ray casting towards +x over the edges of the point's strip. */
  contains(x: number, y: number): boolean {
    const s = this.#strip(y);
    const e = this.#edges;
    let inside = false;
    for (let k = this.#offsets[s] ?? 0; k < (this.#offsets[s + 1] ?? 0); k++) {
      const i = 4 * (this.#members[k] ?? 0);
      const x1 = e[i] ?? 0;
      const y1 = e[i + 1] ?? 0;
      const x2 = e[i + 2] ?? 0;
      const y2 = e[i + 3] ?? 0;
      if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    }
    return inside;
  }
}

/** Outer and inner rings of a polygon or multipolygon. */
export function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** A static index of commune contours; see the module documentation. */
export class CommuneIndex {
  readonly #shapes: ShapeEdges[] = [];
  readonly #index: Flatbush | null;

  constructor(shapes: readonly CommuneShape[]) {
    const boxes: [number, number, number, number][] = [];
    for (const shape of shapes) {
      const rings = ringsOf(shape.geometry);
      const [west, south, east, north] = boxOfRings(rings);
      if (!Number.isFinite(west)) continue;
      this.#shapes.push(new ShapeEdges(shape.code, rings, south, north));
      boxes.push([west, south, east, north]);
    }
    if (boxes.length === 0) {
      this.#index = null;
      return;
    }
    const index = new Flatbush(boxes.length);
    for (const [west, south, east, north] of boxes) index.add(west, south, east, north);
    index.finish();
    this.#index = index;
  }

  /** Communes indexed. */
  get size(): number {
    return this.#shapes.length;
  }

  /** Code of the commune holding the point, or null. */
  locate(lon: number, lat: number): string | null {
    if (this.#index === null) return null;
    for (const k of this.#index.search(lon, lat, lon, lat)) {
      const shape = this.#shapes[k];
      if (shape?.contains(lon, lat)) return shape.code;
    }
    return null;
  }
}

/**
 * Creates the table `table` (lon, lat, code, dep, reg) with the commune of each distinct point of
 * `pointsSql` (columns lon, lat). Without a locator the table is empty and the answer false: the
 * rows without a commune code are then rejected for it, whatever their coordinates.
 */
export async function locatePoints(
  engine: ImportEngine,
  table: string,
  pointsSql: string,
  locator: CommuneLocator | undefined,
): Promise<boolean> {
  const columns = [
    ['lon', 'DOUBLE'],
    ['lat', 'DOUBLE'],
    ['code', 'VARCHAR'],
    ['dep', 'VARCHAR'],
    ['reg', 'VARCHAR'],
  ] as const;
  const points = locator === undefined ? {} : await engine.columns(pointsSql);
  const lon = numberColumn(points, 'lon');
  const lat = numberColumn(points, 'lat');
  if (lon.length === 0 || locator === undefined) {
    await createSmallTable(engine, table, columns, []);
    return locator !== undefined;
  }
  const codes = await locator.locate(lon, lat);
  const rows = codes.map((code, k) => {
    const dep = code === null ? null : departementOfCommune(code);
    return [lon[k] ?? 0, lat[k] ?? 0, code, dep, dep === null ? null : regionOfDepartement(dep)];
  });
  await createSmallTable(engine, table, columns, rows);
  return true;
}
