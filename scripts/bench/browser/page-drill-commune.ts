/**
 * The `drill-commune` scenario on the bench page: the app's singletons (commune contour cache,
 * pre-aggregate cache on the app's DuckDB connection) and a deck.gl `Deck` drawing the layers of
 * the app's factory over the département and région outlines, as the analysis map does (its
 * MapboxOverlay is a Deck in a canvas of its own). A drill counts as drawn at the first frame
 * rendered after the layers were given, the moment the app's map reports its layers drawn.
 */
import { Deck, type Layer, WebMercatorViewport } from '@deck.gl/core';
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { bbox } from '@turf/turf';
import { communeContoursCache } from '../../../src/db/commune-contours.ts';
import { getDb, runQuery } from '../../../src/db/duckdb.ts';
import { fetchGeoJsonAsset } from '../../../src/db/fetch-geojson-asset.ts';
import { parseManifest } from '../../../src/db/manifest.ts';
import { territoryIndicatorsCache } from '../../../src/db/preaggregate-queries.ts';
import { tableRows } from '../../../src/db/table-rows.ts';
import type { TerritoryRef } from '../../../src/domain/territory.ts';
import {
  buildTerritoryHierarchy,
  isInside,
  type TerritoryHierarchyRow,
} from '../../../src/domain/territory-hierarchy.ts';
import {
  createDepartementLayer,
  createRegionLayer,
  type OutlineCollection,
  type OutlineProperties,
} from '../../../src/map/outline-layers.ts';
import {
  createLabelLayer,
  createSelectionLayer,
  createTerritoryLayers,
  type TerritoryCollection,
  type TerritoryFeature,
  territoryLabels,
} from '../../../src/map/territory-layer.ts';
import { territoryHierarchySql } from '../../../src/sql/territory-hierarchy-sql.ts';
import {
  type CommuneLayers,
  communeFileUrls,
  DRILL_CASES,
  type DrillApp,
  type DrillPhases,
  drillApp,
  drillDepartements,
  type FrameTimings,
} from '../drill-commune-core.ts';
import { type DrillPaths, measureDrillCase } from '../drill-commune-measure.ts';
import type { PathSamples } from '../scenario-core.ts';
import { startApp } from './page-app.ts';
import { collectGarbage, duckdbMemoryMb, jsHeapMb } from './page-memory.ts';

/** What one case answers. */
export interface DrillCaseResult {
  samples: PathSamples;
  phases: DrillPhases[];
  heapMb: number | null;
  wasmHeapMb: number | null;
}

const WIDTH = 1200;
const HEIGHT = 800;
const FIT_PADDING = 40;

interface DrillPage {
  app: DrillApp;
  paths: DrillPaths;
  deck: Deck;
  context: Layer[];
  outlines: { epci: OutlineCollection; departements: OutlineCollection };
  raw: AsyncDuckDBConnection;
}

let page: DrillPage | null = null;
/** Told of each frame deck.gl draws: when it started drawing and when it ended, ms. */
let frameWaiters: ((frame: { began: number; ended: number }) => void)[] = [];
let frameBegan = 0;
const deckErrors: string[] = [];

function current(): DrillPage {
  if (page === null) throw new Error('bench page: drillCommuneSetup was not run');
  return page;
}

function createDeck(): Promise<Deck> {
  const parent = document.createElement('div');
  parent.style.cssText = `position: relative; width: ${WIDTH}px; height: ${HEIGHT}px`;
  document.body.append(parent);
  return new Promise((resolve) => {
    const deck: Deck = new Deck({
      parent,
      width: WIDTH,
      height: HEIGHT,
      initialViewState: { longitude: 2.5, latitude: 46.6, zoom: 5 },
      controller: false,
      layers: [],
      onLoad: () => resolve(deck),
      onError: (error) => {
        deckErrors.push(String(error));
      },
      onBeforeRender: () => {
        frameBegan = performance.now();
      },
      onAfterRender: () => {
        const frame = { began: frameBegan, ended: performance.now() };
        const waiting = frameWaiters;
        frameWaiters = [];
        for (const done of waiting) done(frame);
      },
    });
  });
}

/**
 * Gives deck.gl the layers (and the view fitting `bounds`), resolves after the first frame drawn
 * with them once the `awaited` ones have their data (the choropleth; the names may still wait for
 * their font, as in the app, whose map reports its layers drawn at that same first frame).
 */
async function show(
  deck: Deck,
  layers: Layer[],
  bounds: [number, number, number, number] | null,
  awaited: readonly Layer[] = layers,
): Promise<FrameTimings> {
  const given = performance.now();
  for (let frame = 0; frame < 100; frame++) {
    const drawn = new Promise<{ began: number; ended: number }>((resolve) =>
      frameWaiters.push(resolve),
    );
    if (frame === 0) {
      // A new array: deck.gl skips a list it has already drawn, even with other layers in it.
      const props: Parameters<Deck['setProps']>[0] = { layers: [...layers] };
      if (bounds !== null) {
        const [west, south, east, north] = bounds;
        const { longitude, latitude, zoom } = new WebMercatorViewport({
          width: WIDTH,
          height: HEIGHT,
        }).fitBounds(
          [
            [west, south],
            [east, north],
          ],
          { padding: FIT_PADDING },
        );
        props.viewState = { longitude, latitude, zoom };
      }
      deck.setProps(props);
    }
    // deck.gl takes new layers in at its next animation frame, which then draws them.
    const { began, ended } = await drawn;
    if (awaited.every((layer) => layer.isLoaded)) {
      return { update_ms: began - given, draw_ms: ended - began };
    }
  }
  const loading = awaited.filter((layer) => !layer.isLoaded).map((layer) => layer.id);
  throw new Error(
    `bench page: ${loading.join(', ')} still loading after 100 frames ${deckErrors.join('; ')}`.trim(),
  );
}

