/**
 * The scenarios in Node: DuckDB-WASM through its blocking bundle (app path and raw path), native
 * DuckDB, and arquero, side by side in one process.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromCSV } from 'arquero';
import { createPreaggregateCache } from '../../src/db/preaggregate-cache.ts';
import { runImport } from '../../src/ingest/run-import.ts';
import { epciAggregatesSql } from '../../src/sql/epci-aggregates-sql.ts';
import { insertImportedStockSql, stagingSummarySql } from '../../src/sql/imported-stock-sql.ts';
import {
  attachFile,
  type NodeWasm,
  nodeWasmImportEngine,
  registerPath,
  startNodeWasm,
} from '../lib/node-wasm.ts';
import { pathSource } from '../lib/path-source.ts';
import { epciFillColours } from './app-colours.ts';
import {
  arqueroActiveTables,
  arqueroEpciAggregates,
  arqueroFillColours,
  loadArquero,
} from './arquero-baseline.ts';
import type { ImportPlan } from './bench-options.ts';
import {
  appSetupSql,
  BENCH_DATASET,
  createActiveTablesSql,
  createCubeSql,
  readDpeCsvSql,
  resetImportedStockSql,
} from './bench-sql.ts';
import { toMb } from './bench-stats.ts';
import type { ScenarioSamples } from './bench-types.ts';
import { fileReadDetails, timeFileReads } from './import-file-read.ts';
import { openNative } from './native-db.ts';
import { collectGarbage, heapUsedMb } from './node-memory.ts';
import { pointsPaths, pointsSetupSql } from './points-scenario.ts';
import {
  checkFilterResults,
  drillPaths,
  FILTER_ENTRY,
  FILTER_MODES,
  type FilterMode,
  filterPaths,
  measurePaths,
  prepareActiveTables,
  type QueryContext,
} from './scenario-core.ts';
import type { SizeAssets } from './size-assets.ts';

const wasmHeapOf = (wasm: NodeWasm) => toMb(wasm.linearMemoryBytes());

/** With BENCH_VERBOSE=1, every run is logged on stderr. */
const onRun = process.env.BENCH_VERBOSE
  ? (path: string, run: number, ms: number) =>
      console.error(`bench:   ${path} run ${run}: ${ms.toFixed(1)} ms`)
  : undefined;
const traced = { ...(onRun === undefined ? {} : { onRun }) };

/** A DuckDB-WASM instance with the stock attached and the app's setup run, as the app starts. */
export async function startWithStock(stockPath: string): Promise<NodeWasm> {
  const wasm = await startNodeWasm();
  attachFile(wasm, stockPath, 'stock');
  for (const sql of appSetupSql()) wasm.appQuery(sql);
  return wasm;
}

/**
 * Cold start to first choropleth: a new DuckDB-WASM, the stock file read and attached, the app's
 * view, per-EPCI aggregates and fill colours; against the same new DuckDB-WASM with the file
 * attached and nothing else (load alone).
 */
export async function runNodeCold(assets: SizeAssets, runs: number): Promise<ScenarioSamples> {
  let kept: { wasm: NodeWasm; colours: Uint8Array } | null = null;
  const aggregates = epciAggregatesSql({ dataset: BENCH_DATASET });
  const samples = await measurePaths(
    {
      app: async () => {
        const wasm = await startWithStock(assets.stockPath);
        kept = { wasm, colours: epciFillColours(wasm.appQuery(aggregates), assets.featureCodes) };
      },
      wasm_raw: async () => {
        const wasm = await startNodeWasm();
        attachFile(wasm, assets.stockPath, 'stock');
      },
      native: async () => {
        const native = await openNative(assets.stockPath);
        await native.query(aggregates);
        native.close();
      },
      js: async () => {
        const table = loadArquero(readFileSync(assets.jsStockPath));
        return arqueroFillColours(arqueroEpciAggregates(table, {}), assets.featureCodes);
      },
    },
    runs,
    { beforeRun: collectGarbage, ...traced },
  );
  // Measured once the runs are over, with the last app instance still held.
  const app = kept as { wasm: NodeWasm; colours: Uint8Array } | null;
  return {
    scenario: 'cold',
    rows: assets.rows,
    runtime: 'node',
    samples,
    heapMb: app === null ? null : heapUsedMb(),
    wasmHeapMb: app === null ? null : wasmHeapOf(app.wasm),
    wasmHeapSource: 'linear_memory',
    details: { stock_file_mb: toMb(readFileSync(assets.stockPath).byteLength) },
  };
}

