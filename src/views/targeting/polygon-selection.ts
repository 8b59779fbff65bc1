import { booleanPointInPolygon, centroid, polygon as turfPolygon } from '@turf/turf';
import type { TerritoryCollection } from '../../map/territory-layer.ts';

/** Smallest number of distinct vertices of a drawn polygon. */
const MIN_POLYGON_VERTICES = 3;

/**
 * The ring of a drawn polygon (closed: the first vertex repeated at the end). Throws a French
 * error with fewer than {@link MIN_POLYGON_VERTICES} distinct vertices.
 */
export function closeRing(vertices: readonly [number, number][]): [number, number][] {
  const distinct = vertices.filter(
    (v, i) => i === 0 || v[0] !== vertices[i - 1]?.[0] || v[1] !== vertices[i - 1]?.[1],
  );
  const first = distinct[0];
  const last = distinct.at(-1);
  if (first && last && distinct.length > 1 && first[0] === last[0] && first[1] === last[1]) {
    distinct.pop();
  }
  if (distinct.length < MIN_POLYGON_VERTICES || first === undefined) {
    throw new Error(
      `Un polygone demande au moins ${MIN_POLYGON_VERTICES} sommets distincts (${distinct.length} cliqué${distinct.length > 1 ? 's' : ''}).`,
    );
  }
  return [...distinct, first];
}

/**
 * Codes of the territories whose centroid (turf.centroid: mean of the contour's vertices) lies in
 * the polygon, boundary included, in the order of the collection.
 */
export function territoriesInPolygon(
  collection: TerritoryCollection,
  ring: readonly [number, number][],
): string[] {
  const area = turfPolygon([ring.map(([x, y]) => [x, y])]);
  return collection.features
    .filter((feature) => booleanPointInPolygon(centroid(feature), area))
    .map((feature) => feature.properties.code);
}
