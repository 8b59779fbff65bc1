import { useMemo } from 'react';
import {
  buildTerritoryHierarchy,
  type TerritoryHierarchy,
  type TerritoryHierarchyRow,
} from '../../domain/territory-hierarchy.ts';
import { territoryHierarchySql } from '../../sql/territory-hierarchy-sql.ts';
import { useQuery } from '../use-query.ts';
import type { TerritoryAssets } from '../use-territory-assets.ts';

const SQL = territoryHierarchySql();

/** The territory hierarchy, once the reference tables are read; an error if they cannot be. */
export type TerritoryHierarchyState =
  | { status: 'loading' }
  | { status: 'ready'; hierarchy: TerritoryHierarchy }
  | { status: 'error'; error: unknown };

/** Reads the territory reference of the stock database once, and names régions and départements. */
export function useTerritoryHierarchy(assets: TerritoryAssets): TerritoryHierarchyState {
  const query = useQuery<TerritoryHierarchyRow>(SQL);
  return useMemo((): TerritoryHierarchyState => {
    if (query.status === 'error') return { status: 'error', error: query.error };
    if (query.status !== 'ready') return { status: 'loading' };
    const names = (collection: TerritoryAssets['regions']) =>
      collection.features.map((feature) => feature.properties);
    return {
      status: 'ready',
      hierarchy: buildTerritoryHierarchy(
        names(assets.regions),
        names(assets.departements),
        query.rows,
      ),
    };
  }, [query, assets.regions, assets.departements]);
}
