/**
 * `npm run data:build -- <fichiers…> [--out DOSSIER]`: turns the user's validated files into the
 * browser assets (same layout as the demonstration assets, docs/data-assets.md):
 *
 * - each ADEME DPE file and each canonical stock file becomes one dataset of `stock.duckdb`, all
 *   BDNB tables given together become one dataset;
 * - GeoJSON / TopoJSON contours of communes replace `communes-<dép>.geojson` for their
 *   départements, contours of EPCI replace `epci.geojson`;
 * - the territory pack (COG 2026, contours 2025) and the programme overlay are built as by
 *   `prepare-assets`.
 *
 * Every file is read through the same path as `npm run import` and reported (read / accepted /
 * rejected) on stderr; the reports go to stdout as JSON. When a file cannot be read, nothing is
 * written: one French line on stderr, exit status 1. Everything is built in a staging directory
 * and moved into place at the end; the manifest says `built_by: "data:build"`, which
 * `prepare-assets` (hence `npm start` and `npm run build`) leaves alone.
 */

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { formatRowAccount } from '../src/domain/format.ts';
import type { LabelSource } from '../src/domain/stock-schema.ts';
import type { TerritoryCommune } from '../src/domain/territory.ts';
import { type SourceKind, sourceKind } from '../src/ingest/formats.ts';
import type { GeoFeatureRow } from '../src/ingest/geo-reader.ts';
import { ImportError } from '../src/ingest/import-error.ts';
import type { ImportReport } from '../src/ingest/import-report.ts';
import { runCommand, UsageError } from './lib/cli-error.ts';
import { parseOptions } from './lib/cli-options.ts';
import { writeContours } from './lib/data-build-contours.ts';
import type { DemoStock } from './lib/demo-stock.ts';
import { importPaths, memoryLimit } from './lib/import-files.ts';
import type { NativeImportEngine } from './lib/native-import-engine.ts';
import { pathSource } from './lib/path-source.ts';
import { buildProgrammeAssets } from './lib/programme-assets.ts';
import { type StockDatasetInfo, writeStockDatabase } from './lib/stock-database.ts';
import { appendImportedRows, finishStockRows, openStockRows } from './lib/stock-rows-database.ts';
import { buildTerritoryPack } from './lib/territory-pack.ts';

const USAGE =
  'Usage : npm run data:build -- <fichiers DPE, BDNB, parc canonique, contours…> [--out DOSSIER (défaut public/data)]';

/** Marks assets built from the user's files, which the demo build must not overwrite. */
export const BUILT_BY = 'data:build';

/** One dataset (or contour file) to read: one file, or the BDNB tables together. */
interface InputGroup {
  paths: string[];
  format: SourceKind;
}

/** Options of {@link buildData}, for commands that build on it (`data:territory`). */
export interface BuildDataOptions {
  /** `built_by` of the manifest (default {@link BUILT_BY}). */
  builtBy?: string;
  /** Written as `sources` in the manifest: where the data came from, when, how much. */
  sources?: (summary: DataBuildSummary) => readonly unknown[];
  /** Overrides the default description of the dataset made from these files. */
  describe?: (
    files: readonly string[],
    report: ImportReport,
  ) => Partial<StockDatasetInfo> | undefined;
  /** A modelled stock written beside the files' datasets (listed first), from the COG communes. */
  modelled?: (communes: readonly TerritoryCommune[]) => {
    stock: DemoStock;
    dataset: StockDatasetInfo;
  };
}

/** What the command prints on stdout. */
export interface DataBuildSummary {
  out: string;
  datasets: StockDatasetInfo[];
  inputs: { files: string[]; format: string; dataset: string | null; report: ImportReport }[];
}

function slug(text: string): string {
  const ascii = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii === '' ? 'jeu' : ascii.slice(0, 48);
}

