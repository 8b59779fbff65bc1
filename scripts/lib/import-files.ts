/**
 * The command-line import path, shared by `npm run import` and `npm run data:build`: the files
 * given by path go through the one pipeline (`src/ingest/run-import.ts`) on native DuckDB, with
 * the COG 2026 for EPCI (merged communes attached to their successor) and the commune contours for
 * rows with coordinates and no INSEE code.
 */
import { sourceRejectedCsv } from '../../src/export/rejected-rows-csv.ts';
import { type ColumnMapping, FORMATS } from '../../src/ingest/formats.ts';
import type { GeoFeatureRow } from '../../src/ingest/geo-reader.ts';
import type { ImportReport } from '../../src/ingest/import-report.ts';
import {
  type ImportKindOption,
  type ImportProgress,
  type ImportRun,
  runImport,
} from '../../src/ingest/run-import.ts';
import type { TerritoryLookup } from '../../src/ingest/territory-resolution.ts';
import { fileCommuneLocator } from './commune-contours.ts';
import { COMMUNE_EPCI_REFERENCE, loadCommuneEpci } from './commune-epci.ts';
import { loadCommuneSuccessors } from './commune-successors.ts';
import { type NativeImportEngine, openNativeImportEngine } from './native-import-engine.ts';
import { pathSource } from './path-source.ts';

/** `--kind` values: 'auto', the formats the registry lets one force, contours. */
export const IMPORT_KINDS: readonly string[] = [
  'auto',
  ...FORMATS.filter((format) => format.choice !== undefined).map((format) => format.id),
  'geo',
];
/** One of {@link IMPORT_KINDS}. */
export type ImportKind = string;

/** What an import returns. */
export interface ImportResult {
  report: ImportReport;
  rejectedRowsCsv: string;
  /** Contours accepted, for geometry files. */
  features?: GeoFeatureRow[];
}

/** Options of {@link importPaths}. */
export interface ImportPathsOptions {
  /** Dataset id written on the rows (default: 'import'). */
  dataset?: string;
  mapping?: ColumnMapping;
  /** Sheet of an Excel workbook (the first by default). */
  sheet?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Engine to run on (data:build's database); a temporary one by default. */
  engine?: NativeImportEngine;
  /** Receives the finished run before its tables are dropped (data:build copies the rows). */
  keep?: (run: ImportRun) => Promise<void>;
}

let territory: TerritoryLookup | null = null;

/** The COG 2023 of the command line: commune → EPCI and merged communes. */
function territoryLookup(): TerritoryLookup {
  territory ??= {
    epciOf: loadCommuneEpci(),
    successorOf: loadCommuneSuccessors(),
    reference: COMMUNE_EPCI_REFERENCE,
  };
  return territory;
}

/**
 * Memory DuckDB may use before spilling to disk (`DUCKDB_MEMORY_LIMIT`, default 600 MB). Measured
 * on the 20 M rows of `test:slow` (native, 2 cores): 1 GB gave 56–71 s and a peak of 1,359–1,527 MB
 * for the process, 600 MB gave 53.5 s and 910–919 MB, 400 MB 54–55 s and 706–774 MB.
 */
export function memoryLimit(): string {
  return process.env.DUCKDB_MEMORY_LIMIT ?? '600MB';
}

/** Imports files given by path: what `npm run import` does, without printing. */
export async function importPaths(
  paths: readonly string[],
  kind: ImportKind = 'auto',
  options: ImportPathsOptions = {},
): Promise<ImportResult> {
  const sources = paths.map(pathSource);
  const engine = options.engine ?? (await openNativeImportEngine({ memoryLimit: memoryLimit() }));
  try {
    const run = await runImport({
      engine,
      sources,
      dataset: options.dataset ?? 'import',
      kind: kind === 'geo' ? 'auto' : (kind as ImportKindOption),
      contours: kind === 'auto' || kind === 'geo',
      territory: territoryLookup(),
      locator: fileCommuneLocator(),
      ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
      ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    try {
      await options.keep?.(run);
      const rejected = await run.rejectedRows();
      const result: ImportResult = {
        report: run.report,
        rejectedRowsCsv: sourceRejectedCsv(rejected, run.headerRaw, run.separator),
      };
      if (run.features !== undefined) result.features = run.features;
      return result;
    } finally {
      await run.dispose();
    }
  } finally {
    if (options.engine === undefined) engine.close();
  }
}
