/**
 * `npm run data:fetch`: downloads every catalogued source into data/sources/<path> and writes
 * the manifest data/sources.json (URL, licence, SHA-256, size, date; no data).
 *   --from DIR   copy from a local mirror instead of downloading (offline)
 *   --dry-run    print the plan on stdout, change nothing
 * A failed file is reported on stderr and the others go on; the exit code is 1 when a required
 * source could not be obtained.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  LOCAL_SOURCES_DIR,
  REPO_ROOT,
  SOURCES,
  type SourceEntry,
  type SourceManifestEntry,
} from './lib/sources.ts';

/** Path of the committed manifest, relative to the repository root. */
export const MANIFEST_PATH = 'data/sources.json';

/** Options of `fetchSources`; every default points into the repository. */
export interface FetchSourcesOptions {
  entries?: readonly SourceEntry[];
  /** Where the files go (default data/sources). */
  targetDir?: string;
  /** Manifest to write (default data/sources.json). */
  manifestPath?: string;
  /** Copy from this mirror directory instead of downloading. */
  from?: string;
  dryRun?: boolean;
  fetchImpl?: typeof fetch;
  now?: () => Date;
  log?: (line: string) => void;
  timeoutMs?: number;
  /** Base of the relative `fetched_from` of mirror copies. */
  repoRoot?: string;
}

/** One planned action. `manual`: no direct URL, the file must already be there. */
export interface FetchStep {
  id: string;
  path: string;
  required: boolean;
  kind: 'download' | 'copy' | 'manual';
  source: string;
  target: string;
}

/** What happened to one source. */
export interface FetchOutcome {
  id: string;
  required: boolean;
  record?: SourceManifestEntry;
  error?: string;
}

/** Result of a run: the plan, each outcome, the manifest (as written, or as it would be). */
export interface FetchReport {
  steps: FetchStep[];
  outcomes: FetchOutcome[];
  manifest: SourceManifestEntry[];
  failedRequired: string[];
}

/** Lists what a run would do, without touching anything. */
export function planFetch(options: FetchSourcesOptions = {}): FetchStep[] {
  const entries = options.entries ?? SOURCES;
  const targetDir = resolve(options.targetDir ?? join(REPO_ROOT, LOCAL_SOURCES_DIR));
  return entries.map((entry) => {
    const target = join(targetDir, entry.path);
    if (options.from !== undefined) {
      return {
        id: entry.id,
        path: entry.path,
        required: entry.required,
        kind: 'copy',
        source: join(resolve(options.from), entry.path),
        target,
      };
    }
    return {
      id: entry.id,
      path: entry.path,
      required: entry.required,
      kind: entry.directDownload ? 'download' : 'manual',
      source: entry.url,
      target,
    };
  });
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'délai dépassé';
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  return detail === undefined ? error.message : `${error.message} (${detail})`;
}

/** Rejects what is obviously not the expected file (an HTML error page, broken JSON). */
function checkContent(path: string, bytes: Buffer): void {
  if (bytes.length === 0) throw new Error('fichier vide');
  const head = bytes.subarray(0, 200).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html'))
    throw new Error('page HTML reçue au lieu du fichier');
  if (/\.(geo|topo\.)?json$/.test(path)) {
    try {
      JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new Error('JSON illisible');
    }
  }
}

