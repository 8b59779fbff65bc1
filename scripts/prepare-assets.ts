/**
 * Builds the browser assets into public/data/ when they are missing or stale: the territory
 * pack (COG + contours) and the synthetic demonstration stock as a DuckDB file.
 * `--force` rebuilds; `--out DIR` writes elsewhere. Logs go to stderr.
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatRowAccount } from '../src/domain/format.ts';
import { DEFAULT_PROGRAMME_CONFIG } from '../src/domain/programme-config.ts';
import { computeCalibration } from './lib/calibration.ts';
import { censusReference } from './lib/census-reference.ts';
import { DEMO_SEED, type DemoStock, generateDemoStock } from './lib/demo-stock.ts';
import { ensureSources, SourcesUnavailableError } from './lib/ensure-sources.ts';
import type { ModelInputs, ModelInputsReport } from './lib/model-inputs.ts';
import { loadModelInputs } from './lib/model-inputs.ts';
import { buildModelMethod } from './lib/model-method-manifest.ts';
import { buildProgrammeAssets, MAPRIMERENOV_SOURCES } from './lib/programme-assets.ts';
import { getSource, MissingSourceError, SOURCES, type SourceEntry } from './lib/sources.ts';
import { writeStockDatabase } from './lib/stock-database.ts';
import { validateTerritory } from './lib/territorial-validation.ts';
import { buildTerritoryPack } from './lib/territory-pack.ts';

const MANIFEST = 'manifest.json';

/**
 * The sources the demonstration build reads: every required one, and the optional ones it uses
 * when they are there: the MaPrimeRénov' series (without them the programme view says they are
 * missing) and the COG 2023 EPCI list (without it the vintage report says it has no 2023 → 2026
 * reconciliation), and the census construction periods by EPCI (without them the modelled
 * stock rests on assumed periods and every territory is flagged).
 */
export const BUILD_SOURCES: readonly SourceEntry[] = [
  ...SOURCES.filter((s) => s.required),
  ...MAPRIMERENOV_SOURCES.map(getSource),
  getSource('cog-epci-2023'),
  getSource('insee-rp-periods-epci'),
];

/** Hash of everything the assets are derived from, so that a code change triggers a rebuild. */
function computeBuildKey(communeCensusPath?: string): string {
  const hash = createHash('sha256');
  if (communeCensusPath !== undefined) hash.update(readFileSync(communeCensusPath));
  const inputs = [
    ...readdirSync('scripts/lib').map((name) => join('scripts/lib', name)),
    'scripts/prepare-assets.ts',
    'src/domain/dpe.ts',
    'src/domain/climate-zones.ts',
    'src/domain/stock-schema.ts',
    'src/domain/territory.ts',
    'src/domain/vintage-report.ts',
    'node_modules/@etalab/decoupage-administratif/package.json',
    DEFAULT_PROGRAMME_CONFIG,
    ...readdirSync('src/domain')
      .filter((name) => name.startsWith('programme-'))
      .map((name) => join('src/domain', name)),
    'src/ingest/programme-csv.ts',
    'src/ingest/maprimerenov.ts',
  ].sort();
  for (const file of inputs) hash.update(file).update(readFileSync(file));
  hash.update(String(DEMO_SEED));
  return hash.digest('hex').slice(0, 16);
}

function isUpToDate(outDir: string, buildKey: string): boolean {
  const manifestPath = join(outDir, MANIFEST);
  if (!existsSync(manifestPath)) return false;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      build_key?: string;
      built_by?: string;
      census_file?: string;
    };
    // Assets built from the user's own files or fetched open data are never replaced by the demo.
    if (manifest.built_by === 'data:build' || manifest.built_by === 'data:territory') return true;
    // A stock modelled from the user's own census file is kept too (`npm run data:demo` reverts).
    if (typeof manifest.census_file === 'string') return true;
    return (
      manifest.build_key === buildKey &&
      ['stock.duckdb', 'programme/carnets.csv'].every((file) => existsSync(join(outDir, file)))
    );
  } catch {
    return false;
  }
}

/**
 * Builds public/data unless it is already up to date, first downloading the sources it lacks
 * (see ensure-sources.ts). Returns true when something was built.
 * @throws SourcesUnavailableError when a required source can be neither found nor downloaded.
 */
