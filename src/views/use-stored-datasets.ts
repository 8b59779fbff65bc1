import { useEffect, useState } from 'react';
import { loadStoredDatasets } from '../db/dataset-store.ts';
import { insertArrowDataset } from '../db/insert-arrow-dataset.ts';
import { assessImportMemory, probeMemoryCapacity } from '../db/memory-guard.ts';
import { saveLastView } from '../db/settings-store.ts';
import type { ImportedDataset } from './import-dialog.tsx';

/** Datasets imported in an earlier visit, reloaded into DuckDB, and what went wrong. */
export interface StoredDatasetsState {
  datasets: ImportedDataset[];
  /** True while they are being loaded. */
  loading: boolean;
  /** French message about datasets that could not be reloaded, or null. */
  notice: string | null;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Once DuckDB has the stock (`ready`), reloads the datasets kept in this browser (IndexedDB) in
 * import order, each checked against the memory guard first.
 */
export function useStoredDatasets(ready: boolean): StoredDatasetsState {
  const [state, setState] = useState<StoredDatasetsState>({
    datasets: [],
    loading: true,
    notice: null,
  });

  useEffect(() => {
    if (!ready) return;
    let current = true;
    const problems: string[] = [];
    const load = async () => {
      const { datasets, invalid } = await loadStoredDatasets();
      if (invalid > 0) {
        problems.push(
          `${invalid} enregistrement(s) illisible(s) supprimé(s) du stockage du navigateur`,
        );
      }
      const loaded: ImportedDataset[] = [];
      for (const stored of datasets) {
        const verdict = assessImportMemory(
          { fileBytes: stored.ipc.size, rows: stored.rows },
          probeMemoryCapacity(),
        );
        if (!verdict.ok) {
          problems.push(`« ${stored.info.name} » : ${verdict.message}`);
          continue;
        }
        try {
          await insertArrowDataset(stored.info.id, stored.ipc);
          loaded.push({ info: stored.info, rows: stored.rows, dwellings: stored.dwellings });
        } catch (error) {
          problems.push(`« ${stored.info.name} » : ${reason(error)}`);
        }
      }
      return loaded;
    };
    load()
      .catch((error: unknown) => {
        problems.push(reason(error));
        return [];
      })
      .then((datasets) => {
        if (!current) return;
        setState({
          datasets,
          loading: false,
          notice:
            problems.length === 0
              ? null
              : `Données importées lors d’une visite précédente non rechargées : ${problems.join(' ; ')}.`,
        });
      });
    return () => {
      current = false;
    };
  }, [ready]);

  return state;
}

/**
 * Remembers the query string of the view (the last-view setting) after each render of the calling
 * component, once the URL state hooks declared before it have written the URL, and when the page
 * is left (a cheap localStorage write).
 */
export function useRememberLastView(): void {
  useEffect(() => {
    saveLastView(window.location.search);
  });
  useEffect(() => {
    const onLeave = () => saveLastView(window.location.search);
    window.addEventListener('pagehide', onLeave);
    return () => window.removeEventListener('pagehide', onLeave);
  }, []);
}
