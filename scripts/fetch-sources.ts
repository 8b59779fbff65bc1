/**
 * `npm run data:fetch`: obtains every catalogued source into data/sources/<path>, with the same
 * downloader as `npm start` (source-fetch.ts: progress, retries, resume, verification), and
 * records each file in data/sources/manifest.json.
 *   (no option)    from DATA_SOURCES_URL when set, else from the official URLs
 *   --from DIR     copy from a local mirror instead (offline), verified the same way
 *   --from DIR --pin   record the mirror's files as the reference data/sources.json (maintainers)
 *   --dry-run      print the plan on stdout, change nothing
 * A failed file is reported on stderr and the others go on; the exit code is 1 when a required
 * source could not be obtained.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { hashFile } from './lib/download.ts';
import type { ProgressReporter } from './lib/download-progress.ts';
import {
  checkSourceContent,
  DATA_SOURCES_URL,
  mirrorUrl,
  type ObtainSourcesOptions,
  obtainSources,
  originFromEnv,
  type SourceOrigin,
  type SourceOutcome,
} from './lib/source-fetch.ts';
import {
  manifestRecord,
  REFERENCE_MANIFEST,
  readManifest,
  writeManifest,
} from './lib/source-manifest.ts';
import {
  LOCAL_SOURCES_DIR,
  REPO_ROOT,
  SOURCES,
  type SourceEntry,
  type SourceManifestEntry,
} from './lib/sources.ts';

/** Options of `fetchSources`; every default points into the repository. */
export interface FetchSourcesOptions {
  entries?: readonly SourceEntry[];
  /** Where the files go (default data/sources). */
  targetDir?: string;
  /** Copy from this mirror directory instead of downloading. */
  from?: string;
  /** Download from this mirror base URL (default: the DATA_SOURCES_URL environment variable). */
  mirrorUrl?: string;
  /** With `from`: record its files as the reference manifest instead of copying them. */
  pin?: boolean;
  /** The reference manifest (default data/sources.json). */
  referenceManifest?: string;
  dryRun?: boolean;
  download?: ObtainSourcesOptions['download'];
  progress?: ProgressReporter;
  now?: () => Date;
  /** Base of the relative `fetched_from` of mirror copies. */
  repoRoot?: string;
  log?: (line: string) => void;
}

/** One planned action. `manual`: no direct URL, a person downloads it from the page. */
export interface FetchStep {
  id: string;
  path: string;
  required: boolean;
  kind: 'download' | 'copy' | 'manual';
  source: string;
  target: string;
}

/** Result of a run: the plan, each outcome, the ids of the required files not obtained. */
export interface FetchReport {
  steps: FetchStep[];
  outcomes: SourceOutcome[];
  failedRequired: string[];
  /** With `pin`: the reference manifest as written. */
  reference?: SourceManifestEntry[];
}

function originOf(options: FetchSourcesOptions): SourceOrigin {
  if (options.from !== undefined) return { kind: 'mirror-dir', dir: resolve(options.from) };
  return originFromEnv(
    options.mirrorUrl === undefined ? process.env : { [DATA_SOURCES_URL]: options.mirrorUrl },
  );
}

/** Lists what a run would do, without touching anything. */
export function planFetch(options: FetchSourcesOptions = {}): FetchStep[] {
  const entries = options.entries ?? SOURCES;
  const targetDir = resolve(options.targetDir ?? join(REPO_ROOT, LOCAL_SOURCES_DIR));
  const origin = originOf(options);
  return entries.map((entry) => {
    const common = { id: entry.id, path: entry.path, required: entry.required };
    const target = join(targetDir, entry.path);
    if (origin.kind === 'mirror-dir')
      return { ...common, kind: 'copy', source: join(origin.dir, entry.path), target };
    if (origin.kind === 'mirror-url')
      return { ...common, kind: 'download', source: mirrorUrl(origin.base, entry.path), target };
    return {
      ...common,
      kind: entry.directDownload ? 'download' : 'manual',
      source: entry.url,
      target,
    };
  });
}

/**
 * Records the files of a mirror directory as the reference manifest (content checked; a file
 * whose bytes did not change keeps its record and date).
 */
