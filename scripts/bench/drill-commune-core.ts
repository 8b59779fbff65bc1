/**
 * The `drill-commune` scenario, written once for Node and the Chromium page: from the EPCI view to
 * the communes of an EPCI (or of a whole département) drawn and coloured, through the app's own
 * modules: the commune contour cache (`src/db/commune-contours.ts`) and the hierarchy's rules that
 * pick its files and narrow them to the parent (`use-level-contours.ts`), the pre-aggregate cache's
 * query (`territoryIndicatorsSql`), the analysis view's classed scale with its default settings, and
 * the layer factory (`src/map/territory-layer.ts`). What "drawn" means is up to the runtime: deck.gl
 * draws a frame in Chromium; Node evaluates the layer's colour accessors into deck.gl's per-feature
 * attributes. No Node import.
 */
import type { Layer } from '@deck.gl/core';
import type { Table } from 'apache-arrow';
import type { CommuneContoursCache } from '../../src/db/commune-contours.ts';
import { DATA_DIR } from '../../src/db/manifest.ts';
import type { PreaggregateCache } from '../../src/db/preaggregate-cache.ts';
import { tableRows } from '../../src/db/table-rows.ts';
import {
  getIndicator,
  type IndicatorRow,
  indicatorValue,
  isSmallCount,
} from '../../src/domain/indicators.ts';
import type { TerritoryRef } from '../../src/domain/territory.ts';
import {
  communeDepartements,
  featuresInside,
  type TerritoryHierarchy,
} from '../../src/domain/territory-hierarchy.ts';
import { DEFAULT_FIXED_BREAKS } from '../../src/map/class-breaks.ts';
import { createClassedScale, type Rgba } from '../../src/map/colour-scale.ts';
import {
  createLabelLayer,
  createTerritoryLayers,
  type TerritoryCollection,
  type TerritoryFeature,
  territoryLabels,
} from '../../src/map/territory-layer.ts';
import { territoryIndicatorsSql } from '../../src/sql/indicators-sql.ts';
import { defaultAnalysisState, toStockFilters } from '../../src/state/analysis-url-state.ts';
import { COMMUNE_HEAP } from './bench-entry.ts';
import { BENCH_DATASET } from './bench-sql.ts';

/** One measured drill-down. */
export interface DrillCase {
  /** Entry name in the results. */
  entry: string;
  /** Whose communes the map shows. */
  parent: TerritoryRef;
  /** What the parent is, for the reports. */
  label: string;
  /** Whether the files of the parent's départements are already cached when the drill starts. */
  warm: boolean;
}

/** The cases: a small EPCI, a large one, a whole département, then the large EPCI again, cached. */
export const DRILL_CASES: readonly DrillCase[] = [
  {
    entry: 'drill-commune-small',
    parent: { level: 'epci', code: '245600465' },
    label: 'CC de Belle-Île-en-Mer (56), 4 communes',
    warm: false,
  },
  {
    entry: 'drill-commune-mel',
    parent: { level: 'epci', code: '200093201' },
    label: 'Métropole Européenne de Lille (59), 95 communes',
    warm: false,
  },
  {
    entry: 'drill-commune-nord',
    parent: { level: 'departement', code: '59' },
    label: 'Nord (59), whole département',
    warm: false,
  },
  {
    entry: 'drill-commune-mel-cached',
    parent: { level: 'epci', code: '200093201' },
    label: 'Métropole Européenne de Lille, Nord file already cached',
    warm: true,
  },
];

/** Entry of the memory tour. */
export const HEAP_ENTRY = COMMUNE_HEAP.entry;

/** Départements visited by the memory tour. */
export const TOUR_LENGTH = 10;

