/**
 * Browser assets of the programme overlay, written next to the stock assets (docs/data-assets.md):
 *
 * - `programme/casba.json`: the programme configuration, validated by `parseProgrammeConfig`;
 * - `programme/territoires.csv`, `carnets.csv`, `travaux.csv`, `LISEZMOI.txt`, `demo.json`: the
 *   seeded FICTITIOUS demo programme of scripts/lib/demo-programme.ts, in the import schemas of
 *   docs/programme-csv.md, so that the browser reads them through the same importer as a user's
 *   files and the command line;
 * - `maprimerenov.json`: the real MaPrimeRénov' series (scripts/lib/maprimerenov-loader.ts) with
 *   its sources and licence. When a source file is missing or unreadable, nothing is written and
 *   the manifest fragment says why in French: the overlay is optional, the build goes on.
 *
 * `buildProgrammeAssets` returns the fragment to merge into `manifest.json`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { MaprimerenovAsset } from '../../src/domain/maprimerenov.ts';
import type { ProgrammeConfig } from '../../src/domain/programme-config.ts';
import {
  DEFAULT_PROGRAMME_CONFIG,
  PROGRAMME_CONFIG_FILE,
  parseProgrammeConfig,
} from '../../src/domain/programme-config.ts';
import type { MaprimerenovReport } from '../../src/ingest/maprimerenov.ts';
import { buildCogTerritory, loadCogInput } from './cog-territory.ts';
import type { DemoProgrammeOptions, DemoTerritoryInput } from './demo-programme.ts';
import {
  DEMO_PROGRAMME_FILES,
  DEMO_PROGRAMME_SEED,
  generateDemoProgramme,
  writeDemoProgramme,
} from './demo-programme.ts';
import { loadMaprimerenov } from './maprimerenov-loader.ts';
import { getSource, REPO_ROOT, type SourceId, type SourceLookup } from './sources.ts';

/** Sub-directory of the programme files in the asset directory. */
export const PROGRAMME_ASSET_DIR = 'programme';

/** Name of the MaPrimeRénov' asset in the asset directory. */
export const MAPRIMERENOV_ASSET = 'maprimerenov.json';

/** Default configuration, relative to the repository root. */

/** The programme entry of the manifest; paths are relative to the asset directory. */
export interface ProgrammeManifestEntry {
  config: string;
  territories: string;
  carnets: string;
  works: string;
  readme: string;
  /** The three CSV files are fictitious demonstration data. */
  demo: true;
  seed: number;
  counts: { territories: number; carnets: number; works: number };
}

/** What {@link buildProgrammeAssets} adds to `manifest.json`. */
export interface ProgrammeManifestFragment {
  programme: ProgrammeManifestEntry;
  /** Path of the MaPrimeRénov' series, or null when its sources could not be read. */
  maprimerenov: string | null;
  /** Why `maprimerenov` is null (French, for the page); absent when the file was written. */
  maprimerenov_notice?: string;
}

/** Options of {@link buildProgrammeAssets}. */
export interface ProgrammeAssetsOptions {
  /** Configuration file (default data/programme/casba.json). */
  configPath?: string;
  /** Territory tables the demo is laid on (default: the current COG of the npm package). */
  territory?: DemoTerritoryInput;
  /** Where the MaPrimeRénov' sources are looked up (default: `resolveSource` rules). */
  lookup?: SourceLookup;
  /** Seed of the demo programme (default DEMO_PROGRAMME_SEED). */
  seed?: number;
  /** Size of the demo (default: the generator's, about 94 % / 79 % / 94 % of the targets). */
  demo?: Omit<DemoProgrammeOptions, 'seed'>;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

/** A configuration that cannot be used: the build stops, one French line per problem. */
export class ProgrammeConfigError extends Error {
  readonly errors: readonly string[];

