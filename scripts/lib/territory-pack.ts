/**
 * The territory pack: COG 2023 tables of metropolitan France (communes, EPCI) and the contour
 * files the map needs (EPCI, départements, régions, communes of the demonstration département),
 * with a vintage report of every mismatch between the COG and the contours.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import type { TerritoryCommune, TerritoryEpci } from '../../src/domain/territory.ts';
import {
  buildCogTerritory,
  type CogInput,
  type CogTerritory,
  checkPlausibility,
  loadCogInput,
  normaliseEpciType,
} from './cog-territory.ts';
import {
  type BoundaryFeature,
  type BoundaryReadResult,
  readBoundaryFile,
  roundGeometryValid,
} from './geo-readers.ts';
import {
  getSource,
  resolveEpciContours,
  resolveSource,
  type SourceId,
  type SourceLookup,
} from './sources.ts';
import {
  type CommuneContourVintage,
  compareCommuneVintage,
  compareEpciVintage,
  type RejectedContour,
  summariseVintageReport,
  type TerritoryVintageReport,
} from './territory-vintage.ts';

/** The territory pack written by `buildTerritoryPack`; file names are relative to its outDir. */
export interface TerritoryPack {
  cogYear: number;
  contoursYear: number;
  communes: TerritoryCommune[];
  epcis: TerritoryEpci[];
  vintageReport: TerritoryVintageReport;
  files: { epci: string; departements: string; regions: string; communes: Record<string, string> };
}

/** Options of `buildTerritoryPack`. */
export interface BuildTerritoryPackOptions {
  /** Read the sources from this directory only (default: `resolveSourcesDir` rules). */
  sourcesDir?: string;
  /** Where progress and summaries go (default: stderr). */
  log?: (line: string) => void;
}

/** Decimals kept in the written contours: 4 decimals ≈ 10 m, ample for a choropleth. */
export const CONTOUR_DECIMALS = 4;

/** Commune contour files of the pack, by département. */
const COMMUNE_CONTOURS: readonly { departement: string; id: SourceId }[] = [
  { departement: '36', id: 'communes-36-2025' },
];

const VINTAGE_REPORT_FILE = 'vintage-report.json';

function normaliseType(contourType: string | null, cogType: string | undefined): string | null {
  const type = contourType ?? cogType;
  return type === undefined ? null : normaliseEpciType(type);
}

function sourceYear(id: SourceId): number {
  const year = Number.parseInt(getSource(id).vintage, 10);
  if (!Number.isFinite(year)) throw new Error(`Millésime non numérique pour ${id}`);
  return year;
}

interface OutputFeature {
  type: 'Feature';
  geometry: Polygon | MultiPolygon;
  properties: Record<string, string | null>;
}

/** Rounds the geometries, keeping more decimals where rounding would make one invalid. */
function roundFeatures(
  features: readonly BoundaryFeature[],
  file: string,
  log: (line: string) => void,
): { feature: BoundaryFeature; geometry: OutputFeature['geometry'] }[] {
  const finer: string[] = [];
  const rounded = features.map((feature) => {
    const result = roundGeometryValid(feature.geometry, CONTOUR_DECIMALS);
    if (result.decimals !== CONTOUR_DECIMALS) finer.push(feature.properties.code);
    return { feature, geometry: result.geometry };
  });
  if (finer.length > 0) {
    log(
      `${file} : ${finer.length} contour(s) gardé(s) plus précis que ${CONTOUR_DECIMALS} décimales pour rester valide(s) (${finer.slice(0, 5).join(', ')}${finer.length > 5 ? '…' : ''}).`,
    );
  }
  return rounded;
}

function writeFeatureCollection(path: string, features: readonly OutputFeature[]): void {
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
}

