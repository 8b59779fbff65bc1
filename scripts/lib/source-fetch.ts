/**
 * Obtaining source files: the one owner of downloads, used by `npm start` (through
 * ensure-sources.ts) and by `npm run data:fetch`. Each file comes from one origin: a mirror
 * with the `data/sources/` layout (an HTTP base URL, `DATA_SOURCES_URL`, or a local directory),
 * else its official URL. It is verified before it takes its place, then recorded in the local
 * manifest of the target directory.
 *
 * Verification. Files from a mirror must match a pinned SHA-256 and size: those of the mirror's
 * own `manifest.json` when it has one (a `data/sources/` filled by `npm run data:fetch` and
 * published as is), else those of the committed reference `data/sources.json` (the files of
 * the reference mirror `../shared/data`, simplified versions of the official ones). An
 * official URL serves other bytes than the reference, and they change with each publication:
 * they are checked by length (Content-Length, or Content-Range when resumed, guarded by
 * If-Range) and by parsing (JSON, GeoJSON with contours, CSV with data rows), and their
 * SHA-256 is recorded in the local manifest. Every file is also parsed, whatever its origin.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  type CompletedPart,
  commitPart,
  DownloadError,
  type DownloadOptions,
  discardPart,
  downloadFile,
  hashFile,
} from './download.ts';
import { createProgressReporter, type ProgressReporter } from './download-progress.ts';
import {
  checksumsByPath,
  type ExpectedChecksum,
  LOCAL_MANIFEST_FILE,
  manifestRecord,
  parseManifest,
  REFERENCE_MANIFEST,
  REFERENCE_MANIFEST_PATH,
  readManifest,
  writeManifest,
} from './source-manifest.ts';
import { REPO_ROOT, type SourceEntry, type SourceManifestEntry } from './sources.ts';

/** The environment variable naming a mirror base URL. */
export const DATA_SOURCES_URL = 'DATA_SOURCES_URL';

/** Where the files come from. */
export type SourceOrigin =
  | { kind: 'mirror-url'; base: string }
  | { kind: 'mirror-dir'; dir: string }
  | { kind: 'official' };

/** Options of {@link obtainSources}. */
export interface ObtainSourcesOptions {
  entries: readonly SourceEntry[];
  origin: SourceOrigin;
  /** Where the files go, in the mirror layout (usually data/sources). */
  targetDir: string;
  /** The reference manifest (default data/sources.json). */
  referenceManifest?: string;
  /** Network settings (tests shorten the back-off). */
  download?: Pick<
    DownloadOptions,
    'fetchImpl' | 'attempts' | 'backoffMs' | 'idleTimeoutMs' | 'sleep'
  >;
  progress?: ProgressReporter;
  now?: () => Date;
  /** Base of the relative `fetched_from` of local mirror copies (default: the repository). */
  repoRoot?: string;
}

/** What happened to one file. `unavailable`: this origin cannot provide it; nothing tried. */
export interface SourceOutcome {
  entry: SourceEntry;
  status: 'obtained' | 'unavailable' | 'failed';
  /** The URL or path it came from, or would have. */
  from: string;
  record?: SourceManifestEntry;
  /** Why it was not obtained, in French. */
  reason?: string;
}

/**
 * The origin named by the environment: the mirror of `DATA_SOURCES_URL` when it is set, else
 * the official URLs. Throws a French error for a value that is not an http(s) URL.
 */
export function originFromEnv(env: NodeJS.ProcessEnv = process.env): SourceOrigin {
  const base = env[DATA_SOURCES_URL]?.trim() ?? '';
  if (base === '') return { kind: 'official' };
  const protocol = URL.canParse(base) ? new URL(base).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:')
    throw new Error(
      `${DATA_SOURCES_URL} invalide : « ${base} » (adresse http:// ou https:// d’un miroir attendue).`,
    );
  return { kind: 'mirror-url', base };
}

/** A mirror base URL with exactly one trailing slash, so that paths resolve under it. */
function mirrorBase(url: string): string {
  return `${url.replace(/\/+$/, '')}/`;
}

/** The URL of a source in a mirror; each path segment is percent-encoded. */
export function mirrorUrl(base: string, path: string): string {
  return new URL(path.split('/').map(encodeURIComponent).join('/'), mirrorBase(base)).href;
}

