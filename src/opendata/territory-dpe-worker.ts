/**
 * Worker fetching the DPE of a territory from the ADEME API with the same client as
 * `npm run data:territory` (`fetchTerritoryDpe`: `_in` filters, `next` links, retries), then
 * applying the same record rules (merge by number, replaced DPE dropped, weak geocoding without
 * coordinates) and answering the current records as an ADEME CSV for the import.
 */
import { type DpeRecord, mergeDpeRecords, selectCurrentDpe } from '../domain/dpe-records.ts';
import { dpeRecordsCsv } from './dpe-records-csv.ts';
import { fetchTerritoryDpe } from './fetch-territory-dpe.ts';
import type { TerritoryDpeMessage, TerritoryDpeRequest } from './territory-dpe-protocol.ts';

const post = (message: TerritoryDpeMessage) => postMessage(message);

async function run(request: TerritoryDpeRequest): Promise<void> {
  const fetchedAt = new Date().toISOString();
  const records = new Map<string, DpeRecord>();
  let rowsFetched = 0;
  await fetchTerritoryDpe({
    base: request.base,
    communes: request.communes,
    onPage: (page) => {
      rowsFetched += page.results.length;
      mergeDpeRecords(records, page.results);
    },
    onProgress: (progress) => post({ type: 'progress', ...progress }),
    onRetry: (reason, attempt, delayMs) => post({ type: 'retry', reason, attempt, delayMs }),
  });
  const selection = selectCurrentDpe([...records.values()]);
  post({
    type: 'done',
    csv: dpeRecordsCsv(selection.current),
    fetchedAt,
    rowsFetched,
    replacedDropped: selection.replaced.length,
    weakGeocoding: selection.weakGeocoding,
  });
}

self.onmessage = (event: MessageEvent<TerritoryDpeRequest>) => {
  run(event.data).catch((error: unknown) =>
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
};
