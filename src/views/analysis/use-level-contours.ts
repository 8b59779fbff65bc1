import { useEffect, useMemo, useState } from 'react';
import {
  type CommuneContoursProgress,
  type CommuneContoursResult,
  communeContoursCache,
} from '../../db/commune-contours.ts';
import type { TerritoryLevel, TerritoryRef } from '../../domain/territory.ts';
import {
  communeDepartements,
  featuresInside,
  type TerritoryHierarchy,
} from '../../domain/territory-hierarchy.ts';
import type { TerritoryCollection } from '../../map/territory-layer.ts';
import type { TerritoryAssets } from '../use-territory-assets.ts';

/** Contours of the territories shown, or why there are none. */
export type LevelContoursState =
  /** `progress`: commune files fetched so far, null for the other levels. */
  | { status: 'loading'; progress: CommuneContoursProgress | null }
  /** `missing`: départements whose commune file is missing (their communes are not drawn). */
  | { status: 'ready'; contours: TerritoryCollection; missing: readonly string[] }
  | { status: 'error'; error: unknown }
  /** Commune level over France or a région: a département or an EPCI must be chosen first. */
  | { status: 'choose-parent' };

type Loaded =
  | { key: string; progress: CommuneContoursProgress }
  | { key: string; result: CommuneContoursResult }
  | { key: string; error: unknown };

const NO_MISSING: readonly string[] = [];

function contoursOfLevel(assets: TerritoryAssets, level: TerritoryLevel): TerritoryCollection {
  if (level === 'region') return assets.regions;
  if (level === 'departement') return assets.departements;
  return assets.epci;
}

/**
 * The contours of the territories of `level` inside `parent` (all of France without parent). At
 * commune level they come from the files of the départements the parent covers, fetched on demand
 * through {@link communeContoursCache}. The collection is rebuilt only when the level or the parent
 * changes, never with the filters, so the map keeps its tessellated polygons while it recolours.
 */
export function useLevelContours(
  assets: TerritoryAssets,
  hierarchy: TerritoryHierarchy,
  level: TerritoryLevel,
  parent: TerritoryRef | null,
): LevelContoursState {
  const files = assets.manifest.files.communes;
  const departements = level === 'commune' ? communeDepartements(hierarchy, parent) : null;
  const key = departements === null ? null : departements.join(',');
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  // `key` stands for `departements`.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    if (key === null || departements === null) return;
    let current = true;
    communeContoursCache
      .load(files, departements, (progress) => {
        if (current) setLoaded({ key, progress });
      })
      .then(
        (result) => {
          if (current) setLoaded({ key, result });
        },
        (error: unknown) => {
          if (current) setLoaded({ key, error });
        },
      );
    return () => {
      current = false;
    };
  }, [key, files]);

  const parentLevel = parent?.level ?? null;
  const parentCode = parent?.code ?? null;
  return useMemo((): LevelContoursState => {
    let all: TerritoryCollection;
    let missing = NO_MISSING;
    if (level === 'commune') {
      if (key === null) return { status: 'choose-parent' };
      if (loaded === null || loaded.key !== key) return { status: 'loading', progress: null };
      if ('progress' in loaded) return { status: 'loading', progress: loaded.progress };
      if ('error' in loaded) return { status: 'error', error: loaded.error };
      all = loaded.result.contours;
      missing = loaded.result.missing;
    } else {
      all = contoursOfLevel(assets, level);
    }
    const scope =
      parentLevel === null || parentCode === null ? null : { level: parentLevel, code: parentCode };
    if (scope === null) return { status: 'ready', contours: all, missing };
    const features = featuresInside(hierarchy, level, all.features, scope);
    return { status: 'ready', contours: { type: 'FeatureCollection', features }, missing };
  }, [assets, hierarchy, level, parentLevel, parentCode, key, loaded]);
}