function selectedFeature(outlines: DrillPage['outlines'], parent: TerritoryRef) {
  const collection = parent.level === 'epci' ? outlines.epci : outlines.departements;
  const feature = collection.features.find((entry) => entry.properties.code === parent.code);
  return (feature as TerritoryFeature | undefined) ?? null;
}

/** The map's layers in the analysis view's order: choropleth, outlines, selection, names. */
function drawCommunes(layers: CommuneLayers, parent: TerritoryRef): Promise<FrameTimings> {
  const { deck, context, outlines } = current();
  const selection = createSelectionLayer(selectedFeature(outlines, parent));
  const bounds = bbox(layers.collection) as [number, number, number, number];
  const all = [...layers.territory, ...context, selection, layers.names];
  return show(deck, all, bounds, layers.territory);
}

/**
 * The EPCI view the drill starts from: the EPCI of the parent's départements coloured and named,
 * with the outlines, as the analysis map shows them before the click. The commune choropleth then replaces
 * this one in one update, as in the app (deck.gl keeps the shaders both use).
 */
function showEpciView(parent: TerritoryRef): Promise<FrameTimings> {
  const { app, deck, context, outlines } = current();
  const departements = drillDepartements(app.hierarchy, parent);
  const features = outlines.epci.features.filter((feature) =>
    departements.some((code) =>
      isInside(
        app.hierarchy,
        { level: 'epci', code: feature.properties.code },
        {
          level: 'departement',
          code,
        },
      ),
    ),
  ) as TerritoryFeature[];
  const collection: TerritoryCollection = { type: 'FeatureCollection', features };
  const layers = createTerritoryLayers({
    level: 'epci',
    data: collection,
    fillColour: () => EPCI_VIEW_FILL,
    isSmallCount: () => false,
    colourKey: 'epci-view',
  });
  const selection = createSelectionLayer(selectedFeature(outlines, parent));
  const bounds = bbox(collection) as [number, number, number, number];
  const names = createLabelLayer(territoryLabels(collection));
  return show(deck, [...layers, ...context, selection, names], bounds, layers);
}

const EPCI_VIEW_FILL: [number, number, number, number] = [253, 174, 97, 210];

/** Page handlers of the scenario. */
export const drillCommuneHandlers = {
  /**
   * The app started on the data directory served at `dataUrl` (its stock, manifest, contours and
   * hierarchy), the raw connection and the map's Deck with the outlines drawn: the EPCI view.
   */
  async drillCommuneSetup(p: { dataUrl: string }): Promise<{ heapMb: number | null }> {
    const manifest = parseManifest(await (await fetch(`${p.dataUrl}manifest.json`)).json());
    const { stock, epci, departements, regions } = communeFileUrls(
      {
        stock: manifest.files.stock,
        epci: manifest.files.epci,
        departements: manifest.files.departements,
        regions: manifest.files.regions,
      },
      p.dataUrl,
    );
    const required = ['code', 'nom'] as const;
    const [epciOutlines, departementOutlines, regionOutlines] = await Promise.all([
      fetchGeoJsonAsset<OutlineProperties>(epci ?? '', required),
      fetchGeoJsonAsset<OutlineProperties>(departements ?? '', required),
      fetchGeoJsonAsset<OutlineProperties>(regions ?? '', required),
      startApp(stock ?? ''),
    ]);
    const rows = tableRows<TerritoryHierarchyRow>(await runQuery(territoryHierarchySql()));
    const names = (collection: OutlineCollection) => collection.features.map((f) => f.properties);
    const hierarchy = buildTerritoryHierarchy(
      names(regionOutlines),
      names(departementOutlines),
      rows,
    );
    const raw = await (await getDb()).connect();
    const deck = await createDeck();
    const context = [
      createDepartementLayer(departementOutlines),
      createRegionLayer(regionOutlines),
    ];
    page = {
      app: {
        hierarchy,
        files: communeFileUrls(manifest.files.communes, p.dataUrl),
        contours: communeContoursCache,
        indicators: territoryIndicatorsCache,
      },
      paths: {
        raw: {
          fetchJson: async (url) => (await fetch(url)).json(),
          query: (sql) => raw.query(sql),
        },
        draw: drawCommunes,
        reset: async (parent) => {
          await showEpciView(parent);
          collectGarbage();
        },
      },
      deck,
      context,
      outlines: { epci: epciOutlines, departements: departementOutlines },
      raw,
    };
    await show(deck, context, null);
    return { heapMb: jsHeapMb() };
  },

  /** One case of {@link DRILL_CASES}, `runs` times per path. */
  async drillCommuneCase(p: { index: number; runs: number }): Promise<DrillCaseResult> {
    const { app, paths } = current();
    const drillCase = DRILL_CASES[p.index];
    if (drillCase === undefined) throw new Error(`bench page: no drill case ${p.index}`);
    const { samples, phases } = await measureDrillCase(app, drillCase, paths, p.runs);
    return { samples, phases, heapMb: jsHeapMb(), wasmHeapMb: await duckdbMemoryMb(runQuery) };
  },

  /**
   * One visit of the memory tour: the communes of département `code` drawn, the map staying at
   * commune level from one visit to the next; the heap after a full collection.
   */
  async drillCommuneVisit(p: {
    code: string;
    first: boolean;
  }): Promise<{ phases: DrillPhases; heapMb: number | null }> {
    const { app, paths } = current();
    if (p.first) app.contours.clear();
    const phases = await drillApp(app, { level: 'departement', code: p.code }, paths.draw);
    return { phases, heapMb: jsHeapMb() };
  },
};
