/**
 * GeoJSON and TopoJSON contours of communes or EPCI. The code and name properties are found among
 * the usual names (`code`, `epci_code`, `codgeo`…, `nom`, `epci_name`…) or given; Opendatasoft
 * exports that wrap values in one-element arrays (`"epci_code": ["200036473"]`) are unwrapped.
 * Features without a valid code or a usable areal geometry are rejected with their number;
 * geometries are checked and repaired by `geo-repair.ts` (Lambert-93 reprojected, rings closed
 * and rewound), each repair counted in the report's warnings.
 */
import type {
  Feature,
  FeatureCollection,
  GeoJsonProperties,
  Geometry,
  MultiPolygon,
  Polygon,
} from 'geojson';
import { feature as topologyFeature } from 'topojson-client';
import { isInseeCommuneCode, isSiren } from '../domain/codes.ts';
import { checkGeometry, GEO_REPAIR_MESSAGES, type GeoCheck } from './geo-repair.ts';
import { ImportError } from './import-error.ts';
import type { GeoSummary, ImportReport } from './import-report.ts';
import { ImportReportBuilder } from './import-report.ts';

/** A TopoJSON topology, as topojson-client's `feature` takes it. */
type Topology = Parameters<typeof topologyFeature>[0];

/** Options of the geometry reader. */
export interface GeoReadOptions {
  /** Property holding the INSEE or SIREN code; detected when absent. */
  codeProperty?: string;
  /** Property holding the name; detected when absent. */
  nameProperty?: string;
  /** TopoJSON object to read; the first one when absent. */
  object?: string;
  file?: string;
}

/** One accepted contour. */
export interface GeoFeatureRow {
  code: string;
  name: string | null;
  feature: Feature<Geometry, GeoJsonProperties>;
}

/** The features read and the report. */
export interface GeoReadResult {
  report: ImportReport;
  features: GeoFeatureRow[];
  /** Rejected features, for download. */
  rejectedRowsCsv: string;
}

/** Property names tried, in order, for the code. */
const CODE_PROPERTIES = [
  'code',
  'code_insee',
  'insee',
  'codgeo',
  'insee_com',
  'code_commune',
  'com_code',
  'epci_code',
  'code_epci',
  'siren',
  'siren_epci',
] as const;
/** Property names tried, in order, for the name. */
const NAME_PROPERTIES = [
  'nom',
  'name',
  'libelle',
  'nom_commune',
  'com_name',
  'epci_name',
  'nom_epci',
] as const;

const AREAL = new Set(['Polygon', 'MultiPolygon']);