/** Where one run of the app path spent its time, ms, and what it drew. */
export interface DrillPhases {
  contours_ms: number;
  query_ms: number;
  layer_ms: number;
  /** Of `layer_ms`: the scale, the names' positions and the layer objects (JS only). */
  build_ms: number;
  /**
   * Of `layer_ms` (Chromium): from the layers handed to deck.gl to the start of its frame (the
   * animation frame's wait, then deck.gl's layer update: tessellation, attributes, models), and the
   * frame's drawing.
   */
  update_ms: number | null;
  draw_ms: number | null;
  /** Commune contours drawn. */
  communes: number;
  /** Of those, communes with a value (not the no-data grey). */
  coloured: number;
  /** Commune files the drill needed (départements of the parent). */
  files: number;
  /** Names drawn on the map (none above 150 communes). */
  labels: number;
}

/** The app's state when the drill starts: the territory hierarchy and its two caches. */
export interface DrillApp {
  hierarchy: TerritoryHierarchy;
  /** Commune file of each département, as fetched (the manifest's `files.communes`). */
  files: Readonly<Record<string, string>>;
  contours: CommuneContoursCache;
  indicators: PreaggregateCache<Table>;
}

/** The layers of one drill, built by the app's factory. */
export interface CommuneLayers {
  collection: TerritoryCollection;
  /** The choropleth and its small-count halo. */
  territory: [Layer, Layer];
  /** The communes' names (none above 150 communes). */
  names: Layer;
}

/** Where a deck.gl frame spent its time, ms (see {@link DrillPhases}). */
export interface FrameTimings {
  update_ms: number;
  draw_ms: number;
}

/** Draws the layers (Chromium: a deck.gl frame; Node: the accessors evaluated, no frame). */
export type DrawLayers = (
  layers: CommuneLayers,
  parent: TerritoryRef,
) => Promise<FrameTimings | null>;

/** A row of the commune indicators. */
type CommuneRow = IndicatorRow & { code: string };

/**
 * The manifest's commune files (`data/communes-59.geojson`) as URLs under `dataUrl`, the address
 * the bench serves the app's data directory at.
 */
export function communeFileUrls(
  communes: Readonly<Record<string, string>>,
  dataUrl: string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(communes).map(([code, file]) => [
      code,
      `${dataUrl}${file.startsWith(DATA_DIR) ? file.slice(DATA_DIR.length) : file}`,
    ]),
  );
}

/** The départements whose files hold the communes of `parent` (the rule of the analysis view). */
export function drillDepartements(hierarchy: TerritoryHierarchy, parent: TerritoryRef): string[] {
  return communeDepartements(hierarchy, parent) ?? [];
}

/** The commune contours of `parent`: its départements' files through the cache, narrowed to it. */
async function drillContours(
  app: DrillApp,
  parent: TerritoryRef,
): Promise<{ collection: TerritoryCollection; files: number }> {
  const departements = drillDepartements(app.hierarchy, parent);
  const { contours, missing } = await app.contours.load(app.files, departements);
  if (missing.length > 0) throw new Error(`bench: no commune file for ${missing.join(', ')}`);
  const features = featuresInside(app.hierarchy, 'commune', contours.features, parent);
  return { collection: { type: 'FeatureCollection', features }, files: departements.length };
}

/** The SQL of the commune indicators of `parent` with the default filters (none). */
export function drillSql(parent: TerritoryRef): string {
  const filters = toStockFilters(defaultAnalysisState().filters, BENCH_DATASET);
  return territoryIndicatorsSql({ level: 'commune', filters, parent });
}

/** The commune indicators of `parent`, asked of the app's cache as `useTerritoryRows` does. */
async function drillRows(app: DrillApp, parent: TerritoryRef): Promise<CommuneRow[]> {
  const filters = toStockFilters(defaultAnalysisState().filters, BENCH_DATASET);
  const { result } = await app.indicators.query({ level: 'commune', filters, parent });
  return tableRows<CommuneRow>(result);
}