  constructor(path: string, errors: readonly string[]) {
    super(errors.map((e) => `Configuration du programme invalide (${path}) : ${e}`).join('\n'));
    this.name = 'ProgrammeConfigError';
    this.errors = errors;
  }
}

const LICENCE_NAMES: Readonly<Record<string, string>> = {
  'etalab-2.0': 'Licence Ouverte 2.0 (Etalab)',
};

/** The MaPrimeRénov' sources the programme view reads; all optional. */
export const MAPRIMERENOV_SOURCES: readonly SourceId[] = [
  'maprimerenov-barometre-detail-departemental',
  'maprimerenov-barometre-detail-national',
  'maprimerenov-ditp-ind-292',
  'maprimerenov-ditp-meta-ind-292',
];

/** Reads and validates the programme configuration; throws {@link ProgrammeConfigError}. */
function readProgrammeConfig(path: string): { config: ProgrammeConfig; text: string } {
  if (!existsSync(path)) throw new ProgrammeConfigError(path, ['fichier introuvable']);
  const text = readFileSync(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProgrammeConfigError(path, [`JSON illisible (${(error as Error).message})`]);
  }
  const result = parseProgrammeConfig(json);
  if (!result.ok) throw new ProgrammeConfigError(path, result.errors);
  return { config: result.config, text };
}

function maprimerenovAsset(lookup: SourceLookup): MaprimerenovAsset {
  const load = loadMaprimerenov(lookup);
  const reportOf = ({ rejections: _, ...counts }: MaprimerenovReport) => counts;
  return {
    ...load.dataset,
    sources: MAPRIMERENOV_SOURCES.map((id) => {
      const source = getSource(id);
      return {
        file: basename(source.path),
        title: source.title,
        producer: source.producer,
        licence: source.licence,
        licence_name: LICENCE_NAMES[source.licence] ?? source.licence,
        url: source.url,
        vintage: source.vintage,
      };
    }),
    reports: {
      departemental: reportOf(load.reports.departemental),
      national: reportOf(load.reports.national),
      ditp: reportOf(load.reports.ditp),
    },
  };
}

/**
 * Writes the programme assets into `outDir` (see the module documentation) and returns the
 * fragment to merge into the manifest: `{ programme: { config, territories, carnets, works,
 * readme, demo: true, seed, counts }, maprimerenov: 'maprimerenov.json' | null,
 * maprimerenov_notice? }`.
 * @throws ProgrammeConfigError when the configuration is invalid (the demo needs it).
 */
export function buildProgrammeAssets(
  outDir: string,
  options: ProgrammeAssetsOptions = {},
): ProgrammeManifestFragment {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const configPath = resolve(options.configPath ?? join(REPO_ROOT, DEFAULT_PROGRAMME_CONFIG));
  const { config, text } = readProgrammeConfig(configPath);
  const seed = options.seed ?? DEMO_PROGRAMME_SEED;

  const dir = join(outDir, PROGRAMME_ASSET_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, PROGRAMME_CONFIG_FILE), text);
  const territory = options.territory ?? buildCogTerritory(loadCogInput());
  const demo = generateDemoProgramme(territory, config, { ...options.demo, seed });
  writeDemoProgramme(dir, demo, config);
  const counts = {
    territories: demo.data.territories.length,
    carnets: demo.data.carnets.length,
    works: demo.data.works.length,
  };
  log(
    `Programme ${config.name} : données de démonstration FICTIVES (graine ${seed}) : ` +
      `${counts.territories} territoires, ${counts.carnets} carnets, ${counts.works} travaux.`,
  );
  const asset = (file: string) => `${PROGRAMME_ASSET_DIR}/${file}`;
  const fragment: ProgrammeManifestFragment = {
    programme: {
      config: asset(PROGRAMME_CONFIG_FILE),
      territories: asset(DEMO_PROGRAMME_FILES.territories),
      carnets: asset(DEMO_PROGRAMME_FILES.carnets),
      works: asset(DEMO_PROGRAMME_FILES.works),
      readme: asset('LISEZMOI.txt'),
      demo: true,
      seed,
      counts,
    },
    maprimerenov: null,
  };

  const mprPath = join(outDir, MAPRIMERENOV_ASSET);
  try {
    const data = maprimerenovAsset(options.lookup ?? {});
    writeFileSync(mprPath, JSON.stringify(data));
    fragment.maprimerenov = MAPRIMERENOV_ASSET;
    const last = data.national.points[data.national.points.length - 1];
    log(
      `MaPrimeRénov' : ${data.departements.length} départements, ${data.months.length} mois` +
        (last === undefined
          ? '.'
          : `, France ${last.cumulative} dossiers validés à ${last.month}.`),
    );
  } catch (error) {
    // An outdated series must not be shown as if it had just been read.
    rmSync(mprPath, { force: true });
    const notice =
      `Données MaPrimeRénov' non disponibles : ${(error as Error).message} ` +
      'Le reste du tableau de bord fonctionne sans elles.';
    fragment.maprimerenov_notice = notice;
    log(`Attention : ${notice}`);
  }
  return fragment;
}
