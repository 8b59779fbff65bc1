import { useEffect, useState } from 'react';
import { getDb, loadStockDatabase } from '../db/duckdb.ts';
import { fetchGeoJsonAsset } from '../db/fetch-geojson-asset.ts';
import { loadManifest, type Manifest } from '../db/manifest.ts';
import type { EpciCollection, EpciProperties } from '../domain/territory.ts';
import type { OutlineCollection, OutlineProperties } from '../map/outline-layers.ts';

/** Territory assets once loaded: the manifest, the contours, and the stock attached in DuckDB. */
export interface TerritoryAssets {
  manifest: Manifest;
  epci: EpciCollection;
  departements: OutlineCollection;
  regions: OutlineCollection;
}

/** Loading progress: which step is running, or the result. */
export type TerritoryAssetsState =
  | { status: 'loading'; phase: 'duckdb' | 'stock' }
  | { status: 'ready'; assets: TerritoryAssets }
  | { status: 'error'; error: unknown };

/**
 * Starts DuckDB while fetching the manifest, then the stock database and the contours, and
 * attaches the stock once DuckDB is up. Runs once per mount.
 */
export function useTerritoryAssets(): TerritoryAssetsState {
  const [state, setState] = useState<TerritoryAssetsState>({ status: 'loading', phase: 'duckdb' });

  useEffect(() => {
    let current = true;
    const load = async (): Promise<TerritoryAssets> => {
      const dbStarted = getDb().then(() => {
        if (current) setState({ status: 'loading', phase: 'stock' });
      });
      // Reported by the Promise.all below; this only keeps an early failure from going unhandled.
      dbStarted.catch(() => undefined);
      const manifest = await loadManifest();
      const { files } = manifest;
      // The stock file and the contours download while DuckDB is still starting.
      const [epci, departements, regions] = await Promise.all([
        fetchGeoJsonAsset<EpciProperties>(files.epci, ['code', 'nom', 'type']),
        fetchGeoJsonAsset<OutlineProperties>(files.departements, ['code', 'nom']),
        fetchGeoJsonAsset<OutlineProperties>(files.regions, ['code', 'nom']),
        loadStockDatabase(files.stock),
        dbStarted,
      ]);
      return { manifest, epci, departements, regions };
    };
    load().then(
      (assets) => {
        if (current) setState({ status: 'ready', assets });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, []);

  return state;
}
