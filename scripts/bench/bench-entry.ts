/**
 * Turns raw samples into result entries: medians per path, the ratios of issue 7 and whether each
 * target is met. Pure: every figure comes from the samples of the run.
 */
import { median, ratio, roundMs, roundSignificant } from './bench-stats.ts';
import type {
  BenchEntry,
  BenchTarget,
  PathName,
  ScalingEntry,
  ScenarioSamples,
} from './bench-types.ts';

/** Issue 7 limits, and issue 16's for the import. */
const LIMITS = {
  appOverhead: 1.2,
  /** The app's import (checks, reasons, copy included) against `read_csv` alone. */
  importOverhead: 1.5,
  wasmVsNative: 2,
  coldVsLoad: 2,
  preaggVsReagg: 0.1,
  wasmHeapMb: 1024,
  /** Plain JS must be slower than the app: js / app ≥ 1. */
  jsVsApp: 1,
  /** Elasticity of time to rows: 1 is linear. */
  scanElasticity: 1,
  /** "Flat": time grows at most like the fifth root of the rows. */
  preaggElasticity: 0.2,
} as const;

/**
 * Issue 13 targets of the commune level, by entry of `drill-commune` (Chromium only for the times):
 * the whole Nord drawn in 1 s, an EPCI in 300 ms once its département file is cached.
 */
const COMMUNE_TIME_TARGETS: Readonly<Record<string, { name: string; limitMs: number }>> = {
  'drill-commune-nord': { name: 'Nord ≤ 1 s', limitMs: 1000 },
  'drill-commune-mel-cached': { name: 'cached EPCI ≤ 300 ms', limitMs: 300 },
};

/** Entry of the memory tour, and its limit: heap after ten départements ≤ after the first + this. */
export const COMMUNE_HEAP = { entry: 'drill-commune-heap', growthMb: 150 } as const;

/** Rows from which the WASM heap target (a 5M-row region under 1 GB) applies. */
const HEAP_TARGET_ROWS = 5_000_000;

/**
 * Scenarios where the app must beat the plain-JS alternative: the aggregations, the import
 * (arquero's `fromCSV`) and the points (one object per point).
 */
const BEATS_JS = new Set([
  'cold',
  'filter',
  'filter-preagg',
  'filter-active',
  'drill',
  'import',
  'points',
]);

/** Filter changes answered from pre-aggregated tables. */
const PREAGGREGATED = new Set(['filter-preagg', 'filter-active']);

function target(
  name: string,
  value: number | null,
  limit: number,
  kind: 'max' | 'min' = 'max',
): BenchTarget {
  const met = value === null ? null : kind === 'max' ? value <= limit : value >= limit;
  return { name, value, limit, kind, met };
}

function medianOf(samples: ScenarioSamples, path: PathName): number | null {
  return roundMs(median(samples.samples[path] ?? []));
}

function throughput(rows: number | undefined, ms: number | null): number | null {
  if (rows === undefined || ms === null || ms <= 0) return null;
  return Math.round(rows / (ms / 1000));
}

/** The ratios an entry reports, by scenario. */
function ratiosOf(entry: BenchEntry): Record<string, number | null> {
  const { app_ms: app, wasm_raw_ms: raw, native_ms: native, js_ms: js } = entry;
  if (entry.scenario === 'cold') {
    return {
      app_vs_load: ratio(app, raw),
      app_vs_native: ratio(app, native),
      js_vs_app: ratio(js, app),
    };
  }
  return {
    app_vs_raw: ratio(app, raw),
    wasm_vs_native: ratio(raw, native),
    js_vs_app: ratio(js, app),
  };
}

/** Issue 13 targets: no issue 7 ratio applies, the app path draws a map the raw path does not. */
function communeTargets(entry: BenchEntry): BenchTarget[] {
  if (entry.scenario === COMMUNE_HEAP.entry) {
    const growth = entry.details?.heap_growth_mb;
    const value = typeof growth === 'number' ? growth : null;
    return [target(`heap ≤ first + ${COMMUNE_HEAP.growthMb} MB`, value, COMMUNE_HEAP.growthMb)];
  }
  const time = COMMUNE_TIME_TARGETS[entry.scenario];
  if (time === undefined || entry.runtime !== 'chromium') return [];
  return [target(time.name, entry.app_ms, time.limitMs)];
}