/**
 * Filter change (raw re-aggregation, the cube, the app's pre-aggregate cache) and drill-down, on
 * one DuckDB-WASM instance holding the stock and the pre-aggregated tables, as the app would.
 */
export async function runNodeQueries(
  assets: SizeAssets,
  runs: number,
  scenarios: { filter: boolean; drill: boolean },
): Promise<ScenarioSamples[]> {
  const wasm = await startWithStock(assets.stockPath);
  const native = await openNative(assets.stockPath);
  try {
    const buildMs = (sqls: readonly string[]) => {
      const started = performance.now();
      for (const sql of sqls) wasm.appQuery(sql);
      return Math.round(performance.now() - started);
    };
    const cubeBuildMs = buildMs([createCubeSql()]);
    // The app's cache on this instance; the first change of each filter builds its table.
    const appCache = createPreaggregateCache(async (sql: string) => wasm.appQuery(sql));
    const activeStarted = performance.now();
    await prepareActiveTables(appCache);
    const activeBuildMs = Math.round(performance.now() - activeStarted);
    for (const sql of [createCubeSql(), ...createActiveTablesSql()]) await native.query(sql);
    const heapMb = heapUsedMb();
    const jsStock = loadArquero(readFileSync(assets.jsStockPath));
    const jsCube = loadArquero(readFileSync(assets.jsCubePath));
    const jsHeapMb = Math.round((heapUsedMb() - heapMb) * 10) / 10;
    const context: QueryContext = {
      appQuery: async (sql) => wasm.appQuery(sql),
      rawQuery: async (sql) => wasm.rawQuery(sql),
      nativeQuery: (sql) => native.query(sql),
      featureCodes: assets.featureCodes,
      jsStock,
      jsCube,
      jsActive: arqueroActiveTables(jsCube),
      appCache,
    };
    const base = { rows: assets.rows, runtime: 'node' as const, heapMb, jsHeapMb };
    const results: ScenarioSamples[] = [];
    if (scenarios.filter) {
      const checks = await checkFilterResults(context);
      const details: Record<FilterMode, ScenarioSamples['details']> = {
        reagg: checks,
        cube: { cube_rows: assets.cubeRows, build_ms: cubeBuildMs },
        active: { build_ms: activeBuildMs },
      };
      for (const mode of FILTER_MODES) {
        const samples = await measurePaths(filterPaths(context, mode), runs, {
          warmup: 1,
          ...traced,
        });
        results.push({
          ...base,
          scenario: FILTER_ENTRY[mode],
          samples,
          wasmHeapMb: wasmHeapOf(wasm),
          wasmHeapSource: 'linear_memory',
          details: details[mode],
        });
      }
    }
    if (scenarios.drill) {
      const samples = await measurePaths(drillPaths(context, assets.busiestEpci), runs, {
        warmup: 1,
        ...traced,
      });
      results.push({
        ...base,
        scenario: 'drill',
        samples,
        wasmHeapMb: wasmHeapOf(wasm),
        wasmHeapSource: 'linear_memory',
        details: { code_epci: assets.busiestEpci, epci_rows: assets.busiestEpciRows },
      });
    }
    return results;
  } finally {
    native.close();
  }
}

const IMPORT_DATASET = 'bench_dpe';

/**
 * The app's import in Node: the pipeline of the browser (`runImport` on DuckDB-WASM, here its
 * blocking bundle), the rejected rows fetched, then the accepted rows copied into the imported
 * datasets as the import dialog does.
 */
