import { useEffect, useMemo, useState } from 'react';
import { fetchGeoJsonAsset } from '../../db/fetch-geojson-asset.ts';
import type { TerritoryCollection, TerritoryProperties } from '../../map/territory-layer.ts';
import type { TerritoryLevel, TerritoryRef } from '../../sql/indicators-sql.ts';
import type { TerritoryAssets } from '../use-territory-assets.ts';
import { departementOf, isInside, type TerritoryHierarchy } from './territory-hierarchy.ts';

/** Contours of the territories shown, or why there are none. */
export type LevelContoursState =
  | { status: 'loading' }
  | { status: 'ready'; contours: TerritoryCollection }
  | { status: 'error'; error: unknown }
  /** Commune level where no commune contours exist; `available`: départements that have some. */
  | { status: 'no-communes'; available: readonly string[] };

const communeFiles = new Map<string, Promise<TerritoryCollection>>();

/** Commune contours of a département, fetched once per session. */
function loadCommunes(file: string): Promise<TerritoryCollection> {
  let promise = communeFiles.get(file);
  if (promise === undefined) {
    promise = fetchGeoJsonAsset<TerritoryProperties>(file, ['code', 'nom']);
    promise.catch(() => communeFiles.delete(file));
    communeFiles.set(file, promise);
  }
  return promise;
}

function contoursOfLevel(assets: TerritoryAssets, level: TerritoryLevel): TerritoryCollection {
  if (level === 'region') return assets.regions;
  if (level === 'departement') return assets.departements;
  return assets.epci;
}

/**
 * The contours of the territories of `level` inside `parent` (all of France without parent). The
 * collection is rebuilt only when the level or the parent changes, never with the filters, so the
 * map keeps its tessellated polygons while it recolours. Commune contours exist for a few
 * départements only (`manifest.files.communes`).
 */
export function useLevelContours(
  assets: TerritoryAssets,
  hierarchy: TerritoryHierarchy,
  level: TerritoryLevel,
  parent: TerritoryRef | null,
): LevelContoursState {
  const files = assets.manifest.files.communes;
  const departement = parent === null ? null : departementOf(hierarchy, parent);
  const communeFile =
    level === 'commune' && departement !== null ? (files[departement] ?? null) : null;
  const [communes, setCommunes] = useState<
    { file: string; contours: TerritoryCollection } | { file: string; error: unknown } | null
  >(null);

  useEffect(() => {
    if (communeFile === null) return;
    let current = true;
    loadCommunes(communeFile).then(
      (contours) => {
        if (current) setCommunes({ file: communeFile, contours });
      },
      (error: unknown) => {
        if (current) setCommunes({ file: communeFile, error });
      },
    );
    return () => {
      current = false;
    };
  }, [communeFile]);

  const parentLevel = parent?.level ?? null;
  const parentCode = parent?.code ?? null;
  return useMemo((): LevelContoursState => {
    let all: TerritoryCollection;
    if (level === 'commune') {
      if (communeFile === null) return { status: 'no-communes', available: Object.keys(files) };
      if (communes === null || communes.file !== communeFile) return { status: 'loading' };
      if ('error' in communes) return { status: 'error', error: communes.error };
      all = communes.contours;
    } else {
      all = contoursOfLevel(assets, level);
    }
    const scope =
      parentLevel === null || parentCode === null ? null : { level: parentLevel, code: parentCode };
    if (scope === null) return { status: 'ready', contours: all };
    const features = all.features.filter((feature) =>
      isInside(hierarchy, { level, code: feature.properties.code }, scope),
    );
    return { status: 'ready', contours: { type: 'FeatureCollection', features } };
  }, [assets, hierarchy, level, parentLevel, parentCode, communeFile, communes, files]);
}
