/**
 * An import in the browser: the user's `File`s go through the one pipeline
 * (`src/ingest/run-import.ts`) on the app's DuckDB-WASM, read slice by slice; the accepted rows are
 * then copied into the imported datasets in one statement. Cancelling interrupts DuckDB and drops
 * every table of the import: nothing is half-imported.
 */
import { blobSource, bytesSource } from '../ingest/byte-source.ts';
import type { CommuneLocator } from '../ingest/commune-locator.ts';
import { detectTextEncoding } from '../ingest/detect-encoding.ts';
import type { ColumnMapping } from '../ingest/formats.ts';
import { UnknownFormatError } from '../ingest/formats.ts';
import { ImportError } from '../ingest/import-error.ts';
import type { ImportedDatasetKind, ImportKind, RejectedRows } from '../ingest/import-protocol.ts';
import type { ImportReport } from '../ingest/import-report.ts';
import { ImportCancelledError, type ImportProgress, runImport } from '../ingest/run-import.ts';
import { stopImportWarmUp } from './import-warm-up.ts';
import { type InsertedDataset, insertImportedRows } from './insert-arrow-dataset.ts';
import { wasmImportEngine } from './wasm-import-engine.ts';

/** Progress with the reading speed. */
export interface BrowserImportProgress extends ImportProgress {
  rowsPerSecond: number;
}

/** A finished import, its rows in DuckDB. */
export interface BrowserImportResult {
  report: ImportReport;
  kind: ImportedDatasetKind;
  files: string[];
  rejectedRows: RejectedRows;
  elapsedMs: number;
  rowsPerSecond: number;
  /** Null when no row was accepted (nothing loaded). */
  loaded: InsertedDataset | null;
}

/** How an import ended. */
export type BrowserImportOutcome =
  | { status: 'done'; result: BrowserImportResult }
  | {
      status: 'failed';
      message: string;
      file?: string;
      /** For a table of unknown headers: its columns, to map them. */
      unknownColumns?: readonly string[];
    }
  | { status: 'cancelled' };

/** A running import. */
export interface BrowserImportJob {
  /** Resolves once with the outcome; never rejects. */
  readonly outcome: Promise<BrowserImportOutcome>;
  /** Stops the import: DuckDB is interrupted and the import's tables dropped. */
  cancel(): void;
}

/** Options of {@link startBrowserImport}. */
export interface BrowserImportOptions {
  kind: ImportKind;
  datasetId: string;
  mapping?: ColumnMapping;
  locator?: CommuneLocator;
  onProgress?: (progress: BrowserImportProgress) => void;
  /** Called once the files are read and checked, while the rows are copied into DuckDB. */
  onLoading?: () => void;
  /** Bytes read per window (tests use small ones to see progress). */
  chunkBytes?: number;
}

/** Starts importing `files`; see the module documentation. */
export function startBrowserImport(
  files: readonly File[],
  options: BrowserImportOptions,
): BrowserImportJob {
  const controller = new AbortController();
  const started = performance.now();
  const rate = (rows: number) => {
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 ? rows / seconds : 0;
  };
  const run = async (): Promise<BrowserImportOutcome> => {
    await stopImportWarmUp({ userImport: true });
    const imported = await runImport({
      engine: wasmImportEngine(),
      sources: files.map((file) => blobSource(file)),
      dataset: options.datasetId,
      kind: options.kind,
      signal: controller.signal,
      ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
      ...(options.locator === undefined ? {} : { locator: options.locator }),
      ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
      onProgress: (progress) =>
        options.onProgress?.({ ...progress, rowsPerSecond: rate(progress.rowsRead) }),
    });
    try {
      const elapsedMs = performance.now() - started;
      const { report } = imported;
      const rejectedRows = await imported.rejectedRows();
      if (controller.signal.aborted) return { status: 'cancelled' };
      options.onLoading?.();
      const loaded =
        report.accepted > 0
          ? await insertImportedRows(options.datasetId, imported.acceptedSql)
          : null;
      return {
        status: 'done',
        result: {
          report,
          kind: imported.kind,
          files: imported.files,
          rejectedRows,
          elapsedMs,
          rowsPerSecond: rate(report.rows_read),
          loaded,
        },
      };
    } finally {
      await imported.dispose();
    }
  };
  const outcome = run().catch((error: unknown): BrowserImportOutcome => {
    if (error instanceof ImportCancelledError || controller.signal.aborted) {
      return { status: 'cancelled' };
    }
    if (error instanceof UnknownFormatError) {
      return {
        status: 'failed',
        message: error.message,
        ...(error.file === undefined ? {} : { file: error.file }),
        unknownColumns: error.names,
      };
    }
    if (error instanceof ImportError) {
      return {
        status: 'failed',
        message: error.message,
        ...(error.file === undefined ? {} : { file: error.file }),
      };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'failed', message: `Erreur inattendue pendant la lecture : ${reason}` };
  });
  return { outcome, cancel: () => controller.abort() };
}

/** Bytes of a file read for the preview of a mapping. */
const PREVIEW_BYTES = 256 * 1024;
/** Rows of each kind shown by the preview. */
const PREVIEW_ROWS = 5;

/** What a mapping makes of the start of a file. */
export interface MappingPreview {
  /** Rows read in the preview (the start of the file), accepted and rejected. */
  report: ImportReport;
  /** The first accepted rows, canonical columns. */
  rows: Record<string, unknown>[];
  /** The first rejected rows. */
  rejected: { line: number; reason: string; raw: string }[];
  /** Whether the preview read the whole file. */
  wholeFile: boolean;
}

/** The start of a file up to a line end, so that no record is cut. */
async function fileStart(file: File): Promise<{ bytes: Uint8Array; whole: boolean }> {
  if (file.size <= PREVIEW_BYTES) {
    return { bytes: new Uint8Array(await file.arrayBuffer()), whole: true };
  }
  const bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const utf16 = detectTextEncoding(bytes).startsWith('utf-16');
  const last = bytes.lastIndexOf(10);
  // In UTF-16 LE the line end is 0A 00: keep its second byte.
  const end = last < 0 ? bytes.length : last + (utf16 && bytes[last + 1] === 0 ? 2 : 1);
  return { bytes: bytes.subarray(0, end), whole: false };
}

/**
 * Runs the pipeline with `mapping` on the start of `file`, without loading anything: the first rows
 * as they would be imported, and the first rejected ones with their reason.
 */
export async function previewBrowserImport(
  file: File,
  mapping: ColumnMapping,
  locator?: CommuneLocator,
): Promise<MappingPreview> {
  const start = await fileStart(file);
  const engine = wasmImportEngine();
  const imported = await runImport({
    engine,
    sources: [bytesSource(file.name, start.bytes)],
    dataset: 'apercu',
    mapping,
    ...(locator === undefined ? {} : { locator }),
  });
  try {
    const rows = await engine.query(`${imported.acceptedInOrderSql} LIMIT ${PREVIEW_ROWS}`);
    const rejected = await imported.rejectedRows();
    return {
      report: imported.report,
      rows,
      rejected: Array.from({ length: Math.min(PREVIEW_ROWS, rejected.reasons.length) }, (_, k) => ({
        line: rejected.lines[k] ?? 0,
        reason: rejected.reasons[k] ?? '',
        raw: rejected.raws[k] ?? '',
      })),
      wholeFile: start.whole,
    };
  } finally {
    await imported.dispose();
  }
}
