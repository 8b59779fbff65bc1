/**
 * Types shared by the import's callers (`run-import.ts`, the browser's dialog, the command line):
 * what the user says the files are, the kind of dataset made, the rejected rows in full.
 */
import type { FormatId } from './formats/format.ts';

/** What the user says the files are: a format of the registry, or 'auto' (from each header). */
export type ImportKind = 'auto' | FormatId;

/** Nature of an imported dataset, as in the manifest's `datasets[].kind`. */
export type ImportedDatasetKind = 'observed' | 'modelled' | 'buildings';

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
