/**
 * The `drill-commune` scenario in Node: the app's contour cache fetching the commune files from a
 * local static server over the app's data directory, its pre-aggregate cache on DuckDB-WASM, the
 * layers built and their colour accessors evaluated (no WebGL in Node); against the same files and
 * SQL on DuckDB-WASM alone and on native DuckDB. Then the memory tour of ten départements.
 */
import { CommuneContoursCache } from '../../src/db/commune-contours.ts';
import { createPreaggregateCache } from '../../src/db/preaggregate-cache.ts';
import { tableRows } from '../../src/db/table-rows.ts';
import type { TerritoryHierarchyRow } from '../../src/domain/territory-hierarchy.ts';
import { STOCK_TABLE } from '../../src/sql/tables.ts';
import { territoryHierarchySql } from '../../src/sql/territory-hierarchy-sql.ts';
import { startStaticServer } from '../lib/static-server.ts';
import { BENCH_DATASET } from './bench-sql.ts';
import { toMb } from './bench-stats.ts';
import type { ScenarioSamples } from './bench-types.ts';
import { type DrillAssets, drillHierarchy } from './drill-commune-assets.ts';
import {
  communeFileUrls,
  DRILL_CASES,
  type DrillApp,
  drillApp,
  evaluateAccessors,
} from './drill-commune-core.ts';
import {
  type DrillPaths,
  measureDrillCase,
  summarisePhases,
  tourEntry,
} from './drill-commune-measure.ts';
import { openNative } from './native-db.ts';
import { collectGarbage, heapUsedMb } from './node-memory.ts';
import { startWithStock } from './node-scenarios.ts';

/** Rows of the demo dataset in the stock. */
function stockRowsSql(): string {
  return `SELECT count(*)::DOUBLE AS n FROM ${STOCK_TABLE} WHERE dataset = '${BENCH_DATASET}'`;
}

/** Every case, then the memory tour, in Node. */
export async function runNodeDrillCommune(
  assets: DrillAssets,
  runs: number,
  log: (message: string) => void,
): Promise<ScenarioSamples[]> {
  const wasm = await startWithStock(assets.stockPath);
  const native = await openNative(assets.stockPath);
  const { url, server } = await startStaticServer(assets.dataDir);
  try {
    const rows = Number(tableRows<{ n: number }>(wasm.appQuery(stockRowsSql()))[0]?.n ?? 0);
    const hierarchyRows = tableRows<TerritoryHierarchyRow>(wasm.appQuery(territoryHierarchySql()));
    const app: DrillApp = {
      hierarchy: drillHierarchy(assets, hierarchyRows),
      files: communeFileUrls(assets.manifest.files.communes, url),
      contours: new CommuneContoursCache(),
      indicators: createPreaggregateCache(async (sql: string) => wasm.appQuery(sql)),
    };
    const fetchJson = async (file: string) => (await fetch(file)).json();
    const paths: DrillPaths = {
      raw: { fetchJson, query: async (sql) => wasm.rawQuery(sql) },
      native: { fetchJson, query: (sql) => native.query(sql) },
      draw: async (layers) => {
        evaluateAccessors(layers);
        return null;
      },
      reset: async () => collectGarbage(),
    };
    const wasmHeapMb = () => toMb(wasm.linearMemoryBytes());
    const results: ScenarioSamples[] = [];
    for (const drillCase of DRILL_CASES) {
      log(`drill-commune: node ${drillCase.entry}`);
      const { samples, phases } = await measureDrillCase(app, drillCase, paths, runs);
      results.push({
        scenario: drillCase.entry,
        rows,
        runtime: 'node',
        samples,
        heapMb: heapUsedMb(),
        wasmHeapMb: wasmHeapMb(),
        wasmHeapSource: 'linear_memory',
        details: {
          parent: `${drillCase.parent.level} ${drillCase.parent.code}`,
          ...summarisePhases(phases),
        },
        note: drillCase.label,
      });
    }
    log('drill-commune: node memory tour');
    app.contours.clear();
    const heaps: number[] = [];
    const visits: number[] = [];
    for (const code of assets.tour) {
      collectGarbage();
      const phases = await drillApp(app, { level: 'departement', code }, paths.draw);
      visits.push(phases.contours_ms + phases.query_ms + phases.layer_ms);
      heaps.push(heapUsedMb());
    }
    results.push(
      tourEntry(assets.tour, rows, visits, heaps, {
        runtime: 'node',
        wasmHeapMb: wasmHeapMb(),
        wasmHeapSource: 'linear_memory',
        details: { cached_files: app.contours.cachedFiles().length },
        note: 'one visit per département, largest commune files first; heap after a full collection',
      }),
    );
    return results;
  } finally {
    native.close();
    await new Promise((done) => server.close(done));
  }
}
