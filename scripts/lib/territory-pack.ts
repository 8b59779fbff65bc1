/**
 * The territory pack: the current COG tables of metropolitan France (communes, EPCI; COG 2026 of
 * `@etalab/decoupage-administratif`) and the contour files the map needs (EPCI, départements,
 * régions, and the communes split into one file per département), with a vintage report of every
 * mismatch between the COG, the contours (2025) and older data (COG 2023).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { departementOfCommune } from '../../src/domain/codes.ts';
import type { TerritoryCommune, TerritoryEpci } from '../../src/domain/territory.ts';
import { VINTAGE_REPORT_VERSION, type VintageReport } from '../../src/domain/vintage-report.ts';
import {
  buildCogTerritory,
  COG_YEAR,
  type CogInput,
  type CogTerritory,
  checkPlausibility,
  isMetropolitanDepartement,
  loadCogInput,
  normaliseEpciType,
} from './cog-territory.ts';
import { loadCommuneSuccessors } from './commune-successors.ts';
import { roundFeatures, writeFeatureCollection } from './contour-writer.ts';
import { type BoundaryReadResult, readBoundaryFile } from './geo-readers.ts';
import {
  getSource,
  MissingSourceError,
  resolveSource,
  type SourceId,
  type SourceLookup,
} from './sources.ts';
import { COMMUNE_CONTOUR_KEEP, writeCommuneContours } from './territory-communes.ts';
import {
  compareEpciVintage,
  compareOlderVintage,
  type OlderEpci,
  summariseVintageReport,
} from './territory-vintage.ts';

/** The territory pack written by `buildTerritoryPack`; file names are relative to its outDir. */
export interface TerritoryPack {
  cogYear: number;
  contoursYear: number;
  communes: TerritoryCommune[];
  epcis: TerritoryEpci[];
  /** Absorbed commune code → current commune (`commune_successor` of `stock.duckdb`). */
  successors: ReadonlyMap<string, string>;
  vintageReport: VintageReport;
  files: { epci: string; departements: string; regions: string; communes: Record<string, string> };
}

/** Options of `buildTerritoryPack`. */
export interface BuildTerritoryPackOptions {
  /** Read the sources from this directory only (default: `resolveSourcesDir` rules). */
  sourcesDir?: string;
  /** Where progress and summaries go (default: stderr). */
  log?: (line: string) => void;
}

/** File name of the vintage report in the assets. */
const VINTAGE_REPORT_FILE = 'vintage-report.json';

/** Name of the table of merged communes in `stock.duckdb`. */
const COMMUNE_SUCCESSOR_TABLE = 'commune_successor';

function normaliseType(contourType: string | null, cogType: string | undefined): string | null {
  const type = contourType ?? cogType;
  return type === undefined ? null : normaliseEpciType(type);
}

function sourceYear(id: SourceId): number {
  const year = Number.parseInt(getSource(id).vintage, 10);
  if (!Number.isFinite(year)) throw new Error(`Millésime non numérique pour ${id}`);
  return year;
}

type Rejected = VintageReport['rejected_contours'];

function readContours(
  path: string,
  rejected: Rejected,
  keep?: readonly string[],
): BoundaryReadResult {
  const result = readBoundaryFile(path, keep === undefined ? {} : { keep });
  for (const r of result.rejected) rejected.push({ file: basename(path), ...r });
  return result;
}

/** What the contour writers share. */
interface PackContext {
  outDir: string;
  input: CogInput;
  territory: CogTerritory;
  rejected: Rejected;
  log: (line: string) => void;
}

