/**
 * The filter-change and drill-down scenarios, written once over a small context so that Node and
 * the Chromium page run exactly the same steps, and the interleaved timing loop shared by all
 * scenarios. Runs in both runtimes: no Node import.
 */
import type { Table } from 'apache-arrow';
import type { ColumnTable } from 'arquero';
import type { PreaggregateCache } from '../../src/db/preaggregate-cache.ts';
import { tableRows } from '../../src/db/table-rows.ts';
import { DPE_LABELS } from '../../src/domain/stock-schema.ts';
import type { FilterSelection } from '../../src/sql/filters.ts';
import { labelDistributionSql } from '../../src/sql/label-distribution-sql.ts';
import { territoryFillColours } from './app-colours.ts';
import {
  arqueroDrill,
  arqueroEpciAggregates,
  arqueroFillColours,
  arqueroPreaggAggregates,
} from './arquero-baseline.ts';
import {
  activeSpec,
  BENCH_DATASET,
  BENCH_FILTERS,
  BENCH_LEVEL,
  benchStockFilters,
  CUBE_SPEC,
  columnFilterOf,
  communeAggregatesSql,
  preaggregatedSql,
  reaggregateSql,
} from './bench-sql.ts';
import { PATHS, type PathName } from './bench-types.ts';

/** One timed run of one path; `run` picks the input of that run (e.g. which filter). */
export type PathRunner = (run: number) => Promise<unknown>;

/** The compared paths of a scenario; a path absent from a runtime is undefined. */
export type PathRunners = Partial<Record<PathName, PathRunner | undefined>>;

/** Milliseconds per run, by path. */
export type PathSamples = Partial<Record<PathName, number[]>>;

/** Options of {@link measurePaths}. */
export interface MeasureOptions {
  /** Untimed runs of each path first (JIT, caches). */
  warmup?: number;
  /** Called before each run, outside the timing (cleanup, garbage collection). */
  beforeRun?: () => unknown;
  /** The runner reports its own milliseconds (e.g. timed inside a page) instead of being timed. */
  reported?: boolean;
  /** Told of every run (warm-up runs have a negative index), for progress logs. */
  onRun?: (path: PathName, run: number, ms: number) => void;
}

/**
 * Runs each path `runs` times after the warm-up runs. Paths are interleaved run by run, in an
 * order that rotates, so that a burst of load from other processes hits every path alike.
 */
export async function measurePaths(
  paths: PathRunners,
  runs: number,
  options: MeasureOptions = {},
): Promise<PathSamples> {
  const names = PATHS.filter((name) => paths[name] !== undefined);
  const samples: PathSamples = {};
  for (let run = -(options.warmup ?? 0); run < runs; run++) {
    const offset = ((run % names.length) + names.length) % names.length;
    const order = [...names.slice(offset), ...names.slice(0, offset)];
    for (const name of order) {
      const runner = paths[name];
      if (runner === undefined) continue;
      await options.beforeRun?.();
      const started = performance.now();
      const result = await runner(Math.max(run, 0));
      const elapsed = options.reported ? Number(result) : performance.now() - started;
      options.onRun?.(name, run, elapsed);
      if (run >= 0) samples[name] = [...(samples[name] ?? []), elapsed];
    }
  }
  return samples;
}

/** What the filter and drill-down scenarios run on. */
export interface QueryContext {
  /** The app's query function: SQL to an Arrow table decoded by the app's apache-arrow. */
  appQuery(sql: string): Promise<Table>;
  /** DuckDB-WASM's own query call, result left as DuckDB-WASM returns it. */
  rawQuery(sql: string): Promise<unknown>;
  /** Native DuckDB (Node only). */
  nativeQuery?: ((sql: string) => Promise<unknown>) | undefined;
  /** EPCI codes of the map's features, in drawing order. */
  featureCodes: readonly string[];
  /** Arquero over the stock's Arrow data. */
  jsStock?: ColumnTable | undefined;
  /** Arquero over the pre-aggregated table's Arrow data. */
  jsCube?: ColumnTable | undefined;
  /** Arquero tables of the active filters (see {@link FilterMode}). */
  jsActive?: ColumnTable[] | undefined;
  /**
   * The app's cache of pre-aggregated tables on the app's connection, with the active tables of
   * every filter of the scenario already built (what a first change of each filter triggers).
   */
  appCache?: PreaggregateCache<Table> | undefined;
}

