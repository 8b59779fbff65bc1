/**
 * The Chromium side of the benchmark, bundled by Vite into bench/tmp/page/ (entry
 * bench/page/bench-page.ts). It runs the app's own modules (`src/db/duckdb.ts`, the SQL
 * builders, the import pipeline) and, beside them, DuckDB-WASM called directly and arquero, and
 * exposes `window.runScenario(name, params)`, which resolves to what Node records. Timings are
 * taken inside the page, so the page load and the Playwright round trip are not counted.
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import type { ColumnTable } from 'arquero';
import { fromCSV } from 'arquero';
import { getDb, runQuery } from '../../../src/db/duckdb.ts';
import type { PreaggregateCache } from '../../../src/db/preaggregate-cache.ts';
import { territoryIndicatorsCache } from '../../../src/db/preaggregate-queries.ts';
import { epciAggregatesSql } from '../../../src/sql/epci-aggregates-sql.ts';
import { epciFillColours } from '../app-colours.ts';
import {
  arqueroActiveTables,
  arqueroEpciAggregates,
  arqueroFillColours,
  loadArquero,
} from '../arquero-baseline.ts';
import { BENCH_DATASET, createCubeSql } from '../bench-sql.ts';
import { pointsPaths, pointsSetupSql } from '../points-scenario.ts';
import {
  checkFilterResults,
  drillPaths,
  type FilterMode,
  filterPaths,
  measurePaths,
  type PathSamples,
  prepareActiveTables,
  type QueryContext,
} from '../scenario-core.ts';
import { startApp } from './page-app.ts';
import { drillCommuneHandlers } from './page-drill-commune.ts';
import { importLikeTheApp, measureImport } from './page-import.ts';
import { type LoadTimings, loadAlone } from './page-load-alone.ts';
import { duckdbMemoryMb, jsHeapMb } from './page-memory.ts';

/** What a cold-start call answers. */
export interface ColdResult {
  ms: number;
  heapMb: number | null;
  wasmHeapMb: number | null;
  /** Where the load alone spent its time. */
  timings?: LoadTimings;
}

/** What a query scenario answers. */
export interface QueriesResult {
  samples: PathSamples;
  wasmHeapMb: number | null;
  details?: Record<string, number | null>;
}

let raw: AsyncDuckDBConnection | null = null;
let jsStock: ColumnTable | undefined;
let jsCube: ColumnTable | undefined;
let jsActive: ColumnTable[] | undefined;
let appCache: PreaggregateCache<Table> | undefined;

