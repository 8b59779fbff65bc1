/**
 * Commune contours for the command line's point-in-polygon (rows with coordinates and no INSEE
 * code): every metropolitan commune (`geo/communes-2025-metropole.geojson` of the sources, the
 * file the territory pack splits by département for the browser), read when a file first needs
 * them.
 */
import { readFileSync } from 'node:fs';
import {
  type CodedCollection,
  CommuneIndex,
  type CommuneLocator,
  type CommuneShape,
  shapesOf,
} from '../../src/ingest/commune-locator.ts';
import { resolveSource } from './sources.ts';

/** The contour file of every commune of metropolitan France. */
export function communeContoursPath(): string {
  return resolveSource('communes-contours-2025');
}

/** Shapes of a GeoJSON of communes (`code` property). */
function communeShapes(path: string): CommuneShape[] {
  return shapesOf(JSON.parse(readFileSync(path, 'utf8')) as CodedCollection);
}

/** A locator that reads the contours on its first use. */
export function fileCommuneLocator(path: () => string = communeContoursPath): CommuneLocator {
  let index: CommuneIndex | null = null;
  return {
    async locate(lon, lat) {
      index ??= new CommuneIndex(communeShapes(path()));
      const built = index;
      return Array.from(lon, (x, k) => built.locate(x, lat[k] ?? Number.NaN));
    },
  };
}
