/**
 * Column mappings saved under a name in this browser (localStorage), to import the next file of the
 * same kind in one click. A stored value is checked field by field: anything unexpected is dropped.
 */
import type { ColumnMapping, MappingField } from '../ingest/formats/mapped-format.ts';
import { MAPPING_FIELDS } from '../ingest/formats/mapped-format.ts';

const KEY = 'casba.correspondances';
const MAX_MAPPINGS = 50;
const MAX_TEXT = 200;

/** A saved mapping. */
export interface SavedMapping {
  name: string;
  mapping: ColumnMapping;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_TEXT;
}

/** A mapping read back from storage, or null if it is not one. */
function parseSavedMapping(value: unknown): SavedMapping | null {
  if (typeof value !== 'object' || value === null) return null;
  const { name, mapping } = value as { name?: unknown; mapping?: unknown };
  if (!isText(name) || typeof mapping !== 'object' || mapping === null) return null;
  const clean: ColumnMapping = {};
  for (const field of MAPPING_FIELDS) {
    const column = (mapping as Record<string, unknown>)[field];
    if (isText(column)) clean[field as MappingField] = column;
  }
  return { name, mapping: clean };
}

/** The saved mappings, by name. */
export function readSavedMappings(): SavedMapping[] {
  try {
    const parsed = JSON.parse(storage()?.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.slice(0, MAX_MAPPINGS).flatMap((entry) => parseSavedMapping(entry) ?? []);
  } catch {
    return [];
  }
}

/** Saves (or replaces) a mapping under its name; false when the browser refuses. */
export function saveMapping(saved: SavedMapping): boolean {
  const others = readSavedMappings().filter((entry) => entry.name !== saved.name);
  try {
    storage()?.setItem(KEY, JSON.stringify([saved, ...others].slice(0, MAX_MAPPINGS)));
    return storage() !== null;
  } catch {
    return false;
  }
}

/** Forgets every saved mapping. */
export function clearSavedMappings(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