function fmt(n: number): string {
  return n.toLocaleString('fr-FR');
}

/**
 * Rejects what is not a usable copy of the source: empty, an HTML page, unparsable JSON, a
 * GeoJSON without contours, a CSV without a data row.
 */
export function checkSourceContent(sourcePath: string, filePath: string): void {
  const bytes = readFileSync(filePath);
  if (bytes.length === 0) throw new Error('fichier vide');
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const head = text.slice(0, 200).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html'))
    throw new Error('page HTML reçue au lieu du fichier');
  if (/\.(geo)?json$/.test(sourcePath)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error('JSON illisible (fichier incomplet ou abîmé)');
    }
    const collection = json as { type?: unknown; features?: unknown };
    if (
      sourcePath.endsWith('.geojson') &&
      !(
        collection.type === 'FeatureCollection' &&
        Array.isArray(collection.features) &&
        collection.features.length > 0
      )
    )
      throw new Error('GeoJSON sans contour (FeatureCollection non vide attendue)');
  }
  if (sourcePath.endsWith('.csv') && text.split(/\r?\n/).filter((l) => l.trim()).length < 2)
    throw new Error('CSV sans ligne de données');
}

function verifier(entry: SourceEntry, expected: ExpectedChecksum | null) {
  return (part: CompletedPart): void => {
    if (expected !== null && (part.sha256 !== expected.sha256 || part.bytes !== expected.bytes)) {
      throw new Error(
        `empreinte différente de celle de ${expected.origin} : reçu SHA-256 ${part.sha256.slice(0, 16)}… ` +
          `(${fmt(part.bytes)} octets), attendu ${expected.sha256.slice(0, 16)}… (${fmt(expected.bytes)} octets)`,
      );
    }
    checkSourceContent(entry.path, part.path);
  };
}

/** Checksums a mirror vouches for: its own manifest.json, if it has one. */
async function mirrorChecksums(
  origin: SourceOrigin,
  targetDir: string,
  download: ObtainSourcesOptions['download'],
): Promise<{ checksums: Map<string, ExpectedChecksum>; unreachable?: string }> {
  if (origin.kind === 'mirror-dir') {
    const path = join(origin.dir, LOCAL_MANIFEST_FILE);
    return { checksums: checksumsByPath(readManifest(path), `manifeste du miroir (${path})`) };
  }
  if (origin.kind !== 'mirror-url') return { checksums: new Map() };
  const url = mirrorUrl(origin.base, LOCAL_MANIFEST_FILE);
  const target = join(targetDir, `.mirror-${LOCAL_MANIFEST_FILE}`);
  try {
    await downloadFile(url, target, download);
    const records = parseManifest(readFileSync(target, 'utf8'));
    return { checksums: checksumsByPath(records, `manifeste du miroir (${url})`) };
  } catch (error) {
    if (!(error instanceof DownloadError)) throw error;
    // A mirror without a manifest (HTTP 404…) is checked against the reference.
    return {
      checksums: new Map(),
      ...(error.failure === 'unreachable' ? { unreachable: error.message } : {}),
    };
  } finally {
    discardPart(target);
    rmSync(target, { force: true });
  }
}

function sourceFrom(entry: SourceEntry, origin: SourceOrigin): string | null {
  if (origin.kind === 'mirror-url') return mirrorUrl(origin.base, entry.path);
  if (origin.kind === 'mirror-dir') return join(origin.dir, entry.path);
  return entry.directDownload ? entry.url : null;
}

async function copyFromDirectory(
  from: string,
  target: string,
  verify: (part: CompletedPart) => void,
): Promise<CompletedPart> {
  if (!existsSync(from)) throw new Error(`absent du miroir (${from})`);
  mkdirSync(dirname(target), { recursive: true });
  const part = `${target}.part`;
  copyFileSync(from, part);
  const completed: CompletedPart = { path: part, ...(await hashFile(part)), resumed: false };
  try {
    verify(completed);
  } catch (error) {
    discardPart(target);
    throw new DownloadError((error as Error).message, 'verify');
  }
  commitPart(target);
  return completed;
}

