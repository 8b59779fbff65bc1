/**
 * Writing contour files of the browser assets: coordinates rounded to {@link CONTOUR_DECIMALS}
 * (more where rounding would make a geometry touch itself), compact GeoJSON.
 */
import { writeFileSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import { type BoundaryFeature, roundGeometryValid } from './geo-readers.ts';

/** Decimals kept in the written contours: 4 decimals ≈ 10 m, ample for a choropleth. */
export const CONTOUR_DECIMALS = 4;

/** A feature as written into the assets. */
export interface OutputFeature {
  type: 'Feature';
  geometry: Polygon | MultiPolygon;
  properties: Record<string, string | null>;
}

/** Rounds the geometries, keeping more decimals where rounding would make one invalid. */
export function roundFeatures(
  features: readonly BoundaryFeature[],
  file: string,
  log: (line: string) => void,
): { feature: BoundaryFeature; geometry: OutputFeature['geometry'] }[] {
  const finer: string[] = [];
  const rounded = features.map((feature) => {
    const result = roundGeometryValid(feature.geometry, CONTOUR_DECIMALS);
    if (result.decimals !== CONTOUR_DECIMALS) finer.push(feature.properties.code);
    return { feature, geometry: result.geometry };
  });
  if (finer.length > 0) {
    log(
      `${file} : ${finer.length} contour(s) gardé(s) plus précis que ${CONTOUR_DECIMALS} décimales pour rester valide(s) (${finer.slice(0, 5).join(', ')}${finer.length > 5 ? '…' : ''}).`,
    );
  }
  return rounded;
}

/** Writes a FeatureCollection without indentation; returns its size in bytes. */
export function writeFeatureCollection(path: string, features: readonly OutputFeature[]): number {
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}
