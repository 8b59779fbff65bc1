/**
 * A small DPE import run when the import dialog opens, while the user chooses a file: DuckDB-WASM
 * compiles its code on first use, so the first import of a page paid for it. Measured in Chromium
 * (05/12/2026): 2,000 rows imported first took 2.6 s, after a 5-row import 1.3 s. Nothing of it is
 * kept: its tables are dropped, no dataset is made. The user's import stops it and waits for its
 * tables to be gone before starting, so the two never interleave.
 */
import { blobSource } from '../ingest/byte-source.ts';
import { dpeSampleCsv } from '../ingest/formats/dpe-format.ts';
import { runImport } from '../ingest/run-import.ts';
import { wasmImportEngine } from './wasm-import-engine.ts';

/** Whether an import (this warm-up, or the user's) already ran in this page. */
let warm = false;
let running: { controller: AbortController; done: Promise<void> } | null = null;

/** Starts the warm-up, unless an import already ran in this page or the warm-up is running. */
export function startImportWarmUp(): void {
  if (warm || running !== null) return;
  const controller = new AbortController();
  const file = new File([dpeSampleCsv()], 'echantillon-dpe.csv', { type: 'text/csv' });
  const done = runImport({
    engine: wasmImportEngine(),
    sources: [blobSource(file)],
    dataset: 'echantillon',
    kind: 'dpe',
    signal: controller.signal,
  })
    .then(async (run) => {
      await run.dispose();
      warm = true;
    })
    // A cancelled or failed warm-up has dropped its tables; the user's import will warm DuckDB.
    .catch(() => undefined)
    .finally(() => {
      running = null;
    });
  running = { controller, done };
}

/**
 * Stops the warm-up and resolves once its tables are dropped. `userImport`: the user's import is
 * about to run, which warms DuckDB itself, so no warm-up will start again.
 */
export async function stopImportWarmUp({ userImport }: { userImport: boolean }): Promise<void> {
  if (userImport) warm = true;
  const current = running;
  if (current === null) return;
  current.controller.abort();
  await current.done;
}

/** Resolves once no warm-up runs, with whether DuckDB's import code is warm (test hook). */
export async function importWarmUpSettled(): Promise<boolean> {
  await running?.done;
  return warm;
}
