/**
 * The browser's commune locator: the commune contours come one file per département (manifest
 * `files.communes`), so the points are first matched to the départements whose box holds them,
 * only those files are fetched (once), and each point is located in their communes. Box rather
 * than contour for the département step, so that a point near a border, where the département and
 * commune contours of different vintages disagree, is still looked for on both sides.
 */
import Flatbush from 'flatbush';
import {
  boxOfRings,
  type CodedCollection,
  CommuneIndex,
  type CommuneLocator,
  type CommuneShape,
  ringsOf,
  shapesOf,
} from './commune-locator.ts';

/** Margin added to département boxes, degrees (contours of different vintages). */
const MARGIN = 0.02;

/**
 * A locator over département files of commune contours; see the module documentation. `load` gives
 * the communes of a département (the app passes its cache of commune files, null for a file the
 * build lacks). A commune index is built once per collection loaded and kept as long as the
 * collection itself (a weak map): when the file cache lets a département go, its index goes too.
 */
export function departementLocator(
  departements: CodedCollection,
  communeFiles: Readonly<Record<string, string>>,
  load: (departement: string) => Promise<CodedCollection | null>,
): CommuneLocator {
  const shapes = shapesOf(departements).filter((shape) => communeFiles[shape.code] !== undefined);
  const index = shapes.length === 0 ? null : new Flatbush(shapes.length);
  for (const shape of shapes) {
    const [west, south, east, north] = boxOfRings(ringsOf(shape.geometry));
    index?.add(west - MARGIN, south - MARGIN, east + MARGIN, north + MARGIN);
  }
  index?.finish();
  const built = new WeakMap<CodedCollection, CommuneIndex>();
  const communesOf = async (code: string): Promise<CommuneIndex | null> => {
    const collection = await load(code);
    if (collection === null) return null;
    let communes = built.get(collection);
    if (communes === undefined) {
      communes = new CommuneIndex(shapesOf(collection));
      built.set(collection, communes);
    }
    return communes;
  };
  return {
    async locate(lon, lat) {
      const candidates: number[][] = [];
      const needed = new Set<number>();
      for (let k = 0; k < lon.length; k++) {
        const x = lon[k] ?? Number.NaN;
        const y = lat[k] ?? Number.NaN;
        const hits = index === null ? [] : index.search(x, y, x, y);
        candidates.push(hits);
        for (const hit of hits) needed.add(hit);
      }
      const indexes = new Map<number, CommuneIndex | null>();
      for (const hit of needed) {
        indexes.set(hit, await communesOf((shapes[hit] as CommuneShape).code));
      }
      return candidates.map((hits, k) => {
        for (const hit of hits) {
          const code = indexes.get(hit)?.locate(lon[k] ?? Number.NaN, lat[k] ?? Number.NaN);
          if (code !== null && code !== undefined) return code;
        }
        return null;
      });
    },
  };
}