/** Writes département or région outlines limited to the metropolitan codes of the COG. */
function writeOutlines(
  context: PackContext,
  path: string,
  file: string,
  expected: readonly { code: string; nom: string }[],
  label: string,
): void {
  const wanted = new Set(expected.map((a) => a.code));
  const read = readContours(path, context.rejected);
  const kept = read.features.filter((f) => wanted.has(f.properties.code));
  const rounded = roundFeatures(kept, basename(path), context.log);
  writeFeatureCollection(
    join(context.outDir, file),
    rounded.map(({ feature, geometry }) => ({
      type: 'Feature',
      geometry,
      properties: { code: feature.properties.code, nom: feature.properties.nom },
    })),
  );
  const present = new Set(rounded.map((r) => r.feature.properties.code));
  const missing = expected.filter((a) => !present.has(a.code)).map((a) => `${a.code} ${a.nom}`);
  const outside = read.features.length - kept.length;
  context.log(
    `${label} : ${rounded.length} contours écrits sur ${expected.length} attendus` +
      (outside > 0 ? ` (${outside} hors métropole écartés)` : '') +
      (missing.length > 0 ? ` ; sans contour : ${missing.join(', ')}` : ''),
  );
}

/** Writes the EPCI contours (COG names and types) and matches them against the COG EPCI. */
function writeEpciContours(
  context: PackContext,
  source: { path: string; year: number },
  file: string,
): { comparison: ReturnType<typeof compareEpciVintage>; withContour: Set<string> } {
  const { input, territory } = context;
  const read = readContours(source.path, context.rejected);
  const rounded = roundFeatures(read.features, basename(source.path), context.log);
  const metroCodes = new Set(territory.epcis.map((e) => e.code_epci));
  const overseas = new Set(input.epcis.map((e) => e.code).filter((code) => !metroCodes.has(code)));
  const comparison = compareEpciVintage(
    territory.epcis,
    rounded.map((r) => r.feature.properties),
    overseas,
  );
  const cogEpcis = new Map(input.epcis.map((e) => [e.code, e]));
  const written = rounded.filter((r) => !overseas.has(r.feature.properties.code));
  writeFeatureCollection(
    join(context.outDir, file),
    written.map(({ feature, geometry }) => ({
      type: 'Feature',
      geometry,
      properties: {
        code: feature.properties.code,
        // COG names: those of the tables; contour files respell some and truncate others.
        nom: cogEpcis.get(feature.properties.code)?.nom ?? feature.properties.nom,
        type: normaliseType(feature.properties.type, cogEpcis.get(feature.properties.code)?.type),
      },
    })),
  );
  const outside = comparison.out_of_scope.length;
  context.log(
    `Contours EPCI ${source.year} (${read.format}, ${basename(source.path)}) : ${written.length} écrits` +
      `${outside > 0 ? `, ${outside} d'outre-mer écartés` : ''}.`,
  );
  return { comparison, withContour: new Set(written.map((r) => r.feature.properties.code)) };
}

/** The optional older COG (2023 EPCI list), or null with a log line when it is absent. */
function readOlderEpcis(
  lookup: SourceLookup,
  log: (line: string) => void,
): { path: string; epcis: OlderEpci[] } | null {
  let path: string;
  try {
    path = resolveSource('cog-epci-2023', lookup);
  } catch (error) {
    if (!(error instanceof MissingSourceError)) throw error;
    log(
      `${getSource('cog-epci-2023').path} absent : pas de rapprochement avec le COG 2023 dans le rapport de millésime.`,
    );
    return null;
  }
  const epcis = JSON.parse(readFileSync(path, 'utf8')) as OlderEpci[];
  if (!Array.isArray(epcis)) throw new Error(`${path} : liste d'EPCI attendue.`);
  return { path, epcis };
}

/**
 * Builds the territory pack into `outDir`: `epci.geojson`, `departements.geojson`,
 * `regions.geojson`, `communes-<dép>.geojson` (one per département), `vintage-report.json`;
 * returns the tables and the table of merged communes.
 * @throws MissingSourceError when a source file is missing; TerritoryCheckError when the COG
 * is implausible; GeoReadError when a contour file cannot be read.
 */