async function download(url: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<Buffer> {
  const response = await fetchImpl(url, {
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'follow',
  });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  return Buffer.from(await response.arrayBuffer());
}

function writeAtomically(target: string, bytes: Buffer): void {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.part`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, target);
}

interface ObtainContext {
  fetchImpl: typeof fetch;
  timeoutMs: number;
  /** The mirror directory as recorded in `fetched_from`. */
  mirrorLabel: string;
  previousFrom: string | undefined;
}

/** The bytes of one source, from the mirror, the network, or the file already in place. */
async function obtain(
  step: FetchStep,
  entry: SourceEntry,
  context: ObtainContext,
): Promise<{ bytes: Buffer; fetchedFrom: string }> {
  if (step.kind === 'copy') {
    if (!existsSync(step.source)) throw new Error(`absent du miroir (${step.source})`);
    return { bytes: readFileSync(step.source), fetchedFrom: context.mirrorLabel };
  }
  if (step.kind === 'download') {
    const bytes = await download(step.source, context.fetchImpl, context.timeoutMs);
    return { bytes, fetchedFrom: step.source };
  }
  if (!existsSync(step.target)) {
    const note = entry.note === undefined ? '' : ` (${entry.note})`;
    throw new Error(
      `pas de lien de téléchargement direct${note} : placez-le dans ${step.target} depuis ${step.source}, ou utilisez --from DOSSIER`,
    );
  }
  return { bytes: readFileSync(step.target), fetchedFrom: context.previousFrom ?? step.source };
}

/** Reads a manifest; an absent or unreadable one counts as empty. */
export function readManifest(path: string): SourceManifestEntry[] {
  if (!existsSync(path)) return [];
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return Array.isArray(json) ? (json as SourceManifestEntry[]) : [];
  } catch {
    return [];
  }
}

/**
 * Writes the manifest: the new records replace those of the same id, the others are kept
 * (a failed download keeps its last good record); catalogue order, then the rest by id.
 */
export function writeManifest(
  path: string,
  records: readonly SourceManifestEntry[],
  catalogue: readonly SourceEntry[] = SOURCES,
  dryRun = false,
): SourceManifestEntry[] {
  const byId = new Map(readManifest(path).map((r) => [r.id, r]));
  for (const record of records) byId.set(record.id, record);
  const order = new Map(catalogue.map((entry, index) => [entry.id, index]));
  const merged = [...byId.values()].sort(
    (a, b) =>
      (order.get(a.id) ?? order.size) - (order.get(b.id) ?? order.size) || a.id.localeCompare(b.id),
  );
  if (dryRun) return merged;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}

/**
 * Downloads (or copies) every source, then writes the manifest. Never throws for one file.
 * A dry run downloads and writes nothing: it hashes what is local (mirror copies, files
 * already in place) and returns the manifest that would be written.
 */
export async function fetchSources(options: FetchSourcesOptions = {}): Promise<FetchReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const entries = options.entries ?? SOURCES;
  const steps = planFetch(options);
  const manifestPath = resolve(options.manifestPath ?? join(REPO_ROOT, MANIFEST_PATH));
  const fetchImpl = options.fetchImpl ?? fetch;
  const now = options.now ?? (() => new Date());
  const previous = new Map(readManifest(manifestPath).map((r) => [r.id, r]));
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const dryRun = options.dryRun === true;
  const outcomes: FetchOutcome[] = [];
  for (const step of steps) {
    const entry = entries.find((e) => e.id === step.id);
    if (entry === undefined) continue;
    if (
      dryRun &&
      (step.kind === 'download' || (step.kind === 'manual' && !existsSync(step.target)))
    ) {
      const how = step.kind === 'download' ? 'à télécharger' : 'à télécharger à la main';
      log(`… ${entry.path} : ${how} depuis ${step.source}`);
      outcomes.push({ id: entry.id, required: entry.required });
      continue;
    }
    try {
      const { bytes, fetchedFrom } = await obtain(step, entry, {
        fetchImpl,
        timeoutMs: options.timeoutMs ?? 120_000,
        mirrorLabel:
          relative(repoRoot, resolve(options.from ?? '.'))
            .split('\\')
            .join('/') || '.',
        previousFrom: previous.get(step.id)?.fetched_from,
      });
      checkContent(step.path, bytes);
      if (step.kind !== 'manual' && !dryRun) writeAtomically(step.target, bytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const record: SourceManifestEntry = {
        id: entry.id,
        path: entry.path,
        url: entry.url,
        licence: entry.licence,
        producer: entry.producer,
        vintage: entry.vintage,
        sha256,
        bytes: bytes.length,
        fetched_at: now().toISOString(),
        fetched_from: fetchedFrom,
      };
      const before = previous.get(entry.id)?.sha256;
      const changed =
        before !== undefined && before !== sha256
          ? ' (contenu différent du manifeste précédent)'
          : '';
      log(`✔ ${entry.path} : ${bytes.length.toLocaleString('fr-FR')} octets${changed}`);
      outcomes.push({ id: entry.id, required: entry.required, record });
    } catch (error) {
      const what =
        step.kind === 'copy'
          ? 'copie impossible'
          : step.kind === 'download'
            ? `échec du téléchargement depuis ${step.source}`
            : 'fichier absent';
      const message = `${what} : ${describeError(error)}`;
      log(`✘ ${entry.path}${entry.required ? ' (requis)' : ''} : ${message}`);
      outcomes.push({ id: entry.id, required: entry.required, error: message });
    }
  }
  const records = outcomes.flatMap((o) => (o.record === undefined ? [] : [o.record]));
  const manifest = writeManifest(manifestPath, records, entries, dryRun);
  const failed = outcomes.filter((o) => o.error !== undefined);
  const failedRequired = failed.filter((o) => o.required).map((o) => o.id);
  log(
    `${dryRun ? 'Simulation : ' : ''}${records.length} fichier(s) ${dryRun ? 'disponible(s) localement' : 'obtenu(s)'}, ` +
      `${failed.length} échec(s) dont ${failedRequired.length} requis ; manifeste : ${relative(repoRoot, manifestPath) || manifestPath}${dryRun ? ' (non modifié)' : ''}`,
  );
  return { steps, outcomes, manifest, failedRequired };
}

function parseArguments(args: readonly string[]): { from?: string; dryRun: boolean } {
  const parsed: { from?: string; dryRun: boolean } = { dryRun: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--dry-run') parsed.dryRun = true;
    else if (arg === '--from') {
      const dir = args[i + 1];
      if (dir === undefined || dir.startsWith('--')) throw new Error('--from attend un dossier');
      parsed.from = dir;
      i += 1;
    } else throw new Error(`option inconnue : ${arg} (options : --from DOSSIER, --dry-run)`);
  }
  return parsed;
}

async function main(): Promise<void> {
  try {
    const { from, dryRun } = parseArguments(process.argv.slice(2));
    if (from !== undefined && !existsSync(from))
      throw new Error(`miroir introuvable : ${resolve(from)}`);
    const options: FetchSourcesOptions = { dryRun, ...(from === undefined ? {} : { from }) };
    const report = await fetchSources(options);
    if (dryRun) {
      const plan = { steps: report.steps, manifest: report.manifest };
      process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    }
    if (report.failedRequired.length > 0) {
      process.stderr.write(`Sources requises manquantes : ${report.failedRequired.join(', ')}.\n`);
      process.exitCode = 1;
    }
  } catch (error) {
    process.stderr.write(`Échec de la récupération des sources : ${describeError(error)}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1]?.endsWith('fetch-sources.ts') === true) await main();
