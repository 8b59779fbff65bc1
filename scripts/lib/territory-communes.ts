/**
 * Commune contours of the territory pack: the national contour file (the mirror's or etalab's
 * `communes-1000m.geojson`) split into one file per département, `communes-<dép>.geojson`, with
 * the COG's name and EPCI. Arrondissements municipaux (etalab's features with a `commune`) and
 * overseas communes are left out; the contour of a commune merged since the contours' vintage is
 * drawn as a part of its successor; every mismatch goes to the vintage report.
 */
import { join } from 'node:path';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { departementOfCommune } from '../../src/domain/codes.ts';
import type { TerritoryCommune } from '../../src/domain/territory.ts';
import type {
  CommuneContoursVintage,
  CommuneMismatch,
  DepartementContours,
  EpciChange,
  MergedCommune,
} from '../../src/domain/vintage-report.ts';
import { isMetropolitanDepartement } from './cog-territory.ts';
import { type OutputFeature, roundFeatures, writeFeatureCollection } from './contour-writer.ts';
import type { BoundaryFeature } from './geo-readers.ts';

/** Source properties carried besides code and name: EPCI and, in etalab's file, the parent. */
export const COMMUNE_CONTOUR_KEEP = ['epci', 'codeEpci', 'commune'] as const;

/** File name of a département's commune contours. */
function communeFileName(departement: string): string {
  return `communes-${departement}.geojson`;
}

/** What the split needs from the pack. */
export interface CommuneSplitInput {
  outDir: string;
  /** Features read from the contour file, with `kept` holding {@link COMMUNE_CONTOUR_KEEP}. */
  features: readonly BoundaryFeature[];
  /** File name, for the log. */
  sourceFile: string;
  communes: readonly TerritoryCommune[];
  successorOf: (code: string) => string | undefined;
  log: (line: string) => void;
}

/** The files written (département → file name) and the commune part of the vintage report. */
export interface CommuneSplitResult {
  files: Record<string, string>;
  vintage: CommuneContoursVintage;
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Joins the parts of a commune (its own contour and those of the communes it absorbed). */
function joinParts(parts: readonly (Polygon | MultiPolygon)[]): Polygon | MultiPolygon {
  const [only] = parts;
  if (parts.length === 1 && only !== undefined) return only;
  return { type: 'MultiPolygon', coordinates: parts.flatMap(polygonsOf) };
}

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);

/**
 * Splits the commune contours by département (of the COG) and writes one file per département
 * that has at least one contour. Properties: `code`, `nom` (COG), `code_epci` (COG; null outside
 * any EPCI).
 */
export function writeCommuneContours(input: CommuneSplitInput): CommuneSplitResult {
  const cogByCode = new Map(input.communes.map((c) => [c.code_commune, c]));
  const skipped = { arrondissements: 0, outside_metropole: 0 };
  const kept: BoundaryFeature[] = [];
  for (const feature of input.features) {
    if (feature.properties.kept.commune != null) {
      skipped.arrondissements++;
      continue;
    }
    const departement =
      cogByCode.get(feature.properties.code)?.code_departement ??
      departementOfCommune(feature.properties.code);
    if (departement !== null && !isMetropolitanDepartement(departement)) {
      skipped.outside_metropole++;
      continue;
    }
    kept.push(feature);
  }

  const parts = new Map<string, (Polygon | MultiPolygon)[]>();
  const withoutCog: CommuneMismatch[] = [];
  const merged: MergedCommune[] = [];
  const epciChanged: EpciChange[] = [];
  for (const { feature, geometry } of roundFeatures(kept, input.sourceFile, input.log)) {
    const { code, nom } = feature.properties;
    let commune = cogByCode.get(code);
    if (commune === undefined) {
      const successor = input.successorOf(code);
      commune = successor === undefined ? undefined : cogByCode.get(successor);
      if (commune === undefined) {
        withoutCog.push({ code, nom, code_departement: departementOfCommune(code) ?? '' });
        continue;
      }
      merged.push({
        code,
        nom,
        code_commune: commune.code_commune,
        nom_commune: commune.nom_commune,
      });
    } else {
      const epci = feature.properties.kept.epci ?? feature.properties.kept.codeEpci ?? null;
      if (epci !== null && epci !== commune.code_epci) {
        epciChanged.push({
          code,
          nom: commune.nom_commune,
          code_epci_cog: commune.code_epci,
          code_epci_other: epci,
        });
      }
    }
    const list = parts.get(commune.code_commune);
    if (list === undefined) parts.set(commune.code_commune, [geometry]);
    else list.push(geometry);
  }

  const byDepartement = new Map<string, OutputFeature[]>();
  const cogCount = new Map<string, number>();
  const cogWithoutContour: CommuneMismatch[] = [];
  for (const commune of input.communes) {
    const departement = commune.code_departement;
    cogCount.set(departement, (cogCount.get(departement) ?? 0) + 1);
    const geometries = parts.get(commune.code_commune);
    if (geometries === undefined) {
      cogWithoutContour.push({
        code: commune.code_commune,
        nom: commune.nom_commune,
        code_departement: departement,
      });
      continue;
    }
    const feature: OutputFeature = {
      type: 'Feature',
      geometry: joinParts(geometries),
      properties: {
        code: commune.code_commune,
        nom: commune.nom_commune,
        code_epci: commune.code_epci,
      },
    };
    const list = byDepartement.get(departement);
    if (list === undefined) byDepartement.set(departement, [feature]);
    else list.push(feature);
  }

  const files: Record<string, string> = {};
  const departements: DepartementContours[] = [];
  for (const [departement, features] of [...byDepartement].sort(([a], [b]) => a.localeCompare(b))) {
    const file = communeFileName(departement);
    const bytes = writeFeatureCollection(join(input.outDir, file), features);
    files[departement] = file;
    departements.push({
      code_departement: departement,
      file,
      cog_count: cogCount.get(departement) ?? 0,
      contour_count: features.length,
      bytes,
    });
  }
  return {
    files,
    vintage: {
      cog_count: input.communes.length,
      contour_count: kept.length,
      cog_without_contour: cogWithoutContour.sort(byCode),
      contours_without_cog: withoutCog.sort(byCode),
      contours_merged: merged.sort(byCode),
      epci_changed: epciChanged.sort(byCode),
      skipped,
      departements,
    },
  };
}