function readContours(
  path: string,
  rejected: RejectedContour[],
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
  rejected: RejectedContour[];
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

/** Writes one département's commune contours with their COG EPCI, and compares vintages. */
function writeCommuneContours(
  context: PackContext,
  source: { departement: string; path: string; year: number; cogYear: number },
  file: string,
): CommuneContourVintage {
  const read = readContours(source.path, context.rejected, ['codeEpci']);
  const rounded = roundFeatures(read.features, basename(source.path), context.log);
  const cogEpci = new Map(context.territory.communes.map((c) => [c.code_commune, c.code_epci]));
  writeFeatureCollection(
    join(context.outDir, file),
    rounded.map(({ feature, geometry }) => ({
      type: 'Feature',
      geometry,
      properties: {
        code: feature.properties.code,
        nom: feature.properties.nom,
        // The COG vintage of the tables wins; a commune it does not know keeps the file's EPCI.
        code_epci: cogEpci.has(feature.properties.code)
          ? (cogEpci.get(feature.properties.code) ?? null)
          : (feature.properties.kept.codeEpci ?? null),
      },
    })),
  );
  return compareCommuneVintage(
    source.departement,
    context.territory.communes,
    rounded.map(({ feature }) => ({
      code: feature.properties.code,
      nom: feature.properties.nom,
      code_epci: feature.properties.kept.codeEpci ?? null,
    })),
    { cog: source.cogYear, contours: source.year },
  );
}

/**
 * Builds the territory pack into `outDir`: `epci.geojson`, `departements.geojson`,
 * `regions.geojson`, `communes-<dep>.geojson`, `vintage-report.json`; returns the tables.
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
  const epciContours = resolveEpciContours(lookup);
  const departementsPath = resolveSource('departements-2018', lookup);
  const regionsPath = resolveSource('regions-2018', lookup);
  const communePaths = COMMUNE_CONTOURS.map((c) => ({ ...c, path: resolveSource(c.id, lookup) }));
  const cogYear = sourceYear('cog-epci-2023');
  const contoursYear = sourceYear(epciContours.id);

  const { input, epciSource } = loadCogInput(lookup);
  const territory = buildCogTerritory(input);
  for (const warning of territory.warnings) log(`Attention : ${warning}`);
  const { count, population } = checkPlausibility(territory.communes);
  log(
    `COG ${cogYear} (EPCI : ${epciSource}) : ${count.toLocaleString('fr-FR')} communes métropolitaines, ` +
      `population municipale ${population.toLocaleString('fr-FR')}, ${territory.epcis.length} EPCI, ` +
      `${territory.communes.filter((c) => c.code_epci === null).length} commune(s) hors EPCI.`,
  );

  mkdirSync(outDir, { recursive: true });
  const context: PackContext = { outDir, input, territory, rejected: [], log };
  const files: TerritoryPack['files'] = {
    epci: 'epci.geojson',
    departements: 'departements.geojson',
    regions: 'regions.geojson',
    communes: {},
  };
  const { comparison, withContour } = writeEpciContours(
    context,
    { path: epciContours.path, year: contoursYear },
    files.epci,
  );
  const epcis = territory.epcis.map((e) => ({ ...e, has_contour: withContour.has(e.code_epci) }));
  writeOutlines(
    context,
    departementsPath,
    files.departements,
    territory.departements,
    'Départements',
  );
  writeOutlines(context, regionsPath, files.regions, territory.regions, 'Régions');
  const communeReports = communePaths.map(({ departement, id, path }) => {
    const file = `communes-${departement}.geojson`;
    files.communes[departement] = file;
    return writeCommuneContours(
      context,
      { departement, path, year: sourceYear(id), cogYear },
      file,
    );
  });

  const vintageReport: TerritoryVintageReport = {
    cog_year: cogYear,
    contours_year: contoursYear,
    epci_without_contour: comparison.epci_without_contour,
    contours_without_cog: comparison.contours_without_cog,
    commune_contours: communeReports,
    rejected_contours: context.rejected,
  };
  writeFileSync(join(outDir, VINTAGE_REPORT_FILE), JSON.stringify(vintageReport, null, 2));
  for (const line of summariseVintageReport(vintageReport)) log(line);

  return { cogYear, contoursYear, communes: territory.communes, epcis, vintageReport, files };
}
