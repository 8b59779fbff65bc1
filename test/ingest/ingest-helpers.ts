/** Shared helpers of the ingest tests: fixture paths, and imports run on native DuckDB. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type NativeImportEngine,
  openNativeImportEngine,
} from '../../scripts/lib/native-import-engine.ts';
import type { StockRow } from '../../src/domain/stock-schema.ts';
import { bytesSource } from '../../src/ingest/byte-source.ts';
import type { RejectedRows } from '../../src/ingest/import-protocol.ts';
import type { ImportReport } from '../../src/ingest/import-report.ts';
import { type RunImportOptions, runImport } from '../../src/ingest/run-import.ts';

/** The committed fixtures of the ingest tests. */
const FIXTURES = resolve(process.cwd(), 'test/fixtures/ingest');
/** The shared reference data, read at run time and never copied (absent on some machines). */
export const SHARED_DATA = resolve(process.cwd(), '../shared/data');
/** The real ADEME export of the shared data. */
export const LYON_SAMPLE = resolve(SHARED_DATA, 'dpe/dpe-v2-logements-neufs-lyon8-sample.csv');

/** Bytes of a fixture. */
export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(FIXTURES, path)));
}

let shared: Promise<NativeImportEngine> | null = null;

/** One native engine for the tests of a file (closed when the process ends). */
export function testEngine(): Promise<NativeImportEngine> {
  shared ??= openNativeImportEngine();
  return shared;
}

/** What an import made, read back. */
export interface ImportOutcome {
  report: ImportReport;
  rows: StockRow[];
  rejected: RejectedRows;
}

/** Options of {@link importFiles}, besides the engine and the sources. */
export type ImportTestOptions = Partial<Omit<RunImportOptions, 'engine' | 'sources'>>;

/** Imports files given as name → text or bytes, and reads back the accepted and rejected rows. */
export async function importFiles(
  files: readonly (readonly [string, string | Uint8Array])[],
  options: ImportTestOptions = {},
): Promise<ImportOutcome> {
  const engine = await testEngine();
  const run = await runImport({
    engine,
    dataset: 'test',
    ...options,
    sources: files.map(([name, content]) =>
      bytesSource(name, typeof content === 'string' ? new TextEncoder().encode(content) : content),
    ),
  });
  try {
    const rows = (await engine.query(run.acceptedInOrderSql)) as unknown as StockRow[];
    return { report: run.report, rows, rejected: await run.rejectedRows() };
  } finally {
    await run.dispose();
  }
}

/** Imports one file. */
export function importText(
  content: string | Uint8Array,
  options: ImportTestOptions & { name?: string } = {},
): Promise<ImportOutcome> {
  const { name = 'fichier.csv', ...rest } = options;
  return importFiles([[name, content]], rest);
}

/** Text of a fixture (UTF-8). */
export function fixtureText(path: string): string {
  return readFileSync(resolve(FIXTURES, path), 'utf8');
}