/**
 * Obtains each entry from `origin` into `targetDir` (see the module documentation), one after
 * the other, with progress; never throws for one file. Once a host proved unreachable, its
 * other files are not tried again in this run.
 */
export async function obtainSources(options: ObtainSourcesOptions): Promise<SourceOutcome[]> {
  const { entries, origin, targetDir } = options;
  const progress = options.progress ?? createProgressReporter();
  const now = options.now ?? (() => new Date());
  const localManifest = join(targetDir, LOCAL_MANIFEST_FILE);
  const referencePath = options.referenceManifest ?? REFERENCE_MANIFEST;
  const reference = checksumsByPath(
    readManifest(referencePath),
    `la référence du dépôt (${referencePath === REFERENCE_MANIFEST ? REFERENCE_MANIFEST_PATH : referencePath})`,
  );
  const mirror = await mirrorChecksums(origin, targetDir, options.download);
  const unreachable = new Map<string, string>();
  if (origin.kind === 'mirror-url' && mirror.unreachable !== undefined)
    unreachable.set(new URL(mirrorBase(origin.base)).host, mirror.unreachable);
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const outcomes: SourceOutcome[] = [];
  for (const [index, entry] of entries.entries()) {
    const rank = `[${index + 1}/${entries.length}]`;
    const required = entry.required ? ' (requis)' : '';
    const from = sourceFrom(entry, origin);
    if (from === null) {
      const reason = `pas de lien de téléchargement direct : à télécharger depuis la page ${entry.url}`;
      progress.end(`– ${rank} ${entry.path}${required} : ${reason}`);
      outcomes.push({ entry, status: 'unavailable', from: entry.url, reason });
      continue;
    }
    const host = origin.kind === 'mirror-dir' ? null : new URL(from).host;
    const down = host === null ? undefined : unreachable.get(host);
    if (down !== undefined) {
      const reason = `téléchargement impossible depuis ${from} : ${down} ; pas de nouvel essai`;
      progress.end(`✘ ${rank} ${entry.path}${required} : ${reason}`);
      outcomes.push({ entry, status: 'failed', from, reason });
      continue;
    }
    const expected =
      origin.kind === 'official'
        ? null
        : (mirror.checksums.get(entry.path) ?? reference.get(entry.path) ?? null);
    const verify = verifier(entry, expected);
    const target = join(targetDir, entry.path);
    progress.start(index + 1, entries.length, entry.path, from);
    try {
      const part =
        origin.kind === 'mirror-dir'
          ? await copyFromDirectory(from, target, verify)
          : await downloadFile(from, target, {
              ...options.download,
              verify,
              onProgress: (p) => progress.update(p),
              onRetry: (reason, _attempt, delay) =>
                progress.note(`  ${rank} nouvel essai dans ${fmt(delay / 1000)} s (${reason})`),
            });
      const fetchedFrom =
        origin.kind === 'mirror-dir'
          ? relative(repoRoot, resolve(origin.dir)).split('\\').join('/') || '.'
          : from;
      const record = manifestRecord(entry, part, fetchedFrom, now());
      writeManifest(localManifest, [record]);
      const checked =
        expected === null
          ? `longueur et contenu vérifiés, SHA-256 ${part.sha256.slice(0, 16)}… enregistrée`
          : `SHA-256 conforme à ${expected.origin}`;
      progress.end(
        `✔ ${rank} ${entry.path} : ${fmt(part.bytes)} octets${part.resumed ? ' (reprise)' : ''}, ${checked}`,
      );
      outcomes.push({ entry, status: 'obtained', from, record });
    } catch (error) {
      if (error instanceof DownloadError && error.failure === 'unreachable' && host !== null)
        unreachable.set(host, error.message);
      const how = origin.kind === 'mirror-dir' ? 'copie impossible' : 'téléchargement impossible';
      const reason = `${how} depuis ${from} : ${(error as Error).message}${
        error instanceof DownloadError && error.failure === 'verify' ? ' ; rien n’a été écrit' : ''
      }`;
      progress.end(`✘ ${rank} ${entry.path}${required} : ${reason}`);
      outcomes.push({ entry, status: 'failed', from, reason });
    }
  }
  return outcomes;
}