/** The filter of run `run`: the scenario cycles through {@link BENCH_FILTERS}. */
function filterOfRun(run: number): FilterSelection {
  return BENCH_FILTERS[run % BENCH_FILTERS.length] ?? {};
}

/**
 * How a filter change is answered: `reagg` the app's `territoryIndicatorsSql` over the stock (raw
 * re-aggregation); `cube` the same rows from the app's pre-aggregated table of every filtered
 * dimension; `active` through the app's pre-aggregate cache, which reads the table of the changed
 * filter's own dimensions (the Mosaic approach, the path of `useTerritoryRows`).
 */
export type FilterMode = 'reagg' | 'cube' | 'active';

/** The filter modes, in the order they are measured. */
export const FILTER_MODES: readonly FilterMode[] = ['reagg', 'cube', 'active'];

/** Entry name of each filter mode in the results. */
export const FILTER_ENTRY: Record<FilterMode, string> = {
  reagg: 'filter',
  cube: 'filter-preagg',
  active: 'filter-active',
};

/**
 * Builds, through the app's cache, the table of each filter's dimensions, as the first change of
 * each filter does in the app.
 */
export async function prepareActiveTables(cache: PreaggregateCache<Table>): Promise<void> {
  for (const filter of BENCH_FILTERS) await cache.prepare(activeSpec(filter));
}

/** The SQL of a filter change (for `active`, the one the app's cache runs). */
function filterSqlOf(mode: FilterMode, run: number): string {
  const filter = filterOfRun(run);
  if (mode === 'reagg') return reaggregateSql(filter);
  return preaggregatedSql(mode === 'cube' ? CUBE_SPEC : activeSpec(filter), filter);
}

/** The app's answer to a filter change: its SQL builders, or its cache for `active`. */
async function appFilterResult(context: QueryContext, mode: FilterMode, run: number) {
  if (mode !== 'active') return context.appQuery(filterSqlOf(mode, run));
  const cache = context.appCache;
  if (cache === undefined) throw new Error('bench: the active mode needs the app cache');
  const filters = benchStockFilters(filterOfRun(run));
  const answer = await cache.query({ level: BENCH_LEVEL, filters, parent: null });
  if (answer.path !== 'table') throw new Error('bench: the active table was not used');
  return answer.result;
}

function jsFilterOf(context: QueryContext, mode: FilterMode) {
  const { jsStock, jsCube, jsActive } = context;
  const filterOf = (run: number) => columnFilterOf(filterOfRun(run));
  if (mode === 'reagg') {
    return jsStock && ((run: number) => arqueroEpciAggregates(jsStock, filterOf(run)));
  }
  if (mode === 'cube') {
    return jsCube && ((run: number) => arqueroPreaggAggregates(jsCube, filterOf(run)));
  }
  return (
    jsActive &&
    ((run: number) => {
      const table = jsActive[run % BENCH_FILTERS.length];
      if (table === undefined) throw new Error('bench: missing active table');
      return arqueroPreaggAggregates(table, filterOf(run));
    })
  );
}

/** Filter change to new colours, answered the way `mode` says. */
export function filterPaths(context: QueryContext, mode: FilterMode): PathRunners {
  const { nativeQuery, featureCodes } = context;
  const js = jsFilterOf(context, mode);
  return {
    app: async (run) =>
      territoryFillColours(await appFilterResult(context, mode, run), featureCodes),
    wasm_raw: (run) => context.rawQuery(filterSqlOf(mode, run)),
    native: nativeQuery && ((run) => nativeQuery(filterSqlOf(mode, run))),
    js: js && (async (run) => arqueroFillColours(js(run), featureCodes)),
  };
}

