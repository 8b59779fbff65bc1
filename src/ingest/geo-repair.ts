/**
 * Checks and repairs the geometry of one contour before it is accepted:
 *
 * - Lambert-93 coordinates (EPSG:2154, recognised by their range over metropolitan France) are
 *   reprojected to WGS84; other coordinates outside longitudes / latitudes are refused;
 * - unclosed rings are closed (the first position repeated at the end);
 * - rings are rewound to the RFC 7946 order (outer rings anticlockwise, holes clockwise);
 * - polygons whose edges cross (a "bowtie", or a sliver in an official contour) are cut at the
 *   crossings into several polygons of the same total area (turf `unkinkPolygon`);
 * - empty geometries and rings of fewer than 4 positions are refused.
 */
import { polygon as turfPolygon, unkinkPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { lambert93ToWgs84 } from './to-wgs84.ts';

/** A repair applied to a geometry, as a warning code of the import report. */
export type GeoRepair =
  | 'lambert93_reprojete'
  | 'anneau_referme'
  | 'sens_des_anneaux_corrige'
  | 'polygone_auto_intersecte_decoupe';

/** A geometry repaired (with what was done), or why it is refused (French). */
export type GeoCheck =
  | { geometry: Polygon | MultiPolygon; repairs: GeoRepair[] }
  | { problem: string };

/** Lambert-93 extent of metropolitan France with a margin (metres). */
const LAMBERT_93_X = [-400_000, 1_400_000] as const;
const LAMBERT_93_Y = [6_000_000, 7_200_000] as const;

type Rings = Position[][];

function polygonsOf(geometry: Polygon | MultiPolygon): Rings[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function isNumberPair(position: unknown): position is Position {
  return (
    Array.isArray(position) &&
    position.length >= 2 &&
    Number.isFinite(position[0]) &&
    Number.isFinite(position[1])
  );
}

function isWgs84(p: Position): boolean {
  return Math.abs(p[0] ?? Number.NaN) <= 180 && Math.abs(p[1] ?? Number.NaN) <= 90;
}

function isLambert93(p: Position): boolean {
  const [x = Number.NaN, y = Number.NaN] = p;
  return (
    x >= LAMBERT_93_X[0] && x <= LAMBERT_93_X[1] && y >= LAMBERT_93_Y[0] && y <= LAMBERT_93_Y[1]
  );
}

/** Twice the signed area of a closed ring (positive when anticlockwise). */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

function orientation(a: Position, b: Position, c: Position): number {
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const [cx = 0, cy = 0] = c;
  const value = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/** Whether segments ab and cd cross at a point interior to both (touching does not count). */
function properlyCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/**
 * First crossing between edges of a polygon's rings, or null. Edges are bucketed in a grid so
 * that a contour of thousands of positions is checked in about linear time.
 */
function findCrossing(rings: readonly (readonly Position[])[]): Position | null {
  const edges: [Position, Position][] = [];
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i] as Position;
      const b = ring[i + 1] as Position;
      edges.push([a, b]);
      for (const [x = 0, y = 0] of [a, b]) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  const side = Math.max(1, Math.ceil(Math.sqrt(edges.length)));
  const cellW = (maxX - minX) / side || 1;
  const cellH = (maxY - minY) / side || 1;
  const cells = new Map<number, number[]>();
  const cellOf = (v: number, min: number, size: number) =>
    Math.min(side - 1, Math.floor((v - min) / size));
  edges.forEach(([a, b], index) => {
    const [ax = 0, ay = 0] = a;
    const [bx = 0, by = 0] = b;
    for (
      let cx = cellOf(Math.min(ax, bx), minX, cellW);
      cx <= cellOf(Math.max(ax, bx), minX, cellW);
      cx++
    ) {
      for (
        let cy = cellOf(Math.min(ay, by), minY, cellH);
        cy <= cellOf(Math.max(ay, by), minY, cellH);
        cy++
      ) {
        const key = cx * side + cy;
        const bucket = cells.get(key);
        if (bucket === undefined) cells.set(key, [index]);
        else bucket.push(index);
      }
    }
  });
  for (const bucket of cells.values()) {
    for (let i = 0; i < bucket.length; i++) {
      const [a, b] = edges[bucket[i] as number] as [Position, Position];
      for (let j = i + 1; j < bucket.length; j++) {
        const [c, d] = edges[bucket[j] as number] as [Position, Position];
        if (properlyCross(a, b, c, d)) {
          // The crossing point, for the message.
          const [ax = 0, ay = 0] = a;
          const [bx = 0, by = 0] = b;
          const [cx = 0, cy = 0] = c;
          const [dx = 0, dy = 0] = d;
          const den = (ax - bx) * (cy - dy) - (ay - by) * (cx - dx);
          const t = ((ax - cx) * (cy - dy) - (ay - cy) * (cx - dx)) / den;
          return [ax + t * (bx - ax), ay + t * (by - ay)];
        }
      }
    }
  }
  return null;
}

/** Checks and repairs a Polygon or MultiPolygon; see the module documentation. */
export function checkGeometry(geometry: Polygon | MultiPolygon): GeoCheck {
  const polygons = polygonsOf(geometry);
  if (!Array.isArray(polygons) || polygons.length === 0) return { problem: 'géométrie vide' };
  const repairs = new Set<GeoRepair>();
  const first = polygons[0]?.[0]?.[0];
  if (first === undefined) return { problem: 'géométrie vide (anneau sans position)' };
  if (!isNumberPair(first))
    return { problem: 'coordonnées illisibles (paire de nombres attendue)' };
  const lambert = !isWgs84(first) && isLambert93(first);
  if (!isWgs84(first) && !lambert) {
    return {
      problem: `coordonnées hors des longitudes / latitudes WGS84 et hors de l’emprise Lambert-93 (${first[0]} ; ${first[1]})`,
    };
  }
  if (lambert) repairs.add('lambert93_reprojete');

  const repaired: Rings[] = [];
  for (const [p, polygon] of polygons.entries()) {
    if (!Array.isArray(polygon) || polygon.length === 0) {
      return { problem: `polygone n° ${p + 1} vide` };
    }
    const rings: Rings = [];
    for (const [r, ring] of polygon.entries()) {
      if (!Array.isArray(ring) || !ring.every(isNumberPair)) {
        return { problem: `anneau n° ${r + 1} du polygone n° ${p + 1} : coordonnées illisibles` };
      }
      let positions = lambert
        ? ring.map(([x = 0, y = 0]) => lambert93ToWgs84(x, y) as Position)
        : ring.map((q) => [q[0] ?? 0, q[1] ?? 0]);
      if (positions.some((q) => !isWgs84(q))) {
        return {
          problem: `polygone n° ${p + 1} : coordonnées hors des longitudes / latitudes WGS84`,
        };
      }
      const start = positions[0];
      const end = positions.at(-1);
      if (
        start !== undefined &&
        end !== undefined &&
        (start[0] !== end[0] || start[1] !== end[1])
      ) {
        positions = [...positions, start];
        repairs.add('anneau_referme');
      }
      if (positions.length < 4) {
        return {
          problem: `anneau n° ${r + 1} du polygone n° ${p + 1} de ${positions.length} positions (au moins 4 attendues, la première répétée à la fin)`,
        };
      }
      rings.push(positions);
    }
    let parts: Rings[] = [rings];
    if (findCrossing(rings) !== null) {
      try {
        parts = unkinkPolygon(turfPolygon(rings)).features.map((f) => f.geometry.coordinates);
      } catch (error) {
        return {
          problem: `polygone n° ${p + 1} auto-intersecté et impossible à découper (${(error as Error).message}) : à corriger dans un SIG`,
        };
      }
      repairs.add('polygone_auto_intersecte_decoupe');
    }
    for (const part of parts) {
      part.forEach((ring, r) => {
        if (signedArea(ring) > 0 !== (r === 0)) {
          ring.reverse();
          // Pieces cut by unkinkPolygon come in either order: that is not the file's fault.
          if (parts.length === 1) repairs.add('sens_des_anneaux_corrige');
        }
      });
      repaired.push(part);
    }
  }
  const out: Polygon | MultiPolygon =
    geometry.type === 'Polygon' && repaired.length === 1
      ? { type: 'Polygon', coordinates: repaired[0] ?? [] }
      : { type: 'MultiPolygon', coordinates: repaired };
  return { geometry: out, repairs: [...repairs] };
}

/** French warning message of each repair. */
export const GEO_REPAIR_MESSAGES: Record<GeoRepair, string> = {
  lambert93_reprojete:
    'Coordonnées en Lambert-93 (EPSG:2154) reconnues à leur étendue et reprojetées en WGS84.',
  anneau_referme: 'Anneaux non refermés : la première position a été répétée à la fin.',
  polygone_auto_intersecte_decoupe:
    'Polygones auto-intersectés (arêtes qui se croisent) découpés aux croisements en plusieurs polygones de même surface totale.',
  sens_des_anneaux_corrige:
    'Anneaux dans le mauvais sens remis dans l’ordre RFC 7946 (extérieur anti-horaire, trous horaires).',
};