async function pinReference(
  entries: readonly SourceEntry[],
  dir: string,
  options: FetchSourcesOptions,
  log: (line: string) => void,
): Promise<{ outcomes: SourceOutcome[]; reference: SourceManifestEntry[] }> {
  const path = resolve(options.referenceManifest ?? REFERENCE_MANIFEST);
  const previous = new Map(readManifest(path).map((r) => [r.id, r]));
  const label =
    relative(options.repoRoot ?? REPO_ROOT, dir)
      .split('\\')
      .join('/') || '.';
  const now = options.now ?? (() => new Date());
  const outcomes: SourceOutcome[] = [];
  for (const entry of entries) {
    const from = join(dir, entry.path);
    try {
      if (!existsSync(from)) throw new Error(`absent du miroir (${from})`);
      checkSourceContent(entry.path, from);
      const file = await hashFile(from);
      const before = previous.get(entry.id);
      const record =
        before !== undefined && before.sha256 === file.sha256 && before.bytes === file.bytes
          ? before
          : manifestRecord(entry, file, label, now());
      log(`✔ ${entry.path} : ${file.bytes.toLocaleString('fr-FR')} octets, SHA-256 ${file.sha256}`);
      outcomes.push({ entry, status: 'obtained', from, record });
    } catch (error) {
      const reason = (error as Error).message;
      log(`✘ ${entry.path}${entry.required ? ' (requis)' : ''} : ${reason}`);
      outcomes.push({ entry, status: 'failed', from, reason });
    }
  }
  const records = outcomes.flatMap((o) => (o.record === undefined ? [] : [o.record]));
  const reference = writeManifest(path, records, {
    catalogue: entries,
    replace: true,
    dryRun: options.dryRun === true,
  });
  return { outcomes, reference };
}

/** Obtains every source (or pins a mirror, with `pin`); never throws for one file. */
export async function fetchSources(options: FetchSourcesOptions = {}): Promise<FetchReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const entries = options.entries ?? SOURCES;
  const steps = planFetch(options);
  const origin = originOf(options);
  let outcomes: SourceOutcome[];
  let reference: SourceManifestEntry[] | undefined;
  if (options.pin === true) {
    if (origin.kind !== 'mirror-dir') throw new Error('--pin demande --from DOSSIER');
    ({ outcomes, reference } = await pinReference(entries, origin.dir, options, log));
  } else if (options.dryRun === true) {
    for (const step of steps) log(`… ${step.path} : ${step.kind} depuis ${step.source}`);
    outcomes = [];
  } else {
    outcomes = await obtainSources({
      entries,
      origin,
      targetDir: resolve(options.targetDir ?? join(REPO_ROOT, LOCAL_SOURCES_DIR)),
      ...(options.referenceManifest === undefined
        ? {}
        : { referenceManifest: options.referenceManifest }),
      ...(options.download === undefined ? {} : { download: options.download }),
      ...(options.progress === undefined ? {} : { progress: options.progress }),
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.repoRoot === undefined ? {} : { repoRoot: options.repoRoot }),
    });
  }
  const failed = outcomes.filter((o) => o.status !== 'obtained');
  const failedRequired = failed.filter((o) => o.entry.required).map((o) => o.entry.id);
  if (options.dryRun !== true || options.pin === true) {
    log(
      `${outcomes.length - failed.length} fichier(s) ${options.pin === true ? 'enregistré(s) comme référence' : 'obtenu(s)'}, ` +
        `${failed.length} non obtenu(s) dont ${failedRequired.length} requis.`,
    );
  }
  return { steps, outcomes, failedRequired, ...(reference === undefined ? {} : { reference }) };
}

function parseArguments(args: readonly string[]): FetchSourcesOptions {
  const parsed: FetchSourcesOptions = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--dry-run') parsed.dryRun = true;
    else if (arg === '--pin') parsed.pin = true;
    else if (arg === '--from') {
      const dir = args[i + 1];
      if (dir === undefined || dir.startsWith('--')) throw new Error('--from attend un dossier');
      parsed.from = dir;
      i += 1;
    } else throw new Error(`option inconnue : ${arg} (options : --from DOSSIER, --pin, --dry-run)`);
  }
  if (parsed.pin === true && parsed.from === undefined)
    throw new Error('--pin demande --from DOSSIER (le miroir de référence)');
  return parsed;
}

async function main(): Promise<void> {
  try {
    const options = parseArguments(process.argv.slice(2));
    if (options.from !== undefined && !existsSync(options.from))
      throw new Error(`miroir introuvable : ${resolve(options.from)}`);
    const report = await fetchSources(options);
    if (options.dryRun === true)
      process.stdout.write(`${JSON.stringify({ steps: report.steps }, null, 2)}\n`);
    if (report.failedRequired.length > 0) {
      process.stderr.write(`Sources requises manquantes : ${report.failedRequired.join(', ')}.\n`);
      process.exitCode = 1;
    }
  } catch (error) {
    process.stderr.write(`Échec de la récupération des sources : ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1]?.endsWith('fetch-sources.ts') === true) await main();