async function importLikeTheApp(wasm: NodeWasm, csvPath: string): Promise<number> {
  const run = await runImport({
    engine: nodeWasmImportEngine(wasm),
    // A file on disk, read in place as the browser's File is (the bytes are not copied in).
    sources: [pathSource(csvPath)],
    dataset: IMPORT_DATASET,
    kind: 'dpe',
  });
  try {
    await run.rejectedRows();
    const staging = `(${run.acceptedSql})`;
    wasm.appQuery(stagingSummarySql({ staging }));
    wasm.appQuery(insertImportedStockSql({ dataset: IMPORT_DATASET, staging }));
    return run.report.accepted;
  } finally {
    await run.dispose();
  }
}

/**
 * Import of a DPE CSV: the app's reader and mapper into DuckDB-WASM, against DuckDB-WASM's and
 * native DuckDB's `read_csv` of the same file, and arquero's `fromCSV`.
 */
export async function runNodeImport(
  csvPath: string,
  plan: ImportPlan,
  territoryStock: string,
  runs: number,
): Promise<ScenarioSamples> {
  const { rows } = plan;
  const bytes = readFileSync(csvPath);
  const wasm = await startWithStock(territoryStock);
  wasm.bindings.registerFileBuffer('dpe.csv', new Uint8Array(bytes));
  // The same read on the file where it is, as the app reads it (see `import-file-read.ts`).
  registerPath(wasm, 'dpe-file.csv', csvPath);
  const native = await openNative();
  let accepted = 0;
  let rawRows = 0;
  try {
    const samples = await measurePaths(
      {
        app: async () => {
          accepted = await importLikeTheApp(wasm, csvPath);
        },
        wasm_raw: async () => {
          // CREATE TABLE AS answers with the count of rows it inserted.
          rawRows = Number(wasm.appQuery(readDpeCsvSql('dpe.csv')).toArray()[0]?.Count ?? 0);
        },
        native: () => native.query(readDpeCsvSql(resolve(csvPath))),
        js: async () => fromCSV(new TextDecoder().decode(bytes)).numRows(),
      },
      runs,
      {
        ...traced,
        beforeRun: () => {
          const cleaning = performance.now();
          for (const sql of resetImportedStockSql()) wasm.rawQuery(sql);
          collectGarbage();
          onRun?.('cleanup', 0, performance.now() - cleaning);
        },
      },
    );
    const fileReads = await timeFileReads(runs, async () => {
      wasm.appQuery(readDpeCsvSql('dpe-file.csv'));
    });
    return {
      scenario: 'import',
      rows,
      runtime: 'node',
      samples,
      heapMb: heapUsedMb(),
      wasmHeapMb: wasmHeapOf(wasm),
      wasmHeapSource: 'linear_memory',
      processedRows: rows,
      details: {
        csv_mb: toMb(bytes.byteLength),
        app_accepted: accepted,
        wasm_read_csv_rows: rawRows,
        ...fileReadDetails(fileReads, samples),
      },
    };
  } finally {
    native.close();
  }
}

/** The `points` scenario in Node (`points-scenario.ts`) on the territory of `territoryStock`. */
export async function runNodePoints(
  territoryStock: string,
  points: number,
  runs: number,
): Promise<ScenarioSamples> {
  const wasm = await startWithStock(territoryStock);
  for (const sql of pointsSetupSql(points)) wasm.appQuery(sql);
  const samples = await measurePaths(
    pointsPaths(
      async (sql) => wasm.appQuery(sql),
      async (sql) => wasm.rawQuery(sql),
    ),
    runs,
    { ...traced, warmup: 1, beforeRun: collectGarbage },
  );
  return {
    scenario: 'points',
    rows: points,
    runtime: 'node',
    samples,
    heapMb: heapUsedMb(),
    wasmHeapMb: wasmHeapOf(wasm),
    wasmHeapSource: 'linear_memory',
  };
}
