/**
 * The import scenario in Chromium: the app's import (`src/db/browser-import.ts`: the one pipeline
 * on the app's DuckDB-WASM, the file read slice by slice, then the accepted rows copied into the
 * imported datasets), against DuckDB-WASM's `read_csv` of the same bytes and arquero's `fromCSV`.
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { startBrowserImport } from '../../../src/db/browser-import.ts';
import { getDb, runInSession, runQuery } from '../../../src/db/duckdb.ts';
import { readDpeCsvSql, resetImportedStockSql } from '../bench-sql.ts';
import { fileReadDetails, timeFileReads } from '../import-file-read.ts';
import { measurePaths, type PathSamples } from '../scenario-core.ts';
import { duckdbMemoryMb, jsHeapMb } from './page-memory.ts';

const DATASET = 'bench_dpe';

/** The app's import of `file`, rows inserted into DuckDB-WASM; answers the accepted count. */
export async function importLikeTheApp(file: File): Promise<number> {
  const outcome = await startBrowserImport([file], { kind: 'dpe', datasetId: DATASET }).outcome;
  if (outcome.status !== 'done') {
    throw new Error(`bench import: ${outcome.status === 'failed' ? outcome.message : 'annulé'}`);
  }
  return outcome.result.report.accepted;
}

/** Inputs of {@link measureImport}. */
export interface ImportInputs {
  file: File;
  runs: number;
  raw: AsyncDuckDBConnection;
  /** The app's import. */
  app: () => Promise<number>;
  js: () => Promise<number>;
}

/** Runs the three paths side by side; answers samples, heaps and the row counts they found. */
export async function measureImport(inputs: ImportInputs) {
  const db = await getDb();
  await db.registerFileBuffer('dpe.csv', new Uint8Array(await inputs.file.arrayBuffer()));
  // The same read on the File where it is, as the app reads it: what reading the user's file
  // costs in the browser, apart from the import's own work.
  await runInSession((session) => session.registerFileHandle('dpe-file.csv', inputs.file));
  let accepted: number | null = null;
  let rawRows = 0;
  const app = inputs.app;
  const samples: PathSamples = await measurePaths(
    {
      app: async () => {
        accepted = await app();
      },
      wasm_raw: async () => {
        // CREATE TABLE AS answers with the count of rows it inserted.
        const table = await inputs.raw.query(readDpeCsvSql('dpe.csv'));
        rawRows = Number(table.getChildAt(0)?.get(0) ?? 0);
      },
      js: inputs.js,
    },
    inputs.runs,
    {
      beforeRun: async () => {
        for (const sql of resetImportedStockSql()) await runQuery(sql);
        jsHeapMb();
      },
    },
  );
  const fileReads = await timeFileReads(inputs.runs, async () => {
    await inputs.raw.query(readDpeCsvSql('dpe-file.csv'));
  });
  await runInSession((session) => session.dropFile('dpe-file.csv'));
  return {
    samples,
    heapMb: jsHeapMb(),
    wasmHeapMb: await duckdbMemoryMb(runQuery),
    details: {
      app_accepted: accepted,
      wasm_read_csv_rows: rawRows,
      ...fileReadDetails(fileReads, samples),
    },
  };
}
