/**
 * The dashboard's database in this browser (IndexedDB): one store per kind of record kept between
 * visits. Nothing leaves the machine; « Effacer les données importées de ce navigateur » clears
 * every store.
 */

const DB_NAME = 'casba-tableau-de-bord';
// Version 2 adds the campaigns store; opening creates whichever store is missing.
const DB_VERSION = 2;

/** The stores and their key paths. */
export const BROWSER_STORES = {
  datasets: { name: 'jeux-importes', keyPath: 'info.id' },
  campaigns: { name: 'campagnes', keyPath: 'id' },
} as const;

/** Name of a store of {@link BROWSER_STORES}. */
export type BrowserStore = (typeof BROWSER_STORES)[keyof typeof BROWSER_STORES]['name'];

function request<T>(pending: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    pending.onsuccess = () => resolve(pending.result);
    pending.onerror = () => reject(pending.error);
  });
}

function openDatabase(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(new Error('ce navigateur ne permet pas le stockage local (IndexedDB)'));
  }
  const opening = indexedDB.open(DB_NAME, DB_VERSION);
  opening.onupgradeneeded = () => {
    for (const { name, keyPath } of Object.values(BROWSER_STORES)) {
      if (!opening.result.objectStoreNames.contains(name)) {
        opening.result.createObjectStore(name, { keyPath });
      }
    }
  };
  return request(opening);
}

/** Runs one request on a store in its own transaction, and waits for the transaction to end. */
export async function withStore<T>(
  store: BrowserStore,
  mode: IDBTransactionMode,
  action: (objects: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDatabase();
  try {
    const transaction = db.transaction(store, mode);
    const result = await request(action(transaction.objectStore(store)));
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
