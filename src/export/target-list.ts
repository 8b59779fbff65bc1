/**
 * The campaign target list: the selected territories with their priority score, as CSV for French
 * Excel and as GeoJSON.
 *
 * Context (date, dataset, filters, weights, selection method, drawn polygon) goes:
 * - in the CSV, in trailing columns repeated on every row (a preamble line would break Excel's
 *   header detection, sorting and re-import; a second file gets lost): code, name, rank and score
 *   stay first to read;
 * - in the GeoJSON, in a top-level `metadata` member of the FeatureCollection (foreign members are
 *   allowed by RFC 7946 §6.1), the polygon as a GeoJSON Polygon.
 */
import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';
import { type CsvColumn, formatFrenchCsv } from '../domain/csv-writer.ts';
import {
  PRIORITY_CRITERIA,
  type PriorityCriterionId,
  type PriorityScore,
} from '../domain/priority-score.ts';
import { SECRET_MARK } from '../domain/public-figures.ts';
import type { TerritoryLevel } from '../domain/territory.ts';

/** How territories entered the selection. */
export type SelectionMethod = 'polygone' | 'clic' | 'tableau';

/** French names of the selection methods. */
const SELECTION_METHOD_LABELS: Readonly<Record<SelectionMethod, string>> = {
  polygone: 'polygone dessiné sur la carte',
  clic: 'clic sur la carte',
  tableau: 'case cochée dans le classement',
};

/** Rule applied to the drawn polygon, stated on screen and in both files. */
export const POLYGON_RULE =
  'Un territoire est retenu quand son centroïde (moyenne des sommets de son contour, turf.centroid) ' +
  'est dans le polygone dessiné, bord compris.';

/** Context of an export. */
export interface TargetListMetadata {
  /** ISO 8601 date and time of the export. */
  exportedAt: string;
  dataset: { id: string; name: string };
  level: TerritoryLevel;
  /** Territory whose communes (or EPCI) were ranked, or null for the whole level. */
  parent: { code: string; name: string } | null;
  /** Filters in French (« Aucun filtre » when none). */
  filters: string;
  weights: Readonly<Record<PriorityCriterionId, number>>;
  methods: readonly SelectionMethod[];
  /** Ring of the last polygon drawn (closed, lon/lat), or null. */
  polygon: readonly [number, number][] | null;
  /** Whether the statistical secret was applied to the programme counts (public mode). */
  publicMode?: boolean;
}

/** One selected territory. */
export interface TargetListEntry {
  score: PriorityScore;
  /** Contour, for the GeoJSON; null when the territory has none. */
  geometry: Geometry | null;
  /** Criteria whose value the statistical secret withholds (public mode). */
  withheld?: ReadonlySet<PriorityCriterionId>;
}

/** What the files say of the statistical secret. */
const PUBLIC_MODE_NOTE =
  'Secret statistique appliqué (mode public) : « s » = critère masqué, retiré du score du territoire';

/** The weights as « Passoires F/G 3, … » (no semicolon: fewer quoted CSV cells). */
export function describeWeights(weights: Readonly<Record<PriorityCriterionId, number>>): string {
  return PRIORITY_CRITERIA.map((c) => `${c.label} ${weights[c.id]}`).join(', ');
}

function describeMethods(methods: readonly SelectionMethod[]): string {
  return methods.length === 0
    ? 'aucune'
    : methods.map((method) => SELECTION_METHOD_LABELS[method]).join(', ');
}

/** The ring as WKT (`POLYGON((lon lat, …))`), which never starts like a spreadsheet formula. */
export function polygonWkt(ring: readonly [number, number][]): string {
  return `POLYGON((${ring.map(([lon, lat]) => `${lon} ${lat}`).join(', ')}))`;
}

