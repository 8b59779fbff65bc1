/**
 * Imported datasets kept in this browser (IndexedDB), so that a reload shows them again. Nothing
 * leaves the machine; « Effacer les données importées de ce navigateur » deletes them.
 */
import { BROWSER_STORES, withStore } from './browser-database.ts';
import { parseStoredDataset, type StoredDataset } from './stored-dataset.ts';

const STORE = BROWSER_STORES.datasets.name;

/** Keeps (or replaces) an imported dataset. */
export async function saveStoredDataset(dataset: StoredDataset): Promise<void> {
  await withStore(STORE, 'readwrite', (store) => store.put(dataset));
}

/** The datasets kept, in id order, and how many records were unreadable (and deleted). */
export async function loadStoredDatasets(): Promise<{
  datasets: StoredDataset[];
  invalid: number;
}> {
  const records = await withStore(STORE, 'readonly', (store) => store.getAll());
  const datasets: StoredDataset[] = [];
  const invalidKeys: IDBValidKey[] = [];
  for (const record of records as unknown[]) {
    const parsed = parseStoredDataset(record);
    if (parsed) datasets.push(parsed);
    else {
      const key = (record as { info?: { id?: unknown } } | null)?.info?.id;
      if (typeof key === 'string' || typeof key === 'number') invalidKeys.push(key);
    }
  }
  for (const key of invalidKeys) await withStore(STORE, 'readwrite', (store) => store.delete(key));
  datasets.sort((a, b) => Number(a.info.id.slice(7)) - Number(b.info.id.slice(7)));
  return { datasets, invalid: records.length - datasets.length };
}

/** Deletes every imported dataset kept in this browser. */
export async function clearStoredDatasets(): Promise<void> {
  await withStore(STORE, 'readwrite', (store) => store.clear());
}