/** Weighted dwellings per label A…G then unlabelled, as the distribution chart reads them. */
function labelCounts(rows: readonly { label: string | null; dwellings: number }[]): Float64Array {
  const counts = new Float64Array(DPE_LABELS.length + 1);
  for (const row of rows) {
    const index = DPE_LABELS.indexOf(row.label as (typeof DPE_LABELS)[number]);
    const slot = index < 0 ? DPE_LABELS.length : index;
    counts[slot] = (counts[slot] ?? 0) + row.dwellings;
  }
  return counts;
}

/** Drill-down to one EPCI: per-commune indicators and its A–G distribution. */
export function drillPaths(context: QueryContext, codeEpci: string): PathRunners {
  const sqls = [
    communeAggregatesSql(codeEpci),
    labelDistributionSql({ dataset: BENCH_DATASET, codeEpci }),
  ] as const;
  const { nativeQuery, jsStock } = context;
  return {
    app: async () => {
      const communes = tableRows(await context.appQuery(sqls[0]));
      const labels = labelCounts(
        tableRows<{ label: string | null; dwellings: number }>(await context.appQuery(sqls[1])),
      );
      return { communes, labels };
    },
    wasm_raw: async () => [await context.rawQuery(sqls[0]), await context.rawQuery(sqls[1])],
    native: nativeQuery && (async () => [await nativeQuery(sqls[0]), await nativeQuery(sqls[1])]),
    js: jsStock && (async () => arqueroDrill(jsStock, codeEpci)),
  };
}

/** Figures compared between the paths (those the plain-JS alternative computes too). */
const CHECKED = ['dwellings', 'fg_count', 'fg_share', 'mean_ep', 'total_ef_gwh'] as const;

/** A per-EPCI row of any path: `code` (or `code_epci` for arquero) and the checked figures. */
export type CheckedRow = { code?: string; code_epci?: string } & {
  [K in (typeof CHECKED)[number]]?: number | null;
};

/**
 * Largest relative difference between two per-EPCI results on the checked figures: a check that
 * the compared paths compute the same figures (0 when identical, infinite when rows or nulls
 * differ).
 */
function maxRelativeDifference(a: readonly CheckedRow[], b: readonly CheckedRow[]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  const codeOf = (row: CheckedRow) => row.code ?? row.code_epci;
  const byCode = new Map(b.map((row) => [codeOf(row), row]));
  let worst = 0;
  for (const row of a) {
    const other = byCode.get(codeOf(row));
    if (other === undefined) return Number.POSITIVE_INFINITY;
    for (const key of CHECKED) {
      const x = row[key] ?? null;
      const y = other[key] ?? null;
      if (x === null || y === null) {
        if (x !== y) return Number.POSITIVE_INFINITY;
        continue;
      }
      const scale = Math.max(Math.abs(x), Math.abs(y), 1e-9);
      worst = Math.max(worst, Math.abs(x - y) / scale);
    }
  }
  return worst;
}

/**
 * Checks, on the first filter, that the app's re-aggregation, its pre-aggregated paths and arquero
 * give the same per-EPCI figures; returns the largest relative differences found.
 */
export async function checkFilterResults(
  context: QueryContext,
): Promise<Record<string, number | null>> {
  const reagg = tableRows<CheckedRow>(await appFilterResult(context, 'reagg', 0));
  const preagg = tableRows<CheckedRow>(await appFilterResult(context, 'cube', 0));
  const active = tableRows<CheckedRow>(await appFilterResult(context, 'active', 0));
  const js = context.jsStock
    ? (arqueroEpciAggregates(
        context.jsStock,
        columnFilterOf(filterOfRun(0)),
      ).objects() as CheckedRow[])
    : null;
  return {
    check_preagg_vs_reagg: maxRelativeDifference(preagg, reagg),
    check_active_vs_reagg: maxRelativeDifference(active, reagg),
    check_js_vs_app: js === null ? null : maxRelativeDifference(js, reagg),
  };
}
