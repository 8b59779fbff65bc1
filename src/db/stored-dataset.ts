import { isJsonObject } from '../domain/json-reader.ts';
import { parseProvenance } from '../domain/provenance.ts';
import type { DatasetInfo } from './manifest.ts';

/** An imported dataset as kept in the browser: what the switcher shows and its canonical rows. */
export interface StoredDataset {
  info: DatasetInfo;
  rows: number;
  dwellings: number;
  /** Canonical stock rows as an Arrow IPC stream. */
  ipc: Blob;
  /** ISO date and time of the import. */
  savedAt: string;
}

const ID = /^import-\d{1,6}$/;
const KINDS = new Set(['observed', 'modelled', 'buildings']);
const MAX_TEXT = 2000;

function isText(value: unknown, allowEmpty = false): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT && (allowEmpty || value !== '');
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Checks a record read back from the browser's storage, which another tab, an older version or
 * the user may have altered: null unless every field has the expected type and range. Only the
 * known fields are copied.
 */
export function parseStoredDataset(value: unknown): StoredDataset | null {
  if (!isJsonObject(value) || !isJsonObject(value.info)) return null;
  const { info } = value;
  if (!isText(info.id) || !ID.test(info.id)) return null;
  if (!isText(info.name) || !isText(info.kind) || !KINDS.has(info.kind)) return null;
  if (!isText(info.caption, true) || typeof info.synthetic !== 'boolean') return null;
  if (!isCount(value.rows) || !isCount(value.dwellings) || !isText(value.savedAt)) return null;
  if (!(value.ipc instanceof Blob) || value.ipc.size === 0) return null;
  // Fetched open data keeps its source, date and caveat; an altered provenance is left out.
  const provenance = parseProvenance(info.provenance);
  return {
    info: {
      id: info.id,
      name: info.name,
      kind: info.kind,
      synthetic: info.synthetic,
      caption: info.caption,
      ...(provenance === null ? {} : { provenance }),
    },
    rows: value.rows,
    dwellings: value.dwellings,
    ipc: value.ipc,
    savedAt: value.savedAt,
  };
}