function groupInputs(inputs: readonly { path: string; format: SourceKind }[]): InputGroup[] {
  const groups: InputGroup[] = [];
  const bdnb = inputs.filter((input) => input.format === 'bdnb');
  for (const input of inputs) {
    if (input.format !== 'bdnb') groups.push({ paths: [input.path], format: input.format });
  }
  if (bdnb.length > 0) groups.push({ paths: bdnb.map((input) => input.path), format: 'bdnb' });
  return groups;
}

function datasetInfo(
  group: InputGroup,
  id: string,
  labelSources: Readonly<Record<LabelSource, number>>,
): StockDatasetInfo {
  const files = group.paths.map((path) => basename(path)).join(', ');
  if (group.format === 'dpe') {
    return {
      id,
      name: `DPE observés (${files})`,
      kind: 'observed',
      synthetic: false,
      caption: `DPE de l’ADEME importés de ${files} : ils ne représentent pas le parc (seuls les logements vendus, loués ou neufs ont un DPE).`,
    };
  }
  if (group.format === 'bdnb') {
    return {
      id,
      name: 'Bâtiments BDNB',
      kind: 'buildings',
      synthetic: false,
      caption: `BDNB (CSTB) importée de ${files} ; pondération par le nombre de logements (nb_log).`,
    };
  }
  const other = labelSources.modelled + labelSources.predicted;
  const observed = labelSources.observed > 0 && other === 0;
  return {
    id,
    name: `Parc importé (${files})`,
    kind: observed ? 'observed' : 'modelled',
    synthetic: false,
    caption: `Parc au format canonique importé de ${files}.`,
  };
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  taken.add(id);
  return id;
}

function describeReport(files: string, report: ImportReport): string {
  return `${files} (${report.format}) : ${formatRowAccount(report.rows_read, report.accepted, report.rejected)}.`;
}

/** Moves every entry of `from` into `to`, replacing what is there. */
function moveInto(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    rmSync(join(to, name), { recursive: true, force: true });
    renameSync(join(from, name), join(to, name));
  }
  rmSync(from, { recursive: true, force: true });
}