function targetsOf(entry: BenchEntry): BenchTarget[] {
  if (entry.scenario.startsWith('drill-commune')) return communeTargets(entry);
  const r = entry.ratios;
  const targets: BenchTarget[] = [];
  if (entry.scenario === 'cold') {
    targets.push(target('cold ≤ 2× load', r.app_vs_load ?? null, LIMITS.coldVsLoad));
  } else {
    if (entry.scenario === 'import') {
      targets.push(target('app ≤ 1.5× read_csv', r.app_vs_raw ?? null, LIMITS.importOverhead));
    } else if (entry.scenario !== 'points') {
      targets.push(target('app ≤ 1.2× raw', r.app_vs_raw ?? null, LIMITS.appOverhead));
    }
    if (entry.native_ms !== null) {
      targets.push(target('WASM ≤ 2× native', r.wasm_vs_native ?? null, LIMITS.wasmVsNative));
    }
  }
  if (BEATS_JS.has(entry.scenario)) {
    targets.push(target('JS ≥ 1× app', r.js_vs_app ?? null, LIMITS.jsVsApp, 'min'));
  }
  if (
    entry.rows >= HEAP_TARGET_ROWS &&
    entry.wasm_heap_mb !== null &&
    entry.scenario !== 'import'
  ) {
    targets.push(target('WASM heap ≤ 1 GB', entry.wasm_heap_mb, LIMITS.wasmHeapMb));
  }
  return targets;
}

/** Median per path, ratios and targets of one scenario's samples. */
export function summariseSamples(samples: ScenarioSamples): BenchEntry {
  const runs = Math.max(0, ...Object.values(samples.samples).map((values) => values.length));
  const entry: BenchEntry = {
    scenario: samples.scenario,
    rows: samples.rows,
    runtime: samples.runtime,
    app_ms: medianOf(samples, 'app'),
    wasm_raw_ms: medianOf(samples, 'wasm_raw'),
    native_ms: medianOf(samples, 'native'),
    js_ms: medianOf(samples, 'js'),
    runs,
    samples_ms: Object.fromEntries(
      Object.entries(samples.samples).map(([path, values]) => [
        path,
        values.map((value) => roundMs(value) ?? value),
      ]),
    ),
    heap_mb: samples.heapMb,
    js_heap_mb: samples.jsHeapMb ?? null,
    wasm_heap_mb: samples.wasmHeapMb,
    wasm_heap_source: samples.wasmHeapSource ?? null,
    ratios: {},
    targets: [],
  };
  entry.ratios = ratiosOf(entry);
  if (samples.processedRows !== undefined) {
    entry.rows_per_s = {
      app: throughput(samples.processedRows, entry.app_ms),
      wasm_raw: throughput(samples.processedRows, entry.wasm_raw_ms),
      native: throughput(samples.processedRows, entry.native_ms),
      js: throughput(samples.processedRows, entry.js_ms),
    };
  }
  if (samples.details !== undefined) entry.details = samples.details;
  if (samples.note !== undefined) entry.note = samples.note;
  entry.targets = targetsOf(entry);
  return entry;
}

/**
 * Adds the ratios that span two entries: each pre-aggregated filter path against the raw
 * re-aggregation of the same run, size and runtime (target ≤ 0.1).
 */
export function linkEntries(entries: readonly BenchEntry[]): BenchEntry[] {
  return entries.map((entry) => {
    if (!PREAGGREGATED.has(entry.scenario)) return entry;
    const reagg = entries.find(
      (other) =>
        other.scenario === 'filter' && other.rows === entry.rows && other.runtime === entry.runtime,
    );
    const value = ratio(entry.app_ms, reagg?.app_ms);
    return {
      ...entry,
      ratios: { ...entry.ratios, preagg_vs_reagg: value },
      targets: [target('preagg ≤ 0.1× reagg', value, LIMITS.preaggVsReagg), ...entry.targets],
    };
  });
}

/** Growth of the app path from the smallest to the largest size, per scenario and runtime. */
export function computeScaling(entries: readonly BenchEntry[]): ScalingEntry[] {
  const groups = new Map<string, BenchEntry[]>();
  for (const entry of entries) {
    if (entry.scenario === 'import') continue;
    const key = `${entry.scenario}|${entry.runtime}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const scaling: ScalingEntry[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.rows - b.rows);
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    if (first === undefined || last === undefined || first.rows === last.rows) continue;
    const timeRatio = ratio(last.app_ms, first.app_ms);
    const elasticity =
      timeRatio === null
        ? null
        : roundSignificant(
            Math.log(Math.max(timeRatio, 1e-9)) / Math.log(last.rows / first.rows),
            2,
          );
    const preagg = PREAGGREGATED.has(first.scenario);
    scaling.push({
      scenario: first.scenario,
      runtime: first.runtime,
      from_rows: first.rows,
      to_rows: last.rows,
      time_ratio: timeRatio,
      elasticity,
      target: preagg
        ? target('flat: elasticity ≤ 0.2', elasticity, LIMITS.preaggElasticity)
        : target('linear: elasticity ≤ 1', elasticity, LIMITS.scanElasticity),
    });
  }
  return scaling;
}
