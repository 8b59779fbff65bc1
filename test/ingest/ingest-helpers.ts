/** Shared helpers of the ingest tests: fixture paths and feeding an import in small chunks. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StockRow } from '../../src/domain/stock-schema.ts';
import type { CsvImport, ImportOptions } from '../../src/ingest/csv-import.ts';
import type { ImportReport } from '../../src/ingest/import-report.ts';

/** The committed fixtures of the ingest tests. */
export const FIXTURES = resolve(process.cwd(), 'test/fixtures/ingest');
/** The shared reference data, read at run time and never copied (absent on some machines). */
export const SHARED_DATA = resolve(process.cwd(), '../shared/data');
/** The real ADEME export of the shared data. */
export const LYON_SAMPLE = resolve(SHARED_DATA, 'dpe/dpe-v2-logements-neufs-lyon8-sample.csv');

/** Text of a fixture (UTF-8). */
export function fixtureText(path: string): string {
  return readFileSync(resolve(FIXTURES, path), 'utf8');
}

/** The report and accepted rows (with their line) of an import fed `text` in chunks. */
export interface ImportRun {
  report: ImportReport;
  rows: StockRow[];
  lines: number[];
  rejectedCsv: string;
}

/**
 * Feeds `text` to an import made by `create`, `chunkSize` characters at a time (small by default,
 * so that records straddle chunks), and collects the accepted rows.
 */
export function runImport<O extends ImportOptions>(
  create: (options: O) => CsvImport,
  text: string,
  options: O = {} as O,
  chunkSize = 37,
): ImportRun {
  const rows: StockRow[] = [];
  const lines: number[] = [];
  const csv = create({
    ...options,
    onRow: (row: StockRow, line: number) => {
      rows.push(row);
      lines.push(line);
    },
  });
  for (let i = 0; i < text.length; i += chunkSize) csv.push(text.slice(i, i + chunkSize));
  const report = csv.end();
  return { report, rows, lines, rejectedCsv: csv.report.rejectedRowsCsv() };
}
