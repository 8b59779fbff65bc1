/**
 * Builds the browser assets into public/data/ when they are missing or stale: the territory
 * pack (COG + contours) and the synthetic demonstration stock as a DuckDB file.
 * `--force` rebuilds; `--out DIR` writes elsewhere. Logs go to stderr.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SEED, generateDemoStock } from './lib/demo-stock.ts';
import { buildProgrammeAssets } from './lib/programme-assets.ts';
import { MissingSourceError } from './lib/sources.ts';
import { writeStockDatabase } from './lib/stock-database.ts';
import { buildTerritoryPack } from './lib/territory-pack.ts';

const MANIFEST = 'manifest.json';

/** Hash of everything the assets are derived from, so that a code change triggers a rebuild. */
function computeBuildKey(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...readdirSync('scripts/lib').map((name) => join('scripts/lib', name)),
    'scripts/prepare-assets.ts',
    'src/domain/dpe.ts',
    'src/domain/stock-schema.ts',
    'src/domain/territory.ts',
    'src/domain/vintage-report.ts',
    'node_modules/@etalab/decoupage-administratif/package.json',
    'data/programme/casba.json',
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
    };
    // Assets built from the user's own files (npm run data:build) are never replaced by the demo.
    if (manifest.built_by === 'data:build') return true;
    return (
      manifest.build_key === buildKey &&
      ['stock.duckdb', 'programme/carnets.csv'].every((file) => existsSync(join(outDir, file)))
    );
  } catch {
    return false;
  }
}

/** Builds public/data unless it is already up to date. Returns true when something was built. */
export async function prepareAssets(outDir = 'public/data', force = false): Promise<boolean> {
  const buildKey = computeBuildKey();
  if (!force && isUpToDate(outDir, buildKey)) {
    console.error(
      `Données du tableau de bord à jour (${outDir}) ; « npm run data:demo » revient à la démonstration.`,
    );
    return false;
  }
  const started = Date.now();
  mkdirSync(outDir, { recursive: true });
  console.error('Construction des données du tableau de bord…');
  const pack = await buildTerritoryPack(outDir);
  const stock = generateDemoStock(pack.communes, { seed: DEMO_SEED });
  const datasets = [
    {
      id: 'demo',
      name: 'Parc de démonstration',
      kind: 'modelled',
      synthetic: true,
      caption:
        'Données synthétiques de démonstration : parc généré (graine ' +
        `${DEMO_SEED}), calé sur les parts nationales ONRE au 1er janvier 2023 ; ne décrit aucun logement réel.`,
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
    generated_at: new Date().toISOString(),
    build_key: buildKey,
    cog_year: pack.cogYear,
    contours_year: pack.contoursYear,
    files: { stock: 'stock.duckdb', ...pack.files },
    datasets,
    vintage_report: 'vintage-report.json',
    ...programmeAssets,
  };
  writeFileSync(join(outDir, MANIFEST), JSON.stringify(manifest, null, 2));
  console.error(
    `Données construites dans ${outDir} en ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  return true;
}

const isMain = process.argv[1]?.endsWith('prepare-assets.ts') ?? false;
if (isMain) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 ? (args[outIndex + 1] ?? 'public/data') : 'public/data';
  try {
    await prepareAssets(outDir, args.includes('--force'));
  } catch (error) {
    const message =
      error instanceof MissingSourceError
        ? error.message
        : `Échec de la construction des données : ${(error as Error).message}`;
    console.error(message);
    process.exit(1);
  }
}