async function fetchBytes(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

function context(featureCodes: readonly string[]): QueryContext {
  const connection = raw;
  if (connection === null) throw new Error('bench page: setup was not run');
  return {
    appQuery: runQuery,
    rawQuery: (sql) => connection.query(sql),
    featureCodes,
    jsStock,
    jsCube,
    jsActive,
    appCache,
  };
}

const handlers = {
  /** Cold start to first choropleth through the app's modules (on a freshly loaded page). */
  async coldApp(p: { stockUrl: string; featureCodes: string[] }): Promise<ColdResult> {
    const started = performance.now();
    await startApp(p.stockUrl);
    const aggregates = await runQuery(epciAggregatesSql({ dataset: BENCH_DATASET }));
    const colours = epciFillColours(aggregates, p.featureCodes);
    const ms = performance.now() - started;
    if (colours.length === 0) throw new Error('no colour');
    return { ms, heapMb: jsHeapMb(), wasmHeapMb: await duckdbMemoryMb(runQuery) };
  },
  /** DuckDB-WASM started and the same file attached, nothing else (on a freshly loaded page). */
  async coldLoad(p: { stockUrl: string }): Promise<ColdResult> {
    const started = performance.now();
    const timings = await loadAlone(p.stockUrl);
    return { ms: performance.now() - started, heapMb: null, wasmHeapMb: null, timings };
  },
  /** The plain-JS alternative's cold start: Arrow file to arquero to colours. */
  async coldJs(p: { jsStockUrl: string; featureCodes: string[] }): Promise<ColdResult> {
    const started = performance.now();
    const table = loadArquero(await fetchBytes(p.jsStockUrl));
    arqueroFillColours(arqueroEpciAggregates(table, {}), p.featureCodes);
    return { ms: performance.now() - started, heapMb: null, wasmHeapMb: null };
  },
  /** Loads the stock, the pre-aggregated table and the arquero tables for the query scenarios. */
  async setupQueries(p: {
    stockUrl: string;
    jsStockUrl?: string;
    jsCubeUrl?: string;
  }): Promise<Record<string, number | null>> {
    await startApp(p.stockUrl);
    const buildMs = async (sqls: readonly string[]) => {
      const started = performance.now();
      for (const sql of sqls) await runQuery(sql);
      return Math.round(performance.now() - started);
    };
    const cubeBuildMs = await buildMs([createCubeSql()]);
    // The app's own cache (the one `useTerritoryRows` reads through), on the app's connection.
    appCache = territoryIndicatorsCache;
    const activeStarted = performance.now();
    await prepareActiveTables(appCache);
    const activeBuildMs = Math.round(performance.now() - activeStarted);
    raw = await (await getDb()).connect();
    const heapMb = jsHeapMb();
    if (p.jsStockUrl !== undefined) jsStock = loadArquero(await fetchBytes(p.jsStockUrl));
    if (p.jsCubeUrl !== undefined) {
      jsCube = loadArquero(await fetchBytes(p.jsCubeUrl));
      jsActive = arqueroActiveTables(jsCube);
    }
    const after = jsHeapMb();
    return {
      cubeBuildMs,
      activeBuildMs,
      heapMb,
      jsHeapMb: heapMb === null || after === null ? null : Math.round((after - heapMb) * 10) / 10,
    };
  },
  async filter(p: {
    runs: number;
    mode: FilterMode;
    featureCodes: string[];
  }): Promise<QueriesResult> {
    const ctx = context(p.featureCodes);
    const details = p.mode === 'reagg' ? await checkFilterResults(ctx) : undefined;
    const samples = await measurePaths(filterPaths(ctx, p.mode), p.runs, { warmup: 1 });
    const result: QueriesResult = { samples, wasmHeapMb: await duckdbMemoryMb(runQuery) };
    if (details !== undefined) result.details = details;
    return result;
  },
  async drill(p: {
    runs: number;
    codeEpci: string;
    featureCodes: string[];
  }): Promise<QueriesResult> {
    const samples = await measurePaths(drillPaths(context(p.featureCodes), p.codeEpci), p.runs, {
      warmup: 1,
    });
    return { samples, wasmHeapMb: await duckdbMemoryMb(runQuery) };
  },
  /** The points scenario (`points-scenario.ts`) with `points` located DPE in one commune. */
  async points(p: {
    stockUrl: string;
    points: number;
    runs: number;
  }): Promise<QueriesResult & { heapMb: number | null }> {
    await startApp(p.stockUrl);
    for (const sql of pointsSetupSql(p.points)) await runQuery(sql);
    const connection = await (await getDb()).connect();
    try {
      const samples = await measurePaths(
        pointsPaths(runQuery, (sql) => connection.query(sql)),
        p.runs,
        { warmup: 1, beforeRun: jsHeapMb },
      );
      return { samples, heapMb: jsHeapMb(), wasmHeapMb: await duckdbMemoryMb(runQuery) };
    } finally {
      await connection.close();
    }
  },
  /** Diagnosis: runs SQL on the app's connection `runs` times; answers the times and last rows. */
  async timeSql(p: { sql: string; runs: number }): Promise<{ ms: number[]; rows: unknown[] }> {
    const ms: number[] = [];
    let rows: unknown[] = [];
    for (let run = 0; run < p.runs; run++) {
      const started = performance.now();
      rows = (await runQuery(p.sql)).toArray().map((row) => row.toJSON());
      ms.push(performance.now() - started);
    }
    return { ms, rows };
  },
  /** Import of a DPE CSV: the app's import (its DuckDB-WASM), vs read_csv, vs arquero. */
  async importCsv(p: { csvUrl: string; stockUrl: string; runs: number }) {
    await startApp(p.stockUrl);
    raw = await (await getDb()).connect();
    const blob = await (await fetch(p.csvUrl)).blob();
    const file = new File([blob], 'dpe.csv', { type: 'text/csv' });
    return measureImport({
      file,
      runs: p.runs,
      raw,
      app: () => importLikeTheApp(file),
      js: async () => fromCSV(await file.text()).numRows(),
    });
  },
  ...drillCommuneHandlers,
};

/** Scenario names the page answers. */
export type PageScenario = keyof typeof handlers;

declare global {
  interface Window {
    runScenario(name: PageScenario, params: unknown): Promise<unknown>;
  }
}

/** Exposes `window.runScenario` and says so in the document title. */
export function installBenchPage(): void {
  window.runScenario = (name, params) =>
    (handlers[name] as (params: unknown) => Promise<unknown>)(params);
  document.title = 'bench ready';
}
