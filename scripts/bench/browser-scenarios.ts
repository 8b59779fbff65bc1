/**
 * The scenarios in headless Chromium, each call on the bench page timed inside the page. Cold
 * starts load the page afresh before every run, so that each one starts a new DuckDB-WASM.
 */
import type { ImportPlan } from './bench-options.ts';
import type { ScenarioSamples } from './bench-types.ts';
import type { DrillCaseResult } from './browser/page-drill-commune.ts';
import type { ColdResult, QueriesResult } from './browser/page-runtime.ts';
import type { BrowserBench } from './browser-runner.ts';
import type { DrillAssets } from './drill-commune-assets.ts';
import { DRILL_CASES, type DrillPhases } from './drill-commune-core.ts';
import { summarisePhases, tourEntry } from './drill-commune-measure.ts';
import { FILTER_ENTRY, FILTER_MODES, type FilterMode, measurePaths } from './scenario-core.ts';
import type { SizeAssets } from './size-assets.ts';

/** What every page call measures, as a result row of the Chromium runtime. */
const measured = (result: {
  samples: ScenarioSamples['samples'];
  heapMb: number | null;
  wasmHeapMb: number | null;
}) =>
  ({
    runtime: 'chromium',
    samples: result.samples,
    heapMb: result.heapMb,
    wasmHeapMb: result.wasmHeapMb,
    wasmHeapSource: 'duckdb_memory',
  }) as const;

/** Cold start in Chromium: app path, DuckDB-WASM load alone, arquero. */
export async function runBrowserCold(
  bench: BrowserBench,
  assets: SizeAssets,
  runs: number,
): Promise<ScenarioSamples> {
  const stockUrl = bench.urlOf(assets.stockPath);
  const featureCodes = assets.featureCodes;
  let last: ColdResult | null = null;
  let load: ColdResult | null = null;
  const fresh = { fresh: true };
  const samples = await measurePaths(
    {
      app: async () => {
        last = await bench.call<ColdResult>('coldApp', { stockUrl, featureCodes }, fresh);
        return last.ms;
      },
      wasm_raw: async () => {
        load = await bench.call<ColdResult>('coldLoad', { stockUrl }, fresh);
        return load.ms;
      },
      js: async () => {
        // No DuckDB on this path: a fresh page is not needed.
        const params = { jsStockUrl: bench.urlOf(assets.jsStockPath), featureCodes };
        return (await bench.call<ColdResult>('coldJs', params)).ms;
      },
    },
    runs,
    { reported: true },
  );
  const app = last as ColdResult | null;
  const timings = (load as ColdResult | null)?.timings;
  return {
    scenario: 'cold',
    rows: assets.rows,
    runtime: 'chromium',
    samples,
    heapMb: app?.heapMb ?? null,
    wasmHeapMb: app?.wasmHeapMb ?? null,
    wasmHeapSource: 'duckdb_memory',
    ...(timings === undefined ? {} : { details: { ...timings } }),
  };
}

/** Filter change (both paths) and drill-down in Chromium, on one page load. */
export async function runBrowserQueries(
  bench: BrowserBench,
  assets: SizeAssets,
  runs: number,
  scenarios: { filter: boolean; drill: boolean },
): Promise<ScenarioSamples[]> {
  const setup = await bench.call<Record<string, number | null>>(
    'setupQueries',
    {
      stockUrl: bench.urlOf(assets.stockPath),
      jsStockUrl: bench.urlOf(assets.jsStockPath),
      jsCubeUrl: bench.urlOf(assets.jsCubePath),
    },
    { fresh: true },
  );
  const featureCodes = assets.featureCodes;
  const base = {
    rows: assets.rows,
    runtime: 'chromium' as const,
    heapMb: setup.heapMb ?? null,
    jsHeapMb: setup.jsHeapMb ?? null,
    wasmHeapSource: 'duckdb_memory' as const,
  };
  const results: ScenarioSamples[] = [];
  const entry = (scenario: string, result: QueriesResult, details?: ScenarioSamples['details']) => {
    const samples: ScenarioSamples = {
      ...base,
      scenario,
      samples: result.samples,
      wasmHeapMb: result.wasmHeapMb,
    };
    const merged = { ...result.details, ...details };
    if (Object.keys(merged).length > 0) samples.details = merged;
    return samples;
  };
  if (scenarios.filter) {
    const details: Record<FilterMode, ScenarioSamples['details']> = {
      reagg: {},
      cube: { cube_rows: assets.cubeRows, build_ms: setup.cubeBuildMs ?? null },
      active: { build_ms: setup.activeBuildMs ?? null },
    };
    for (const mode of FILTER_MODES) {
      const result = await bench.call<QueriesResult>('filter', { runs, mode, featureCodes });
      results.push(entry(FILTER_ENTRY[mode], result, details[mode]));
    }
  }
  if (scenarios.drill) {
    const params = { runs, codeEpci: assets.busiestEpci, featureCodes };
    const drill = await bench.call<QueriesResult>('drill', params);
    results.push(
      entry('drill', drill, { code_epci: assets.busiestEpci, epci_rows: assets.busiestEpciRows }),
    );
  }
  return results;
}

