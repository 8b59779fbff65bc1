/**
 * Source manifests: JSON lists of {@link SourceManifestEntry}, one per file. Two kinds share the
 * format. The committed reference `data/sources.json` pins the SHA-256 and size of each file as
 * served by a mirror with the `data/sources/` layout (the sibling `../shared/data`); it is
 * rewritten only by `npm run data:fetch -- --from MIROIR --pin`. The local record
 * `<sources dir>/manifest.json` says what was fetched into that directory, from where, and
 * with which SHA-256; a mirror that carries one (a `data/sources/` filled by `npm run
 * data:fetch` and published as is) vouches for its own files with it.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isJsonObject } from '../../src/domain/json-reader.ts';
import { writeFileAtomic } from './json-file.ts';
import { REPO_ROOT, SOURCES, type SourceEntry, type SourceManifestEntry } from './sources.ts';

/** The committed reference manifest, relative to the repository root. */
export const REFERENCE_MANIFEST_PATH = 'data/sources.json';

/** The local record of a sources directory, relative to that directory. */
export const LOCAL_MANIFEST_FILE = 'manifest.json';

/** Absolute path of the committed reference manifest. */
export const REFERENCE_MANIFEST = join(REPO_ROOT, REFERENCE_MANIFEST_PATH);

/** The checksum a file must have, and where that expectation comes from (in French). */
export interface ExpectedChecksum {
  sha256: string;
  bytes: number;
  /** E.g. « la référence du dépôt (data/sources.json) ». */
  origin: string;
}

/** Reads a manifest; an absent or unreadable one counts as empty. */
export function readManifest(path: string): SourceManifestEntry[] {
  if (!existsSync(path)) return [];
  return parseManifest(readFileSync(path, 'utf8'));
}

/** Parses manifest text; anything but a list of records with a path and a SHA-256 is dropped. */
export function parseManifest(text: string): SourceManifestEntry[] {
  try {
    const json = JSON.parse(text) as unknown;
    if (!Array.isArray(json)) return [];
    return json.filter(
      (r): r is SourceManifestEntry =>
        isJsonObject(r) && typeof r.path === 'string' && typeof r.sha256 === 'string',
    );
  } catch {
    return [];
  }
}

/** Indexes manifest records by file path, as checksum expectations. */
export function checksumsByPath(
  records: readonly SourceManifestEntry[],
  origin: string,
): Map<string, ExpectedChecksum> {
  return new Map(records.map((r) => [r.path, { sha256: r.sha256, bytes: r.bytes, origin }]));
}

/** Options of {@link writeManifest}. */
export interface WriteManifestOptions {
  /** Order of the records (default: the source catalogue). */
  catalogue?: readonly SourceEntry[];
  /** Drop the records not given (default: keep them). */
  replace?: boolean;
  dryRun?: boolean;
}

/**
 * Writes a manifest: the new records replace those of the same id, the others are kept (a
 * failed download keeps its last good record) unless `replace`; catalogue order, then the rest
 * by id. The file is replaced atomically. Returns the list (also on a dry run, which writes
 * nothing).
 */
export function writeManifest(
  path: string,
  records: readonly SourceManifestEntry[],
  options: WriteManifestOptions = {},
): SourceManifestEntry[] {
  const byId = new Map(
    options.replace === true ? [] : readManifest(path).map((r) => [r.id, r] as const),
  );
  for (const record of records) byId.set(record.id, record);
  const order = new Map((options.catalogue ?? SOURCES).map((entry, index) => [entry.id, index]));
  const merged = [...byId.values()].sort(
    (a, b) =>
      (order.get(a.id) ?? order.size) - (order.get(b.id) ?? order.size) || a.id.localeCompare(b.id),
  );
  if (options.dryRun === true) return merged;
  writeFileAtomic(path, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}

/** The manifest record of a file just obtained. */
export function manifestRecord(
  entry: SourceEntry,
  file: { sha256: string; bytes: number },
  fetchedFrom: string,
  now: Date,
): SourceManifestEntry {
  return {
    id: entry.id,
    path: entry.path,
    url: entry.url,
    licence: entry.licence,
    producer: entry.producer,
    vintage: entry.vintage,
    sha256: file.sha256,
    bytes: file.bytes,
    fetched_at: now.toISOString(),
    fetched_from: fetchedFrom,
  };
}
