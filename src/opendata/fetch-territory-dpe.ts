/**
 * Fetches the DPE of a territory's communes: one request per slice of commune codes, each read
 * page after page by following `next`, at most `concurrency` requests at a time (the service is
 * shared; about 600 requests a minute are tolerated anonymously). Pages are handed to the caller
 * as they arrive, with the URL to resume from, so that an interrupted fetch (the command line
 * keeps them on disk) restarts where it stopped. Runs in Node and in a browser worker.
 */
import type { DataFairOptions, DataFairPage } from './data-fair-client.ts';
import { readDataFairLines } from './data-fair-client.ts';
import { type DpeQueryOptions, dpeQueryUrls } from './dpe-api.ts';

/** Where one request stands: the URL to read next, or null when it is complete. */
export interface DpeQueryState {
  first: string;
  next: string | null;
}

/** Progress of a fetch, summed over its requests. */
export interface DpeFetchProgress {
  requests: number;
  requestsDone: number;
  pages: number;
  rows: number;
  bytes: number;
  /** Sum of the `total` announced by each request's first page (an estimate by the API). */
  expected: number;
}

/** Options of {@link fetchTerritoryDpe}. */
export interface DpeFetchOptions extends DpeQueryOptions, DataFairOptions {
  base: string;
  communes: readonly string[];
  /** Requests read at once (default 2). */
  concurrency?: number;
  /** State of an interrupted fetch with the same requests: complete ones are skipped. */
  resume?: readonly DpeQueryState[];
  /** Receives each page with its request's new state; awaited before the next page is asked. */
  onPage: (page: DataFairPage, state: DpeQueryState) => void | Promise<void>;
  onProgress?: (progress: DpeFetchProgress) => void;
}

/** The requests of a fetch, resumed from `resume` where the first URLs match. */
function planDpeQueries(options: DpeFetchOptions): DpeQueryState[] {
  const previous = new Map((options.resume ?? []).map((state) => [state.first, state.next]));
  return dpeQueryUrls(options.base, options.communes, options).map((first) => {
    const next = previous.get(first);
    return { first, next: next === undefined ? first : next };
  });
}

/** Reads every request to its end; rejects on the first request that fails for good. */
export async function fetchTerritoryDpe(options: DpeFetchOptions): Promise<DpeFetchProgress> {
  const queries = planDpeQueries(options);
  const progress: DpeFetchProgress = {
    requests: queries.length,
    requestsDone: queries.filter((query) => query.next === null).length,
    pages: 0,
    rows: 0,
    bytes: 0,
    expected: 0,
  };
  options.onProgress?.({ ...progress });
  const pending = queries.filter((query) => query.next !== null);
  // After a request fails for good, the others stop at their next page.
  let failed = false;
  const worker = async () => {
    for (let query = pending.shift(); query !== undefined && !failed; query = pending.shift()) {
      let first = true;
      for await (const page of readDataFairLines(query.next as string, options)) {
        if (failed) return;
        const next = page.results.length === 0 ? null : page.next;
        const state = { first: query.first, next };
        await options.onPage(page, state);
        progress.pages++;
        progress.rows += page.results.length;
        progress.bytes += page.bytes;
        if (first && query.next === query.first) progress.expected += page.total ?? 0;
        first = false;
        options.onProgress?.({ ...progress });
      }
      progress.requestsDone++;
      options.onProgress?.({ ...progress });
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 2, pending.length));
  await Promise.all(
    Array.from({ length: concurrency }, () =>
      worker().catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  return progress;
}