export async function buildTerritoryPack(
  outDir: string,
  options: BuildTerritoryPackOptions = {},
): Promise<TerritoryPack> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const lookup: SourceLookup =
    options.sourcesDir === undefined ? {} : { sourcesDir: options.sourcesDir };
  const epciPath = resolveSource('epci-contours-2025', lookup);
  const communesPath = resolveSource('communes-contours-2025', lookup);
  const departementsPath = resolveSource('departements-2018', lookup);
  const regionsPath = resolveSource('regions-2018', lookup);
  const contoursYear = sourceYear('communes-contours-2025');

  const input = loadCogInput();
  const territory = buildCogTerritory(input);
  const successors = loadCommuneSuccessors();
  for (const warning of territory.warnings) log(`Attention : ${warning}`);
  const { count, population } = checkPlausibility(territory.communes);
  log(
    `COG ${COG_YEAR} (@etalab/decoupage-administratif) : ${count.toLocaleString('fr-FR')} communes métropolitaines, ` +
      `population municipale ${population.toLocaleString('fr-FR')}, ${territory.epcis.length} EPCI, ` +
      `${territory.communes.filter((c) => c.code_epci === null).length} commune(s) hors EPCI.`,
  );

  mkdirSync(outDir, { recursive: true });
  const context: PackContext = { outDir, input, territory, rejected: [], log };
  const { comparison, withContour } = writeEpciContours(
    context,
    { path: epciPath, year: sourceYear('epci-contours-2025') },
    'epci.geojson',
  );
  const epcis = territory.epcis.map((e) => ({ ...e, has_contour: withContour.has(e.code_epci) }));
  writeOutlines(
    context,
    departementsPath,
    'departements.geojson',
    territory.departements,
    'Départements',
  );
  writeOutlines(context, regionsPath, 'regions.geojson', territory.regions, 'Régions');
  const communeRead = readContours(communesPath, context.rejected, COMMUNE_CONTOUR_KEEP);
  const split = writeCommuneContours({
    outDir,
    features: communeRead.features,
    sourceFile: basename(communesPath),
    communes: territory.communes,
    successorOf: (code) => successors.get(code),
    log,
  });

  const sizes = split.vintage.departements;
  const largest = sizes.reduce(
    (a, b) => (b.bytes > a.bytes ? b : a),
    sizes[0] ?? { file: '-', bytes: 0 },
  );
  const ko = (bytes: number) => `${Math.round(bytes / 1000).toLocaleString('fr-FR')} ko`;
  log(
    `Contours des communes : ${sizes.length} fichiers départementaux, ${ko(sizes.reduce((n, d) => n + d.bytes, 0))} en tout, le plus gros ${largest.file} (${ko(largest.bytes)}).`,
  );
  const older = readOlderEpcis(lookup, log);
  const inScope = (code: string) => isMetropolitanDepartement(departementOfCommune(code) ?? '');
  const report: Omit<VintageReport, 'summary'> = {
    version: VINTAGE_REPORT_VERSION,
    cog_year: COG_YEAR,
    contours_year: contoursYear,
    epci_without_contour: comparison.epci_without_contour,
    contours_without_cog: comparison.contours_without_cog,
    communes: split.vintage,
    successors: { table: COMMUNE_SUCCESSOR_TABLE, count: successors.size },
    older_vintages:
      older === null
        ? []
        : [
            compareOlderVintage(
              {
                cog_year: sourceYear('cog-epci-2023'),
                source: getSource('cog-epci-2023').path,
                epcis: older.epcis,
              },
              { communes: territory.communes, epciCodes: new Set(epcis.map((e) => e.code_epci)) },
              (code) => successors.get(code),
              inScope,
            ),
          ],
    rejected_contours: context.rejected,
  };
  const summary = summariseVintageReport(report);
  const vintageReport: VintageReport = { ...report, summary };
  writeFileSync(join(outDir, VINTAGE_REPORT_FILE), JSON.stringify(vintageReport, null, 2));
  for (const line of summary) log(line);

  return {
    cogYear: COG_YEAR,
    contoursYear,
    communes: territory.communes,
    epcis,
    successors,
    vintageReport,
    files: {
      epci: 'epci.geojson',
      departements: 'departements.geojson',
      regions: 'regions.geojson',
      communes: split.files,
    },
  };
}
