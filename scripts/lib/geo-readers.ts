/**
 * Readers for administrative boundary files, GeoJSON or TopoJSON, with configurable property
 * names so that official files and a user's own files go through the same code. Features are
 * normalised to properties `{ code, nom, type }`; what cannot be read is rejected with a reason.
 */

import { readFileSync } from 'node:fs';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { feature as topologyFeature } from 'topojson-client';
import { isJsonObject } from '../../src/domain/json-reader.ts';
import { hasSegmentContact } from '../../src/ingest/self-intersection.ts';

/** A TopoJSON topology, as topojson-client's `feature` takes it. */
type Topology = Parameters<typeof topologyFeature>[0];

/** Names of the source properties holding the code, the name and (optionally) the type. */
export interface PropertyMapping {
  code: string;
  name: string;
  type?: string;
}

/** etalab contours-administratifs, geo.api.gouv.fr and the mirror's GeoJSON files. */
const ETALAB_PROPERTIES: PropertyMapping = { code: 'code', name: 'nom', type: 'type' };

/** Opendatasoft "georef-france-epci-millesime": array-valued `epci_code`, `epci_name`… */
const OPENDATASOFT_EPCI_PROPERTIES: PropertyMapping = {
  code: 'epci_code',
  name: 'epci_name',
  type: 'epci_type',
};

const KNOWN_MAPPINGS: readonly PropertyMapping[] = [
  ETALAB_PROPERTIES,
  OPENDATASOFT_EPCI_PROPERTIES,
];

/** Normalised properties of a boundary. */
export interface BoundaryProperties {
  code: string;
  nom: string;
  type: string | null;
  /** Values of the properties listed in `keep`, unwrapped to strings. */
  kept: Record<string, string | null>;
}

/** A polygonal boundary with normalised properties. */
export type BoundaryFeature = Feature<Polygon | MultiPolygon, BoundaryProperties>;

/** How to read a boundary file. */
export interface ReadBoundariesOptions {
  /** Property names; detected among the known layouts when omitted. */
  properties?: PropertyMapping;
  /** TopoJSON object to read; by default the only object, or the first GeometryCollection. */
  object?: string;
  /** Further source properties to carry in `kept`. */
  keep?: readonly string[];
}

/** A feature that was not read, and why (in French). */
export interface RejectedFeature {
  index: number;
  reason: string;
}

/** What a boundary file held. */
export interface BoundaryReadResult {
  format: 'geojson' | 'topojson';
  properties: PropertyMapping;
  features: BoundaryFeature[];
  rejected: RejectedFeature[];
}

/** A boundary file that cannot be read at all (not JSON, no features, unknown layout). */
export class GeoReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GeoReadError';
  }
}

type RawProperties = Record<string, unknown> | null | undefined;
type RawFeature = { geometry?: unknown; properties?: RawProperties };

/**
 * Unwraps an Opendatasoft-style value: `["200036473"]` → `"200036473"`. Several distinct
 * values are ambiguous.
 */
function unwrap(value: unknown): { value: string | null; ambiguous: boolean } {
  if (value === null || value === undefined) return { value: null, ambiguous: false };
  if (typeof value === 'string')
    return { value: value.trim() === '' ? null : value.trim(), ambiguous: false };
  if (typeof value === 'number' || typeof value === 'boolean')
    return { value: String(value), ambiguous: false };
  if (Array.isArray(value)) {
    const values = [...new Set(value.map((v) => unwrap(v).value).filter((v) => v !== null))];
    if (values.length <= 1) return { value: values[0] ?? null, ambiguous: false };
    return { value: values.join(', '), ambiguous: true };
  }
  return { value: null, ambiguous: false };
}

function detectMapping(features: readonly RawFeature[]): PropertyMapping {
  const sample = features.find((f) => isJsonObject(f.properties))?.properties ?? {};
  const mapping = KNOWN_MAPPINGS.find((m) => m.code in sample && m.name in sample);
  if (mapping !== undefined) return mapping;
  const present = Object.keys(sample).join(', ') || 'aucune';
  const expected = KNOWN_MAPPINGS.map((m) => `« ${m.code} »/« ${m.name} »`).join(' ou ');
  throw new GeoReadError(
    `Propriétés du code et du nom introuvables : attendu ${expected} ; propriétés présentes : ${present}. Indiquez les noms des propriétés.`,
  );
}

