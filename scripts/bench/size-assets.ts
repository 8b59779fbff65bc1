/**
 * Per-size inputs derived from a bench stock, built once and cached in bench/tmp: the Arrow IPC
 * files the plain-JS alternative loads (stock and pre-aggregated table, categories as
 * dictionaries), the EPCI codes of the map's features and the drill-down's EPCI. Built in a
 * DuckDB-WASM instance of their own, so that the measured instances stay clean.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { attachFile, startNodeWasm } from '../lib/node-wasm.ts';
import {
  appSetupSql,
  busiestEpciSql,
  createCubeSql,
  cubeRowCountSql,
  featureCodesSql,
  jsCubeSql,
  jsEnumTypesSql,
  jsStockSql,
} from './bench-sql.ts';
import { BENCH_TMP } from './bench-stock.ts';
import { buildCached } from './build-cached.ts';

/** Everything a size's scenarios need besides the stock file. */
export interface SizeAssets {
  rows: number;
  stockPath: string;
  jsStockPath: string;
  jsCubePath: string;
  featureCodes: string[];
  busiestEpci: string;
  busiestEpciRows: number;
  cubeRows: number;
}

/** Builds (or reads from the cache) the assets of the stock at `stockPath`. */
export async function ensureSizeAssets(stockPath: string, rows: number): Promise<SizeAssets> {
  const base = `${BENCH_TMP}/assets-${rows}`;
  const metaPath = `${base}.json`;
  const info = statSync(stockPath);
  const key = JSON.stringify({ v: 3, size: info.size, mtime: info.mtimeMs });
  await buildCached(metaPath, key, async (temporary) => {
    const wasm = await startNodeWasm();
    attachFile(wasm, stockPath, 'stock');
    for (const sql of [...appSetupSql(), createCubeSql(), ...jsEnumTypesSql()]) wasm.rawQuery(sql);
    const rowsOf = <Row>(sql: string) => wasm.appQuery(sql).toArray() as Row[];
    writeFileSync(`${base}-stock.arrow`, wasm.bindings.runQuery(wasm.connectionId, jsStockSql()));
    writeFileSync(`${base}-cube.arrow`, wasm.bindings.runQuery(wasm.connectionId, jsCubeSql()));
    const [busiest] = rowsOf<{ code_epci: string; n: number }>(busiestEpciSql());
    const [cube] = rowsOf<{ n: number }>(cubeRowCountSql());
    const meta: SizeAssets = {
      rows,
      stockPath,
      jsStockPath: `${base}-stock.arrow`,
      jsCubePath: `${base}-cube.arrow`,
      featureCodes: rowsOf<{ code_epci: string }>(featureCodesSql()).map((r) => r.code_epci),
      busiestEpci: busiest?.code_epci ?? '',
      busiestEpciRows: busiest?.n ?? 0,
      cubeRows: cube?.n ?? 0,
    };
    writeFileSync(temporary, JSON.stringify(meta));
  });
  return JSON.parse(readFileSync(metaPath, 'utf8')) as SizeAssets;
}
