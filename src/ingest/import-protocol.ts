/**
 * Messages between the page and the import worker (`import-worker.ts`). Accepted rows cross the
 * boundary once, as Arrow IPC bytes whose buffer is transferred; rejected rows as parallel arrays.
 */
import type { ImportReport } from './import-report.ts';

/** What the user says the files are; 'auto' detects it from each file's header. */
export type ImportKind = 'auto' | 'dpe' | 'bdnb' | 'stock';

/** Nature of an imported dataset, as in the manifest's `datasets[].kind`. */
export type ImportedDatasetKind = 'observed' | 'modelled' | 'buildings';

/** Starts an import (page → worker). */
export interface ImportRequest {
  type: 'start';
  files: readonly File[];
  kind: ImportKind;
  /** Dataset id written on every accepted row. */
  datasetId: string;
}

/** Sent about every 100 ms while files are read. */
export interface ImportProgressMessage {
  type: 'progress';
  /** Bytes read so far, over all files. */
  bytesRead: number;
  totalBytes: number;
  /** Records read so far (accepted + rejected). */
  rowsRead: number;
  /** Records read per second since the start. */
  rowsPerSecond: number;
  /** File being read. */
  file: string;
}

/** Sent once the files are read, while the accepted rows are turned into Arrow. */
export interface ImportEncodingMessage {
  type: 'encoding';
  rows: number;
}

/** Rejected rows in full (the report lists only the first ones), as parallel arrays. */
export interface RejectedRows {
  lines: Uint32Array;
  reasons: string[];
  raws: string[];
  /** File of each row, for imports of several files; null otherwise. */
  files: string[] | null;
  /** True when raw lines beyond a memory bound were not kept. */
  truncated: boolean;
}

/** The import succeeded (worker → page). `ipc` holds the accepted rows. */
export interface ImportDoneMessage {
  type: 'done';
  report: ImportReport;
  /** Accepted rows: an Arrow IPC stream with the canonical stock columns. */
  ipc: Uint8Array;
  /** A copy of `ipc`, kept by the page to reload the dataset (after a DuckDB crash, a reload). */
  ipcBlob: Blob;
  kind: ImportedDatasetKind;
  rejectedRows: RejectedRows;
  /** Names of the files read, in reading order. */
  files: string[];
  elapsedMs: number;
  rowsPerSecond: number;
}

/** The import could not be carried out: one French message, naming the file if known. */
export interface ImportFailedMessage {
  type: 'failed';
  message: string;
  file?: string;
}

/** Any message of the worker. */
export type ImportWorkerMessage =
  | ImportProgressMessage
  | ImportEncodingMessage
  | ImportDoneMessage
  | ImportFailedMessage;