function unwrap(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

function propertyText(properties: GeoJsonProperties, name: string): string | null {
  const value = unwrap(properties?.[name]);
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function featuresOf(
  data: unknown,
  options: GeoReadOptions,
  fileOption: { file?: string },
): {
  features: Feature<Geometry | null, GeoJsonProperties>[];
  object?: string;
  otherObjects?: string[];
} {
  const value = data as { type?: unknown; features?: unknown; objects?: Record<string, unknown> };
  if (value?.type === 'Topology' && typeof value.objects === 'object' && value.objects !== null) {
    const names = Object.keys(value.objects);
    if (names.length === 0) {
      throw new ImportError(
        'TopoJSON sans aucun objet (« objects » vide) : rien à lire.',
        fileOption,
      );
    }
    const object = options.object ?? names[0];
    if (object === undefined || !names.includes(object)) {
      throw new ImportError(
        `TopoJSON : objet « ${options.object ?? ''} » absent. Objets trouvés : ${names.map((n) => `« ${n} »`).join(', ') || 'aucun'}.`,
        fileOption,
      );
    }
    const converted = topologyFeature(data as Topology, object) as
      | FeatureCollection<Geometry | null>
      | Feature<Geometry | null>;
    return {
      features: converted.type === 'FeatureCollection' ? converted.features : [converted],
      object,
      otherObjects: names.filter((name) => name !== object),
    };
  }
  if (value?.type === 'FeatureCollection' && Array.isArray(value.features)) {
    return { features: value.features as Feature<Geometry | null, GeoJsonProperties>[] };
  }
  if (value?.type === 'Feature') return { features: [data as Feature<Geometry | null>] };
  throw new ImportError(
    'JSON sans FeatureCollection, Feature ni Topology : ni GeoJSON ni TopoJSON.',
    fileOption,
  );
}

/** Reads a GeoJSON or TopoJSON text. Throws an {@link ImportError} when it cannot be used at all. */
export function readGeoText(text: string, options: GeoReadOptions = {}): GeoReadResult {
  const fileOption = options.file === undefined ? {} : { file: options.file };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(`JSON illisible : ${(error as Error).message}.`, {
      ...fileOption,
      cause: error,
    });
  }
  const { features, object, otherObjects } = featuresOf(data, options, fileOption);
  const propertyNames = new Set(features.flatMap((f) => Object.keys(f.properties ?? {})));
  const found =
    [...propertyNames]
      .slice(0, 20)
      .map((name) => `« ${name} »`)
      .join(', ') || 'aucune';
  const codeProperty =
    options.codeProperty ?? CODE_PROPERTIES.find((name) => propertyNames.has(name));
  if (codeProperty === undefined || !propertyNames.has(codeProperty)) {
    throw new ImportError(
      `Propriété du code introuvable : ${options.codeProperty === undefined ? `attendu l’une de ${CODE_PROPERTIES.join(', ')}` : `« ${options.codeProperty} » absente`}. Propriétés trouvées : ${found}.`,
      fileOption,
    );
  }
  const nameProperty =
    options.nameProperty ?? NAME_PROPERTIES.find((name) => propertyNames.has(name)) ?? null;
  if (nameProperty !== null && !propertyNames.has(nameProperty)) {
    throw new ImportError(
      `Propriété du nom « ${nameProperty} » absente. Propriétés trouvées : ${found}.`,
      fileOption,
    );
  }

  const codes = features.map((f) => propertyText(f.properties, codeProperty));
  const sirens = codes.filter((code) => code !== null && isSiren(code)).length;
  const communes = codes.filter((code) => code !== null && isInseeCommuneCode(code)).length;
  if (sirens === 0 && communes === 0 && features.length > 0) {
    throw new ImportError(
      `Aucun code valide dans la propriété « ${codeProperty} » (code commune INSEE ou SIREN d’EPCI attendu). Exemples : ${codes
        .slice(0, 3)
        .map((c) => `« ${c ?? ''} »`)
        .join(', ')}.`,
      fileOption,
    );
  }
  const level: GeoSummary['level'] = sirens > communes ? 'epci' : 'commune';
  const isValidCode = level === 'epci' ? isSiren : isInseeCommuneCode;

  const report = new ImportReportBuilder('geo');
  report.setHeader('proprietes', ';');
  for (const other of otherObjects ?? []) {
    report.warn(
      'objets_topojson_non_lus',
      `TopoJSON à plusieurs objets : seul « ${object} » est lu (choisir un autre objet avec l’option object).`,
      other,
    );
  }
  const rows: GeoFeatureRow[] = [];
  const seen = new Set<string>();
  let repaired: GeoCheck | null = null;
  const problemOf = (f: (typeof features)[number], code: string | null): string | null => {
    repaired = null;
    if (code === null) return `propriété « ${codeProperty} » vide`;
    if (!isValidCode(code)) {
      return `code invalide « ${code} » (${level === 'epci' ? 'SIREN' : 'code commune INSEE'} attendu)`;
    }
    if (seen.has(code)) return `code « ${code} » en double (première entité gardée)`;
    const geometry = f.geometry;
    if (geometry === null || geometry === undefined) return 'sans géométrie';
    if (!AREAL.has(geometry.type))
      return `géométrie ${geometry.type} : Polygon ou MultiPolygon attendu`;
    const check = checkGeometry(geometry as Polygon | MultiPolygon);
    if ('problem' in check) return check.problem;
    repaired = check;
    return null;
  };
  for (const [i, f] of features.entries()) {
    report.read();
    const number = i + 1;
    const code = codes[i] ?? null;
    const problem = problemOf(f, code);
    if (problem !== null || code === null) {
      report.reject(number, `entité n° ${number} : ${problem}`, JSON.stringify(f.properties ?? {}));
      continue;
    }
    seen.add(code);
    const check = repaired as GeoCheck | null;
    const geometry = check !== null && 'geometry' in check ? check.geometry : f.geometry;
    for (const repair of check !== null && 'repairs' in check ? check.repairs : []) {
      report.warn(repair, GEO_REPAIR_MESSAGES[repair], code);
    }
    rows.push({
      code,
      name: nameProperty === null ? null : propertyText(f.properties, nameProperty),
      feature: { ...f, geometry } as Feature<Geometry, GeoJsonProperties>,
    });
    report.accept();
  }
  const built = report.build();
  built.geo = { level, code_property: codeProperty, name_property: nameProperty };
  if (object !== undefined) built.geo.object = object;
  return { report: built, features: rows, rejectedRowsCsv: report.rejectedRowsCsv() };
}
