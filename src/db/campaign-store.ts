/**
 * Campaigns kept in this browser (IndexedDB), with the guarantees of the imported datasets: a
 * reload shows them again, and a record that does not validate (altered by another tab, an older
 * version or by hand) is refused, deleted and reported with the reasons.
 */
import type { Campaign } from '../domain/campaign.ts';
import { parseCampaign } from '../domain/campaign-file.ts';
import { BROWSER_STORES, withStore } from './browser-database.ts';

const STORE = BROWSER_STORES.campaigns.name;

/** Keeps (or replaces, same id) a campaign. */
export async function saveCampaign(campaign: Campaign): Promise<void> {
  await withStore(STORE, 'readwrite', (store) => store.put(campaign));
}

/** Deletes one campaign. */
export async function deleteCampaign(id: string): Promise<void> {
  await withStore(STORE, 'readwrite', (store) => store.delete(id));
}

/** Deletes every campaign kept in this browser. */
export async function clearCampaigns(): Promise<void> {
  await withStore(STORE, 'readwrite', (store) => store.clear());
}

/** The campaigns kept, by start date, and one French line per refused (and deleted) record. */
export async function loadCampaigns(): Promise<{ campaigns: Campaign[]; refused: string[] }> {
  const records = (await withStore(STORE, 'readonly', (store) => store.getAll())) as unknown[];
  const campaigns: Campaign[] = [];
  const refused: string[] = [];
  for (const record of records) {
    // The store's key path is `id`: every record has one, valid or not as a campaign id.
    const key = (record as { id: IDBValidKey }).id;
    const parsed = parseCampaign(record, `campagne « ${String(key)} »`);
    if (parsed.ok) campaigns.push(parsed.value);
    else {
      refused.push(parsed.errors.slice(0, 3).join(' ; '));
      await withStore(STORE, 'readwrite', (store) => store.delete(key));
    }
  }
  campaigns.sort((a, b) => a.debut.localeCompare(b.debut) || a.id.localeCompare(b.id));
  return { campaigns, refused };
}
