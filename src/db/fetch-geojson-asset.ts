import type { FeatureCollection, Geometry } from 'geojson';
import { AssetError } from './asset-error.ts';
import { fetchJsonAsset } from './fetch-asset.ts';

/**
 * Fetches a GeoJSON FeatureCollection and checks that every feature has the string properties
 * listed in `required` (e.g. `code`, `nom`), naming the file and the first bad feature if not.
 */
export async function fetchGeoJsonAsset<Properties>(
  file: string,
  required: readonly (keyof Properties & string)[],
): Promise<FeatureCollection<Geometry, Properties>> {
  const json = (await fetchJsonAsset(file)) as {
    type?: unknown;
    features?: { properties?: Record<string, unknown> | null }[];
  };
  if (json?.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new AssetError(file, `${file} n'est pas une FeatureCollection GeoJSON.`, {
      missing: false,
    });
  }
  json.features.forEach((feature, index) => {
    for (const key of required) {
      if (typeof feature.properties?.[key] !== 'string') {
        throw new AssetError(
          file,
          `${file} : l'entité n° ${index + 1} n'a pas de propriété « ${key} » (texte).`,
          { missing: false },
        );
      }
    }
  });
  return json as unknown as FeatureCollection<Geometry, Properties>;
}