function isPolygonal(geometry: unknown): geometry is Polygon | MultiPolygon {
  return (
    isJsonObject(geometry) &&
    (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') &&
    Array.isArray(geometry.coordinates)
  );
}

function topologyFeatures(topology: Topology, objectName: string | undefined): RawFeature[] {
  const names = Object.keys(topology.objects);
  const name =
    objectName ??
    (names.length === 1
      ? names[0]
      : names.find((n) => topology.objects[n]?.type === 'GeometryCollection'));
  const object = name === undefined ? undefined : topology.objects[name];
  if (name === undefined || object === undefined) {
    throw new GeoReadError(
      `Objet TopoJSON « ${objectName ?? '?'} » introuvable ; objets présents : ${names.join(', ') || 'aucun'}.`,
    );
  }
  const converted = topologyFeature(topology, object);
  return converted.type === 'FeatureCollection' ? converted.features : [converted];
}

/**
 * Reads boundaries from parsed GeoJSON (FeatureCollection) or TopoJSON (Topology), whichever
 * `json` is. Property values may be scalars or one-element arrays.
 * @throws GeoReadError when the content is neither, or its property names cannot be found.
 */
export function parseBoundaries(
  json: unknown,
  options: ReadBoundariesOptions = {},
): BoundaryReadResult {
  let format: BoundaryReadResult['format'];
  let raw: RawFeature[];
  if (isJsonObject(json) && json.type === 'Topology' && isJsonObject(json.objects)) {
    format = 'topojson';
    raw = topologyFeatures(json as unknown as Topology, options.object);
  } else if (
    isJsonObject(json) &&
    json.type === 'FeatureCollection' &&
    Array.isArray(json.features)
  ) {
    format = 'geojson';
    raw = json.features as RawFeature[];
  } else {
    throw new GeoReadError('Ni une FeatureCollection GeoJSON ni une Topology TopoJSON.');
  }
  const properties = options.properties ?? detectMapping(raw);
  const features: BoundaryFeature[] = [];
  const rejected: RejectedFeature[] = [];
  const seen = new Set<string>();
  raw.forEach((f, index) => {
    const props = isJsonObject(f.properties) ? f.properties : {};
    const code = unwrap(props[properties.code]);
    if (code.value === null) {
      rejected.push({ index, reason: `propriété « ${properties.code} » vide ou absente` });
    } else if (code.ambiguous) {
      rejected.push({ index, reason: `plusieurs codes (${code.value})` });
    } else if (seen.has(code.value)) {
      rejected.push({ index, reason: `code ${code.value} en double` });
    } else if (!isPolygonal(f.geometry)) {
      rejected.push({ index, reason: `code ${code.value} : géométrie absente ou non polygonale` });
    } else {
      seen.add(code.value);
      const kept: Record<string, string | null> = {};
      for (const key of options.keep ?? []) kept[key] = unwrap(props[key]).value;
      features.push({
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          code: code.value,
          nom: unwrap(props[properties.name]).value ?? '',
          type: properties.type === undefined ? null : unwrap(props[properties.type]).value,
          kept,
        },
      });
    }
  });
  return { format, properties, features, rejected };
}

/**
 * Reads a boundary file (GeoJSON or TopoJSON, detected from the content).
 * @throws GeoReadError naming the file when it cannot be read or parsed.
 */
export function readBoundaryFile(
  path: string,
  options: ReadBoundariesOptions = {},
): BoundaryReadResult {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GeoReadError(`Lecture impossible de ${path} : ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return parseBoundaries(json, options);
  } catch (error) {
    if (error instanceof GeoReadError)
      throw new GeoReadError(`${path} : ${error.message}`, { cause: error });
    throw error;
  }
}

function roundRing(ring: readonly Position[], factor: number): Position[] | null {
  const out: Position[] = [];
  for (const position of ring) {
    const x = Math.round((position[0] ?? Number.NaN) * factor) / factor;
    const y = Math.round((position[1] ?? Number.NaN) * factor) / factor;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    const last = out[out.length - 1];
    if (last === undefined || last[0] !== x || last[1] !== y) out.push([x, y]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1])) {
    out.push([first[0] ?? 0, first[1] ?? 0]);
  }
  // A linear ring needs four positions (RFC 7946 §3.1.6); rounding can collapse small ones.
  return out.length >= 4 ? out : null;
}

function roundPolygon(rings: readonly Position[][], factor: number): Position[][] | null {
  const [outer, ...holes] = rings;
  const roundedOuter = outer === undefined ? null : roundRing(outer, factor);
  if (roundedOuter === null) return null;
  const roundedHoles = holes.map((h) => roundRing(h, factor)).filter((h) => h !== null);
  return [roundedOuter, ...roundedHoles];
}

/**
 * Rounds coordinates to `decimals`, drops the repeated positions this creates and the rings
 * that collapse. Returns null when nothing is left of the geometry.
 */
export function roundGeometry(
  geometry: Polygon | MultiPolygon,
  decimals = 4,
): Polygon | MultiPolygon | null {
  const factor = 10 ** decimals;
  if (geometry.type === 'Polygon') {
    const coordinates = roundPolygon(geometry.coordinates, factor);
    return coordinates === null ? null : { type: 'Polygon', coordinates };
  }
  const polygons = geometry.coordinates
    .map((p) => roundPolygon(p, factor))
    .filter((p) => p !== null);
  return polygons.length === 0 ? null : { type: 'MultiPolygon', coordinates: polygons };
}

/**
 * Rounds to the fewest decimals, from `decimals` to `decimals + 2`, that create no contact
 * between boundary segments: rounding can make a narrow neck touch or cross itself. Returns
 * the input unchanged (`decimals: null`) when none does (or when the input already has one,
 * e.g. two parts touching at a point).
 */
export function roundGeometryValid(
  geometry: Polygon | MultiPolygon,
  decimals = 4,
): { geometry: Polygon | MultiPolygon; decimals: number | null } {
  for (let d = decimals; d <= decimals + 2; d += 1) {
    const rounded = roundGeometry(geometry, d);
    if (rounded !== null && !hasSegmentContact(rounded)) return { geometry: rounded, decimals: d };
  }
  return { geometry, decimals: null };
}
