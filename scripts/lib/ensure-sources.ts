/**
 * Makes sure the files a build reads are there before it starts (`npm start`, `npm run build`,
 * `npm run data:demo`, `npm run data:build`). Files found by the usual lookup (DATA_SOURCES_DIR,
 * data/sources/, the sibling mirror) are used as they are; the others are downloaded into
 * data/sources/, from `DATA_SOURCES_URL` when it is set, else from their official URLs. A
 * required file that cannot be obtained stops the build with one French message; an optional
 * one is left out and the feature that reads it says so.
 */
import { resolve } from 'node:path';
import { formatMegabytes } from '../../src/domain/format.ts';
import type { ProgressReporter } from './download-progress.ts';
import {
  DATA_SOURCES_URL,
  type ObtainSourcesOptions,
  obtainSources,
  originFromEnv,
  type SourceOutcome,
} from './source-fetch.ts';
import {
  howToProvideSources,
  LOCAL_SOURCES_DIR,
  listSourcesDirs,
  locateSource,
  REPO_ROOT,
  SOURCES,
  type SourceEntry,
  type SourceLookup,
} from './sources.ts';

/** Required sources that could not be obtained: the message names each and the ways to fix it. */
export class SourcesUnavailableError extends Error {
  readonly missing: readonly { entry: SourceEntry; reason: string }[];

  constructor(missing: readonly { entry: SourceEntry; reason: string }[]) {
    const lines = missing.map(
      ({ entry, reason }) => `  - ${entry.path} (${entry.title}) : ${reason}`,
    );
    super(
      `Sources requises indisponibles (${missing.length}), la construction des données s’arrête :\n` +
        `${lines.join('\n')}\n${howToProvideSources()}`,
    );
    this.name = 'SourcesUnavailableError';
    this.missing = missing;
  }
}

/** Options of {@link ensureSources}. */
export interface EnsureSourcesOptions {
  env?: NodeJS.ProcessEnv;
  /** Repository root: data/sources/ and the sibling mirror are found from it. */
  cwd?: string;
  download?: ObtainSourcesOptions['download'];
  progress?: ProgressReporter;
  referenceManifest?: string;
  log?: (line: string) => void;
}

/** Files already there, and what happened to the others. */
export interface EnsureSourcesReport {
  present: SourceEntry[];
  outcomes: SourceOutcome[];
}

/** Whether the file, or a catalogued alternative to it, is found by the lookup. */
function isAvailable(entry: SourceEntry, lookup: SourceLookup): boolean {
  const catalogue: readonly SourceEntry[] = SOURCES;
  const candidates = [entry, ...catalogue.filter((s) => s.alternativeTo === entry.id)];
  return candidates.some((c) => locateSource(c.path, lookup) !== null);
}

/**
 * Obtains the missing files among `entries` (see the module documentation).
 * @throws SourcesUnavailableError when a required file is neither found nor obtained.
 */
export async function ensureSources(
  entries: readonly SourceEntry[],
  options: EnsureSourcesOptions = {},
): Promise<EnsureSourcesReport> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? REPO_ROOT;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const lookup: SourceLookup = { env, cwd };
  const present = entries.filter((e) => isAvailable(e, lookup));
  const missing = entries.filter((e) => !present.includes(e));
  if (missing.length === 0) return { present, outcomes: [] };

  if (env.DATA_SOURCES_DIR !== undefined && env.DATA_SOURCES_DIR !== '') {
    // An explicit directory is used as it is: nothing is downloaded into it.
    const where = listSourcesDirs(env, cwd)[0]?.dir ?? env.DATA_SOURCES_DIR;
    const reason = `absent de DATA_SOURCES_DIR (${where})`;
    for (const entry of missing.filter((e) => !e.required))
      log(`Attention : source facultative ${entry.path} ${reason}.`);
    const failed = missing.filter((e) => e.required).map((entry) => ({ entry, reason }));
    if (failed.length > 0) throw new SourcesUnavailableError(failed);
    return { present, outcomes: [] };
  }

  const origin = originFromEnv(env);
  const targetDir = resolve(cwd, LOCAL_SOURCES_DIR);
  log(
    `Sources absentes : ${missing.length} fichier(s), téléchargé(s) dans ${LOCAL_SOURCES_DIR}/ depuis ` +
      `${origin.kind === 'mirror-url' ? `le miroir ${origin.base} (${DATA_SOURCES_URL})` : 'leurs adresses officielles'}.`,
  );
  const started = Date.now();
  const outcomes = await obtainSources({
    entries: missing,
    origin,
    targetDir,
    ...(options.download === undefined ? {} : { download: options.download }),
    ...(options.progress === undefined ? {} : { progress: options.progress }),
    ...(options.referenceManifest === undefined
      ? {}
      : { referenceManifest: options.referenceManifest }),
  });
  const obtained = outcomes.filter((o) => o.status === 'obtained');
  const bytes = obtained.reduce((sum, o) => sum + (o.record?.bytes ?? 0), 0);
  log(
    `Sources : ${obtained.length} fichier(s) obtenu(s) sur ${missing.length} ` +
      `(${formatMegabytes(bytes)} en ${((Date.now() - started) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s).`,
  );
  const failed = outcomes
    .filter((o) => o.status !== 'obtained' && o.entry.required)
    .map((o) => ({ entry: o.entry, reason: o.reason ?? 'non obtenu' }));
  if (failed.length > 0) throw new SourcesUnavailableError(failed);
  for (const o of outcomes.filter((x) => x.status !== 'obtained'))
    log(
      `Attention : source facultative ${o.entry.path} non obtenue (${o.reason}) ; ` +
        'la construction continue sans elle, la fonction qui la lit le signalera.',
    );
  return { present, outcomes };
}
