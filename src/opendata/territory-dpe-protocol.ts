/** Messages between the page and the worker fetching a territory's DPE (`territory-dpe-worker.ts`). */
import type { DpeFetchProgress } from './fetch-territory-dpe.ts';

/** What the page asks. */
export interface TerritoryDpeRequest {
  base: string;
  communes: readonly string[];
}

/** What the worker answers: progress, retries, then the records as an ADEME CSV, or a failure. */
export type TerritoryDpeMessage =
  | ({ type: 'progress' } & DpeFetchProgress)
  | { type: 'retry'; reason: string; attempt: number; delayMs: number }
  | {
      type: 'done';
      /** Current records (replaced DPE left out, weak geocoding without coordinates) as CSV. */
      csv: string;
      fetchedAt: string;
      rowsFetched: number;
      replacedDropped: number;
      weakGeocoding: number;
    }
  | { type: 'failed'; message: string };