/** Builds the assets into `out`; returns the summary. Throws when an input cannot be read. */
export async function buildData(
  paths: readonly string[],
  out: string,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  options: BuildDataOptions = {},
): Promise<DataBuildSummary> {
  if (paths.length === 0) throw new UsageError(`Aucun fichier. ${USAGE}`);
  const inputs: { path: string; format: SourceKind }[] = [];
  for (const path of paths) inputs.push({ path, format: await sourceKind(pathSource(path)) });
  const groups = groupInputs(inputs);
  if (!groups.some((group) => group.format !== 'contours')) {
    throw new ImportError(
      'Aucun fichier de logements (DPE ADEME, BDNB ou parc canonique) parmi les fichiers donnés : rien à construire.',
    );
  }

  const outDir = resolve(out);
  const staging = join(dirname(outDir), `.${basename(outDir)}.build-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let engine: NativeImportEngine | null = null;
  try {
    const pack = await buildTerritoryPack(staging, { log });
    const modelled = options.modelled?.(pack.communes);
    const stockPath = join(staging, 'stock.duckdb');
    await writeStockDatabase(stockPath, {
      communes: pack.communes,
      epcis: pack.epcis,
      cogYear: pack.cogYear,
      successors: pack.successors,
      datasets: modelled === undefined ? [] : [modelled.dataset],
      stock: modelled?.stock ?? { ...EMPTY_STOCK, communes: pack.communes },
    });
    engine = await openStockRows(stockPath, memoryLimit());
    const rowsEngine = engine;

    const summary: DataBuildSummary = {
      out: outDir,
      datasets: modelled === undefined ? [] : [modelled.dataset],
      inputs: [],
    };
    const taken = new Set<string>(summary.datasets.map((dataset) => dataset.id));
    const contours: { file: string; features: GeoFeatureRow[]; level: 'commune' | 'epci' }[] = [];
    for (const group of groups) {
      const files = group.paths.map((path) => basename(path));
      const first = group.paths[0] as string;
      const id =
        group.format === 'contours'
          ? null
          : uniqueId(
              group.format === 'bdnb' ? 'bdnb' : slug(basename(first, extname(first))),
              taken,
            );
      const labelSources: Record<LabelSource, number> = { observed: 0, modelled: 0, predicted: 0 };
      const result = await importPaths(group.paths, 'auto', {
        engine: rowsEngine,
        ...(id === null ? {} : { dataset: id }),
        keep: async (run) => {
          await appendImportedRows(rowsEngine, run);
          const sources = await rowsEngine.query(
            `SELECT label_source, count(*) AS n FROM (${run.acceptedSql}) GROUP BY ALL`,
          );
          for (const row of sources)
            labelSources[String(row.label_source) as LabelSource] = Number(row.n);
        },
      });
      log(describeReport(files.join(', '), result.report));
      summary.inputs.push({
        files,
        format: result.report.format,
        dataset: id,
        report: result.report,
      });
      if (id !== null) {
        const own = options.describe?.(files, result.report);
        summary.datasets.push({ ...datasetInfo(group, id, labelSources), ...own, id });
      } else if (result.features !== undefined && result.report.geo !== undefined) {
        contours.push({
          file: files[0] ?? '',
          features: result.features,
          level: result.report.geo.level,
        });
      }
    }

    const written = writeContours(staging, contours, pack, log);
    const finishing = engine;
    engine = null;
    await finishStockRows(finishing, summary.datasets, written.epciWithContour);
    const programme = buildProgrammeAssets(staging, {
      territory: { communes: pack.communes, epcis: pack.epcis },
      log,
    });
    const manifest = {
      generated_at: new Date().toISOString(),
      built_by: options.builtBy ?? BUILT_BY,
      ...(options.sources === undefined ? {} : { sources: options.sources(summary) }),
      cog_year: pack.cogYear,
      contours_year: pack.contoursYear,
      files: { stock: 'stock.duckdb', ...pack.files, ...written.files },
      datasets: summary.datasets,
      vintage_report: 'vintage-report.json',
      inputs: summary.inputs.map(({ files, format, dataset, report }) => ({
        files,
        format,
        dataset,
        rows_read: report.rows_read,
        accepted: report.accepted,
        rejected: report.rejected,
      })),
      ...programme,
    };
    writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    moveInto(staging, outDir);
    log(`Données construites dans ${outDir} (${summary.datasets.length} jeu(x) de données).`);
    return summary;
  } catch (error) {
    engine?.close();
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

const EMPTY_STOCK = {
  dataset: 'demo',
  seed: 0,
  rowCount: 0,
  commune: new Uint32Array(0),
  housingType: new Uint8Array(0),
  constructionPeriod: new Uint8Array(0),
  censusBin: new Uint8Array(0),
  periodSource: [],
  heatingEnergy: new Uint8Array(0),
  occupancy: new Uint8Array(0),
  tenure: new Uint8Array(0),
  dpeLabel: new Uint8Array(0),
  surfaceM2: new Float64Array(0),
  epKwhM2: new Float64Array(0),
  efKwhM2: new Float64Array(0),
  ghgKgM2: new Float64Array(0),
  weight: new Float64Array(0),
} as const;

const OPTIONS = { out: { type: 'string' }, help: { type: 'boolean' } } as const;

async function main(argv: string[]): Promise<number> {
  const parsed = parseOptions(
    argv,
    OPTIONS,
    (reason) => new UsageError(`${reason}. ${USAGE}`),
    true,
  );
  if (parsed.values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const out = parsed.values.out ?? 'public/data';
  if (
    existsSync(out) &&
    !readdirSync(out).includes('manifest.json') &&
    readdirSync(out).length > 0
  ) {
    throw new UsageError(
      `Le dossier ${out} existe, n’est pas vide et ne contient pas de manifest.json : choisissez un dossier vide ou un dossier de données.`,
    );
  }
  const summary = await buildData(parsed.positionals, out);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return 0;
}

if (process.argv[1]?.endsWith('data-build.ts') === true) {
  runCommand(() => main(process.argv.slice(2)));
}