const round = (x: number | null, digits: number) =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** The target list as CSV for French Excel (see the module documentation). */
export function targetListCsv(
  entries: readonly TargetListEntry[],
  metadata: TargetListMetadata,
): string {
  const criterion = (id: PriorityCriterionId, entry: TargetListEntry) =>
    entry.score.contributions.find((c) => c.criterion === id);
  const columns: CsvColumn<TargetListEntry>[] = [
    { header: 'Code', value: (e) => e.score.code },
    { header: 'Nom', value: (e) => e.score.name },
    { header: 'Rang', value: (e) => e.score.rank },
    { header: 'Score (0-100)', value: (e) => round(e.score.score, 2) },
    ...PRIORITY_CRITERIA.flatMap((c): CsvColumn<TargetListEntry>[] => [
      {
        header: `${c.label} (valeur)`,
        value: (e) =>
          e.withheld?.has(c.id) ? SECRET_MARK : round(criterion(c.id, e)?.raw ?? null, 4),
      },
      { header: `${c.label} (points)`, value: (e) => round(criterion(c.id, e)?.points ?? null, 2) },
    ]),
    { header: 'Date de l’export', value: () => metadata.exportedAt },
    { header: 'Jeu de données', value: () => metadata.dataset.name },
    {
      header: 'Territoire classé',
      value: () => (metadata.parent ? `${metadata.parent.name} (${metadata.parent.code})` : ''),
    },
    { header: 'Filtres', value: () => metadata.filters },
    { header: 'Poids', value: () => describeWeights(metadata.weights) },
    { header: 'Secret statistique', value: () => (metadata.publicMode ? PUBLIC_MODE_NOTE : '') },
    { header: 'Mode de sélection', value: () => describeMethods(metadata.methods) },
    { header: 'Règle du polygone', value: () => (metadata.polygon ? POLYGON_RULE : '') },
    {
      header: 'Polygone (WKT, WGS84)',
      value: () => (metadata.polygon ? polygonWkt(metadata.polygon) : ''),
    },
  ];
  return formatFrenchCsv(columns, entries);
}

/** GeoJSON FeatureCollection with a top-level `metadata` member. */
export interface TargetListGeoJson extends FeatureCollection<Geometry | null> {
  metadata: {
    exported_at: string;
    dataset: { id: string; name: string };
    level: TerritoryLevel;
    parent: { code: string; name: string } | null;
    filters: string;
    weights: Readonly<Record<PriorityCriterionId, number>>;
    selection_methods: SelectionMethod[];
    polygon_rule: string | null;
    polygon: Polygon | null;
    /** Present in public mode only. */
    secret_statistique?: string;
  };
}

/** The target list as GeoJSON (see the module documentation). */
export function targetListGeoJson(
  entries: readonly TargetListEntry[],
  metadata: TargetListMetadata,
): TargetListGeoJson {
  const features = entries.map(
    ({ score, geometry, withheld }): Feature<Geometry | null> => ({
      type: 'Feature',
      geometry,
      properties: {
        code: score.code,
        nom: score.name,
        rang: score.rank,
        score: score.score,
        criteres: Object.fromEntries(
          score.contributions.map((c) => [
            c.criterion,
            {
              valeur: c.raw,
              normalise: c.normalised,
              poids: c.weight,
              points: c.points,
              ...(withheld?.has(c.criterion) ? { secret: true } : {}),
            },
          ]),
        ),
      },
    }),
  );
  return {
    type: 'FeatureCollection',
    metadata: {
      exported_at: metadata.exportedAt,
      dataset: metadata.dataset,
      level: metadata.level,
      parent: metadata.parent,
      filters: metadata.filters,
      weights: metadata.weights,
      selection_methods: [...metadata.methods],
      polygon_rule: metadata.polygon ? POLYGON_RULE : null,
      polygon: metadata.polygon
        ? { type: 'Polygon', coordinates: [metadata.polygon.map(([x, y]) => [x, y])] }
        : null,
      ...(metadata.publicMode ? { secret_statistique: PUBLIC_MODE_NOTE } : {}),
    },
    features,
  };
}

/** File name stem: `cible-communes-36-2026-11-28`. */
export function targetListFileStem(
  level: TerritoryLevel,
  parentCode: string | null,
  date: string,
): string {
  const levelPart = level === 'commune' ? 'communes' : level;
  return ['cible', levelPart, parentCode, date.slice(0, 10)]
    .filter((part) => part !== null)
    .join('-');
}
