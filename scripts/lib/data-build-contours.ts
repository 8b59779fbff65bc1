/**
 * Writes the user's contours into the asset directory in the layout of the territory pack:
 * commune contours as `communes-<dép>.geojson` (properties `code`, `nom`, `code_epci` of the COG),
 * EPCI contours as `epci.geojson` (properties `code`, `nom`, `type`, COG names first). Geometries
 * are rounded like the pack's (4 decimals, more where rounding would make one invalid).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { departementOfCommune } from '../../src/domain/codes.ts';
import type { GeoFeatureRow } from '../../src/ingest/geo-reader.ts';
import { CONTOUR_DECIMALS } from './contour-writer.ts';
import { roundGeometryValid } from './geo-readers.ts';
import type { TerritoryPack } from './territory-pack.ts';

/** A contour file read by the import path. */
export interface ContourInput {
  file: string;
  level: 'commune' | 'epci';
  features: readonly GeoFeatureRow[];
}

/** What changed in the manifest and in `territory_epci.has_contour`. */
export interface WrittenContours {
  files: { epci?: string; communes?: Record<string, string> };
  /** EPCI with a contour, when the EPCI contours were replaced. */
  epciWithContour?: Set<string>;
}

function rounded(feature: GeoFeatureRow): Polygon | MultiPolygon {
  return roundGeometryValid(feature.feature.geometry as Polygon | MultiPolygon, CONTOUR_DECIMALS)
    .geometry;
}

function readFeatures(path: string): { properties?: Record<string, unknown> }[] {
  if (!existsSync(path)) return [];
  return (
    JSON.parse(readFileSync(path, 'utf8')) as {
      features: { properties?: Record<string, unknown> }[];
    }
  ).features;
}

function write(path: string, features: readonly object[]): void {
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
}

/**
 * Writes the contours into `outDir`. Commune contours replace those of the same code in the
 * pack's file of their département and keep the others; later files override earlier ones.
 */
export function writeContours(
  outDir: string,
  inputs: readonly ContourInput[],
  pack: Pick<TerritoryPack, 'communes' | 'epcis' | 'files'>,
  log: (line: string) => void,
): WrittenContours {
  const written: WrittenContours = { files: {} };
  const communeEpci = new Map(pack.communes.map((c) => [c.code_commune, c.code_epci]));
  const epciByCode = new Map(pack.epcis.map((e) => [e.code_epci, e]));

  const communes = new Map<string, GeoFeatureRow>();
  const epcis = new Map<string, GeoFeatureRow>();
  for (const input of inputs) {
    const target = input.level === 'commune' ? communes : epcis;
    for (const feature of input.features) target.set(feature.code, feature);
  }

  if (communes.size > 0) {
    const byDepartement = new Map<string, GeoFeatureRow[]>();
    for (const feature of communes.values()) {
      const departement = departementOfCommune(feature.code) ?? '';
      byDepartement.set(departement, [...(byDepartement.get(departement) ?? []), feature]);
    }
    const files = { ...pack.files.communes };
    for (const [departement, features] of [...byDepartement].sort()) {
      const file = `communes-${departement}.geojson`;
      const existing = files[departement] === undefined ? [] : readFeatures(join(outDir, file));
      const replaced = new Set(features.map((feature) => feature.code));
      const kept = existing.filter((feature) => !replaced.has(String(feature.properties?.code)));
      files[departement] = file;
      write(join(outDir, file), [
        ...kept,
        ...features.map((feature) => ({
          type: 'Feature',
          geometry: rounded(feature),
          properties: {
            code: feature.code,
            nom: feature.name,
            code_epci: communeEpci.get(feature.code) ?? null,
          },
        })),
      ]);
      log(
        `Contours des communes du ${departement} : ${features.length} écrits (${file})` +
          (kept.length > 0 ? `, ${kept.length} du référentiel gardés.` : '.'),
      );
    }
    written.files.communes = files;
  }

  if (epcis.size > 0) {
    const features = [...epcis.values()];
    write(
      join(outDir, pack.files.epci),
      features.map((feature) => {
        const cog = epciByCode.get(feature.code);
        return {
          type: 'Feature',
          geometry: rounded(feature),
          properties: {
            code: feature.code,
            nom: cog?.nom_epci ?? feature.name,
            type: cog?.type_epci ?? null,
          },
        };
      }),
    );
    written.files.epci = pack.files.epci;
    written.epciWithContour = new Set(features.map((feature) => feature.code));
    const outside = features.filter((feature) => !epciByCode.has(feature.code)).length;
    log(
      `Contours des EPCI : ${features.length} écrits (${pack.files.epci})` +
        (outside > 0 ? `, dont ${outside} absents du COG.` : '.'),
    );
  }
  return written;
}