/** Import of the DPE CSV in Chromium (territory reference: the stock at `stockPath`). */
export async function runBrowserImport(
  bench: BrowserBench,
  csvPath: string,
  plan: ImportPlan,
  stockPath: string,
  runs: number,
): Promise<ScenarioSamples> {
  const { rows } = plan;
  const result = await bench.call<{
    samples: ScenarioSamples['samples'];
    heapMb: number | null;
    wasmHeapMb: number | null;
    details: Record<string, number>;
  }>(
    'importCsv',
    { csvUrl: bench.urlOf(csvPath), stockUrl: bench.urlOf(stockPath), runs },
    { fresh: true },
  );
  return {
    scenario: 'import',
    rows,
    ...measured(result),
    processedRows: rows,
    details: result.details,
  };
}

/** The `points` scenario in Chromium, on a fresh page with the stock at `stockPath`. */
export async function runBrowserPoints(
  bench: BrowserBench,
  stockPath: string,
  points: number,
  runs: number,
): Promise<ScenarioSamples> {
  const result = await bench.call<QueriesResult & { heapMb: number | null }>(
    'points',
    { stockUrl: bench.urlOf(stockPath), points, runs },
    { fresh: true },
  );
  return {
    scenario: 'points',
    rows: points,
    ...measured(result),
  };
}

/**
 * `drill-commune` in Chromium, on one page load (the app's state carries from case to case, as in a
 * session): every case, then the memory tour with the heap after each visit.
 */
export async function runBrowserDrillCommune(
  bench: BrowserBench,
  assets: DrillAssets,
  rows: number,
  runs: number,
  log: (message: string) => void,
): Promise<ScenarioSamples[]> {
  const dataUrl = `${bench.urlOf(assets.servedDir)}/`;
  await bench.call('drillCommuneSetup', { dataUrl }, { fresh: true });
  const results: ScenarioSamples[] = [];
  for (const [index, drillCase] of DRILL_CASES.entries()) {
    log(`drill-commune: chromium ${drillCase.entry}`);
    const result = await bench.call<DrillCaseResult>('drillCommuneCase', { index, runs });
    results.push({
      scenario: drillCase.entry,
      rows,
      ...measured(result),
      details: {
        parent: `${drillCase.parent.level} ${drillCase.parent.code}`,
        ...summarisePhases(result.phases),
      },
      note: drillCase.label,
    });
  }
  log('drill-commune: chromium memory tour');
  const heaps: (number | null)[] = [];
  const backing: (number | null)[] = [];
  const visits: number[] = [];
  for (const [index, code] of assets.tour.entries()) {
    const visit = await bench.call<{ phases: DrillPhases; heapMb: number | null }>(
      'drillCommuneVisit',
      { code, first: index === 0 },
    );
    const { phases } = visit;
    visits.push(phases.contours_ms + phases.query_ms + phases.layer_ms);
    heaps.push(visit.heapMb);
    backing.push((await bench.heapUsage()).backingStorageMb);
  }
  results.push(
    tourEntry(assets.tour, rows, visits, heaps, {
      runtime: 'chromium',
      wasmHeapMb: null,
      details: {
        backing_store_first_mb: backing[0] ?? null,
        backing_store_last_mb: backing.at(-1) ?? null,
      },
      note: 'one visit per département, largest commune files first; heap after gc() (--expose-gc)',
    }),
  );
  return results;
}
