/**
 * How the `drill-commune` scenario is measured, in Node and in the Chromium page: the app path of
 * drill-commune-core.ts against the raw path (the same files and SQL, no cache, no layer), runs
 * timed per path, and the figures summarised. No Node import.
 */
import type { TerritoryRef } from '../../src/domain/territory.ts';
import { median, roundMs } from './bench-stats.ts';
import type { ScenarioSamples } from './bench-types.ts';
import {
  type DrawLayers,
  type DrillApp,
  type DrillCase,
  type DrillPhases,
  drillApp,
  drillDepartements,
  drillSql,
  HEAP_ENTRY,
} from './drill-commune-core.ts';
import { measurePaths, type PathSamples } from './scenario-core.ts';

/** How the raw path reaches the contours and DuckDB. */
export interface RawDrill {
  /** Fetches and parses a JSON file, nothing else. */
  fetchJson(url: string): Promise<unknown>;
  /** Runs SQL, result left as the engine returns it. */
  query(sql: string): Promise<unknown>;
}

/**
 * The raw path of the same data steps: the same files fetched and parsed, the communes kept by
 * their `code_epci` property, the same SQL; no cache, no hierarchy, no scale, no layer. Resolves to
 * the communes found.
 */
async function drillRaw(
  raw: RawDrill,
  app: DrillApp,
  parent: TerritoryRef,
  sql: string,
): Promise<number> {
  const urls = drillDepartements(app.hierarchy, parent).map((code) => app.files[code] ?? '');
  const collections = (await Promise.all(urls.map((url) => raw.fetchJson(url)))) as {
    features: { properties: { code_epci?: string | null } }[];
  }[];
  const features = collections
    .flatMap((collection) => collection.features)
    .filter((feature) => parent.level !== 'epci' || feature.properties.code_epci === parent.code);
  await raw.query(sql);
  return features.length;
}

/** Phase figures of the runs: medians, and each phase's share of their sum (percent). */
export function summarisePhases(
  phases: readonly DrillPhases[],
): Record<string, number | string | null> {
  const medianOf = (key: keyof DrillPhases) =>
    roundMs(median(phases.flatMap((run) => (run[key] === null ? [] : [run[key]]))));
  const contours = medianOf('contours_ms');
  const query = medianOf('query_ms');
  const layer = medianOf('layer_ms');
  const total = (contours ?? 0) + (query ?? 0) + (layer ?? 0);
  const share = (value: number | null) =>
    value === null || total <= 0 ? null : Math.round((value / total) * 100);
  const last = phases.at(-1);
  return {
    contours_ms: contours,
    query_ms: query,
    layer_ms: layer,
    contours_pct: share(contours),
    query_pct: share(query),
    layer_pct: share(layer),
    layer_build_ms: medianOf('build_ms'),
    layer_update_ms: medianOf('update_ms'),
    layer_draw_ms: medianOf('draw_ms'),
    communes: last?.communes ?? null,
    coloured: last?.coloured ?? null,
    files: last?.files ?? null,
    labels: last?.labels ?? null,
  };
}

/** The paths of a runtime besides the app's. */
export interface DrillPaths {
  raw: RawDrill;
  /** Native DuckDB (Node only). */
  native?: RawDrill | undefined;
  draw: DrawLayers;
  /** Back to the EPCI view of `parent`'s département before a run (Chromium: drawn). */
  reset?: (parent: TerritoryRef) => Promise<void>;
}

/**
 * Runs one case `runs` times per path after a warm-up run, the contour cache emptied before each
 * run (or holding the parent's files for a warm case); the app path's phases come with its samples.
 */
export async function measureDrillCase(
  app: DrillApp,
  drillCase: DrillCase,
  paths: DrillPaths,
  runs: number,
): Promise<{ samples: PathSamples; phases: DrillPhases[] }> {
  const { parent } = drillCase;
  const sql = drillSql(parent);
  const { native } = paths;
  let last: DrillPhases | null = null;
  const phases: DrillPhases[] = [];
  const samples = await measurePaths(
    {
      app: async () => {
        last = await drillApp(app, parent, paths.draw);
      },
      wasm_raw: () => drillRaw(paths.raw, app, parent, sql),
      native: native && (() => drillRaw(native, app, parent, sql)),
    },
    runs,
    {
      warmup: 1,
      beforeRun: async () => {
        await paths.reset?.(parent);
        if (drillCase.warm)
          await app.contours.load(app.files, drillDepartements(app.hierarchy, parent));
        else app.contours.clear();
      },
      onRun: (path, run) => {
        if (path === 'app' && run >= 0 && last !== null) phases.push(last);
      },
    },
  );
  return { samples, phases };
}

/** Figures of the memory tour from the heap after each visit (MiB, null when unmeasured). */
export function summariseTour(
  departements: readonly string[],
  heapMb: readonly (number | null)[],
): Record<string, number | string | null> {
  const measured = heapMb.filter((value): value is number => value !== null);
  const first = heapMb[0] ?? null;
  const last = heapMb.at(-1) ?? null;
  return {
    departements: departements.join(','),
    heap_first_mb: first,
    heap_last_mb: last,
    heap_max_mb: measured.length === 0 ? null : Math.max(...measured),
    heap_growth_mb: first === null || last === null ? null : Math.round((last - first) * 10) / 10,
  };
}

/**
 * The memory tour's result row: the time of each visit, the heap after the last, the tour's
 * figures followed by the runtime's own `details`.
 */
export function tourEntry(
  tour: readonly string[],
  rows: number,
  visits: number[],
  heapMb: readonly (number | null)[],
  runtime: Pick<ScenarioSamples, 'runtime' | 'wasmHeapMb' | 'wasmHeapSource' | 'note'> & {
    details: NonNullable<ScenarioSamples['details']>;
  },
): ScenarioSamples {
  return {
    scenario: HEAP_ENTRY,
    rows,
    samples: { app: visits },
    heapMb: heapMb.at(-1) ?? null,
    ...runtime,
    details: { ...summariseTour(tour, heapMb), ...runtime.details },
  };
}