/**
 * The choropleth of the communes, as the analysis view computes it with its default settings
 * (F/G share, its fixed classes, default palette): a scale over the drawn communes, the
 * small-count flags, and the layers of the app's factory, names included.
 */
function communeLayers(
  collection: TerritoryCollection,
  rows: readonly CommuneRow[],
  parent: TerritoryRef,
): CommuneLayers & { coloured: number; labels: number } {
  const { metric, method, palette, thresholds } = defaultAnalysisState();
  const indicator = getIndicator(metric);
  const rowsByCode = new Map(rows.map((row) => [row.code, row]));
  const metricValue = (code: string) => {
    const row = rowsByCode.get(code);
    return row ? indicatorValue(row, metric) : null;
  };
  const values = collection.features.map((feature) => metricValue(feature.properties.code));
  const scale = createClassedScale(values, {
    method,
    thresholds: thresholds ?? DEFAULT_FIXED_BREAKS[metric] ?? [],
    palette,
    roundBreak: indicator.roundBreak,
  });
  const small = new Set<string>();
  for (const row of rows) if (isSmallCount(row, { observed: false })) small.add(row.code);
  const colourKey = `${parent.level}:${parent.code}|${metric}|${scale.breaks.join(',')}|${scale.colours.join(',')}`;
  const [fill, halo] = createTerritoryLayers({
    level: 'commune',
    data: collection,
    fillColour: (code) => scale.colourFor(metricValue(code)),
    isSmallCount: (code) => small.has(code),
    colourKey,
  });
  const labels = territoryLabels(collection);
  return {
    collection,
    territory: [fill, halo],
    names: createLabelLayer(labels),
    coloured: values.filter((value) => scale.classOf(value) >= 0).length,
    labels: labels.length,
  };
}

/**
 * One drill through the app's path, the three phases one after the other (the app starts the
 * contours and the query together, so its own time is at most their sum).
 */
export async function drillApp(
  app: DrillApp,
  parent: TerritoryRef,
  draw: DrawLayers,
): Promise<DrillPhases> {
  const started = performance.now();
  const { collection, files } = await drillContours(app, parent);
  const contoured = performance.now();
  const rows = await drillRows(app, parent);
  const queried = performance.now();
  const layers = communeLayers(collection, rows, parent);
  const built = performance.now();
  const frame = await draw(layers, parent);
  const drawn = performance.now();
  return {
    contours_ms: contoured - started,
    query_ms: queried - contoured,
    layer_ms: drawn - queried,
    build_ms: built - queried,
    update_ms: frame?.update_ms ?? null,
    draw_ms: frame?.draw_ms ?? null,
    communes: collection.features.length,
    coloured: layers.coloured,
    files,
    labels: layers.labels,
  };
}

type Accessor = ((feature: TerritoryFeature, info: unknown) => unknown) | unknown;

function evaluate(accessor: Accessor, feature: TerritoryFeature, index: number): unknown {
  return typeof accessor === 'function' ? accessor(feature, { index, target: [] }) : accessor;
}

/**
 * What deck.gl's attribute manager reads from the choropleth's accessors, one value per feature:
 * fill and line colours (RGBA bytes) and line widths. Node's stand-in for drawing a frame.
 */
export function evaluateAccessors(layers: CommuneLayers): {
  fill: Uint8ClampedArray;
  line: Uint8ClampedArray;
  width: Float32Array;
} {
  const features = layers.collection.features;
  const fill = new Uint8ClampedArray(features.length * 4);
  const line = new Uint8ClampedArray(features.length * 4);
  const width = new Float32Array(features.length);
  const props = layers.territory[0].props as unknown as Record<string, Accessor>;
  features.forEach((feature, index) => {
    fill.set(evaluate(props.getFillColor, feature, index) as Rgba, index * 4);
    line.set(evaluate(props.getLineColor, feature, index) as Rgba, index * 4);
    width[index] = Number(evaluate(props.getLineWidth, feature, index));
  });
  return { fill, line, width };
}
