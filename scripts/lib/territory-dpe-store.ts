/**
 * The DPE of a territory kept on disk (`data/territories/<code>/dpe/`), fetched from the ADEME API
 * and refreshed incrementally:
 *
 * - `state.json`: the last complete run (date, counts) and the run under way, with the URL each
 *   request stands at, saved after every page: an interrupted fetch resumes there;
 * - `pending.ndjson`: records of the run under way, one JSON object a line, as received;
 * - `raw/<date>.ndjson`: the records of each complete run, kept for provenance;
 * - `records.ndjson`: every DPE known, merged by number (the later modification wins); replaced
 *   only when a run completes, so a fetch that fails leaves the previous data untouched;
 * - `dpe.csv` and `dpe-remplaces.csv`: what the import reads, and the DPE dropped as replaced.
 *
 * A second run asks only for DPE modified since the day the last one started
 * (`date_derniere_modification_dpe_gte`), unless `--since` forces a date.
 */
import {
  createReadStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type DpeRecord, mergeDpeRecords, selectCurrentDpe } from '../../src/domain/dpe-records.ts';
import type { DataFairOptions } from '../../src/opendata/data-fair-client.ts';
import { dpeRecordCodes } from '../../src/opendata/dpe-api.ts';
import { dpeRecordsCsv } from '../../src/opendata/dpe-records-csv.ts';
import {
  type DpeFetchProgress,
  type DpeQueryState,
  fetchTerritoryDpe,
} from '../../src/opendata/fetch-territory-dpe.ts';
import { readJsonIfExists, writeFileAtomic } from './json-file.ts';

/** A complete run, as kept in the state. */
export interface DpeRun {
  started_at: string;
  since: string | null;
  pages: number;
  rows_fetched: number;
  bytes: number;
}

interface StoreState {
  base: string;
  codes: string[];
  last: DpeRun | null;
  runs: DpeRun[];
  pending: { started_at: string; since: string | null; queries: DpeQueryState[] } | null;
}

/** What a run did and what the store now holds. */
export interface DpeStoreResult {
  run: DpeRun;
  /** Whether the run picked up an interrupted one. */
  resumed: boolean;
  /** DPE known after the merge. */
  records: number;
  added: number;
  updated: number;
  replacedDropped: number;
  weakGeocoding: number;
  /** CSV of the current DPE (what the import reads). */
  currentCsv: string;
  /** CSV of the DPE dropped as replaced, with the number of the DPE that replaced each. */
  replacedCsv: string;
  /** DPE number → number of its replacement, in the order of `replacedCsv`. */
  replacedBy: string[];
}

/** Options of {@link refreshTerritoryDpe}. */
export interface DpeStoreOptions extends DataFairOptions {
  dir: string;
  base: string;
  communes: readonly string[];
  /** Forces the modification date from which DPE are asked (`YYYY-MM-DD`). */
  since?: string;
  size?: number;
  concurrency?: number;
  now?: () => Date;
  onProgress?: (progress: DpeFetchProgress) => void;
}

async function* readNdjson(path: string): AsyncGenerator<DpeRecord> {
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line !== '') yield JSON.parse(line) as DpeRecord;
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((code, k) => code === b[k]);
}

/** Fetches (or resumes, or refreshes) the territory's DPE into the store; see the module doc. */
export async function refreshTerritoryDpe(options: DpeStoreOptions): Promise<DpeStoreResult> {
  const { dir } = options;
  mkdirSync(join(dir, 'raw'), { recursive: true });
  const statePath = join(dir, 'state.json');
  const pendingPath = join(dir, 'pending.ndjson');
  const recordsPath = join(dir, 'records.ndjson');
  const codes = dpeRecordCodes(options.communes);
  const stored = readJsonIfExists<StoreState>(statePath);
  const comparable =
    stored !== null && stored.base === options.base && sameCodes(stored.codes, codes);
  const state: StoreState = comparable
    ? stored
    : { base: options.base, codes, last: null, runs: [], pending: null };
  const since = options.since ?? state.last?.started_at.slice(0, 10) ?? null;
  const resumed = state.pending !== null && state.pending.since === since;
  if (!resumed) {
    rmSync(pendingPath, { force: true });
    const now = (options.now ?? (() => new Date()))();
    state.pending = { started_at: now.toISOString(), since, queries: [] };
  }
  const pending = state.pending as NonNullable<StoreState['pending']>;
  const save = () => writeFileAtomic(statePath, JSON.stringify(state, null, 2));
  save();

  const progress = await fetchTerritoryDpe({
    ...options,
    ...(since === null ? {} : { since }),
    resume: pending.queries,
    onPage: async (page, query) => {
      if (page.results.length > 0) {
        await appendFile(pendingPath, `${page.results.map((r) => JSON.stringify(r)).join('\n')}\n`);
      }
      const index = pending.queries.findIndex((q) => q.first === query.first);
      if (index < 0) pending.queries.push(query);
      else pending.queries[index] = query;
      save();
    },
  });

  // The run is complete: merge it, then replace the records in one rename.
  const kept = new Map<string, DpeRecord>();
  for await (const record of readNdjson(recordsPath)) mergeDpeRecords(kept, [record]);
  let added = 0;
  let updated = 0;
  let rowsFetched = 0;
  for await (const record of readNdjson(pendingPath)) {
    const merged = mergeDpeRecords(kept, [record]);
    added += merged.added;
    updated += merged.updated;
    rowsFetched++;
  }
  writeFileAtomic(recordsPath, [...kept.values()].map((r) => `${JSON.stringify(r)}\n`).join(''));
  const stamp = pending.started_at.replace(/[:.]/g, '-');
  if (existsSync(pendingPath)) renameSync(pendingPath, join(dir, 'raw', `${stamp}.ndjson`));
  else writeFileSync(join(dir, 'raw', `${stamp}.ndjson`), '');
  const run: DpeRun = {
    started_at: pending.started_at,
    since,
    pages: progress.pages,
    rows_fetched: rowsFetched,
    bytes: progress.bytes,
  };
  state.last = run;
  state.runs.push(run);
  state.pending = null;
  save();

  const selection = selectCurrentDpe([...kept.values()]);
  const currentCsv = join(dir, 'dpe.csv');
  const replacedCsv = join(dir, 'dpe-remplaces.csv');
  writeFileAtomic(currentCsv, dpeRecordsCsv(selection.current));
  writeFileAtomic(replacedCsv, dpeRecordsCsv(selection.replaced.map((entry) => entry.record)));
  return {
    run,
    resumed,
    records: kept.size,
    added,
    updated,
    replacedDropped: selection.replaced.length,
    weakGeocoding: selection.weakGeocoding,
    currentCsv,
    replacedCsv,
    replacedBy: selection.replaced.map((entry) => entry.by),
  };
}
