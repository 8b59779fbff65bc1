/**
 * The import scenario in Chromium: the app's import worker (`src/ingest/import-worker.ts`, a new
 * worker per import, the file passed by reference) then the accepted rows inserted into the app's
 * DuckDB-WASM, against DuckDB-WASM's `read_csv` of the same bytes and arquero's `fromCSV`.
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { getDb, runQuery } from '../../../src/db/duckdb.ts';
import type {
  ImportDoneMessage,
  ImportWorkerMessage,
} from '../../../src/ingest/import-protocol.ts';
import { insertImportedStockSql } from '../../../src/sql/imported-stock-sql.ts';
import { readDpeCsvSql, resetImportedStockSql } from '../bench-sql.ts';
import { measurePaths, type PathSamples } from '../scenario-core.ts';
import { duckdbMemoryMb, jsHeapMb } from './page-memory.ts';

const DATASET = 'bench_dpe';
const STAGING = 'memory.main.bench_import_staging';

function importInWorker(file: File): Promise<ImportDoneMessage> {
  const worker = new Worker(new URL('../../../src/ingest/import-worker.ts', import.meta.url), {
    type: 'module',
  });
  return new Promise<ImportDoneMessage>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
      const message = event.data;
      if (message.type === 'done') resolve(message);
      if (message.type === 'failed') reject(new Error(message.message));
    };
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage({ type: 'start', files: [file], kind: 'dpe', datasetId: DATASET });
  }).finally(() => worker.terminate());
}

/** The app's import of `file`, rows inserted into DuckDB-WASM; answers the accepted count. */
export async function importLikeTheApp(file: File): Promise<number> {
  const done = await importInWorker(file);
  const connection = await (await getDb()).connect();
  try {
    await connection.insertArrowFromIPCStream(done.ipc, {
      name: 'bench_import_staging',
      schema: 'main',
      create: true,
    });
  } finally {
    await connection.close();
  }
  await runQuery(insertImportedStockSql({ dataset: DATASET, staging: STAGING }));
  await runQuery(`DROP TABLE ${STAGING}`);
  return done.report.accepted;
}

/** Inputs of {@link measureImport}. */
export interface ImportInputs {
  file: File;
  runs: number;
  raw: AsyncDuckDBConnection;
  /** The app's import; undefined when only the readers are measured. */
  app: (() => Promise<number>) | undefined;
  js: (() => Promise<number>) | undefined;
}

/** Runs the three paths side by side; answers samples, heaps and the row counts they found. */
export async function measureImport(inputs: ImportInputs) {
  const db = await getDb();
  await db.registerFileBuffer('dpe.csv', new Uint8Array(await inputs.file.arrayBuffer()));
  let accepted: number | null = null;
  let rawRows = 0;
  const app = inputs.app;
  const samples: PathSamples = await measurePaths(
    {
      app:
        app &&
        (async () => {
          accepted = await app();
        }),
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
  return {
    samples,
    heapMb: jsHeapMb(),
    wasmHeapMb: await duckdbMemoryMb(runQuery),
    details: { app_accepted: accepted, wasm_read_csv_rows: rawRows },
  };
}