export async function prepareAssets(
  outDir = 'public/data',
  force = false,
  communeCensusPath?: string,
): Promise<boolean> {
  const buildKey = computeBuildKey(communeCensusPath);
  if (!force && isUpToDate(outDir, buildKey)) {
    console.error(
      `Données du tableau de bord à jour (${outDir}) ; « npm run data:demo » revient à la démonstration.`,
    );
    return false;
  }
  const started = Date.now();
  await ensureSources(BUILD_SOURCES);
  mkdirSync(outDir, { recursive: true });
  console.error('Construction des données du tableau de bord…');
  const pack = await buildTerritoryPack(outDir);
  const inputs = loadModelInputs(
    pack.communes,
    communeCensusPath === undefined ? {} : { communeCensusPath },
  );
  logInputs(inputs.report);
  const stock = generateDemoStock(pack.communes, { seed: DEMO_SEED, inputs: inputs.communes });
  const datasets = [
    {
      id: 'demo',
      name: 'Parc de démonstration',
      kind: 'modelled',
      synthetic: true,
      caption:
        'Parc modélisé (graine ' +
        `${DEMO_SEED}) : périodes de construction du recensement, le reste modélisé, étiquettes calées sur les parts nationales ONRE au 1er janvier 2023 ; des cellules typologiques, aucun logement réel.`,
    },
  ];
  await writeStockDatabase(join(outDir, 'stock.duckdb'), {
    communes: pack.communes,
    epcis: pack.epcis,
    cogYear: pack.cogYear,
    successors: pack.successors,
    datasets,
    stock,
  });
  const programmeAssets = buildProgrammeAssets(outDir, {
    territory: { communes: pack.communes, epcis: pack.epcis },
  });
  const manifest = {
    ...(communeCensusPath === undefined ? {} : { census_file: communeCensusPath }),
    generated_at: new Date().toISOString(),
    build_key: buildKey,
    cog_year: pack.cogYear,
    contours_year: pack.contoursYear,
    files: { stock: 'stock.duckdb', ...pack.files },
    datasets: datasets.map((d) => ({
      ...d,
      method: buildModelMethod(inputs.report, validationLines(pack.communes, inputs, stock)),
    })),
    vintage_report: 'vintage-report.json',
    ...programmeAssets,
  };
  writeFileSync(join(outDir, MANIFEST), JSON.stringify(manifest, null, 2));
  console.error(
    `Données construites dans ${outDir} en ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  return true;
}

/** The validation figures shown in the « Méthode » panels (French). */
function validationLines(
  communes: Parameters<typeof censusReference>[0],
  inputs: ModelInputs,
  stock: DemoStock,
): string[] {
  const fr = (x: number, digits: number) =>
    x.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const census = censusReference(communes, inputs);
  const periods = validateTerritory(stock, census.byEpci, census.reference).periods;
  const worst = Math.max(...computeCalibration(stock).labels.map((l) => Math.abs(l.diff_points)));
  return [
    `Périodes de construction par EPCI : corrélation ${fr(periods.r, 3)} et écart moyen ${fr(periods.mean_abs_gap_points, 1)} point avec le recensement (${periods.epci_compared.toLocaleString('fr-FR')} EPCI).`,
    `Étiquettes des résidences principales : au plus ${fr(worst, 1)} point d’écart par classe avec les parts nationales ONRE au 1er janvier 2023.`,
    'Le détail (régions comparées aux chiffres publiés, départements) : npm run demo:calibration.',
  ];
}

/** Writes what the model read and matched to stderr. */
function logInputs(report: ModelInputsReport): void {
  const fr = (n: number) => n.toLocaleString('fr-FR');
  const sources = report.periodSources;
  console.error(
    `Modèle de parc : périodes de construction du recensement par commune pour ${fr(sources.commune)} communes, par EPCI pour ${fr(sources.epci)}, par département (hypothèse) pour ${fr(sources.departement)} ; superficie inconnue pour ${fr(report.area.missing)} communes.`,
  );
  const file = report.communeFile;
  if (file !== null) {
    console.error(
      `Recensement par commune (${file.path}, ${file.year}) : ${formatRowAccount(file.read, file.accepted, file.rejected.length)}${file.rejected.length > 0 ? ` (ligne ${file.rejected[0]?.line} : ${file.rejected[0]?.reason}…)` : ''} ; ${fr(file.unknown.length)} codes hors du territoire.`,
    );
  }
  const epci = report.epciFile;
  if (epci === null && file === null) {
    console.error(
      'Attention : périodes de construction du recensement absentes (stats/insee-rp-construction-period-by-epci.json) : le parc modélisé repose sur des périodes supposées, chaque territoire est signalé comme tel.',
    );
  }
  for (const { code_epci: code, from } of epci?.remapped ?? []) {
    console.error(
      `EPCI ${code} absent du recensement : ses communes prennent les parts de leur EPCI de 2023 (${from.join(', ')}).`,
    );
  }
  if (epci !== null && epci.withoutCensus.length > 0) {
    console.error(`EPCI sans données du recensement : ${epci.withoutCensus.join(', ')}.`);
  }
}

const isMain = process.argv[1]?.endsWith('prepare-assets.ts') ?? false;
if (isMain) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 ? (args[outIndex + 1] ?? 'public/data') : 'public/data';
  try {
    const censusIndex = args.indexOf('--census');
    const census = censusIndex >= 0 ? args[censusIndex + 1] : undefined;
    if (censusIndex >= 0 && (census === undefined || census.startsWith('--'))) {
      throw new Error('--census attend le chemin d’un fichier du recensement par commune');
    }
    await prepareAssets(outDir, args.includes('--force') || census !== undefined, census);
  } catch (error) {
    const message =
      error instanceof MissingSourceError || error instanceof SourcesUnavailableError
        ? error.message
        : `Échec de la construction des données : ${(error as Error).message}`;
    console.error(message);
    process.exit(1);
  }
}
