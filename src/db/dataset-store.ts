/**
 * Imported datasets kept in this browser (IndexedDB), so that a reload shows them again. Nothing
 * leaves the machine; « Effacer les données importées de ce navigateur » deletes them.
 */
import { parseStoredDataset, type StoredDataset } from './stored-dataset.ts';

const DB_NAME = 'casba-tableau-de-bord';
const DB_VERSION = 1;
const STORE = 'jeux-importes';

function request<T>(pending: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    pending.onsuccess = () => resolve(pending.result);
    pending.onerror = () => reject(pending.error);
  });
}

function openStore(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(new Error('ce navigateur ne permet pas le stockage local (IndexedDB)'));
  }
  const opening = indexedDB.open(DB_NAME, DB_VERSION);
  opening.onupgradeneeded = () => {
    if (!opening.result.objectStoreNames.contains(STORE)) {
      opening.result.createObjectStore(STORE, { keyPath: 'info.id' });
    }
  };
  return request(opening);
}

async function withStore<T>(
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openStore();
  try {
    const transaction = db.transaction(STORE, mode);
    const result = await request(action(transaction.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('transaction annulée'));
    });
    return result;
  } finally {
    db.close();
  }
}

/** Keeps (or replaces) an imported dataset. */
export async function saveStoredDataset(dataset: StoredDataset): Promise<void> {
  await withStore('readwrite', (store) => store.put(dataset));
}

/** The datasets kept, in id order, and how many records were unreadable (and deleted). */
export async function loadStoredDatasets(): Promise<{
  datasets: StoredDataset[];
  invalid: number;
}> {
  const records = await withStore('readonly', (store) => store.getAll());
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
  for (const key of invalidKeys) await withStore('readwrite', (store) => store.delete(key));
  datasets.sort((a, b) => Number(a.info.id.slice(7)) - Number(b.info.id.slice(7)));
  return { datasets, invalid: records.length - datasets.length };
}

/** Deletes every imported dataset kept in this browser. */
export async function clearStoredDatasets(): Promise<void> {
  await withStore('readwrite', (store) => store.clear());
}
